import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fibonacci } from '../../src/fibonacci.js';
import { type OfflineServer, postJson, startOffline } from '../support/serverless-cli.js';

const CONCURRENCY = 200;
const RAMP_STEP = 25;

/**
 * Sends rounds of growing concurrency up to CONCURRENCY. serverless-offline starts a
 * new Lambda instance (a worker thread) for each request that finds none idle, and
 * 200 starting at once on a small machine can exceed the 6 s function timeout. After
 * the ramp, CONCURRENCY warm instances exist, as with provisioned concurrency.
 */
async function warmUp(url: string): Promise<void> {
  for (let concurrency = RAMP_STEP; concurrency <= CONCURRENCY; concurrency += RAMP_STEP) {
    await Promise.all(Array.from({ length: concurrency }, () => postJson(url, '{"fib": 1}')));
  }
}

describe('200 concurrent invocations through serverless offline', () => {
  let offline: OfflineServer;

  beforeAll(async () => {
    offline = await startOffline();
  }, 120_000);

  afterAll(async () => {
    await offline?.stop();
  });

  it.each([
    ['REST route', () => `${offline.httpUrl}/test`, (body: string) => JSON.parse(body)],
    [
      'Invoke API',
      () => `${offline.lambdaUrl}/2015-03-31/functions/fibonacci-dev-fibonacci/invocations`,
      (body: string) => JSON.parse(body),
    ],
  ])(
    '%s returns every value correctly',
    async (_name, url, parse) => {
      await warmUp(url());
      const indexes = Array.from({ length: CONCURRENCY }, (_, index) => (index * 37) % 1_000);

      const replies = await Promise.all(
        indexes.map((fib) => postJson(url(), JSON.stringify({ fib }))),
      );

      const failures = replies.filter((reply) => reply.status !== 200);
      expect(failures).toEqual([]);
      replies.forEach((reply, position) => {
        const fib = indexes[position] as number;
        expect(JSON.parse(reply.text)).toEqual({ fib, value: fibonacci(fib).toString() });
      });
    },
    120_000,
  );
});
