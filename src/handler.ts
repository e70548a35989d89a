import { fibonacciHandlerOptions } from './fibonacci-handler-options.js';
import { createHandler } from './framework/create-handler.js';

/** The Fibonacci service's Lambda handler, named `src/handler.handler` in serverless.yml. */
export const handler = createHandler(fibonacciHandlerOptions);
