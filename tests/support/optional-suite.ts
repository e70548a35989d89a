import { describe } from '@jest/globals';

/**
 * Returns `describe` when `unavailableReason` is undefined. Otherwise warns and returns
 * `describe.skip`, or throws when the CI environment variable is set, so a CI run cannot
 * pass by skipping tests whose prerequisite is missing.
 *
 * @param suiteName - the tests as the messages name them, e.g. `the MariaDB tests`
 * @param unavailableReason - why the tests cannot run, or undefined when they can
 */
export function describeWhenAvailable(
  suiteName: string,
  unavailableReason: string | undefined,
): typeof describe.skip {
  if (unavailableReason === undefined) return describe;
  if (process.env.CI) {
    throw new Error(`CI is set, so ${suiteName} must run, but ${unavailableReason}.`);
  }
  console.warn(`Skipping ${suiteName}: ${unavailableReason}.`);
  return describe.skip;
}
