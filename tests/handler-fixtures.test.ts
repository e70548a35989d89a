import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { handler } from '../src/handler.js';
import { lambdaContext, listEventNames, loadEvent } from './support/fixtures.js';

const SEVEN_HTTP = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"fib":7,"value":"13"}',
  isBase64Encoded: false,
};

/** What the exported handler must return for each fixture in events/. */
const EXPECTED_REPLIES: Record<string, { kind: 'reply' | 'throws'; matches: unknown }> = {
  'api-gateway-rest': {
    kind: 'reply',
    matches: {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    },
  },
  'api-gateway-rest-base64': {
    kind: 'reply',
    matches: { statusCode: 200, body: '{"fib":90,"value":"2880067194370816120"}' },
  },
  'api-gateway-rest-path-parameter': { kind: 'reply', matches: SEVEN_HTTP },
  'api-gateway-rest-query': { kind: 'reply', matches: SEVEN_HTTP },
  'api-gateway-rest-stray-method': { kind: 'reply', matches: SEVEN_HTTP },
  'api-gateway-http': { kind: 'reply', matches: SEVEN_HTTP },
  'api-gateway-http-form': { kind: 'reply', matches: SEVEN_HTTP },
  'api-gateway-http-path-parameter': { kind: 'reply', matches: SEVEN_HTTP },
  'api-gateway-http-query': { kind: 'reply', matches: SEVEN_HTTP },
  'lambda-function-url': { kind: 'reply', matches: SEVEN_HTTP },
  'lambda-function-url-query': { kind: 'reply', matches: SEVEN_HTTP },
  'application-load-balancer': {
    kind: 'reply',
    matches: {
      statusCode: 200,
      statusDescription: '200 OK',
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    },
  },
  'application-load-balancer-multi-value': {
    kind: 'reply',
    matches: {
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: { 'content-type': ['application/json'] },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    },
  },
  // The console's default test event is no known source, so it is validated as a payload.
  'console-test': {
    kind: 'throws',
    matches: {
      name: 'PayloadValidationError',
      message: expect.stringContaining('/fib is required'),
    },
  },
  direct: { kind: 'reply', matches: { fib: 10, value: '55' } },
  eventbridge: { kind: 'reply', matches: { fib: 7, value: '13' } },
  // A scheduled rule sends an empty detail, so a schedule must set the rule's input instead.
  'eventbridge-scheduled': {
    kind: 'throws',
    matches: {
      name: 'PayloadValidationError',
      message: expect.stringContaining('/fib is required'),
    },
  },
  sns: { kind: 'reply', matches: { fib: 7, value: '13' } },
  // The first record is valid, the second negative and the third CSV text.
  sqs: {
    kind: 'reply',
    matches: {
      batchItemFailures: [
        { itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' },
        { itemIdentifier: '9b3a6f1e-41b2-4c2e-9d5f-7c1a2b3c4d5e' },
      ],
    },
  },
  // The second record sends fib as a string. In a FIFO queue the valid third record is
  // reported as failed too, unprocessed, so that the queue keeps the order of the group.
  'sqs-fifo': {
    kind: 'reply',
    matches: {
      batchItemFailures: [
        { itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' },
        { itemIdentifier: '9b3a6f1e-41b2-4c2e-9d5f-7c1a2b3c4d5e' },
      ],
    },
  },
  'sqs-sns': { kind: 'reply', matches: { batchItemFailures: [] } },
  'direct-with-body-key': {
    kind: 'throws',
    matches: { name: 'PayloadValidationError', message: expect.stringContaining('/body') },
  },
};

describe('exported handler', () => {
  let written: string[] = [];

  // The handler logs JSON lines to stdout; capturing them keeps the run quiet and
  // lets the tests check them.
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED_REPLIES).sort()).toEqual(listEventNames());
  });

  it.each(listEventNames())('handles events/%s.json', async (name) => {
    const expected = EXPECTED_REPLIES[name];
    const invocation = handler(loadEvent(name), lambdaContext());

    if (expected?.kind === 'throws') {
      await expect(invocation).rejects.toMatchObject(expected.matches as object);
    } else {
      await expect(invocation).resolves.toMatchObject(expected?.matches as object);
    }
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] ?? '')).toMatchObject({ requestId: 'test-request-id' });
  });

  it('never logs the Authorization header', async () => {
    await handler(loadEvent('api-gateway-rest'), lambdaContext());

    expect(written.join('')).not.toContain('AWS4-HMAC-SHA256');
    expect(written.join('')).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});
