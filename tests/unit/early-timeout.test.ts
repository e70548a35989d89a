import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import validateFibonacciRequest from '../../src/generated/fibonacci-request.validator.js';
import { createHandler } from '../../src/index.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';
import { recordingLogger } from '../support/recording-logger.js';

/** Returns a context whose invocation has 100 ms left, as Lambda reports it. */
function contextWith100MillisLeft() {
  return { ...lambdaContext('slow-request'), getRemainingTimeInMillis: () => 100 };
}

/** Builds a handler whose business function takes 300 ms. */
function slowHandler(extra: { timeoutEarlyInMillis?: number } = {}) {
  const { log, records } = recordingLogger();
  const handler = createHandler({
    handler: async () => {
      await sleep(300);
      return { done: true };
    },
    validator: validateFibonacciRequest,
    accepted: '{"fib": n}',
    logger: log,
    ...extra,
  });
  return { handler, records };
}

describe('timeoutEarlyInMillis option', () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '5'])('rejects %p', (value) => {
    const build = () =>
      createHandler({
        handler: () => 'result',
        validator: validateFibonacciRequest,
        accepted: '{"fib": n}',
        timeoutEarlyInMillis: value as number,
      });

    expect(build).toThrow('"timeoutEarlyInMillis" must be a number of milliseconds, 0 or more');
  });

  it('is off by default', async () => {
    const { handler } = slowHandler();

    const reply = await handler({ fib: 7 }, contextWith100MillisLeft());

    expect(reply).toEqual({ done: true });
  });

  it('fails a slow REST request with 500', async () => {
    const { handler, records } = slowHandler({ timeoutEarlyInMillis: 50 });

    const reply = (await handler(loadEvent('api-gateway-rest'), contextWith100MillisLeft())) as {
      statusCode: number;
      body: string;
    };

    expect(reply.statusCode).toBe(500);
    expect(JSON.parse(reply.body).requestId).toBe('slow-request');
    expect(records).toHaveLength(1);
    expect(records[0]?.level).toBe('error');
    expect(records[0]?.cause?.name).toBe('TimeoutError');
  });

  it('fails a slow direct invocation', async () => {
    const { handler } = slowHandler({ timeoutEarlyInMillis: 50 });

    const invocation = handler({ fib: 7 }, contextWith100MillisLeft());

    await expect(invocation).rejects.toThrow('The function failed while handling request');
  });
});
