import { describe, expect, it } from '@jest/globals';
import type { SQSBatchResponse } from 'aws-lambda';
import { handler } from '../../src/handler.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';
import {
  BODY_CASES,
  type BodyCase,
  DIRECT_CASES,
  type Expectation,
  invalid,
  malformed,
  NO_PAYLOAD,
  unsupportedMediaType,
} from './cases.js';
import {
  captureStdout,
  expectHttpReply,
  type HttpReply,
  INTERNALS,
  rejectionOf,
} from './reply-checks.js';

const stdout = captureStdout();

/** Returns the single log line of the invocation, parsed. */
function logLine(): Record<string, unknown> {
  expect(stdout.lines).toHaveLength(1);
  return JSON.parse(stdout.lines[0] ?? '') as Record<string, unknown>;
}

/**
 * Rewrites a request-body message for a message source, which names the text differently
 * and has no query string to fall back on when the text is empty.
 */
function detailFor(testCase: MessageCase, description: string): string | undefined {
  const { expected } = testCase;
  if (!('detail' in expected)) return undefined;
  if (testCase.body === '') return `The ${description} is empty. Send a JSON object.`;
  return expected.detail.replace('request body', description);
}

/** Body sources that reply over HTTP, by fixture name. */
const HTTP_BODY_SOURCES = [
  'api-gateway-rest',
  'api-gateway-http',
  'lambda-function-url',
  'application-load-balancer',
] as const;

it('covers at least 45 body cases', () => {
  expect(BODY_CASES.length).toBeGreaterThanOrEqual(45);
});

describe.each(HTTP_BODY_SOURCES)('bad bodies through %s', (source) => {
  it.each(BODY_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase: BodyCase) => {
      const event = { ...loadEvent<object>(source), body: testCase.body };

      const reply = (await handler(event, lambdaContext(`corpus-${source}`))) as HttpReply;

      expectHttpReply(reply, testCase.expected, `corpus-${source}`);
      const line = logLine();
      expect(line.source).toBe(source);
      expect(line.requestId).toBe(`corpus-${source}`);
      if (!('ok' in testCase.expected)) {
        expect(line.level).toBe('warn');
        expect(line.status).toBe(testCase.expected.status);
        expect(line.reason).toBe(testCase.expected.detail);
      }
    },
  );
});

/** An event change for an HTTP source, with the reply it must get. */
interface HttpEventCase {
  name: string;
  change: (event: Record<string, unknown>) => void;
  expected: Expectation | { throws: string; messageContains: string };
  /** Sources the case applies to, where not all. */
  only?: readonly string[];
}

/** Returns a copy of the REST fixture's multiValueHeaders, which the event loop sets to null. */
function restFixtureHeaderLists(): unknown {
  return loadEvent<Record<string, unknown>>('api-gateway-rest').multiValueHeaders;
}

const SEVEN = { ok: { fib: 7, value: '13' } } as const;
const CONFLICTING_CONTENT_TYPES = malformed(
  'The request has conflicting Content-Type headers (application/json, text/csv). ' +
    'Send one Content-Type: application/json.',
);
const SECRETS = {
  Authorization: 'AWS4-HMAC-SHA256 Credential=secret-access-key-id/20261204/us-east-1',
  'X-Amz-Security-Token': 'secret-session-token',
  Cookie: 'session=secret-cookie-value',
};

