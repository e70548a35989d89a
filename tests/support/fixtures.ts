import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Context } from 'aws-lambda';
import { PROJECT_ROOT } from './serverless-cli.js';

const EVENTS_DIR = join(PROJECT_ROOT, 'events');

const parsed = new Map<string, unknown>();

/** Returns the names of the fixtures in events/, without `.json`. */
export function listEventNames(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => basename(file, '.json'))
    .sort();
}

/**
 * Returns a fresh copy of the fixture events/<name>.json, so a test may change it
 * without affecting other tests.
 */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests.
export function loadEvent<T = any>(name: string): T {
  let event = parsed.get(name);
  if (event === undefined) {
    event = JSON.parse(readFileSync(join(EVENTS_DIR, `${name}.json`), 'utf8'));
    parsed.set(name, event);
  }
  return structuredClone(event) as T;
}

/** Returns a Lambda context with the given request id and harmless values elsewhere. */
export function lambdaContext(awsRequestId = 'test-request-id'): Context {
  return {
    awsRequestId,
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'fibonacci-dev-fibonacci',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fibonacci-dev-fibonacci',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/fibonacci-dev-fibonacci',
    logStreamName: '2026/12/04/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
