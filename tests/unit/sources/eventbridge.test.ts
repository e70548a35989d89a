import { describe, expect, it } from '@jest/globals';
import { eventBridge } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

describe('eventbridge source', () => {
  it('claims its fixtures', () => {
    expect(eventBridge.claims(loadEvent('eventbridge'))).toBe(true);
    expect(eventBridge.claims(loadEvent('eventbridge-scheduled'))).toBe(true);
  });

  it('returns the detail result', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('eventbridge'));

    expect(reply).toEqual({ fib: 7, value: '13' });
  });

  it('throws for a schedule without detail', async () => {
    const service = fibonacciService();

    const outcome = service.invoke(loadEvent('eventbridge-scheduled'));

    await expect(outcome).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: expect.stringContaining('/fib is required'),
    });
  });

  it('rejects a string detail fib', async () => {
    const event = loadEvent('eventbridge');
    event.detail = { fib: '7' };
    const service = fibonacciService();

    const outcome = service.invoke(event);

    await expect(outcome).rejects.toMatchObject({ name: 'PayloadValidationError' });
  });
});
