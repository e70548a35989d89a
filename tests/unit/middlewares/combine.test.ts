import { describe, expect, it } from '@jest/globals';
import middy from '@middy/core';
import { combineMiddlewares } from '../../../middlewares/combine.js';
import type { PipelineMiddleware, PipelineRequest } from '../../../middlewares/pipeline-state.js';
import { lambdaContext } from '../../support/fixtures.js';

/** How one step of a traced middleware behaves. */
type Behaviour = 'pass' | 'async' | 'throw' | 'respond' | 'respond-async' | 'set-early';

/** Returns a middleware that records each of its steps in `trace` and acts as `behaviours` sets. */
function traced(
  label: string,
  trace: string[],
  behaviours: Partial<Record<'before' | 'after' | 'onError', Behaviour>> = {},
): PipelineMiddleware {
  const step =
    (phase: 'before' | 'after' | 'onError') =>
    (request: PipelineRequest): unknown => {
      trace.push(`${label}.${phase}`);
      switch (behaviours[phase] ?? 'pass') {
        case 'async':
          return Promise.resolve().then(() => {
            trace.push(`${label}.${phase} settled`);
          });
        case 'throw':
          throw new Error(`${label}.${phase} failed`);
        case 'respond':
          return `early from ${label}`;
        case 'respond-async':
          return Promise.resolve(`early from ${label}`);
        case 'set-early':
          request.earlyResponse = `early set by ${label}`;
          return undefined;
        default:
          if (phase === 'onError') request.response = `handled by ${label}`;
          return undefined;
      }
    };
  return { name: label, before: step('before'), after: step('after'), onError: step('onError') };
}

/** Runs the same middlewares one by one and combined, and returns both outcomes. */
async function runBoth(
  behaviours: Record<string, Partial<Record<'before' | 'after' | 'onError', Behaviour>>>,
  handlerFails = false,
) {
  const outcomes = [];
  for (const combine of [false, true]) {
    const trace: string[] = [];
    const middlewares = ['a', 'b', 'c'].map((label) => traced(label, trace, behaviours[label]));
    const business = async () => {
      trace.push('handler');
      if (handlerFails) throw new Error('handler failed');
      return 'result';
    };
    const handler = middy(business, { timeoutEarlyInMillis: 0 });
    if (combine) handler.use(combineMiddlewares('combined', middlewares));
    else for (const middleware of middlewares) handler.use(middleware);
    let outcome: unknown;
    try {
      outcome = await handler({}, lambdaContext());
    } catch (error) {
      outcome = `threw ${(error as Error).message}`;
    }
    outcomes.push({ outcome, trace });
  }
  return { separate: outcomes[0], combined: outcomes[1] };
}

describe('combineMiddlewares', () => {
  const scenarios: [string, Parameters<typeof runBoth>[0], boolean][] = [
    ['every step passes', {}, false],
    ['a before step is asynchronous', { a: { before: 'async' }, b: { before: 'async' } }, false],
    ['a before step throws', { b: { before: 'throw' } }, false],
    ['a before step responds early', { b: { before: 'respond' } }, false],
    ['an async before step responds', { a: { before: 'respond-async' } }, false],
    ['a before step sets earlyResponse', { b: { before: 'set-early' } }, false],
    [
      'an async step precedes earlyResponse',
      { a: { before: 'async' }, b: { before: 'set-early' } },
      false,
    ],
    ['an after step sets earlyResponse', { c: { after: 'set-early' } }, false],
    ['an after step throws', { b: { after: 'throw' } }, false],
    ['an after step is asynchronous', { c: { after: 'async' } }, false],
    ['the handler throws', {}, true],
    ['an onError step throws', { c: { onError: 'throw' } }, true],
    ['an onError step responds', { b: { onError: 'respond' } }, true],
  ];

  it.each(scenarios)('matches Middy when %s', async (_label, behaviours, handlerFails) => {
    const { separate, combined } = await runBoth(behaviours, handlerFails);

    expect(combined?.trace).toEqual(separate?.trace);
    expect(combined?.outcome).toEqual(separate?.outcome);
  });

  it('runs after steps in reverse order', async () => {
    const { combined } = await runBoth({});

    expect(combined?.trace).toEqual([
      'a.before',
      'b.before',
      'c.before',
      'handler',
      'c.after',
      'b.after',
      'a.after',
    ]);
  });

  it('leaves out phases no middleware has', () => {
    const combined = combineMiddlewares('only-before', [{ before: () => undefined }]);

    expect(combined.before).toBeInstanceOf(Function);
    expect(combined.after).toBeUndefined();
    expect(combined.onError).toBeUndefined();
  });
});
