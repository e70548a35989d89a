import { describe, expect, it } from '@jest/globals';
import { handler } from '../../src/handler.js';
import { lambdaContext } from '../support/fixtures.js';
import { DIRECT_CASES } from './cases.js';
import { captureStdout, rejectionOf } from './reply-checks.js';

const stdout = captureStdout();

describe('bad input through direct invocation', () => {
  it('covers at least 30 direct cases', () => {
    expect(DIRECT_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(DIRECT_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const invocation = handler(testCase.event, lambdaContext('corpus-direct'));
      const expected = testCase.expected;

      if ('ok' in expected) {
        // Lambda sends the result to the caller as JSON, which writes -0 as 0.
        const result = JSON.parse(JSON.stringify(await invocation));
        expect(result).toEqual(expected.ok);
      } else {
        const error = await rejectionOf(invocation);
        expect(error?.name).toBe('PayloadValidationError');
        expect(error?.message).toBe(expected.detail);
        expect(error?.stack).toBe(`PayloadValidationError: ${expected.detail}`);
      }
      expect(stdout.lines).toHaveLength(1);
    },
  );

  // No source claims a null event, so the direct-invocation source rejects it.
  it('null event', async () => {
    const invocation = handler(null, lambdaContext('corpus-direct'));

    await expect(invocation).rejects.toMatchObject({ name: 'PayloadValidationError' });
    await expect(invocation).rejects.toThrow('the payload must be a JSON object, got null');
    expect(stdout.lines).toHaveLength(1);
    expect(stdout.lines.join('')).not.toMatch(/secret-/);
  });
});
