/**
 * Serverless Framework plugin that serves each function's `url` (Lambda function URL) during
 * `serverless offline start`, which serverless-offline 13 does not do. Every request becomes
 * a function URL event (payload format 2.0 with a `*.lambda-url.<region>.on.aws` domain)
 * that is sent to serverless-offline's Lambda Invoke API, so the function runs exactly as
 * for its other local routes.
 *
 * The first function with a `url` listens on FUNCTION_URL_PORT (default 3003), the next on
 * the port after it, on the host given to `serverless offline start --host`.
 * NOTE: like serverless-offline's `--noAuth`, no IAM signature is checked, and the event's
 * `requestContext.authorizer` is left out because there is no verified caller.
 */

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const DEFAULT_PORT = 3003;
const DEFAULT_LAMBDA_PORT = 3002;

/** Lambda accepts request payloads of at most 6 MB for synchronous invocation. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Media types whose bodies a function URL passes as text. Any other body arrives
 * base64-encoded with `isBase64Encoded: true`.
 */
const TEXT_MEDIA_TYPE =
  /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|javascript|x-www-form-urlencoded)\b)/i;

/** Returns the `dd/Mon/yyyy:HH:mm:ss +0000` time that request contexts carry. */
function requestTime(date) {
  const [, day, month, year, time] = date.toUTCString().split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
}

/** Builds the function URL event for one HTTP request and its raw body. */
export function functionUrlEvent(request, body, { urlId, region }) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers = {};
  const cookies = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    // Function URLs join a repeated header's values with commas. Node has already joined
    // most of them and leaves an array only for set-cookie.
    else headers[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_MEDIA_TYPE.test(contentType);
  const now = new Date();
  const domainName = `${urlId}.lambda-url.${region}.on.aws`;
  const queryStringParameters = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] =
      name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }

  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: { ...headers, host: domainName },
    requestContext: {
      accountId: 'anonymous',
      apiId: urlId,
      domainName,
      domainPrefix: urlId,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: !isText,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (url.search.length > 1) event.queryStringParameters = queryStringParameters;
  if (body.length > 0) event.body = isText ? body.toString('utf8') : body.toString('base64');
  return event;
}

/**
 * Converts what the function returned into the HTTP response a function URL sends: a
 * result with `statusCode` is a response description, and anything else is sent as a
 * 200 JSON body.
 */
export function functionUrlResponse(result) {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(result) ?? ''),
    };
  }
  const headers = { ...(result.headers ?? {}) };
  if (Array.isArray(result.cookies) && result.cookies.length > 0) {
    headers['set-cookie'] = result.cookies;
  }
  const text = typeof result.body === 'string' ? result.body : '';
  return {
    statusCode: Number(result.statusCode),
    headers,
    body: Buffer.from(text, result.isBase64Encoded === true ? 'base64' : 'utf8'),
  };
}

/**
 * Reads a request body, rejecting one above MAX_BODY_BYTES. The rest of a body that
 * is too large is read and dropped rather than cut off, because closing the socket
 * would also lose the 413 reply.
 */
function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const collect = (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off('data', collect);
      request.resume();
      reject(
        new RangeError(
          `The request body exceeds ${MAX_BODY_BYTES} bytes, the Lambda limit for a synchronous invoke. Send a smaller body.`,
        ),
      );
    };
    request.on('data', collect);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Sends a plain JSON error, the way a function URL reports its own failures. */
function sendError(response, statusCode, message, extraHeaders = {}) {
  response.writeHead(statusCode, { 'content-type': 'application/json', ...extraHeaders });
  response.end(JSON.stringify({ Message: message }));
}

export default class FunctionUrlOffline {
  constructor(serverless, options, { log }) {
    this.serverless = serverless;
    this.options = options;
    this.log = log;
    this.servers = [];
    this.hooks = {
      'offline:start:init': () => this.start(),
      'offline:start:end': () => this.stop(),
    };
  }

  /** Returns the URL of serverless-offline's Lambda Invoke API for one function. */
  invocationUrl(functionName) {
    const service = this.serverless.service;
    const offlineSettings = service.custom?.['serverless-offline'] ?? {};
    const port = this.options.lambdaPort ?? offlineSettings.lambdaPort ?? DEFAULT_LAMBDA_PORT;
    const deployedName = service.getFunction(functionName).name;
    return `http://127.0.0.1:${port}/2015-03-31/functions/${encodeURIComponent(deployedName)}/invocations`;
  }

  async start() {
    const service = this.serverless.service;
    const withUrl = service.getAllFunctions().filter((name) => service.getFunction(name).url);
    const host = this.options.host ?? 'localhost';
    const firstPort = Number(process.env.FUNCTION_URL_PORT ?? DEFAULT_PORT);
    const region = this.options.region ?? service.provider.region ?? 'us-east-1';

    for (const [index, functionName] of withUrl.entries()) {
      const port = firstPort + index;
      // A fixed, readable id: a deployed URL id is 32 random lower-case letters and digits.
      const urlId = `local${functionName.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
      const server = createServer((request, response) => {
        this.handle(request, response, functionName, { urlId, region }).catch((error) => {
          this.log.error(`Function URL of ${functionName} failed: ${error.message}`);
          if (!response.headersSent) sendError(response, 502, 'Internal Server Error');
        });
      });
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, resolve);
      });
      this.servers.push(server);
      this.log.notice(`Function URL of ${functionName}: http://${host}:${port}/`);
    }
  }

  async handle(request, response, functionName, urlSettings) {
    let body;
    try {
      body = await readBody(request);
    } catch (error) {
      // The connection closes after the reply, so the client sends no more of the body.
      sendError(response, 413, error.message, { connection: 'close' });
      return;
    }
    const event = functionUrlEvent(request, body, urlSettings);
    const invocation = await fetch(this.invocationUrl(functionName), {
      method: 'POST',
      body: JSON.stringify(event),
    });
    const payload = await invocation.text();
    // A function error reaches a function URL caller as 502, without its message.
    if (!invocation.ok || invocation.headers.get('x-amz-function-error')) {
      this.log.warning(`Function ${functionName} failed on its function URL: ${payload}`);
      sendError(response, 502, 'Internal Server Error');
      return;
    }
    const reply = functionUrlResponse(payload === '' ? null : JSON.parse(payload));
    response.writeHead(reply.statusCode, reply.headers);
    response.end(reply.body);
  }

  async stop() {
    await Promise.all(
      this.servers.map((server) => new Promise((resolve) => server.close(() => resolve()))),
    );
    this.servers = [];
  }
}
