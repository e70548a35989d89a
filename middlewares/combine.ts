import type { PipelineMiddleware, PipelineRequest } from './pipeline-state.js';

type Step = (request: PipelineRequest) => unknown;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs the steps from `first` on, in order, as Middy 6 runs a stack of middlewares.
 * A step that returns a value other than undefined, or a promise of one, ends the
 * stack, which then returns that value. A step that sets `request.earlyResponse` ends
 * it too. Steps that return undefined run without an await, so a stack of synchronous
 * steps costs one await in Middy instead of one per step.
 */
function runSteps(steps: readonly Step[], request: PipelineRequest, first: number): unknown {
  for (let index = first; index < steps.length; index++) {
    const result = (steps[index] as Step)(request);
    if (result === undefined) {
      // Middy itself then ends the stack when the combined middleware returns.
      if (Object.hasOwn(request, 'earlyResponse')) return undefined;
      continue;
    }
    if (!isPromiseLike(result)) return result;
    return Promise.resolve(result).then((value) => {
      if (value !== undefined || Object.hasOwn(request, 'earlyResponse')) return value;
      return runSteps(steps, request, index + 1);
    });
  }
  return undefined;
}

function stackOf(
  steps: readonly (Step | undefined)[],
): ((request: PipelineRequest) => unknown) | undefined {
  const present = steps.filter((step): step is Step => step !== undefined);
  if (present.length === 0) return undefined;
  return (request) => runSteps(present, request, 0);
}

/**
 * Combines middlewares into one that behaves as if each had been added with
 * `.use()` in the given order: `before` steps run in that order, `after` and `onError`
 * steps in reverse order. Middy 6 awaits every middleware it runs, which costs time
 * on every invocation (docs/performance.md), so the pipeline registers its five steps
 * as one.
 */
export function combineMiddlewares(
  name: string,
  middlewares: readonly PipelineMiddleware[],
): PipelineMiddleware {
  const reversed = [...middlewares].reverse();
  const combined: PipelineMiddleware = { name };
  const before = stackOf(middlewares.map((middleware) => middleware.before));
  const after = stackOf(reversed.map((middleware) => middleware.after));
  const onError = stackOf(reversed.map((middleware) => middleware.onError));
  if (before) combined.before = before;
  if (after) combined.after = after;
  if (onError) combined.onError = onError;
  return combined;
}
