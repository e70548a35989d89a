import { describe, expect, it } from '@jest/globals';
import { PayloadValidationError } from '../../../src/framework/errors.js';
import { directInvocation } from '../../../src/sources/direct-invocation.js';
import { lambdaContext } from '../../support/fixtures.js';

describe('directInvocation', () => {
  it.each([[{ fib: 1 }], [null], [7], ['text'], [[]]])('claims %p', (event) => {
    expect(directInvocation.claims(event)).toBe(true);
  });

  it('passes the event through as the payload', () => {
    const event = { fib: 4 };

    expect(directInvocation.extractPayload(event)).toBe(event);
  });

  it('returns the bare result', () => {
    const result = { fib: 4, value: '3' };

    expect(directInvocation.shapeResult(result, {}, lambdaContext())).toBe(result);
  });

  it('throws the error so Lambda reports it', () => {
    const error = new PayloadValidationError('Invalid request payload: /fib is required.', []);

    expect(() => directInvocation.shapeError(error, {}, lambdaContext())).toThrow(error);
  });
});
