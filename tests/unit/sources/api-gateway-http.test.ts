import { describe, expect, it } from '@jest/globals';
import { apiGatewayHttp } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

type Reply = { statusCode: number; headers: Record<string, string>; body: string };

const SEVEN = '{"fib":7,"value":"13"}';

describe('api-gateway-http source', () => {
  it('claims an execute-api domain only', () => {
    const event = loadEvent('api-gateway-http');

    expect(apiGatewayHttp.claims(event)).toBe(true);
    expect(apiGatewayHttp.claims(loadEvent('lambda-function-url'))).toBe(false);
  });

  it('replies in the 2.0 shape', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('api-gateway-http'));

    expect(reply).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: SEVEN,
      isBase64Encoded: false,
    });
  });

  it.each([
    ['a null body and a query string', 'api-gateway-http-query'],
    ['a path parameter', 'api-gateway-http-path-parameter'],
    ['a base64 form body', 'api-gateway-http-form'],
  ])('reads %s', async (_case, fixture) => {
    const service = fibonacciService();

    const reply = (await service.invoke(loadEvent(fixture))) as Reply;

    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe(SEVEN);
  });

  it('decodes query plus as space', async () => {
    const event = loadEvent('api-gateway-http-query');
    event.rawQueryString = 'fib=+7';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(422);
    expect(JSON.parse(reply.body).errors).toEqual([
      { pointer: '/fib', detail: 'must be an integer, got a string' },
    ]);
  });

  it.each(['0x10', '7abc', '1.5', ''])('keeps query value %p a string', async (value) => {
    const event = loadEvent('api-gateway-http-query');
    event.rawQueryString = `fib=${value}`;
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(422);
  });

  it('rejects a field given twice', async () => {
    const event = loadEvent('api-gateway-http-path-parameter');
    event.rawQueryString = 'fib=8';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body).detail).toBe(
      '"fib" is given both as a path parameter and as a query parameter. Give each field once.',
    );
  });

  it('rejects an extra query field', async () => {
    const event = loadEvent('api-gateway-http-query');
    event.rawQueryString = 'fib=7&debug=1';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(422);
    expect(JSON.parse(reply.body).errors).toEqual([
      { pointer: '/debug', detail: 'is not an accepted property' },
    ]);
  });

  it('rejects a request without payload', async () => {
    const event = loadEvent('api-gateway-http-query');
    event.rawQueryString = '';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });

  it('explains JSON sent as a form', async () => {
    const event = loadEvent('api-gateway-http');
    event.headers['content-type'] = 'application/x-www-form-urlencoded';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body).detail).toContain('Content-Type: application/json');
  });

  it('rejects text/plain with 415', async () => {
    const event = loadEvent('api-gateway-http');
    event.headers['content-type'] = 'text/plain';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply.statusCode).toBe(415);
    expect(JSON.parse(reply.body).detail).toBe(
      'Content-Type "text/plain" is not supported. ' +
        'Send the body as application/json or application/x-www-form-urlencoded.',
    );
  });

  it('replies 422 with problem details', async () => {
    const event = loadEvent('api-gateway-http');
    event.body = '{"fib": -1}';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as Reply;

    expect(reply).toEqual({
      statusCode: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: expect.any(String),
      isBase64Encoded: false,
    });
    expect(JSON.parse(reply.body)).toMatchObject({
      status: 422,
      requestId: 'test-request-id',
      errors: [{ pointer: '/fib', detail: 'must be >= 0' }],
    });
  });
});
