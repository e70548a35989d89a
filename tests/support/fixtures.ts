import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { PROJECT_ROOT } from './serverless-cli.js';

const EVENTS_DIR = join(PROJECT_ROOT, 'events');

/** Names of the fixtures in events/, without the `.json` extension. */
export function eventNames(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** Returns a fresh copy of a fixture from events/, so a test may change it freely. */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(EVENTS_DIR, `${name}.json`), 'utf8')) as T;
}

/** Returns a Lambda context with the given request id, as the runtime passes it. */
export function lambdaContext(awsRequestId = 'test-request-id'): Context {
  return {
    awsRequestId,
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'fibonacci-dev-fibonacci',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fibonacci-dev-fibonacci',
    logGroupName: '/aws/lambda/fibonacci-dev-fibonacci',
    logStreamName: '2026/12/04/[$LATEST]0123456789abcdef',
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 6_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
