// The request type is generated from schemas/fibonacci-request.json (npm run generate),
// so it cannot drift from what the validator accepts.
import type { FibonacciRequest } from './generated/fibonacci-request.validator.js';

export type { FibonacciRequest };

/** Largest index the service computes; fib(10000) has 2,090 decimal digits. */
export const MAX_FIBONACCI_INDEX = 10_000;

export interface FibonacciResponse {
  fib: number;
  /** The exact Fibonacci number in decimal digits, as a string so no precision is lost. */
  value: string;
}

/**
 * Computes the nth Fibonacci number exactly with fast doubling, in O(log n) BigInt
 * multiplications: F(2k) = F(k)(2F(k+1) - F(k)) and F(2k+1) = F(k)^2 + F(k+1)^2.
 *
 * @example fibonacci(10) === 55n
 * @throws RangeError when n is not an integer from 0 to 2^31 - 1, the range the bit
 * loop below can walk.
 */
export function fibonacci(n: number): bigint {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fff_ffff) {
    throw new RangeError(`fibonacci index must be an integer from 0 to 2147483647, got ${n}`);
  }

  let current = 0n; // F(k)
  let next = 1n; // F(k+1)
  for (let bit = 31 - Math.clz32(n); bit >= 0; bit--) {
    const doubled = current * (2n * next - current);
    const doubledNext = current * current + next * next;
    if ((n >>> bit) & 1) {
      current = doubledNext;
      next = doubled + doubledNext;
    } else {
      current = doubled;
      next = doubledNext;
    }
  }
  return current;
}

/** Business handler of the worked example: knows nothing of events, HTTP or AWS. */
export function computeFibonacci(request: FibonacciRequest): FibonacciResponse {
  return { fib: request.fib, value: fibonacci(request.fib).toString() };
}
