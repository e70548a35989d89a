import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayProxyResult, SQSBatchResponse } from 'aws-lambda';
import fc from 'fast-check';
import { ClientError } from '../../src/framework/errors.js';
import { handler } from '../../src/handler.js';
import { referenceFibonacci } from '../support/fibonacci-reference.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';

const RUNS = 10_000;
const CLIENT_STATUSES = new Set([400, 413, 415, 422]);

beforeAll(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterAll(() => {
  jest.restoreAllMocks();
});

const validFib = fc.integer({ min: 0, max: 10_000 });

/** JSON text bodies: valid requests, arbitrary JSON, and arbitrary or mangled text. */
const bodyText = fc.oneof(
  validFib.map((fib) => JSON.stringify({ fib })),
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.tuple(validFib, fc.string({ maxLength: 8 }), fc.nat({ max: 12 })).map(([fib, insert, at]) => {
    const text = JSON.stringify({ fib });
    return text.slice(0, at) + insert + text.slice(at);
  }),
);

const headerMap = fc.option(
  fc.dictionary(
    fc.constantFrom('content-type', 'Content-Type', 'CONTENT-TYPE', 'authorization', 'x-custom'),
    fc.oneof(
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
      fc.string({ maxLength: 16 }),
      fc.constant(null),
    ),
  ),
  { nil: null },
);

/** REST events built from the fixture with the body, headers and flags varied. */
const restEvent = fc
  .record({
    body: fc.option(bodyText, { nil: null }),
    headers: headerMap,
    isBase64Encoded: fc.boolean(),
    encodeBody: fc.boolean(),
  })
  .map(({ body, headers, isBase64Encoded, encodeBody }) => {
    const encoded =
      body !== null && isBase64Encoded && encodeBody ? Buffer.from(body).toString('base64') : body;
    return {
      ...loadEvent<object>('api-gateway-rest'),
      body: encoded,
      headers,
      multiValueHeaders: null,
      isBase64Encoded,
    };
  });

/** Events of a fixture with one of `fields` removed or replaced by an arbitrary value. */
function mangledEvent(fixture: string, fields: readonly string[]) {
  return fc
    .tuple(
      fc.constantFrom(...fields),
      fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
    )
    .map(([field, value]) => {
      const event: Record<string, unknown> = loadEvent(fixture);
      if (value === undefined) delete event[field];
      else event[field] = value;
      return event;
    });
}

/** REST events with one top-level field removed or replaced. */
const mangledRestEvent = mangledEvent('api-gateway-rest', [
  'httpMethod',
  'resource',
  'path',
  'requestContext',
  'headers',
  'body',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'pathParameters',
]);

/** Top-level fields of each HTTP fixture that a mangled event removes or replaces. */
const HTTP_SOURCE_FIELDS = {
  'api-gateway-http': [
    'version',
    'routeKey',
    'rawPath',
    'requestContext',
    'headers',
    'body',
    'queryStringParameters',
    'pathParameters',
  ],
  'lambda-function-url': [
    'version',
    'rawPath',
    'rawQueryString',
    'requestContext',
    'body',
    'queryStringParameters',
  ],
  'application-load-balancer': [
    'httpMethod',
    'path',
    'requestContext',
    'headers',
    'body',
    'queryStringParameters',
    'multiValueQueryStringParameters',
  ],
} as const;

type HttpSource = keyof typeof HTTP_SOURCE_FIELDS;

/** Query strings as HTTP API and Function URL events carry them, valid or not. */
const rawQueryString = fc.oneof(
  validFib.map((fib) => `fib=${fib}`),
  fc.string({ maxLength: 24 }),
  fc.constant(''),
);

/** Events of an HTTP source built from its fixture with body, headers and query varied. */
function httpEvent(source: HttpSource) {
  return fc
    .record({
      body: fc.option(bodyText, { nil: null }),
      headers: headerMap,
      isBase64Encoded: fc.boolean(),
      query: rawQueryString,
    })
    .map(({ body, headers, isBase64Encoded, query }) => {
      const event: Record<string, unknown> = loadEvent(source);
      const encoded =
        body !== null && isBase64Encoded ? Buffer.from(body).toString('base64') : body;
      Object.assign(event, { body: encoded, headers, isBase64Encoded });
      if (source === 'application-load-balancer') {
        event.queryStringParameters = Object.fromEntries(new URLSearchParams(query));
      } else {
        event.rawQueryString = query;
        event.queryStringParameters = Object.fromEntries(new URLSearchParams(query));
      }
      return event;
    });
}

/** Events of an HTTP source with one top-level field removed or replaced. */
function mangledHttpEvent(source: HttpSource) {
  return mangledEvent(source, HTTP_SOURCE_FIELDS[source]);
}

function assertPrototypeClean(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/** Checks that a REST reply is the correct value or a client-error problem reply. */
function assertRestReply(event: { body?: unknown }, reply: APIGatewayProxyResult): void {
  if (reply.statusCode === 200) {
    const result = JSON.parse(reply.body) as { fib: number; value: string };
    expect(result.value).toBe(referenceFibonacci(result.fib));
    return;
  }
  expect(CLIENT_STATUSES.has(reply.statusCode)).toBe(true);
  expect(reply.headers?.['content-type']).toBe('application/problem+json');
  expect(typeof (JSON.parse(reply.body) as { detail: unknown }).detail).toBe('string');
  expect(event).toBeDefined();
}

/** Returns whether the text parses as JSON, after a byte-order mark that may lead it. */
function isJsonText(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Checks a bare result against the oracle. */
function assertFibonacciResult(outcome: unknown): void {
  const result = outcome as { fib: number; value: string };
  expect(result.value).toBe(referenceFibonacci(result.fib));
}

/** Returns whether the outcome has the shape of an HTTP reply. */
function isHttpReply(outcome: unknown): outcome is APIGatewayProxyResult {
  return typeof outcome === 'object' && outcome !== null && 'statusCode' in outcome;
}

/** Runs the handler and returns its reply, or the error if it threw a client error. */
async function invoke(event: unknown): Promise<unknown> {
  try {
    return await handler(event, lambdaContext('property'));
  } catch (error) {
    // Only our own client errors may escape; anything else fails the property.
    if (!(error instanceof ClientError)) throw error;
    return error;
  }
}

describe('pipeline properties', () => {
  it('answers every REST event with a value or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(restEvent, mangledRestEvent), async (event) => {
        const outcome = await invoke(event);

        if (!(outcome instanceof ClientError)) {
          assertRestReply(event, outcome as APIGatewayProxyResult);
        }
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every direct event with a value or a client error', async () => {
    const directEvent = fc.oneof(
      validFib.map((fib) => ({ fib })),
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ fib: fc.jsonValue({ maxDepth: 1 }) }),
      fc.dictionary(
        fc.constantFrom('fib', '__proto__', 'constructor', 'prototype'),
        fc.jsonValue(),
      ),
    );

    await fc.assert(
      fc.asyncProperty(directEvent, async (event) => {
        const outcome = await invoke(event);

        if (!(outcome instanceof ClientError)) {
          const result = outcome as { fib: number; value: string };
          expect(result.value).toBe(referenceFibonacci(result.fib));
        }
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });
  it.each(Object.keys(HTTP_SOURCE_FIELDS) as HttpSource[])(
    'answers every %s event with a value or 4xx',
    async (source) => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(httpEvent(source), mangledHttpEvent(source)), async (event) => {
          const outcome = await invoke(event);

          if (!(outcome instanceof ClientError) && isHttpReply(outcome)) {
            assertRestReply(event, outcome);
          } else if (!(outcome instanceof ClientError)) {
            // A mangled event that no HTTP source claims is a direct payload.
            assertFibonacciResult(outcome);
          }
          assertPrototypeClean();
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('never fails valid SQS records, fails non-JSON ones', async () => {
    const template = loadEvent<{ Records: Record<string, unknown>[] }>('sqs').Records[0];
    const batch = fc.array(fc.tuple(fc.boolean(), bodyText, validFib), {
      minLength: 1,
      maxLength: 4,
    });

    await fc.assert(
      fc.asyncProperty(batch, async (records) => {
        const event = {
          Records: records.map(([valid, body, fib], index) => ({
            ...template,
            messageId: `message-${index}`,
            body: valid ? JSON.stringify({ fib }) : body,
          })),
        };

        const outcome = (await invoke(event)) as SQSBatchResponse;

        const failed = new Set(outcome.batchItemFailures.map((item) => item.itemIdentifier));
        // NOTE: a record with a random body that parses as JSON gets no check, because
        // deciding whether it is a valid request would repeat the validator's rules.
        records.forEach(([valid, body], index) => {
          if (valid) expect(failed.has(`message-${index}`)).toBe(false);
          else if (!isJsonText(body)) expect(failed.has(`message-${index}`)).toBe(true);
        });
        for (const id of failed) expect(id).toMatch(/^message-[0-3]$/);
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every SNS message with a value or a client error', async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, async (message) => {
        const event = loadEvent<{ Records: { Sns: { Message: string } }[] }>('sns');
        for (const record of event.Records) record.Sns.Message = message;

        const outcome = await invoke(event);

        if (!(outcome instanceof ClientError)) assertFibonacciResult(outcome);
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every EventBridge detail with a value or a client error', async () => {
    const detail = fc.oneof(
      validFib.map((fib) => ({ fib })),
      fc.record({ fib: fc.jsonValue({ maxDepth: 1 }) }),
      fc.dictionary(fc.constantFrom('fib', '__proto__', 'constructor'), fc.jsonValue()),
      fc.jsonValue({ maxDepth: 3 }),
    );

    await fc.assert(
      fc.asyncProperty(detail, async (value) => {
        const event = { ...loadEvent<object>('eventbridge'), detail: value };

        const outcome = await invoke(event);

        if (!(outcome instanceof ClientError)) assertFibonacciResult(outcome);
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });
});
