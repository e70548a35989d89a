import { afterEach, describe, expect, it } from '@jest/globals';
import validateFibonacciRequest from '../../src/generated/fibonacci-request.validator.js';
import {
  apiGatewayRest,
  createHandler,
  defineBatchSourceAdapter,
  defineSourceAdapter,
  FORCE_SOURCE_VARIABLE,
  sqs,
} from '../../src/index.js';
import { fibonacciService } from '../support/fibonacci-service.js';
import { loadEvent } from '../support/fixtures.js';

const baseOptions = {
  handler: () => 'result',
  validator: validateFibonacciRequest,
  accepted: '{"fib": n}',
};

/** A guard that claims every REST event, like a careless custom adapter would. */
const greedyRest = defineSourceAdapter({
  name: 'greedy-rest',
  claims: (event: unknown): event is unknown => apiGatewayRest.claims(event),
  extractPayload: (event: unknown) => event,
  shapeResult: (result: unknown) => result,
  shapeError: (error): never => {
    throw error;
  },
});

describe('createHandler options', () => {
  afterEach(() => {
    delete process.env[FORCE_SOURCE_VARIABLE];
  });

  it('rejects a misspelt option at once', () => {
    const build = () => createHandler({ ...baseOptions, sourcs: [] } as never);

    expect(build).toThrow(
      'Unknown createHandler option "sourcs". Accepted options: handler, validator, accepted, ' +
        'sources, fallbackSource, forceSource, logger, timeoutEarlyInMillis.',
    );
  });

  it('rejects a hand-made source object', () => {
    const build = () => createHandler({ ...baseOptions, sources: [{ name: 'raw' }] as never });

    expect(build).toThrow('"sources" must be an array of adapters');
  });

  it('rejects two sources of one name', () => {
    const build = () => createHandler({ ...baseOptions, sources: [sqs, sqs] });

    expect(build).toThrow('createHandler was given two sources named "sqs".');
  });

  it('rejects forcing an unknown source', () => {
    const build = () => createHandler({ ...baseOptions, forceSource: 'kafka' });

    expect(build).toThrow('Cannot force source "kafka": it is not configured.');
  });

  it('reads forced source from environment', async () => {
    process.env[FORCE_SOURCE_VARIABLE] = 'direct';
    const service = fibonacciService();

    const outcome = service.invoke(loadEvent('api-gateway-rest'));

    // Forced to direct, the whole REST event is the payload, so it breaks the schema.
    await expect(outcome).rejects.toMatchObject({ name: 'PayloadValidationError' });
    expect(service.logs[0]?.detection).toBe('forced');
    expect(service.logs[0]?.source).toBe('direct');
  });
});

describe('adapter definitions', () => {
  it('rejects a missing member', () => {
    const define = () =>
      defineSourceAdapter({ name: 'broken', claims: () => true } as unknown as Parameters<
        typeof defineSourceAdapter
      >[0]);

    expect(define).toThrow('Source adapter "broken" has no function `extractPayload`');
  });

  it('rejects a batch adapter without recordsOf', () => {
    const define = () =>
      defineBatchSourceAdapter({ ...sqs, recordsOf: undefined } as unknown as Parameters<
        typeof defineBatchSourceAdapter
      >[0]);

    expect(define).toThrow('Source adapter "sqs" has no function `recordsOf`');
  });
});

describe('source detection rules', () => {
  it('reports two claiming sources by name', async () => {
    const logs: unknown[] = [];
    const handler = createHandler({
      ...baseOptions,
      sources: [apiGatewayRest, greedyRest],
      logger: (record) => logs.push(record),
    });

    const outcome = handler(loadEvent('api-gateway-rest'), {} as never);

    await expect(outcome).rejects.toMatchObject({ name: 'InternalError' });
    expect(logs[0]).toMatchObject({
      level: 'error',
      source: 'undetected',
      detection: 'failed',
      reason:
        'Sources "api-gateway-rest" and "greedy-rest" both claim this event. ' +
        'Make their guards exclusive, or force one source for this function.',
    });
  });

  it('serves a forced source without detection', async () => {
    const service = fibonacciService({ forceSource: 'sqs' });

    const reply = await service.invoke(loadEvent('sqs'));

    expect(reply).toMatchObject({ batchItemFailures: expect.any(Array) });
    expect(service.logs[0]?.detection).toBe('forced');
  });

  it('rejects events the forced source declines', async () => {
    const service = fibonacciService({ forceSource: 'sqs' });

    const outcome = service.invoke(loadEvent('direct'));

    await expect(outcome).rejects.toThrow(
      'This function is configured to take only "sqs" events, and the event does not have that shape.',
    );
    expect(service.logs[0]).toMatchObject({
      level: 'warn',
      source: 'undetected',
      detection: 'forced',
      status: 400,
    });
  });
});
