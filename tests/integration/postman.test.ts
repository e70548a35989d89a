import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import newman, { type NewmanRunSummary } from 'newman';
import {
  collectionRequests,
  POSTMAN_COLLECTION,
  POSTMAN_LOCAL_ENVIRONMENT,
} from '../support/postman-collection.js';
import { type OfflineServer, startOffline } from '../support/serverless-cli.js';

/** Runs the collection once against the local server with the local environment's dummy keys. */
function runCollection(offline: OfflineServer): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: POSTMAN_COLLECTION,
        environment: POSTMAN_LOCAL_ENVIRONMENT,
        envVar: [
          { key: 'baseUrl', value: offline.httpUrl },
          { key: 'httpApiBaseUrl', value: offline.httpApiUrl },
          { key: 'functionUrl', value: offline.functionUrl },
        ],
        reporters: [],
        timeoutRequest: 10_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe('Postman collection', () => {
  let offline: OfflineServer;
  let summary: NewmanRunSummary;

  beforeAll(async () => {
    offline = await startOffline();
    summary = await runCollection(offline);
  }, 120_000);

  afterAll(async () => {
    await offline?.stop();
  });

  it('runs every request once', () => {
    const executed = summary.run.executions.map((execution) => execution.item.name);

    expect(executed).toEqual(collectionRequests().map((request) => request.name));
  });

  it('passes every assertion', () => {
    const failures = summary.run.failures.map(
      (failure) => `${failure.source?.name}: ${failure.error.test}: ${failure.error.message}`,
    );

    expect(failures).toEqual([]);
  });

  it('asserts at least three things per request', () => {
    const weak = summary.run.executions
      .filter((execution) => execution.assertions.length < 3)
      .map((execution) => `${execution.item.name}: ${execution.assertions.length}`);

    expect(weak).toEqual([]);
  });

  it('sends requests only to 127.0.0.1', () => {
    const hosts = new Set(
      summary.run.executions.map((execution) => execution.request.url.getHost()),
    );

    expect([...hosts]).toEqual(['127.0.0.1']);
  });

  it('signs requests with SigV4', () => {
    for (const execution of summary.run.executions) {
      const authorization = execution.request.headers.get('Authorization');

      const service = execution.item.name.startsWith('Function URL') ? 'lambda' : 'execute-api';

      expect(authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=LOCALDUMMYACCESSKEY/\\d{8}/us-east-1/${service}/aws4_request`,
        ),
      );
    }
  });
});
