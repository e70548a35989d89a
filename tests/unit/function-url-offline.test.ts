import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it, jest } from '@jest/globals';
import FunctionUrlOffline, {
  functionUrlEvent,
  functionUrlResponse,
} from '../../plugins/function-url-offline.js';
import { handler } from '../../src/handler.js';
import { lambdaFunctionUrl } from '../../src/sources/index.js';
import { lambdaContext } from '../support/fixtures.js';

const URL_SETTINGS = { urlId: 'localfibonacci', region: 'us-east-1' };

/** Builds a Node request with the given method, URL and headers. */
function request(method: string, url: string, headers: Record<string, string>): IncomingMessage {
  return Object.assign(Readable.from([]), {
    method,
    url,
    headers,
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;
}

describe('function URL plugin', () => {
  it('builds an event the function URL source claims', async () => {
    const event = functionUrlEvent(
      request('POST', '/', { 'content-type': 'application/json' }),
      Buffer.from('{"fib": 7}'),
      URL_SETTINGS,
    );

    // The handler writes its log line to stdout, which would clutter the test output.
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const reply = await handler(event, lambdaContext()).finally(() => write.mockRestore());

    expect(lambdaFunctionUrl.claims(event)).toBe(true);
    expect(event.requestContext.domainName).toBe('localfibonacci.lambda-url.us-east-1.on.aws');
    expect(event.body).toBe('{"fib": 7}');
    expect(event.isBase64Encoded).toBe(false);
    expect(reply).toMatchObject({ statusCode: 200, body: '{"fib":7,"value":"13"}' });
  });

  it('passes the query string and cookies', () => {
    const event = functionUrlEvent(
      request('GET', '/path?fib=8&x=1&x=2', { cookie: 'a=1; b=2' }),
      Buffer.alloc(0),
      URL_SETTINGS,
    );

    expect(event.rawPath).toBe('/path');
    expect(event.rawQueryString).toBe('fib=8&x=1&x=2');
    expect(event.queryStringParameters).toEqual({ fib: '8', x: '1,2' });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
  });

  it('base64-encodes a binary body', () => {
    const event = functionUrlEvent(
      request('POST', '/', { 'content-type': 'application/octet-stream' }),
      Buffer.from([0xff, 0x00]),
      URL_SETTINGS,
    );

    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe('/wA=');
  });

  it('sends a bare result as 200 JSON', () => {
    const response = functionUrlResponse({ fib: 1, value: '1' });

    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(response.body.toString()).toBe('{"fib":1,"value":"1"}');
  });

  it('decodes a base64 response body', () => {
    const response = functionUrlResponse({
      statusCode: 201,
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from('done').toString('base64'),
      isBase64Encoded: true,
    });

    expect(response.statusCode).toBe(201);
    expect(response.body.toString()).toBe('done');
  });

  it('replies 413 to a body above 6 MB', async () => {
    const functions: Record<string, { name: string; url: boolean }> = {
      fibonacci: { name: 'fibonacci-dev-fibonacci', url: true },
    };
    const serverless = {
      service: {
        custom: {},
        provider: { region: 'us-east-1' },
        getAllFunctions: () => Object.keys(functions),
        getFunction: (name: string) => functions[name],
      },
    };
    const quiet = { notice: () => {}, warning: () => {}, error: () => {} };
    const plugin = new FunctionUrlOffline(serverless, { host: '127.0.0.1' }, { log: quiet });
    const previousPort = process.env.FUNCTION_URL_PORT;
    // Port 0 lets the system pick a free port, so no running server is disturbed.
    process.env.FUNCTION_URL_PORT = '0';
    try {
      await plugin.start();
      const [server] = plugin.servers;
      expect(server).toBeDefined();
      const address = server?.address() as AddressInfo | undefined;

      const reply = await fetch(`http://127.0.0.1:${address?.port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(6 * 1024 * 1024 + 1, 0x20),
      });

      expect(reply.status).toBe(413);
      expect(await reply.json()).toEqual({
        Message:
          'The request body exceeds 6291456 bytes, the Lambda limit for a synchronous invoke. Send a smaller body.',
      });
    } finally {
      if (previousPort === undefined) delete process.env.FUNCTION_URL_PORT;
      else process.env.FUNCTION_URL_PORT = previousPort;
      await plugin.stop();
    }
  });
});
