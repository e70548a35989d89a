import { describe, expect, it } from '@jest/globals';
import type { SQSBatchResponse } from 'aws-lambda';
import { handler } from '../../src/handler.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';
import { BODY_CASES, type BodyCase, DIRECT_CASES } from './cases.js';
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
  'api-gateway-http',
  'lambda-function-url',
  'application-load-balancer',
] as const;

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
        expect(line.status).toBe(testCase.expected.status);
        expect(line.reason).toBe(testCase.expected.detail);
      }
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
