import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { describeWhenAvailable } from '../support/optional-suite.js';
import { PROJECT_ROOT } from '../support/serverless-cli.js';

// The C client that lambda_sync, lambda_async and the PostgreSQL module share, checked on its
// own with AddressSanitizer and UndefinedBehaviorSanitizer (native/lambda-invoke/test/).
const missingHeaders =
  existsSync('/usr/include/x86_64-linux-gnu/curl/curl.h') || existsSync('/usr/include/curl/curl.h')
    ? undefined
    : 'the libcurl headers are missing; install libcurl4-openssl-dev (npm test does so when MariaDB is reachable)';
const describeWithCompiler = describeWhenAvailable('the Lambda client checks', missingHeaders);

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
