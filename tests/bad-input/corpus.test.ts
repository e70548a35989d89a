import { describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { handler } from '../../src/handler.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';
import { BODY_CASES, type BodyCase, DIRECT_CASES, type Expectation } from './cases.js';
import { captureStdout, expectHttpReply, rejectionOf } from './reply-checks.js';

const stdout = captureStdout();

function restEventWith(body: string | null): Record<string, unknown> {
  return { ...loadEvent<object>('api-gateway-rest'), body };
}

describe('bad input through API Gateway REST', () => {
  it('covers at least 45 body cases', () => {
    expect(BODY_CASES.length).toBeGreaterThanOrEqual(45);
  });

  it.each(BODY_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase: BodyCase) => {
      const reply = (await handler(
        restEventWith(testCase.body),
        lambdaContext('corpus-rest'),
      )) as APIGatewayProxyResult;

      expectHttpReply(reply, testCase.expected, 'corpus-rest');
      expect(stdout.lines).toHaveLength(1);
      const line = JSON.parse(stdout.lines[0] ?? '') as Record<string, unknown>;
      expect(line.requestId).toBe('corpus-rest');
      expect(line.source).toBe('api-gateway-rest');
      if (!('ok' in testCase.expected)) {
        expect(line.level).toBe('warn');
        expect(line.status).toBe(testCase.expected.status);
        expect(line.reason).toBe(testCase.expected.detail);
      }
    },
  );
});

/** An event mutation for the REST source, with the reply it must get. */
interface RestEventCase {
  name: string;
  event: () => unknown;
  expected: Expectation | { throws: string; messageContains: string };
}

function restEventWithHeaders(
  headers: Record<string, unknown> | null | undefined,
  multiValueHeaders: Record<string, unknown> | null | undefined,
  body = '{"fib": 7}',
): Record<string, unknown> {
  const event: Record<string, unknown> = { ...restEventWith(body), headers, multiValueHeaders };
  if (headers === undefined) delete event.headers;
  if (multiValueHeaders === undefined) delete event.multiValueHeaders;
  return event;
}

const SEVEN = { ok: { fib: 7, value: '13' } } as const;
const NOT_REST = { throws: 'PayloadValidationError', messageContains: '/fib is required' };

const REST_EVENT_CASES: RestEventCase[] = [
  { name: 'null header maps', event: () => restEventWithHeaders(null, null), expected: SEVEN },
  {
    name: 'no header maps',
    event: () => restEventWithHeaders(undefined, undefined),
    expected: SEVEN,
  },
  {
    name: 'same Content-Type twice',
    event: () =>
      restEventWithHeaders(
        { 'content-type': 'application/json' },
        { 'Content-Type': ['application/json; charset=utf-8', 'APPLICATION/JSON'] },
      ),
    expected: SEVEN,
  },
  {
    name: 'null header value',
    event: () => restEventWithHeaders({ 'content-type': null }, { 'content-type': null }),
    expected: SEVEN,
  },
  {
    name: 'header list not an array',
    event: () => restEventWithHeaders({}, { 'content-type': 'text/plain' }),
    expected: SEVEN,
  },
  {
    name: 'secret headers present',
    event: () =>
      restEventWithHeaders(
        {
          'content-type': 'application/json',
          Authorization: 'Bearer secret-token-value',
          'X-Amz-Security-Token': 'secret-session-token',
          Cookie: 'session=secret-cookie-value',
        },
        null,
      ),
    expected: SEVEN,
  },
  {
    name: 'base64 body of 2 MiB',
    event: () => ({
      ...restEventWith(Buffer.alloc(2 * 1024 * 1024, 0x20).toString('base64')),
      isBase64Encoded: true,
    }),
    expected: {
      status: 413,
      problem: 'payload-too-large',
      detail: 'The request body is 2097152 bytes, above the limit of 1048576 bytes.',
    },
  },
  {
    name: 'headers as an array',
    event: () => ({ ...restEventWith('{"fib": 7}'), headers: [['content-type', 'x']] }),
    expected: NOT_REST,
  },
  {
    name: 'null event',
    event: () => null,
    expected: {
      throws: 'PayloadValidationError',
      messageContains: 'the payload must be a JSON object, got null',
    },
  },
];

describe('bad events through API Gateway REST', () => {
  it.each(REST_EVENT_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase: RestEventCase) => {
      const invocation = handler(testCase.event(), lambdaContext('corpus-event'));

      if ('throws' in testCase.expected) {
        await expect(invocation).rejects.toMatchObject({ name: testCase.expected.throws });
        await expect(invocation).rejects.toThrow(testCase.expected.messageContains);
      } else {
        expectHttpReply(
          (await invocation) as APIGatewayProxyResult,
          testCase.expected,
          'corpus-event',
        );
      }
      expect(stdout.lines).toHaveLength(1);
      expect(stdout.lines.join('')).not.toMatch(/secret-/);
    },
  );
});

describe('bad input through direct invocation', () => {
  it('covers at least 30 direct cases', () => {
    expect(DIRECT_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(DIRECT_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const invocation = handler(testCase.event, lambdaContext('corpus-direct'));
      const expected = testCase.expected;

      if ('ok' in expected) {
        // Lambda sends the result to the caller as JSON, which writes -0 as 0.
        const result = JSON.parse(JSON.stringify(await invocation));
        expect(result).toEqual(expected.ok);
      } else {
        const error = await rejectionOf(invocation);
        expect(error?.name).toBe('PayloadValidationError');
        expect(error?.message).toBe(expected.detail);
        expect(error?.stack).toBe(`PayloadValidationError: ${expected.detail}`);
      }
      expect(stdout.lines).toHaveLength(1);
    },
  );
});
