import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { handler } from '../src/handler.js';
import { lambdaContext, listEventNames, loadEvent } from './support/fixtures.js';

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
  direct: { kind: 'reply', matches: { fib: 10, value: '55' } },
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