const HTTP_EVENT_CASES: HttpEventCase[] = [
  {
    name: 'odd-cased text/plain',
    change: (event) => {
      event.headers = { 'cOnTeNt-TyPe': 'TEXT/Plain' };
    },
    expected: unsupportedMediaType('text/plain'),
  },
  {
    name: 'conflicting Content-Types',
    change: (event) => {
      event.headers = { 'Content-Type': 'application/json', 'content-type': 'text/csv' };
    },
    expected: CONFLICTING_CONTENT_TYPES,
  },
  // HTTP API and function URL events join a repeated header's values with commas.
  {
    name: 'joined identical Content-Types',
    change: (event) => {
      event.headers = { 'content-type': 'application/json,application/json' };
    },
    expected: SEVEN,
  },
  {
    name: 'joined conflicting Content-Types',
    change: (event) => {
      event.headers = { 'content-type': 'application/json, text/csv' };
    },
    expected: CONFLICTING_CONTENT_TYPES,
  },
  {
    name: 'quoted comma in a parameter',
    change: (event) => {
      event.headers = { 'content-type': 'application/json; profile="a,b"' };
    },
    expected: SEVEN,
  },
  {
    name: 'null header map',
    change: (event) => {
      event.headers = null;
    },
    expected: SEVEN,
  },
  {
    name: 'no header map',
    change: (event) => {
      delete event.headers;
    },
    expected: SEVEN,
  },
  {
    name: 'null header value',
    change: (event) => {
      event.headers = { 'content-type': null };
    },
    expected: SEVEN,
  },
  {
    name: 'invalid base64',
    change: (event) => {
      Object.assign(event, { body: 'eyJmaWIiOiA3fQ=!', isBase64Encoded: true });
    },
    expected: malformed(
      'The request body is marked as base64-encoded but is not valid base64. ' +
        'Send the body as base64 with padding (RFC 4648), or as plain text.',
    ),
  },
  {
    name: 'base64 of invalid UTF-8',
    change: (event) => {
      const body = Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]).toString('base64');
      Object.assign(event, { body, isBase64Encoded: true });
    },
    expected: malformed(
      'The request body is not valid UTF-8 text. Send a JSON object encoded as UTF-8.',
    ),
  },
  {
    name: 'base64 with byte-order mark',
    change: (event) => {
      const body = Buffer.from('\uFEFF{"fib": 7}').toString('base64');
      Object.assign(event, { body, isBase64Encoded: true });
    },
    expected: SEVEN,
  },
  {
    name: 'secrets on a 422',
    change: (event) => {
      Object.assign(event, { headers: SECRETS, body: '{"fib": -1}' });
      event.cookies = ['session=secret-cookie-value'];
    },
    expected: invalid([['/fib', 'must be >= 0']]),
  },
  {
    name: 'secrets on a 415',
    change: (event) => {
      event.headers = { ...SECRETS, 'content-type': 'text/csv' };
    },
    expected: unsupportedMediaType('text/csv'),
  },
  {
    name: 'query map of wrong types',
    change: (event) => {
      Object.assign(event, {
        body: null,
        queryStringParameters: { fib: 7 },
        multiValueQueryStringParameters: { fib: 5 },
      });
    },
    expected: malformed(NO_PAYLOAD),
  },
  // ALB events have no path parameters.
  {
    name: 'path parameters as text',
    only: ['api-gateway-rest', 'api-gateway-http', 'lambda-function-url'],
    change: (event) => {
      Object.assign(event, { body: null, pathParameters: 'fib=7' });
    },
    expected: { throws: 'PayloadValidationError', messageContains: 'is not an accepted property' },
  },
  {
    name: 'requestContext missing',
    change: (event) => {
      delete event.requestContext;
    },
    expected: { throws: 'PayloadValidationError', messageContains: '/fib is required' },
  },
  {
    name: 'requestContext null',
    change: (event) => {
      event.requestContext = null;
    },
    expected: { throws: 'PayloadValidationError', messageContains: '/fib is required' },
  },
  // REST-only cases. Most of them vary multiValueHeaders, the REST event's second header map.
  {
    name: 'no header maps',
    only: ['api-gateway-rest'],
    change: (event) => {
      delete event.headers;
      delete event.multiValueHeaders;
    },
    expected: SEVEN,
  },
  {
    name: 'same Content-Type twice',
    only: ['api-gateway-rest'],
    change: (event) => {
      event.headers = { 'content-type': 'application/json' };
      event.multiValueHeaders = {
        'Content-Type': ['application/json; charset=utf-8', 'APPLICATION/JSON'],
      };
    },
    expected: SEVEN,
  },
  {
    name: 'null header value in both maps',
    only: ['api-gateway-rest'],
    change: (event) => {
      event.headers = { 'content-type': null };
      event.multiValueHeaders = { 'content-type': null };
    },
    expected: SEVEN,
  },
  {
    name: 'header list not an array',
    only: ['api-gateway-rest'],
    change: (event) => {
      event.headers = {};
      event.multiValueHeaders = { 'content-type': 'text/plain' };
    },
    expected: SEVEN,
  },
  {
    name: 'secret headers present',
    only: ['api-gateway-rest'],
    change: (event) => {
      event.headers = {
        'content-type': 'application/json',
        Authorization: 'Bearer secret-token-value',
        'X-Amz-Security-Token': 'secret-session-token',
        Cookie: 'session=secret-cookie-value',
      };
    },
    expected: SEVEN,
  },
  {
    name: 'base64 body of 2 MiB',
    only: ['api-gateway-rest'],
    change: (event) => {
      Object.assign(event, {
        body: Buffer.alloc(2 * 1024 * 1024, 0x20).toString('base64'),
        isBase64Encoded: true,
        multiValueHeaders: restFixtureHeaderLists(),
      });
    },
    expected: {
      status: 413,
      problem: 'payload-too-large',
      detail: 'The request body is 2097152 bytes, above the limit of 1048576 bytes.',
    },
  },
  {
    name: 'headers as an array',
    only: ['api-gateway-rest'],
    change: (event) => {
      event.headers = [['content-type', 'x']];
      event.multiValueHeaders = restFixtureHeaderLists();
    },
    expected: { throws: 'PayloadValidationError', messageContains: '/fib is required' },
  },
];

