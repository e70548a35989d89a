import { describe, expect, it } from '@jest/globals';
import { sns } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

describe('sns source', () => {
  it('claims its fixture', () => {
    expect(sns.claims(loadEvent('sns'))).toBe(true);
  });

  it('returns the message result', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('sns'));

    expect(reply).toEqual({ fib: 7, value: '13' });
  });

  it('throws for an invalid message', async () => {
    const event = loadEvent('sns');
    event.Records[0].Sns.Message = '{"fib": "seven"}';
    const service = fibonacciService();

    const outcome = service.invoke(event);

    await expect(outcome).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: expect.stringContaining('/fib must be an integer, got a string'),
    });
  });

  it('throws for a non-JSON message', async () => {
    const event = loadEvent('sns');
    event.Records[0].Sns.Message = 'Hello from SNS!';
    const service = fibonacciService();

    const outcome = service.invoke(event);

    await expect(outcome).rejects.toMatchObject({ name: 'MalformedBodyError' });
  });

  it('rejects a two-record event', async () => {
    const event = loadEvent('sns');
    event.Records.push(event.Records[0]);
    const service = fibonacciService();

    const outcome = service.invoke(event);

    await expect(outcome).rejects.toThrow('The SNS event has 2 records; SNS delivers exactly one.');
  });
});
