import { describe, expect, it } from '@jest/globals';
import { BUILT_IN_SOURCES } from '../../src/index.js';
import { fibonacciService } from '../support/fibonacci-service.js';
import { listEventNames, loadEvent } from '../support/fixtures.js';

/** The source each fixture comes from; `direct` means no built-in guard may claim it. */
const EXPECTED_SOURCE: Record<string, string> = {
  'api-gateway-http': 'api-gateway-http',
  'api-gateway-http-form': 'api-gateway-http',
  'api-gateway-http-path-parameter': 'api-gateway-http',
  'api-gateway-http-query': 'api-gateway-http',
  'api-gateway-rest': 'api-gateway-rest',
  'api-gateway-rest-base64': 'api-gateway-rest',
  'api-gateway-rest-path-parameter': 'api-gateway-rest',
  'api-gateway-rest-query': 'api-gateway-rest',
  'api-gateway-rest-stray-method': 'api-gateway-rest',
  'application-load-balancer': 'application-load-balancer',
  'application-load-balancer-multi-value': 'application-load-balancer',
  'console-test': 'direct',
  direct: 'direct',
  'direct-with-body-key': 'direct',
  eventbridge: 'eventbridge',
  'eventbridge-scheduled': 'eventbridge',
  'lambda-function-url': 'lambda-function-url',
  'lambda-function-url-query': 'lambda-function-url',
  sns: 'sns',
  sqs: 'sqs',
  'sqs-fifo': 'sqs',
  'sqs-sns': 'sqs',
};

const matrix = listEventNames().flatMap((fixture) =>
  BUILT_IN_SOURCES.map((source) => ({ fixture, source })),
);

describe('source detection', () => {
  it('maps every fixture to a source', () => {
    expect(Object.keys(EXPECTED_SOURCE).sort()).toEqual(listEventNames());
  });

  it.each(matrix)('$source.name guard on $fixture', ({ fixture, source }) => {
    const event = loadEvent(fixture);

    const claimed = source.claims(event);

    expect(claimed).toBe(EXPECTED_SOURCE[fixture] === source.name);
  });

  it.each(listEventNames())('logs the expected source for %s', async (fixture) => {
    const service = fibonacciService();

    await service.invoke(loadEvent(fixture)).catch(() => undefined);

    const expected = EXPECTED_SOURCE[fixture];
    expect(service.logs[0]?.source).toBe(expected);
    expect(service.logs[0]?.detection).toBe(expected === 'direct' ? 'fallback' : 'claimed');
  });

  it('takes a null field as absent', () => {
    const event = loadEvent('api-gateway-http-query');
    event.headers = null;
    event.pathParameters = null;

    const claimants = BUILT_IN_SOURCES.filter((source) => source.claims(event));

    expect(claimants.map((source) => source.name)).toEqual(['api-gateway-http']);
  });

  it.each([
    ['a v2 event without rawQueryString', 'api-gateway-http', 'rawQueryString'],
    ['an SQS event whose record lacks a body', 'sqs', 'Records.1.body'],
    ['an EventBridge event without detail', 'eventbridge', 'detail'],
    ['an ALB event without a target group', 'application-load-balancer', 'requestContext.elb'],
  ])('rejects %s', (_case, fixture, path) => {
    const event = loadEvent(fixture);
    const keys = path.split('.');
    const last = keys.pop() as string;
    let parent = event;
    for (const key of keys) parent = parent[key];
    delete parent[last];

    const claimants = BUILT_IN_SOURCES.filter((source) => source.claims(event));

    expect(claimants).toEqual([]);
  });

  it.each([
    { Records: [null] },
    { Records: [{ eventSource: 'aws:sqs' }, null] },
    { Records: 'aws:sns' },
    { version: '2.0', requestContext: { http: null } },
    { httpMethod: 'GET', resource: '/', path: '/', requestContext: 'dev' },
    { requestContext: { elb: 'arn' }, httpMethod: 'GET', path: '/' },
    { 'detail-type': 'x', detail: null },
  ])('declines hostile shape %j', (event) => {
    const claimants = BUILT_IN_SOURCES.filter((source) => source.claims(event));

    expect(claimants).toEqual([]);
  });

  it('claims no non-object event', () => {
    const events = [null, 7, 'text', [], [{ fib: 7 }], true];

    const claimants = events.flatMap((event) =>
      BUILT_IN_SOURCES.filter((source) => source.claims(event)),
    );

    expect(claimants).toEqual([]);
  });
});
