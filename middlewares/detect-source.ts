import type { AnySourceAdapter } from '../src/framework/source-adapter.js';
import { type PipelineMiddleware, pipelineState } from './pipeline-state.js';

/** Two sources claimed one event: their guards overlap, which is a configuration fault. */
export class AmbiguousSourceError extends Error {
  constructor(first: string, second: string) {
    super(
      `Sources "${first}" and "${second}" both claim this event. ` +
        'Make their guards exclusive, or force one source for this function.',
    );
    this.name = 'AmbiguousSourceError';
  }
}

/**
 * Decides which source sent the event: exactly one of `sources` must claim it, and
 * `fallback` takes an event that none claims. The choice is stored for the later
 * middlewares.
 */
export function detectSource(
  sources: readonly AnySourceAdapter[],
  fallback: AnySourceAdapter,
): PipelineMiddleware {
  return {
    name: 'detectSource',
    before(request) {
      let claimant: AnySourceAdapter | undefined;
      for (const source of sources) {
        if (!source.claims(request.event)) continue;
        if (claimant !== undefined) throw new AmbiguousSourceError(claimant.name, source.name);
        claimant = source;
      }
      const state = pipelineState(request);
      state.source = claimant ?? fallback;
      state.usedFallback = claimant === undefined;
    },
  };
}