describe.each(HTTP_BODY_SOURCES)('bad events through %s', (source) => {
  const cases = HTTP_EVENT_CASES.filter((testCase) => testCase.only?.includes(source) ?? true);

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const event = loadEvent<Record<string, unknown>>(source);
      // The REST fixture also lists its headers in multiValueHeaders, which the cases replace.
      if (source === 'api-gateway-rest') event.multiValueHeaders = null;
      testCase.change(event);

      const invocation = handler(event, lambdaContext(`event-${source}`));

      if ('throws' in testCase.expected) {
        const error = await rejectionOf(invocation);
        expect(error?.name).toBe(testCase.expected.throws);
        expect(error?.message).toContain(testCase.expected.messageContains);
      } else {
        expectHttpReply((await invocation) as HttpReply, testCase.expected, `event-${source}`);
      }
      expect(stdout.lines).toHaveLength(1);
      expect(stdout.lines.join('')).not.toMatch(/secret-/);
    },
  );
});

type MessageCase = BodyCase & { body: string };

/** SQS delivers messages of at most 1 MiB, and SNS notifications are smaller still. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Body cases that an SQS message or SNS notification can carry: never null, never larger. */
const MESSAGE_CASES = BODY_CASES.filter(
  (testCase): testCase is MessageCase =>
    testCase.body !== null && Buffer.byteLength(testCase.body) <= MAX_MESSAGE_BYTES,
);

/** The SQS fixture with a valid first message and a second message carrying `body`. */
function sqsEventWith(body: string): { Records: Record<string, unknown>[] } {
  const event = loadEvent<{ Records: Record<string, unknown>[] }>('sqs');
  const [valid, bad] = event.Records;
  return { Records: [valid ?? {}, { ...bad, body }] };
}

describe('bad message bodies through sqs', () => {
  it.each(MESSAGE_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const event = sqsEventWith(testCase.body);
      const badId = event.Records[1]?.messageId;

      const reply = (await handler(event, lambdaContext('corpus-sqs'))) as SQSBatchResponse;

      const line = logLine();
      expect(line.source).toBe('sqs');
      if ('ok' in testCase.expected) {
        expect(reply).toEqual({ batchItemFailures: [] });
        return;
      }
      // Only the bad message is retried; the valid one before it is done.
      expect(reply).toEqual({ batchItemFailures: [{ itemIdentifier: badId }] });
      expect(line.failures).toEqual([
        {
          recordId: badId,
          status: testCase.expected.status,
          errorName: expect.any(String),
          reason: detailFor(testCase, 'SQS message body'),
        },
      ]);
      expect(stdout.lines[0]).not.toMatch(INTERNALS);
    },
  );
});

/** The SNS fixture with `message` as the published message. */
function snsEventWith(message: string): unknown {
  const event = loadEvent<{ Records: { Sns: Record<string, unknown> }[] }>('sns');
  const record = event.Records[0];
  if (record !== undefined) record.Sns.Message = message;
  return event;
}

describe('bad messages through sns', () => {
  it.each(MESSAGE_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const invocation = handler(snsEventWith(testCase.body), lambdaContext('corpus-sns'));

      if ('ok' in testCase.expected) {
        expect(JSON.parse(JSON.stringify(await invocation))).toEqual(testCase.expected.ok);
      } else {
        const error = await rejectionOf(invocation);
        expect(error?.message).toBe(detailFor(testCase, 'SNS message'));
        expect(error?.stack).not.toMatch(INTERNALS);
      }
      expect(logLine().source).toBe('sns');
    },
  );
});

/** Direct cases whose event is an object, the only detail EventBridge delivers. */
const DETAIL_CASES = DIRECT_CASES.filter(
  (testCase) =>
    typeof testCase.event === 'object' && testCase.event !== null && !Array.isArray(testCase.event),
);

describe('bad detail through eventbridge', () => {
  it('covers at least 20 detail cases', () => {
    expect(DETAIL_CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(DETAIL_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const event = { ...loadEvent<object>('eventbridge'), detail: testCase.event };

      const invocation = handler(event, lambdaContext('corpus-eventbridge'));

      if ('ok' in testCase.expected) {
        expect(JSON.parse(JSON.stringify(await invocation))).toEqual(testCase.expected.ok);
      } else {
        const error = await rejectionOf(invocation);
        expect(error?.name).toBe('PayloadValidationError');
        expect(error?.message).toBe(testCase.expected.detail);
      }
      expect(logLine().source).toBe('eventbridge');
    },
  );
});
