import { describe, expect, it } from '@jest/globals';
import { lambdaFunctionUrl } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

describe('lambda-function-url source', () => {
  it('claims a lambda-url domain only', () => {
    const event = loadEvent('lambda-function-url');

    expect(lambdaFunctionUrl.claims(event)).toBe(true);
    expect(lambdaFunctionUrl.claims(loadEvent('api-gateway-http'))).toBe(false);
  });

  it('replies in the 2.0 shape', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('lambda-function-url'));

    expect(reply).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    });
  });

  it('reads the query string', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('lambda-function-url-query'));

    expect(reply).toMatchObject({ statusCode: 200, body: '{"fib":7,"value":"13"}' });
  });

  it('replies 400 to malformed JSON', async () => {
    const event = loadEvent('lambda-function-url');
    event.body = '{"fib":';
    const service = fibonacciService();

    const reply = await service.invoke(event);

    expect(reply).toEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/problem+json' },
      body: expect.stringContaining('"type":"urn:uniform-lambda:problem:malformed-body"'),
      isBase64Encoded: false,
    });
  });

  it('replies 422 to an invalid payload', async () => {
    const event = loadEvent('lambda-function-url-query');
    event.rawQueryString = 'fib=10001';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as { statusCode: number; body: string };

    expect(reply.statusCode).toBe(422);
    expect(JSON.parse(reply.body).errors).toEqual([
      { pointer: '/fib', detail: 'must be <= 10000' },
    ]);
  });
});
