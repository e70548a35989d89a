import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { computeFibonacci, type FibonacciRequest } from '../../src/fibonacci.js';
import { createHandler } from '../../src/framework/create-handler.js';
import type { OutcomeLogRecord } from '../../src/framework/logger.js';
import validateFibonacciRequest from '../../src/generated/fibonacci-request.validator.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';

const INVOCATIONS = 100_000;
const WARM_UP = 1_000;
/** Heap growth allowed between the two samples; V8 keeps some slack between collections. */
const MAX_HEAP_GROWTH_BYTES = 8 * 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;

describe('soak of 100,000 in-process invocations', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });

  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('keeps memory flat and logs each outcome once', async () => {
    let currentRequestId = '';
    let lines = 0;
    let misattributed = 0;
    const handler = createHandler({
      handler: (request: FibonacciRequest) => computeFibonacci(request),
      validator: validateFibonacciRequest,
      accepted: 'a JSON object {"fib": n}',
      logger: (record: OutcomeLogRecord) => {
        lines++;
        if (record.requestId !== currentRequestId) misattributed++;
      },
    });
    const restEvent = loadEvent<object>('api-gateway-rest');
    const events: unknown[] = [
      { fib: 30 },
      { fib: -1 },
      { ...restEvent, body: '{"fib": 12}' },
      { ...restEvent, body: '{"fib":' },
      { ...restEvent, body: '{"fib": 1, "fib": 2}' },
      null,
      { ...restEvent, headers: { 'content-type': 'text/plain' }, multiValueHeaders: null },
      loadEvent('api-gateway-http-form'),
      { ...loadEvent<object>('lambda-function-url'), body: '{"fib": 1e400}' },
      loadEvent('application-load-balancer-multi-value'),
      loadEvent('sqs'),
      loadEvent('sns'),
      loadEvent('eventbridge-scheduled'),
    ];
    let wrongReplies = 0;
    let heapAfterWarmUp = 0;

    for (let index = 0; index < INVOCATIONS; index++) {
      if (index === WARM_UP) {
        gc?.();
        heapAfterWarmUp = process.memoryUsage().heapUsed;
      }
      currentRequestId = `soak-${index}`;
      const event = events[index % events.length];
      try {
        const reply = (await handler(event, lambdaContext(currentRequestId))) as
          | APIGatewayProxyResult
          | { value: string };
        if ('statusCode' in reply && reply.statusCode >= 500) wrongReplies++;
      } catch (error) {
        if (!(error instanceof Error) || error.name === 'InternalError') wrongReplies++;
      }
    }
    gc?.();
    const heapAtEnd = process.memoryUsage().heapUsed;

    expect(gc).toBeDefined();
    expect(wrongReplies).toBe(0);
    expect(lines).toBe(INVOCATIONS);
    expect(misattributed).toBe(0);
    expect(unhandled).toEqual([]);
    expect(heapAtEnd - heapAfterWarmUp).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  }, 120_000);
});
