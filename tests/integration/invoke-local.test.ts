import { describe, expect, it } from '@jest/globals';
import { runServerless } from '../support/serverless-cli.js';

/** Returns the JSON document `invoke local` prints after the log lines. */
function printedResult(stdout: string): unknown {
  const start = stdout.lastIndexOf('\n{\n');
  return JSON.parse(start === -1 ? stdout : stdout.slice(start));
}

describe('serverless invoke local', () => {
  it('prints fib(10) for --data', () => {
    const result = runServerless(['invoke', 'local', '-f', 'fibonacci', '--data', '{"fib":10}']);

    expect(result.status).toBe(0);
    expect(printedResult(result.stdout)).toEqual({ fib: 10, value: '55' });
  });

  it('replies in proxy shape for a REST event file', () => {
    const result = runServerless([
      'invoke',
      'local',
      '-f',
      'fibonacci',
      '--path',
      'events/api-gateway-rest.json',
    ]);

    expect(result.status).toBe(0);
    expect(printedResult(result.stdout)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    });
  });

  it('prints fib(10) for the bare payload file', () => {
    const result = runServerless([
      'invoke',
      'local',
      '-f',
      'fibonacci',
      '--path',
      'events/direct.json',
    ]);

    expect(result.status).toBe(0);
    expect(printedResult(result.stdout)).toEqual({ fib: 10, value: '55' });
  });

  it('fails with the typed error for a bad payload', () => {
    const result = runServerless(['invoke', 'local', '-f', 'fibonacci', '--data', '{"fib":-2}']);

    expect(result.status).not.toBe(0);
    expect(printedResult(result.stdout)).toMatchObject({
      errorType: 'PayloadValidationError',
      errorMessage: expect.stringContaining('/fib must be >= 0'),
    });
  });
});
