import { MAX_FIBONACCI_INDEX } from '../../src/fibonacci.js';

let table: string[] | undefined;

/** Lists fib(0) to fib(MAX_FIBONACCI_INDEX) as decimal strings, by plain BigInt addition. */
function buildTable(): string[] {
  const values: string[] = [];
  let current = 0n;
  let next = 1n;
  for (let n = 0; n <= MAX_FIBONACCI_INDEX; n++) {
    values.push(current.toString());
    [current, next] = [next, current + next];
  }
  return values;
}

/**
 * Returns fib(n) as a decimal string, the oracle that tests check results against. It
 * adds one term at a time, independent of the fast doubling in src/fibonacci.ts, and
 * builds its table on the first call.
 *
 * @throws RangeError when n is not an integer from 0 to MAX_FIBONACCI_INDEX
 */
export function referenceFibonacci(n: number): string {
  table ??= buildTable();
  const value = table[n];
  if (value === undefined) {
    throw new RangeError(
      `The reference has no fib(${n}): n must be an integer from 0 to ${MAX_FIBONACCI_INDEX}.`,
    );
  }
  return value;
}
