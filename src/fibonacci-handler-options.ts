import { computeFibonacci, type FibonacciRequest, MAX_FIBONACCI_INDEX } from './fibonacci.js';
import validateFibonacciRequest from './generated/fibonacci-request.validator.js';

/**
 * Options of the Fibonacci service's handler, all but the logger. src/handler.ts builds
 * the deployed handler from them, and tests and benchmarks add a logger of their own.
 * Importing this module builds no handler.
 */
export const fibonacciHandlerOptions = {
  handler: (request: FibonacciRequest) => computeFibonacci(request),
  validator: validateFibonacciRequest,
  accepted: `a JSON object {"fib": n} with n an integer from 0 to ${MAX_FIBONACCI_INDEX}`,
};
