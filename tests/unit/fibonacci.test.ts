import { describe, expect, it } from '@jest/globals';
import { computeFibonacci, fibonacci, MAX_FIBONACCI_INDEX } from '../../src/fibonacci.js';
import { referenceFibonacci } from '../support/fibonacci-reference.js';

describe('fibonacci', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [2, '1'],
    [7, '13'],
    [10, '55'],
    [90, '2880067194370816120'],
    [100, '354224848179261915075'],
  ])('fib(%i) is %s', (n, expected) => {
    expect(fibonacci(n).toString()).toBe(expected);
  });

  it('matches plain iteration for 0 to 1500', () => {
    let current = 0n;
    let next = 1n;
    for (let n = 0; n <= 1500; n++) {
      expect(fibonacci(n)).toBe(current);
      [current, next] = [next, current + next];
    }
  });

  it('is exact at the maximum index', () => {
    const value = fibonacci(MAX_FIBONACCI_INDEX);

    expect(value.toString()).toBe(referenceFibonacci(MAX_FIBONACCI_INDEX));
    expect(value.toString()).toHaveLength(2090);
    expect(value.toString().startsWith('33644764876431783266')).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    'rejects index %p with RangeError',
    (n) => {
      expect(() => fibonacci(n)).toThrow(RangeError);
    },
  );
});

describe('computeFibonacci', () => {
  it('returns index and value as a decimal string', () => {
    expect(computeFibonacci({ fib: 7 })).toEqual({ fib: 7, value: '13' });
  });
});
