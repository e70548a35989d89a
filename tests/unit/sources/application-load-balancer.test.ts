import { describe, expect, it } from '@jest/globals';
import { applicationLoadBalancer } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

/** Fields an ALB reply may not carry as null: ALB rejects such a reply with a 502. */
function nullFields(reply: object): string[] {
  return Object.entries(reply)
    .filter(([, value]) => value === null)
    .map(([key]) => key);
}

describe('application-load-balancer source', () => {
  it('claims its fixtures', () => {
    expect(applicationLoadBalancer.claims(loadEvent('application-load-balancer'))).toBe(true);
    expect(applicationLoadBalancer.claims(loadEvent('application-load-balancer-multi-value'))).toBe(
      true,
    );
  });

  it('replies with a status description', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('application-load-balancer'));

    expect(reply).toEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    });
  });

  it('mirrors multi-value request headers', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('application-load-balancer-multi-value'));

    expect(reply).toEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: { 'content-type': ['application/json'] },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    });
  });

  it('replies 422 to an invalid payload', async () => {
    const event = loadEvent('application-load-balancer');
    event.body = '{"fib": 1.5}';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Record<string, unknown>;

    expect(reply.statusCode).toBe(422);
    expect(reply.statusDescription).toBe('422 Unprocessable Entity');
    expect(reply.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(nullFields(reply)).toEqual([]);
    expect(JSON.parse(reply.body as string).errors).toEqual([
      { pointer: '/fib', detail: 'must be an integer, got the number 1.5' },
    ]);
  });

  it('replies 415 to text/csv', async () => {
    const event = loadEvent('application-load-balancer');
    event.headers['content-type'] = 'text/csv';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Record<string, unknown>;

    expect(reply.statusDescription).toBe('415 Unsupported Media Type');
  });

  it('form-decodes the query string', async () => {
    const event = loadEvent('application-load-balancer-multi-value');
    event.multiValueQueryStringParameters = { 'f%69b': ['%37'] };
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Record<string, unknown>;

    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe('{"fib":7,"value":"13"}');
  });

  it('decodes a plus as a space', async () => {
    const event = loadEvent('application-load-balancer');
    event.body = '';
    event.queryStringParameters = { fib: '+7' };
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Record<string, unknown>;

    expect(reply.statusCode).toBe(422);
    expect(JSON.parse(reply.body as string).errors).toEqual([
      { pointer: '/fib', detail: 'must be an integer, got a string' },
    ]);
  });

  it('rejects an invalid percent-encoding', async () => {
    const event = loadEvent('application-load-balancer');
    event.body = '';
    event.queryStringParameters = { fib: '%E0%A4%A' };
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Record<string, unknown>;

    expect(reply.statusCode).toBe(400);
    expect(reply.statusDescription).toBe('400 Bad Request');
  });

  it('ignores a malformed query beside a body', async () => {
    const event = loadEvent('application-load-balancer');
    event.queryStringParameters = { fib: '%E0%A4%A' };
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Record<string, unknown>;

    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe('{"fib":7,"value":"13"}');
  });
});
