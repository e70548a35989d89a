import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { ClientError } from '../../src/framework/errors.js';
import { handler } from '../../src/handler.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';

const RUNS = 10_000;
const CLIENT_STATUSES = new Set([400, 413, 415, 422]);

/** fib(0) to fib(10000) by plain addition, the oracle for valid requests. */
const FIBONACCI_TABLE: string[] = (() => {
  const table: string[] = [];
  let current = 0n;
  let next = 1n;
  for (let n = 0; n <= 10_000; n++) {
    table.push(current.toString());
    [current, next] = [next, current + next];
  }
  return table;
})();

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

/** REST events with one top-level field removed or replaced by an arbitrary value. */
const mangledRestEvent = fc
  .tuple(
    fc.constantFrom('httpMethod', 'resource', 'path', 'requestContext', 'headers', 'body'),
    fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
  )
  .map(([field, value]) => {
    const event: Record<string, unknown> = loadEvent('api-gateway-rest');
    if (value === undefined) delete event[field];
    else event[field] = value;
    return event;
  });

function assertPrototypeClean(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/** Checks that a REST reply is the correct value or a client-error problem reply. */
function assertRestReply(event: { body?: unknown }, reply: APIGatewayProxyResult): void {
  if (reply.statusCode === 200) {
    const result = JSON.parse(reply.body) as { fib: number; value: string };
    expect(result.value).toBe(FIBONACCI_TABLE[result.fib]);
    return;
  }
  expect(CLIENT_STATUSES.has(reply.statusCode)).toBe(true);
  expect(reply.headers?.['content-type']).toBe('application/problem+json');
  expect(typeof (JSON.parse(reply.body) as { detail: unknown }).detail).toBe('string');
  expect(event).toBeDefined();
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
          expect(result.value).toBe(FIBONACCI_TABLE[result.fib]);
        }
        assertPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });
});
