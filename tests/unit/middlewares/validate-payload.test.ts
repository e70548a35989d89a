import { describe, expect, it } from '@jest/globals';
import { validatePayload } from '../../../middlewares/validate-payload.js';
import { PayloadValidationError } from '../../../src/framework/errors.js';
import validateFibonacciRequest from '../../../src/generated/fibonacci-request.validator.js';
import { middyRequest } from '../../support/middy-request.js';

const ACCEPTED = '{"fib": n} with n an integer from 0 to 10000';

async function validationError(payload: unknown): Promise<PayloadValidationError> {
  try {
    await validatePayload(validateFibonacciRequest, ACCEPTED).before?.(middyRequest(payload));
  } catch (error) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error(`payload ${JSON.stringify(payload)} was accepted`);
}

describe('validatePayload', () => {
  it.each([0, 7, 10_000])('accepts fib %i', async (fib) => {
    const request = middyRequest({ fib });

    await validatePayload(validateFibonacciRequest, ACCEPTED).before?.(request);

    expect(request.event).toEqual({ fib });
  });

  it.each([
    [{}, '/fib', 'is required'],
    [{ fib: -1 }, '/fib', 'must be >= 0'],
    [{ fib: 10_001 }, '/fib', 'must be <= 10000'],
    [{ fib: 7.5 }, '/fib', 'must be an integer, got the number 7.5'],
    [{ fib: '7' }, '/fib', 'must be an integer, got a string'],
    [{ fib: null }, '/fib', 'must be an integer, got null'],
    [[7], '', 'must be a JSON object, got an array'],
    [null, '', 'must be a JSON object, got null'],
    [7, '', 'must be a JSON object, got the number 7'],
  ])('rejects %p at %p', async (payload, pointer, detail) => {
    const error = await validationError(payload);

    expect(error.issues).toContainEqual({ pointer, detail });
    expect(error.message).toContain(`Expected ${ACCEPTED}.`);
  });

  it('counts the violations it does not list', async () => {
    const extras = Object.fromEntries(
      Array.from({ length: 30 }, (_, index) => [`extra${index}`, index]),
    );

    const error = await validationError({ fib: 7, ...extras });

    expect(error.issues).toHaveLength(20);
    expect(error.message).toContain('/extra19 is not an accepted property; and 10 more');
  });

  it('reports every violation with its pointer', async () => {
    const error = await validationError({ fib: -3, extra: true, 'a/b~c': 1 });

    expect(error.issues).toEqual(
      expect.arrayContaining([
        { pointer: '/fib', detail: 'must be >= 0' },
        { pointer: '/extra', detail: 'is not an accepted property' },
        { pointer: '/a~1b~0c', detail: 'is not an accepted property' },
      ]),
    );
    expect(error.issues).toHaveLength(3);
  });

  it('caps the issues reported for a huge payload', async () => {
    const payload = Object.fromEntries(
      Array.from({ length: 5_000 }, (_, index) => [`k${index}`, 1]),
    );

    const error = await validationError(payload);

    expect(error.issues.length).toBeLessThanOrEqual(20);
  });
});
