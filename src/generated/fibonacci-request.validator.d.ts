// Generated from schemas/fibonacci-request.json by scripts/generate-validators.mjs. Do not edit.
import type { PayloadValidator } from '../framework/payload-validator.js';

/**
 * Asks for the Fibonacci number at index fib.
 */
export interface FibonacciRequest {
  /**
   * Index of the Fibonacci number, where fib(0) = 0 and fib(1) = 1.
   */
  fib: number;
}

/** Checks a payload against schemas/fibonacci-request.json; a payload that passes is a FibonacciRequest. */
declare const validate: ((data: unknown) => data is FibonacciRequest) & PayloadValidator;
export default validate;
