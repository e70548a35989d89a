import { afterEach, beforeEach, expect, jest } from '@jest/globals';
import type { Expectation } from './cases.js';

const PROBLEM_PREFIX = 'urn:uniform-lambda:problem:';

/** Text that would reveal internals: file paths, stack frames, library names. */
export const INTERNALS = /node_modules|\/work\/|\.cjs|\.ts:|at [\w.<>]+ \(|ajv|middy/i;

/** An HTTP reply of any HTTP source: REST and HTTP API, Function URL, ALB. */
export interface HttpReply {
  statusCode: number;
  headers?: Record<string, unknown> | undefined;
  multiValueHeaders?: Record<string, unknown> | undefined;
  body: string;
}

/**
 * Captures what the handler writes to stdout in each test of the calling file, and checks
 * after each test that no input polluted Object.prototype.
 */
export function captureStdout(): { lines: string[] } {
  const capture = { lines: [] as string[] };

  beforeEach(() => {
    capture.lines = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      capture.lines.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    // A polluted prototype would show up on every plain object.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  return capture;
}

/** Checks an HTTP reply against an expectation, field by field. */
export function expectHttpReply(reply: HttpReply, expected: Expectation, requestId: string) {
  const body = JSON.parse(reply.body) as Record<string, unknown>;
  if ('ok' in expected) {
    expect(reply.statusCode).toBe(200);
    expect(body).toEqual(expected.ok);
    return;
  }
  expect(reply.statusCode).toBe(expected.status);
  expect(reply.headers?.['content-type']).toBe('application/problem+json');
  expect(body.type).toBe(PROBLEM_PREFIX + expected.problem);
  expect(body.status).toBe(expected.status);
  expect(body.detail).toBe(expected.detail);
  expect(body.errors).toEqual(expected.errors);
  expect(body.requestId).toBe(requestId);
  expect(reply.body).not.toMatch(INTERNALS);
}

/** Returns the error an invocation was rejected with, or undefined when it resolved. */
export function rejectionOf(invocation: Promise<unknown>): Promise<Error | undefined> {
  return invocation.then(
    () => undefined,
    (thrown: unknown) => thrown as Error,
  );
}
