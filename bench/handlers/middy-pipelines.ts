// The Fibonacci service built the stock Middy way, from Middy's own JSON body parser,
// schema validator and HTTP error handler. The schema is compiled at start-up with
// transpileSchema, as Middy's documentation shows. Middy's default settings apply
// unless a caller passes other core options.
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator from '@middy/validator';
import { transpileSchema } from '@middy/validator/transpile';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import schemaDocument from '../../schemas/fibonacci-request.json' with { type: 'json' };
import { computeFibonacci, type FibonacciRequest } from '../../src/fibonacci.js';

// transpileSchema compiles with ajv's JSON Schema 2020-12 class, which does not know the
// draft-07 meta-schema that the file names. The keywords used mean the same in both.
const { $schema: _draft, ...payloadSchema } = schemaDocument;

/** The core option the benchmark varies; Middy 6 does not export its options type. */
interface MiddyCoreOptions {
  timeoutEarlyInMillis?: number;
}

/** Builds a handler for API Gateway REST proxy events, whose body is the payload. */
export function restPipeline(core: MiddyCoreOptions = {}) {
  return middy<APIGatewayProxyEvent>(core)
    .use(httpErrorHandler())
    .use(httpJsonBodyParser())
    .use(
      validator({
        eventSchema: transpileSchema({
          type: 'object',
          properties: { body: payloadSchema },
          required: ['body'],
        }),
      }),
    )
    .handler(async (event: APIGatewayProxyEvent) => ({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(computeFibonacci(event.body as unknown as FibonacciRequest)),
    }));
}

/** Builds a handler for direct invocations, where the event is the payload. */
export function directPipeline(core: MiddyCoreOptions = {}) {
  return middy<FibonacciRequest>(core)
    .use(validator({ eventSchema: transpileSchema(payloadSchema) }))
    .handler(async (event: FibonacciRequest) => computeFibonacci(event));
}
