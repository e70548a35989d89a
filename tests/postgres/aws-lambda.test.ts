import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { referenceFibonacci } from '../support/fibonacci-reference.js';
import { describeWhenAvailable } from '../support/optional-suite.js';
import { outcomeRecords } from '../support/outcome-log.js';
import {
  FUNCTION_NAME,
  freePort,
  type OfflineServer,
  startOffline,
} from '../support/serverless-cli.js';
import { waitUntil } from '../support/wait-until.js';
import {
  connect,
  connectAs,
  databaseUnavailableReason,
  queryError,
  STUB_REPLY_HEADERS,
  type StubEndpoint,
  startStubEndpoint,
} from './database.js';

// These tests run the real handler under serverless-offline, called by the aws_lambda module
// inside the local PostgreSQL 15 that `npm test`'s pretest prepares.
const describeWithDatabase = describeWhenAvailable(
  'the PostgreSQL tests',
  await databaseUnavailableReason(),
);

const DEFAULT_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION_NAME}`;

interface InvokeRow {
  status_code: number;
  payload: unknown;
  executed_version: string | null;
  log_result: string | null;
  payload_type: string;
}

describeWithDatabase('aws_lambda in PostgreSQL', () => {
  let offline: OfflineServer;
  let session: pg.Client;

  beforeAll(async () => {
    offline = await startOffline();
    session = await connect(offline.lambdaUrl);
  }, 120_000);

  afterAll(async () => {
    await session?.end();
    await offline?.stop();
  });

  const invoke = async (call: string, values: unknown[] = []): Promise<InvokeRow> => {
    const result = await session.query<InvokeRow>(
      `SELECT *, pg_typeof(payload)::text AS payload_type FROM ${call}`,
      values,
    );
    const row = result.rows[0];
    if (row === undefined) throw new Error(`${call} returned no row.`);
    return row;
  };

  describe('aws_lambda.invoke', () => {
    it.each([
      ['a function name', FUNCTION_NAME],
      ['a partial ARN', `123456789012:function:${FUNCTION_NAME}`],
      ['a full ARN', `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION_NAME}`],
    ])('returns 200 and the result for %s', async (_label, functionName) => {
      const row = await invoke(`aws_lambda.invoke($1, '{"fib": 7}'::json)`, [functionName]);

      expect(row.status_code).toBe(200);
      expect(row.payload).toEqual({ fib: 7, value: '13' });
      expect(row.payload_type).toBe('json');
      expect(row.log_result).toBeNull();
    });

    it('accepts the aws_commons ARN type', async () => {
      const row = await invoke(
        `aws_lambda.invoke(aws_commons.create_lambda_function_arn($1, 'us-east-1'), '{"fib": 8}'::json)`,
        [FUNCTION_NAME],
      );

      expect(row.status_code).toBe(200);
      expect(row.payload).toEqual({ fib: 8, value: '21' });
    });

    it('accepts a full ARN in the ARN type', async () => {
      const row = await invoke(
        `aws_lambda.invoke(aws_commons.create_lambda_function_arn($1), '{"fib": 9}'::json)`,
        [`arn:aws:lambda:us-west-2:123456789012:function:${FUNCTION_NAME}`],
      );

      expect(row.status_code).toBe(200);
      expect(row.payload).toEqual({ fib: 9, value: '34' });
    });

    it.each([
      ['a name', `aws_lambda.invoke($1, '{"fib": 11}'::jsonb)`],
      [
        'the ARN type',
        `aws_lambda.invoke(aws_commons.create_lambda_function_arn($1), '{"fib": 11}'::jsonb)`,
      ],
    ])('returns jsonb for a jsonb payload with %s', async (_label, call) => {
      const row = await invoke(call, [FUNCTION_NAME]);

      expect(row.status_code).toBe(200);
      expect(row.payload).toEqual({ fib: 11, value: '89' });
      expect(row.payload_type).toBe('jsonb');
    });

    it('passes named parameters through', async () => {
      const row = await invoke(
        `aws_lambda.invoke($1, '{"fib": 12}'::json, region => 'us-east-1',
           invocation_type => 'RequestResponse', log_type => 'None',
           context => '{"client": "psql"}'::json)`,
        [FUNCTION_NAME],
      );

      expect(row.status_code).toBe(200);
      expect(row.payload).toEqual({ fib: 12, value: '144' });
    });

    it('raises the documented error for a function error', async () => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": -1}'::json)`,
        [FUNCTION_NAME],
      );

      expect(error.message).toBe('lambda invocation failed');
      expect(error.detail).toMatch(
        new RegExp(`^"${DEFAULT_ARN}" returned error "Unhandled", details: "\\{.*\\}"\\.$`, 's'),
      );
      expect(error.detail).toContain('/fib must be >= 0');
    });

    it('names the given full ARN in a function error', async () => {
      const arn = `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION_NAME}`;
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": "7"}'::json)`,
        [arn],
      );

      expect(error.message).toBe('lambda invocation failed');
      expect(error.detail).toContain(`"${arn}" returned error "Unhandled"`);
    });

    it('names the ARN type region in a function error', async () => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke(
           aws_commons.create_lambda_function_arn($1, 'eu-west-1'), '{"fib": -2}'::jsonb)`,
        [FUNCTION_NAME],
      );

      expect(error.message).toBe('lambda invocation failed');
      expect(error.detail).toContain(
        `"arn:aws:lambda:eu-west-1:000000000000:function:${FUNCTION_NAME}" returned error "Unhandled"`,
      );
    });

    it('sends Event, which returns 202 and reaches the function', async () => {
      const directSuccesses = () =>
        outcomeRecords(offline.output()).filter(
          (record) => record.message === 'invocation succeeded' && record.source === 'direct',
        ).length;
      const before = directSuccesses();

      const row = await invoke(
        `aws_lambda.invoke($1, '{"fib": 23}'::json, invocation_type => 'Event')`,
        [FUNCTION_NAME],
      );

      expect(row.status_code).toBe(202);
      expect(row.payload).toBeNull();
      await waitUntil(() => directSuccesses() > before, 5_000);
      expect(directSuccesses()).toBe(before + 1);
    });

    it('fails for an unknown function', async () => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke('no-such-function', '{"fib": 1}'::json)`,
      );

      expect(error.message).toBe('invoke API failed');
      expect(error.detail).toContain('HTTP 404');
      expect(error.detail).toContain('Function not found: no-such-function');
    });

    it.each([
      ['invocation_type', `invocation_type => 'Sync'`, 'invalid invocation_type "Sync"'],
      ['log_type', `log_type => 'Full'`, 'invalid log_type "Full"'],
      ['qualifier', `qualifier => 'v 1'`, 'invalid qualifier'],
    ])('rejects an invalid %s before sending', async (_label, argument, message) => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json, ${argument})`,
        [FUNCTION_NAME],
      );

      expect(error.code).toBe('22023');
      expect(error.message).toContain(message);
    });

    it('rejects an invalid function name', async () => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke('not a name', '{"fib": 1}'::json)`,
      );

      expect(error.code).toBe('22023');
      expect(error.message).toBe('invalid function_name "not a name"');
    });

    it('rejects a NULL payload', async () => {
      const error = await queryError(session, `SELECT * FROM aws_lambda.invoke($1, NULL::json)`, [
        FUNCTION_NAME,
      ]);

      expect(error.code).toBe('22004');
      expect(error.message).toBe('payload must not be NULL');
    });

    it('rejects a NULL function name', async () => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke(NULL::text, '{"fib": 1}'::json)`,
      );

      expect(error.code).toBe('22004');
      expect(error.message).toBe('function_name must not be NULL');
    });

    it('rejects a region that contradicts the ARN', async () => {
      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json, 'us-east-1')`,
        [`arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION_NAME}`],
      );

      expect(error.message).toContain('region "us-east-1" does not match');
    });

    it('keeps an untyped literal payload ambiguous', async () => {
      const error = await queryError(session, `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}')`, [
        FUNCTION_NAME,
      ]);

      expect(error.message).toContain('is not unique');
    });
  });

  describe('request sent to the Invoke API', () => {
    let stub: StubEndpoint;

    beforeAll(async () => {
      stub = await startStubEndpoint('replies');
    });

    afterAll(async () => {
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [
        offline.lambdaUrl,
      ]);
      await stub?.close();
    });

    it('carries every parameter and returns every column', async () => {
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);

      const row = await invoke(
        `aws_lambda.invoke($1, '{"fib": 3}'::jsonb, invocation_type => 'RequestResponse',
           log_type => 'Tail', context => '{"client": "psql"}'::jsonb, qualifier => '7')`,
        [`arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION_NAME}`],
      );

      const request = stub.received().at(-1);
      expect(request?.url).toBe(`/2015-03-31/functions/${FUNCTION_NAME}/invocations?Qualifier=7`);
      expect(request?.headers['x-amz-invocation-type']).toBe('RequestResponse');
      expect(request?.headers['x-amz-log-type']).toBe('Tail');
      const context = Buffer.from(String(request?.headers['x-amz-client-context']), 'base64');
      expect(JSON.parse(context.toString('utf8'))).toEqual({ client: 'psql' });
      expect(JSON.parse(request?.body ?? '')).toEqual({ fib: 3 });
      expect(row).toEqual({
        status_code: 200,
        payload: { stub: true },
        executed_version: STUB_REPLY_HEADERS['x-amz-executed-version'],
        log_result: STUB_REPLY_HEADERS['x-amz-log-result'],
        payload_type: 'jsonb',
      });
    });

    it('sends no context and log type None by default', async () => {
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);

      await invoke(`aws_lambda.invoke($1, '{"fib": 3}'::json)`, [FUNCTION_NAME]);

      const request = stub.received().at(-1);
      expect(request?.url).toBe(`/2015-03-31/functions/${FUNCTION_NAME}/invocations`);
      expect(request?.headers['x-amz-log-type']).toBe('None');
      expect(request?.headers['x-amz-client-context']).toBeUndefined();
    });

    it.each(['Event', 'DryRun'])('sends invocation type %s', async (invocationType) => {
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);

      await invoke(`aws_lambda.invoke($1, '{"fib": 3}'::json, invocation_type => $2)`, [
        FUNCTION_NAME,
        invocationType,
      ]);

      const request = stub.received().at(-1);
      expect(request?.headers['x-amz-invocation-type']).toBe(invocationType);
    });

    it('reuses one connection per session', async () => {
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);
      const connectionsBefore = stub.connections();
      const requestsBefore = stub.received().length;

      await session.query(
        `SELECT (aws_lambda.invoke($1, json_build_object('fib', n))).status_code
         FROM generate_series(1, 20) AS n`,
        [FUNCTION_NAME],
      );

      expect(stub.received().length - requestsBefore).toBe(20);
      expect(stub.connections() - connectionsBefore).toBeLessThanOrEqual(1);
    });
  });

  describe('failing endpoints', () => {
    let stub: StubEndpoint | undefined;

    afterEach(async () => {
      await session.query('RESET statement_timeout');
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [
        offline.lambdaUrl,
      ]);
      await stub?.close();
      stub = undefined;
    });

    it('fails clearly when the endpoint is stopped', async () => {
      const closedPort = await freePort();
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [
        `http://127.0.0.1:${closedPort}`,
      ]);

      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json)`,
        [FUNCTION_NAME],
      );

      expect(error.message).toBe('invoke API failed');
      expect(error.detail).toContain(`http://127.0.0.1:${closedPort}`);
      expect(error.hint).toContain('aws_lambda.endpoint');
    });

    it('stops a slow call at statement_timeout', async () => {
      stub = await startStubEndpoint('never-responds');
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);
      await session.query(`SET statement_timeout = '300ms'`);

      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json)`,
        [FUNCTION_NAME],
      );

      expect(error.code).toBe('57014');
      expect(error.message).toBe('canceling statement due to statement timeout');
      expect(stub.requests()).toBe(1);
    });

    it('stops a slow call on query cancel', async () => {
      stub = await startStubEndpoint('never-responds');
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);
      const pid = (await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
        ?.pid;
      const canceller = await connect(offline.lambdaUrl);
      try {
        const failure = queryError(
          session,
          `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json)`,
          [FUNCTION_NAME],
        );
        const activeStub = stub;
        await waitUntil(() => activeStub.requests() > 0, 2_000, 20);
        await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
        const error = await failure;

        expect(error.code).toBe('57014');
        expect(error.message).toBe('canceling statement due to user request');
      } finally {
        await canceller.end();
      }
    });

    it('keeps the session usable after an aborted call', async () => {
      stub = await startStubEndpoint('never-responds');
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);
      await session.query(`SET statement_timeout = '200ms'`);
      await queryError(session, `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json)`, [
        FUNCTION_NAME,
      ]);
      await session.query('RESET statement_timeout');
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [
        offline.lambdaUrl,
      ]);

      const row = await invoke(`aws_lambda.invoke($1, '{"fib": 5}'::json)`, [FUNCTION_NAME]);

      expect(row.payload).toEqual({ fib: 5, value: '5' });
    });

    it.each([
      ['a response that is not JSON', 'not-json', 'returned a payload that is not valid JSON'],
      ['a response above 6 MB', 'oversized', 'exceeds the Lambda limit of 6291456 bytes'],
    ] as const)('rejects %s', async (_description, behaviour, detail) => {
      stub = await startStubEndpoint(behaviour);
      await session.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [stub.url]);

      const error = await queryError(
        session,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json)`,
        [FUNCTION_NAME],
      );

      expect(error.message).toBe('invoke API failed');
      expect(error.detail).toContain(detail);
    });
  });

  describe('aws_lambda.endpoint setting', () => {
    // An invalid argument makes the session load the module without sending a request.
    const loadModule = (client: pg.Client) =>
      queryError(
        client,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json, invocation_type => 'Sync')`,
        [FUNCTION_NAME],
      );

    it('cannot be set by an ordinary role', async () => {
      const client = await connectAs('fibonacci_app');
      try {
        await loadModule(client);
        const error = await queryError(client, `SET aws_lambda.endpoint = 'http://127.0.0.1:1'`);

        expect(error.code).toBe('42501');
        expect(error.message).toContain('permission denied to set parameter');
      } finally {
        await client.end();
      }
    });

    it('ignores a value set before the module loads', async () => {
      const client = await connectAs('fibonacci_app');
      try {
        await client.query(`SET aws_lambda.endpoint = 'http://127.0.0.1:1'`);
        await loadModule(client);
        const shown = await client.query<{ endpoint: string }>(
          `SELECT current_setting('aws_lambda.endpoint') AS endpoint`,
        );

        expect(shown.rows[0]?.endpoint).toBe('http://127.0.0.1:3002');
      } finally {
        await client.end();
      }
    });
  });

  describe('fibonacci table trigger', () => {
    let writer: pg.Client;

    // Another test run at the same time would truncate and fill the same table, so the runs
    // take turns on an advisory lock, held by the session until this block ends.
    const TABLE_LOCK_KEY = 'tests/postgres fibonacci table';

    beforeAll(async () => {
      await session.query('SELECT pg_advisory_lock(hashtext($1))', [TABLE_LOCK_KEY]);
      writer = await connect(offline.lambdaUrl, 'fibonacci_writer');
    });

    afterAll(async () => {
      await writer?.end();
      await session.query('SELECT pg_advisory_unlock(hashtext($1))', [TABLE_LOCK_KEY]);
    });

    beforeEach(async () => {
      await session.query('TRUNCATE public.fibonacci');
    });

    const storedRows = async () =>
      (
        await session.query<{ fib: number | null; value: string | null }>(
          'SELECT fib, value::text AS value FROM public.fibonacci ORDER BY fib',
        )
      ).rows;

    it('stores 0, 55 and the exact fib(300)', async () => {
      await writer.query('INSERT INTO fibonacci (fib) VALUES (0), (10), (300)');

      const rows = await storedRows();
      expect(rows).toEqual([
        { fib: 0, value: '0' },
        { fib: 10, value: '55' },
        { fib: 300, value: referenceFibonacci(300) },
      ]);
      expect(rows[2]?.value).toHaveLength(63);
    });

    it('replaces a value given by the inserter', async () => {
      await writer.query('INSERT INTO fibonacci VALUES (10, 999)');

      expect(await storedRows()).toEqual([{ fib: 10, value: '55' }]);
    });

    it.each([
      ['a negative n', '(-1)', '/fib must be >= 0'],
      ['NULL', '(NULL)', '/fib must be'],
      ['one bad row of three', '(5), (-3), (6)', '/fib must be >= 0'],
    ])('aborts the insert for %s', async (_label, rows, functionMessage) => {
      const error = await queryError(writer, `INSERT INTO fibonacci (fib) VALUES ${rows}`);

      expect(error.message).toBe('lambda invocation failed');
      expect(error.detail).toContain(`"${DEFAULT_ARN}" returned error "Unhandled"`);
      expect(error.detail).toContain(functionMessage);
      expect(await storedRows()).toEqual([]);
    });

    it('gives the writer no direct invoke', async () => {
      const error = await queryError(
        writer,
        `SELECT * FROM aws_lambda.invoke($1, '{"fib": 1}'::json)`,
        [FUNCTION_NAME],
      );

      expect(error.code).toBe('42501');
      expect(error.message).toBe('permission denied for schema aws_lambda');
    });

    it('gives the writer no SELECT', async () => {
      const error = await queryError(writer, 'SELECT * FROM fibonacci');

      expect(error.code).toBe('42501');
    });
  });
});
