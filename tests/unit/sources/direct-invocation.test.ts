import { describe, expect, it } from '@jest/globals';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

describe('direct source', () => {
  it('returns the bare result', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('direct'));

    expect(reply).toEqual({ fib: 10, value: '55' });
    expect(service.logs[0]?.detection).toBe('fallback');
  });

  it('throws for a console test event', async () => {
    const service = fibonacciService();

    const outcome = service.invoke(loadEvent('console-test'));

    await expect(outcome).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: expect.stringContaining('/fib is required; /key1 is not an accepted property'),
    });
  });

  it('throws an error without server frames', async () => {
    const service = fibonacciService();

    const error = await service.invoke({ fib: -1 }).catch((thrown: Error) => thrown);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).stack).toBe(`PayloadValidationError: ${(error as Error).message}`);
  });
});
