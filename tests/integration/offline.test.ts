import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { outcomeRecords } from '../support/outcome-log.js';
import {
  FUNCTION_NAME,
  getJson,
  type OfflineServer,
  postJson,
  startOffline,
} from '../support/serverless-cli.js';
import { waitUntil } from '../support/wait-until.js';

describe('serverless offline', () => {
  let offline: OfflineServer;

  beforeAll(async () => {
    offline = await startOffline();
  }, 120_000);

  afterAll(async () => {
    await offline?.stop();
  });

  describe('REST route POST /test', () => {
    it('returns fib(7) as 200 JSON', async () => {
      const reply = await postJson(`${offline.httpUrl}/test`, '{"fib":7}');

      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.json).toEqual({ fib: 7, value: '13' });
    });

    it('reads a body without Content-Type as JSON', async () => {
      const response = await fetch(`${offline.httpUrl}/test`, {
        method: 'POST',
        body: new Blob(['{"fib":10}']),
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ fib: 10, value: '55' });
    });

    it('rejects malformed JSON with 400 problem details', async () => {
      const reply = await postJson(`${offline.httpUrl}/test`, '{"fib":');

      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reply.json).toMatchObject({
        type: 'urn:uniform-lambda:problem:malformed-body',
        status: 400,
      });
    });

    it('rejects an out-of-range fib with 422 naming the field', async () => {
      const reply = await postJson(`${offline.httpUrl}/test`, '{"fib":10001}');

      expect(reply.status).toBe(422);
      expect(reply.json).toMatchObject({
        status: 422,
        errors: [{ pointer: '/fib', detail: 'must be <= 10000' }],
      });
    });

    it('rejects text/plain with 415', async () => {
      const reply = await postJson(`${offline.httpUrl}/test`, '{"fib":7}', {
        'content-type': 'text/plain',
      });

      expect(reply.status).toBe(415);
      expect(reply.json).toMatchObject({ status: 415 });
    });
  });

  describe('REST GET routes', () => {
    it('reads fib from the query string', async () => {
      const reply = await getJson(`${offline.httpUrl}/fibonacci?fib=7`);

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 7, value: '13' });
    });

    it('reads fib from the path', async () => {
      const reply = await getJson(`${offline.httpUrl}/fibonacci/12`);

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 12, value: '144' });
    });

    it('rejects a non-numeric path with 422', async () => {
      const reply = await getJson(`${offline.httpUrl}/fibonacci/seven`);

      expect(reply.status).toBe(422);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reply.json).toMatchObject({
        errors: [{ pointer: '/fib', detail: 'must be an integer, got a string' }],
      });
    });
  });

  describe('HTTP API routes', () => {
    it('returns fib(7) for a JSON body', async () => {
      const reply = await postJson(`${offline.httpApiUrl}/fibonacci`, '{"fib":7}');

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 7, value: '13' });
    });

    it('reads a form body', async () => {
      const reply = await postJson(`${offline.httpApiUrl}/fibonacci`, 'fib=9', {
        'content-type': 'application/x-www-form-urlencoded',
      });

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 9, value: '34' });
    });

    it('reads fib from the query string', async () => {
      const reply = await getJson(`${offline.httpApiUrl}/fibonacci?fib=8`);

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 8, value: '21' });
    });

    it('reads fib from the path', async () => {
      const reply = await getJson(`${offline.httpApiUrl}/fibonacci/10`);

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 10, value: '55' });
    });

    it('rejects a repeated query parameter', async () => {
      const reply = await getJson(`${offline.httpApiUrl}/fibonacci?fib=1&fib=2`);

      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reply.json).toMatchObject({ type: 'urn:uniform-lambda:problem:invalid-request' });
    });

    it('keeps a JSON string a 422', async () => {
      const reply = await postJson(`${offline.httpApiUrl}/fibonacci`, '{"fib":"7"}');

      expect(reply.status).toBe(422);
      expect(reply.json).toMatchObject({ status: 422 });
    });
  });

  describe('function URL', () => {
    it('returns fib(7) for a JSON body', async () => {
      const reply = await postJson(`${offline.functionUrl}/`, '{"fib":7}');

      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/json');
      expect(reply.json).toEqual({ fib: 7, value: '13' });
    });

    it('reads fib from the query string', async () => {
      const reply = await getJson(`${offline.functionUrl}/?fib=12`);

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ fib: 12, value: '144' });
    });

    it('rejects malformed JSON with 400 problem details', async () => {
      const reply = await postJson(`${offline.functionUrl}/`, '{"fib":');

      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      expect(reply.json).toMatchObject({ type: 'urn:uniform-lambda:problem:malformed-body' });
    });

    it('logs the invocation as a function URL source', async () => {
      // Earlier tests on this server logged function URL lines too, so only the new one counts.
      const before = outcomeRecords(offline.output()).length;

      const reply = await postJson(`${offline.functionUrl}/`, '{"fib":3}');
      await waitUntil(() => outcomeRecords(offline.output()).length > before, 5_000);

      expect(reply.status).toBe(200);
      const newRecords = outcomeRecords(offline.output()).slice(before);
      expect(newRecords).toHaveLength(1);
      expect(newRecords[0]).toMatchObject({
        level: 'info',
        message: 'invocation succeeded',
        source: 'lambda-function-url',
      });
    });
  });

  describe('Lambda Invoke API', () => {
    const invocations = () =>
      `${offline.lambdaUrl}/2015-03-31/functions/${FUNCTION_NAME}/invocations`;

    it('returns the bare result for a bare payload', async () => {
      const reply = await postJson(invocations(), '{"fib":5}');

      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-amz-function-error')).toBeNull();
      expect(reply.json).toEqual({ fib: 5, value: '5' });
    });

    it('reports an invalid payload as a function error', async () => {
      const reply = await postJson(invocations(), '{"fib":-1}');

      expect(reply.headers.get('x-amz-function-error')).toBe('Unhandled');
      const error = reply.json as { errorMessage: string; trace?: string[] };
      expect(error.errorMessage).toContain('/fib must be >= 0');
      expect(error.errorMessage).toContain('integer from 0 to 10000');
      expect(JSON.stringify(error)).not.toMatch(/node_modules|\.cjs|at \w+ \(/);
    });

    it('treats a bare payload with a body key as direct', async () => {
      const reply = await postJson(invocations(), '{"fib":3,"body":"{\\"fib\\":4}"}');

      expect(reply.headers.get('x-amz-function-error')).toBe('Unhandled');
      expect((reply.json as { errorMessage: string }).errorMessage).toContain(
        '/body is not an accepted property',
      );
    });
  });

  it('logs one JSON line per outcome without the Authorization header', async () => {
    const successes = () =>
      outcomeRecords(offline.output()).filter(
        (record) => record.message === 'invocation succeeded',
      );
    const before = successes().length;

    const reply = await postJson(`${offline.httpUrl}/test`, '{"fib":8}', {
      'content-type': 'application/json',
      authorization: 'AWS4-HMAC-SHA256 Credential=secret-credential-value',
    });
    await waitUntil(() => successes().length > before, 5_000);

    expect(reply.status).toBe(200);
    const records = successes().slice(before);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: 'info',
      source: 'api-gateway-rest',
      requestId: expect.any(String),
    });
    expect(offline.output()).not.toContain('secret-credential-value');
  });
});
