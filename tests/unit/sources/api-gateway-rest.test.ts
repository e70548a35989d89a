import { describe, expect, it } from '@jest/globals';
import { apiGatewayRest } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

describe('api-gateway-rest source', () => {
  it('claims its fixtures', () => {
    expect(apiGatewayRest.claims(loadEvent('api-gateway-rest'))).toBe(true);
    expect(apiGatewayRest.claims(loadEvent('api-gateway-rest-stray-method'))).toBe(true);
  });

  it('replies in the proxy shape', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('api-gateway-rest'));

    expect(reply).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    });
  });

  it('reads a base64 body', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('api-gateway-rest-base64'));

    expect(reply).toMatchObject({
      statusCode: 200,
      body: '{"fib":90,"value":"2880067194370816120"}',
    });
  });

  it('reads the query string', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('api-gateway-rest-query'));

    expect(reply).toMatchObject({ statusCode: 200, body: '{"fib":7,"value":"13"}' });
  });

  it('reads a path parameter', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('api-gateway-rest-path-parameter'));

    expect(reply).toMatchObject({ statusCode: 200, body: '{"fib":7,"value":"13"}' });
  });

  it('rejects a repeated query parameter', async () => {
    const event = loadEvent('api-gateway-rest-query');
    event.multiValueQueryStringParameters = { fib: ['7', '8'] };
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as { statusCode: number; body: string };

    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body).detail).toBe(
      '"fib" is given more than once as a query parameter. Give each field once.',
    );
  });

  it('keeps JSON strings a type error', async () => {
    const event = loadEvent('api-gateway-rest');
    event.body = '{"fib": "7"}';
    const service = fibonacciService();

    const reply = (await service.invoke(event)) as { statusCode: number; body: string };

    expect(reply.statusCode).toBe(422);
    expect(JSON.parse(reply.body).errors).toEqual([
      { pointer: '/fib', detail: 'must be an integer, got a string' },
    ]);
  });

  it('replies 422 with problem details', async () => {
    const event = loadEvent('api-gateway-rest');
    event.body = '{"fib": 10001}';
    const service = fibonacciService();

    const reply = await service.invoke(event);

    expect(reply).toEqual({
      statusCode: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        type: 'urn:uniform-lambda:problem:payload-validation',
        title: 'Invalid request payload',
        status: 422,
        detail:
          'Invalid request payload: /fib must be <= 10000. ' +
          'Expected a JSON object {"fib": n} with n an integer from 0 to 10000.',
        requestId: 'test-request-id',
        errors: [{ pointer: '/fib', detail: 'must be <= 10000' }],
      }),
      isBase64Encoded: false,
    });
  });
});
