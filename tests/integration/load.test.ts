import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { referenceFibonacci } from '../support/fibonacci-reference.js';
import {
  FUNCTION_NAME,
  type OfflineServer,
  postJson,
  startOffline,
} from '../support/serverless-cli.js';

const CONCURRENCY = 200;

describe('200 concurrent invocations through serverless offline', () => {
  let offline: OfflineServer;

  beforeAll(async () => {
    // serverless-offline ends an invocation that runs past the function timeout (3 s).
    // 200 requests at once on a small, busy machine can queue that long, and this test
    // checks correctness under concurrency, not speed, so the emulated timeout is off.
    offline = await startOffline({ extraArgs: ['--noTimeout'] });
  }, 120_000);

  afterAll(async () => {
    await offline?.stop();
  });

  it.each([
    ['REST route', () => `${offline.httpUrl}/test`],
    ['Invoke API', () => `${offline.lambdaUrl}/2015-03-31/functions/${FUNCTION_NAME}/invocations`],
  ])(
    '%s returns every value correctly',
    async (_name, url) => {
      const indexes = Array.from({ length: CONCURRENCY }, (_, index) => (index * 37) % 1_000);

      const replies = await Promise.all(
        indexes.map((fib) => postJson(url(), JSON.stringify({ fib }))),
      );

      const failures = replies.filter((reply) => reply.status !== 200);
      expect(failures).toEqual([]);
      replies.forEach((reply, position) => {
        const fib = indexes[position] as number;
        expect(JSON.parse(reply.text)).toEqual({ fib, value: referenceFibonacci(fib) });
      });
    },
    120_000,
  );
});
