// Entry of the stock Middy bundle whose warm cost is measured.
import middy from '@middy/core';
import { computeFibonacci, type FibonacciRequest } from '../../src/fibonacci.js';
import { directPipeline, restPipeline } from './middy-pipelines.js';

export const handler = restPipeline();
export const directHandler = directPipeline();
/** Middy's early-timeout race costs time on every invocation, so it is measured apart. */
export const handlerWithoutEarlyTimeout = restPipeline({ timeoutEarlyInMillis: 0 });
/** Middy's core alone, without middlewares or early timeout: the floor of any Middy pipeline. */
export const coreOnlyHandler = middy<FibonacciRequest>({ timeoutEarlyInMillis: 0 }).handler(
  async (event: FibonacciRequest) => computeFibonacci(event),
);
