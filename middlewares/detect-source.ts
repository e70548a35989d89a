import { InvalidRequestError } from '../src/framework/errors.js';
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
 * `fallback` takes an event that none claims. With a `forced` source, only that
 * source's guard runs, and an event it does not claim is rejected. The choice is
 * stored for the later middlewares.
 */
export function detectSource(
  sources: readonly AnySourceAdapter[],
  fallback: AnySourceAdapter,
  forced: AnySourceAdapter | undefined,
): PipelineMiddleware {
  if (forced !== undefined) {
    return {
      name: 'detectSource',
      before(request) {
        const state = pipelineState(request);
        state.detection = 'forced';
        if (!forced.claims(request.event)) {
          throw new InvalidRequestError(
            `This function is configured to take only "${forced.name}" events, ` +
              'and the event does not have that shape.',
          );
        }
        state.source = forced;
      },
    };
  }
  return {
    name: 'detectSource',
    before(request) {
      // An indexed loop creates no iterator, so detection allocates nothing.
      let claimant: AnySourceAdapter | undefined;
      for (let index = 0; index < sources.length; index++) {
        const source = sources[index] as AnySourceAdapter;
        if (!source.claims(request.event)) continue;
        if (claimant !== undefined) throw new AmbiguousSourceError(claimant.name, source.name);
        claimant = source;
      }
      const state = pipelineState(request);
      state.source = claimant ?? fallback;
      state.detection = claimant === undefined ? 'fallback' : 'claimed';
    },
  };
}
