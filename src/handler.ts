import { computeFibonacci, type FibonacciRequest, MAX_FIBONACCI_INDEX } from './fibonacci.js';
import { createHandler } from './framework/create-handler.js';
import validateFibonacciRequest from './generated/fibonacci-request.validator.js';

/** The Fibonacci service's Lambda handler, named `src/handler.handler` in serverless.yml. */
export const handler = createHandler({
  handler: (request: FibonacciRequest) => computeFibonacci(request),
  validator: validateFibonacciRequest,
  accepted: `a JSON object {"fib": n} with n an integer from 0 to ${MAX_FIBONACCI_INDEX}`,
});
