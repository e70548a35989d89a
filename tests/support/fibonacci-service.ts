import {
  computeFibonacci,
  type FibonacciRequest,
  MAX_FIBONACCI_INDEX,
} from '../../src/fibonacci.js';
import validateFibonacciRequest from '../../src/generated/fibonacci-request.validator.js';
import {
  type AnySourceAdapter,
  createHandler,
  type LambdaHandler,
  type OutcomeLogRecord,
} from '../../src/index.js';
import { lambdaContext } from './fixtures.js';

/** A Fibonacci handler as src/handler.ts builds it, with its log records kept in memory. */
export interface FibonacciService {
  invoke(event: unknown): Promise<unknown>;
  readonly logs: OutcomeLogRecord[];
}

/** Builds the Fibonacci service with a logger that keeps records instead of printing them. */
export function fibonacciService(
  options: {
    sources?: readonly AnySourceAdapter[];
    forceSource?: string;
    /** Replaces the business function, e.g. with one that fails. */
    handler?: (request: FibonacciRequest) => unknown;
  } = {},
): FibonacciService {
  const logs: OutcomeLogRecord[] = [];
  const handler: LambdaHandler = createHandler({
    handler: (request: FibonacciRequest) => computeFibonacci(request),
    validator: validateFibonacciRequest,
    accepted: `a JSON object {"fib": n} with n an integer from 0 to ${MAX_FIBONACCI_INDEX}`,
    logger: (record) => logs.push(record),
    ...options,
  });
  return { invoke: (event) => handler(event, lambdaContext()), logs };
}
