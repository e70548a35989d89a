import { describe, expect, it } from '@jest/globals';
import { BUILT_IN_SOURCES } from '../../src/index.js';
import { fibonacciService } from '../support/fibonacci-service.js';
import { listEventNames, loadEvent } from '../support/fixtures.js';
import { webhook } from '../support/webhook-source.js';

const delivery = { webhookId: 'wh_123', event: 'fibonacci.requested', data: { fib: 7 } };

describe('custom webhook source', () => {
  it('returns its reply shape', async () => {
    const service = fibonacciService({ sources: [...BUILT_IN_SOURCES, webhook] });

    const reply = await service.invoke(structuredClone(delivery));

    expect(reply).toEqual({ ok: true, result: { fib: 7, value: '13' } });
    expect(service.logs[0]?.source).toBe('webhook');
  });

  it('shapes its own errors', async () => {
    const service = fibonacciService({ sources: [...BUILT_IN_SOURCES, webhook] });

    const reply = await service.invoke({ ...delivery, data: { fib: 'x' } });

    expect(reply).toEqual({
      ok: false,
      error: {
        type: 'urn:uniform-lambda:problem:payload-validation',
        detail: expect.stringContaining('/fib must be an integer, got a string'),
      },
    });
  });

  it('leaves the built-in sources unchanged', async () => {
    const service = fibonacciService({ sources: [...BUILT_IN_SOURCES, webhook] });

    const reply = await service.invoke(loadEvent('api-gateway-http'));

    expect(reply).toMatchObject({ statusCode: 200, body: '{"fib":7,"value":"13"}' });
  });

  it.each(listEventNames())('does not claim fixture %s', (fixture) => {
    expect(webhook.claims(loadEvent(fixture))).toBe(false);
  });
});
