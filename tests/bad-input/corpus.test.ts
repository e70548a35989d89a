import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { handler } from '../../src/handler.js';
import { lambdaContext, loadEvent } from '../support/fixtures.js';
import { BODY_CASES, type BodyCase, type Expectation } from './cases.js';

const PROBLEM_PREFIX = 'urn:uniform-lambda:problem:';
const INTERNALS = /node_modules|\/work\/|\.cjs|\.ts:|at [\w.<>]+ \(|ajv|middy/i;

let written: string[] = [];

beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  // A polluted prototype would show up on every plain object.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Checks an HTTP proxy reply against an expectation, field by field. */
function expectHttpReply(reply: APIGatewayProxyResult, expected: Expectation, requestId: string) {
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
      expect(written).toHaveLength(1);
    },
  );
});
