import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../support/serverless-cli.js';

// The C client that lambda_sync, lambda_async and the PostgreSQL module share, checked on its
// own with AddressSanitizer and UndefinedBehaviorSanitizer (native/lambda-invoke/test/).
const missingHeaders =
  existsSync('/usr/include/x86_64-linux-gnu/curl/curl.h') || existsSync('/usr/include/curl/curl.h')
    ? undefined
    : 'the libcurl headers are missing; install libcurl4-openssl-dev (npm test does so when MariaDB is reachable)';
if (missingHeaders !== undefined && process.env.CI) {
  throw new Error(`CI is set, so the Lambda client checks must run, but ${missingHeaders}.`);
}
if (missingHeaders !== undefined) {
  console.warn(`Skipping the Lambda client checks: ${missingHeaders}.`);
}
const describeWithCompiler = missingHeaders === undefined ? describe : describe.skip;

describeWithCompiler('Lambda Invoke client in C', () => {
  it('passes its unit checks under sanitizers', () => {
    const result = spawnSync(
      'make',
      ['-s', '-C', join(PROJECT_ROOT, 'native', 'lambda-invoke'), 'check'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );

    expect(result.stdout).not.toContain('FAIL');
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('all checks passed');
  }, 120_000);
});
