import { describe, expect, it } from '@jest/globals';
import { isOutcomeLogLine, outcomeRecords } from '../support/outcome-log.js';
import { runServerless } from '../support/serverless-cli.js';

/** Returns the reply `serverless invoke local` prints, which is all but the log lines. */
function printedReply(stdout: string): unknown {
  const lines = stdout.split('\n').filter((line) => !isOutcomeLogLine(line));
  return JSON.parse(lines.join('\n'));
}

// One fixture per source; each command bundles and runs the function once (~3 s).
const CASES: [fixture: string, source: string, reply: unknown][] = [
  ['api-gateway-rest', 'api-gateway-rest', { statusCode: 200, body: '{"fib":7,"value":"13"}' }],
  ['api-gateway-http-query', 'api-gateway-http', { statusCode: 200 }],
  ['lambda-function-url', 'lambda-function-url', { statusCode: 200 }],
  [
    'application-load-balancer',
    'application-load-balancer',
    { statusCode: 200, statusDescription: '200 OK' },
  ],
  ['sqs', 'sqs', { batchItemFailures: [{}, {}] }],
  ['sns', 'sns', { fib: 7, value: '13' }],
  ['eventbridge', 'eventbridge', { fib: 7, value: '13' }],
  ['direct', 'direct', { fib: 10, value: '55' }],
];

describe('serverless invoke local', () => {
  it.each(CASES)('runs events/%s.json as %s', (fixture, source, reply) => {
    const result = runServerless([
      'invoke',
      'local',
      '-f',
      'fibonacci',
      '--path',
      `events/${fixture}.json`,
    ]);

    expect(result.status).toBe(0);
    expect(printedReply(result.stdout)).toMatchObject(reply as object);
    expect(outcomeRecords(result.stdout)[0]).toMatchObject({ source });
  });

  it('prints fib(10) for --data', () => {
    const result = runServerless(['invoke', 'local', '-f', 'fibonacci', '--data', '{"fib":10}']);

    expect(result.status).toBe(0);
    expect(printedReply(result.stdout)).toEqual({ fib: 10, value: '55' });
  });

  it('fails with the typed error for a bad payload', () => {
    const result = runServerless(['invoke', 'local', '-f', 'fibonacci', '--data', '{"fib":-2}']);

    expect(result.status).not.toBe(0);
    expect(printedReply(result.stdout)).toMatchObject({
      errorType: 'PayloadValidationError',
      errorMessage: expect.stringContaining('/fib must be >= 0'),
    });
  });
});
