import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { referenceFibonacci } from '../support/fibonacci-reference.js';
import { describeWhenAvailable } from '../support/optional-suite.js';
import { outcomeRecords } from '../support/outcome-log.js';
import { FUNCTION_NAME, type OfflineServer, startOffline } from '../support/serverless-cli.js';
import { waitUntil } from '../support/wait-until.js';
import {
  connect,
  connectAs,
  databaseUnavailableReason,
  type LambdaFrontDoor,
  queryError,
  startLambdaFrontDoor,
} from './database.js';

// These tests run the real handler under serverless-offline, called by the lambda_sync and
// lambda_async UDFs inside the local MariaDB 10.11 that `npm test`'s pretest prepares. The
// UDFs always call http://127.0.0.1:3002, where a recording front door forwards to
// serverless-offline.
const describeWithDatabase = describeWhenAvailable(
  'the MariaDB tests',
  await databaseUnavailableReason(),
);

const MAX_STORED_FIB = 312;
const ER_UNKNOWN_ERROR = 1105;
const ER_QUERY_INTERRUPTED = 1317;
const ER_SIGNAL_EXCEPTION = 1644;

type Row = mysql.RowDataPacket;

describeWithDatabase('Aurora MySQL kit on MariaDB', () => {
  let offline: OfflineServer;
  let frontDoor: LambdaFrontDoor;
  let session: mysql.Connection;

  beforeAll(async () => {
    // serverless-offline ends an invocation that runs past the function timeout (3 s), which
    // under CPU contention turns the concurrent-insert test into a timing assertion. These
    // tests check correctness, so the emulated timeout is off. The handler also runs in
    // process, because on a rebuild serverless-offline 13.10.1 terminates its worker
    // threads, busy ones included, and their invocations never reply. startOffline already
    // stops serverless-esbuild's rebuilds (ESBUILD_WATCH_IGNORE), so this flag is a second
    // guard that predates that setting.
    offline = await startOffline({ extraArgs: ['--noTimeout', '--useInProcess'] });
    try {
      frontDoor = await startLambdaFrontDoor(offline.lambdaUrl);
    } catch (error) {
      await offline.stop();
      throw error;
    }
    session = await connect();
  }, 120_000);

  afterAll(async () => {
    await session?.end();
    await frontDoor?.close();
    await offline?.stop();
  });

  const selectOne = async <T>(sql: string, values: unknown[] = []): Promise<T> => {
    const [rows] = await session.query<Row[]>(sql, values);
    return rows[0]?.result as T;
  };

  const tableRows = async (): Promise<{ fib: number; value: string | null }[]> => {
    const [rows] = await session.query<Row[]>('SELECT fib, value FROM fib.fibonacci ORDER BY fib');
    return rows.map((row) => ({ fib: row.fib as number, value: row.value as string | null }));
  };

  describe('lambda_sync', () => {
    it.each([
      ['a function name', FUNCTION_NAME],
      ['a partial ARN', `123456789012:function:${FUNCTION_NAME}`],
      ['a full ARN', `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION_NAME}`],
    ])('returns the result for %s', async (_label, functionName) => {
      const before = frontDoor.requests.length;

      const result = await selectOne<string>(
        `SELECT CONVERT(lambda_sync(?, '{"fib": 10}') USING utf8mb4) AS result`,
        [functionName],
      );

      expect(JSON.parse(result)).toEqual({ fib: 10, value: '55' });
      const sent = frontDoor.requests.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.url).toBe(`/2015-03-31/functions/${FUNCTION_NAME}/invocations`);
      expect(sent[0]?.headers['x-amz-invocation-type']).toBe('RequestResponse');
      expect(sent[0]?.body).toBe('{"fib": 10}');
    });

    it('sends a qualifier as a query parameter', async () => {
      const before = frontDoor.requests.length;

      const result = await selectOne<string>(
        `SELECT CONVERT(lambda_sync(?, '{"fib": 3}') USING utf8mb4) AS result`,
        [`${FUNCTION_NAME}:$LATEST`],
      );

      expect(JSON.parse(result)).toEqual({ fib: 3, value: '2' });
      expect(frontDoor.requests[before]?.url).toBe(
        `/2015-03-31/functions/${FUNCTION_NAME}/invocations?Qualifier=%24LATEST`,
      );
    });

    it('rejects invalid JSON before invoking', async () => {
      const before = frontDoor.requests.length;

      for (const payload of ['{"fib": 1', '{fib: 1}', '{"fib": 01}', '{"fib": 1} x', '']) {
        const error = await queryError(session, 'SELECT lambda_sync(?, ?)', [
          FUNCTION_NAME,
          payload,
        ]);

        expect(error.errno).toBe(ER_UNKNOWN_ERROR);
        expect(error.sqlMessage).toMatch(
          /^Lambda API returned error: Invalid Request Content\. Could not parse request body into json: .+ at byte \d+$/,
        );
      }
      expect(frontDoor.requests.length).toBe(before);
    });

    it('sends every valid JSON payload unchanged', async () => {
      frontDoor.cannedReply('accepts-anything', { status: 200, body: '{"ok": true}' });
      const payloads = [
        '[]',
        '"text"',
        '-1.5e-3',
        'null',
        ' {"nested": [{"a": "\\u00e9"}]} ',
        '{"emoji": "😀"}',
      ];

      for (const payload of payloads) {
        const before = frontDoor.requests.length;

        const result = await selectOne<string>(
          `SELECT CONVERT(lambda_sync('accepts-anything', ?) USING utf8mb4) AS result`,
          [payload],
        );

        expect(result).toBe('{"ok": true}');
        expect(frontDoor.requests[before]?.body).toBe(payload);
      }
    });

    it('fails on an unknown function', async () => {
      const error = await queryError(
        session,
        `SELECT lambda_sync('no-such-function', '{"fib": 1}')`,
      );

      expect(error.errno).toBe(ER_UNKNOWN_ERROR);
      expect(error.sqlMessage).toBe(
        'Lambda API returned error: Function not found: no-such-function (HTTP 404)',
      );
    });

    it('fails with the function error message', async () => {
      const error = await queryError(session, `SELECT lambda_sync(?, '{"fib": -1}')`, [
        FUNCTION_NAME,
      ]);

      expect(error.errno).toBe(ER_UNKNOWN_ERROR);
      expect(error.sqlMessage).toMatch(
        /^Lambda API returned error: Invalid request payload: \/fib must be >= 0\./,
      );
      expect(error.sqlMessage).toMatch(/\(function error Unhandled, errorType Error\)$/);
    });

    it('fails on another HTTP error status', async () => {
      frontDoor.cannedReply('fails-with-500', {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: '{"Type": "Service", "message": "Lambda was unable to run the function"}',
      });

      const error = await queryError(session, `SELECT lambda_sync('fails-with-500', '{}')`);

      expect(error.errno).toBe(ER_UNKNOWN_ERROR);
      expect(error.sqlMessage).toBe(
        'Lambda API returned error: Lambda was unable to run the function (HTTP 500)',
      );
    });

    it('rejects a response above 6 MB', async () => {
      const limit = 6 * 1024 * 1024;
      frontDoor.cannedReply('returns-too-much', {
        status: 200,
        body: `"${'x'.repeat(limit - 1)}"`,
      });

      const error = await queryError(session, `SELECT lambda_sync('returns-too-much', '{}')`);

      expect(error.errno).toBe(ER_UNKNOWN_ERROR);
      expect(error.sqlMessage).toBe(
        `Lambda API returned error: the response exceeds the Lambda limit of ${limit} bytes`,
      );
    });

    it.each([
      ['a space in the name', 'bad name', /invalid function name 'bad name'/],
      ['a 65-character name', 'a'.repeat(65), /the name must be 1 to 64 characters/],
      [
        'an ARN of another service',
        'arn:aws:s3:us-east-1:123456789012:function:x',
        /invalid function ARN/,
      ],
      ['a short account id', '12345:function:x', /invalid partial function ARN/],
      ['an invalid qualifier', `${FUNCTION_NAME}:v 1`, /invalid qualifier/],
      ['an empty name', '', /missing function name/],
    ])('rejects %s without invoking', async (_label, functionName, reason) => {
      const before = frontDoor.requests.length;

      const error = await queryError(session, `SELECT lambda_sync(?, '{}')`, [functionName]);

      expect(error.errno).toBe(ER_UNKNOWN_ERROR);
      expect(error.sqlMessage).toMatch(reason);
      expect(frontDoor.requests.length).toBe(before);
    });

    it('returns NULL for a NULL argument without invoking', async () => {
      const before = frontDoor.requests.length;

      const [rows] = await session.query<Row[]>(
        `SELECT lambda_sync(NULL, '{}') AS no_name, lambda_sync(?, NULL) AS no_payload,
                lambda_async(NULL, '{}') AS async_no_name`,
        [FUNCTION_NAME],
      );

      expect(rows[0]?.no_name).toBeNull();
      expect(rows[0]?.no_payload).toBeNull();
      expect(rows[0]?.async_no_name).toBeNull();
      expect(frontDoor.requests.length).toBe(before);
    });

    it('invokes again for every row', async () => {
      const before = frontDoor.requests.length;

      const [rows] = await session.query<Row[]>(
        `SELECT CONVERT(lambda_sync(?, '{"fib": 2}') USING utf8mb4) AS result
         FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS three_rows`,
        [FUNCTION_NAME],
      );

      expect(rows.map((row) => JSON.parse(row.result as string))).toEqual([
        { fib: 2, value: '1' },
        { fib: 2, value: '1' },
        { fib: 2, value: '1' },
      ]);
      expect(frontDoor.requests.length - before).toBe(3);
    });

    it('returns a result longer than 255 bytes intact', async () => {
      const result = await selectOne<string>(
        `SELECT CONVERT(lambda_sync(?, '{"fib": 10000}') USING utf8mb4) AS result`,
        [FUNCTION_NAME],
      );

      expect(JSON.parse(result)).toEqual({ fib: 10000, value: referenceFibonacci(10000) });
    });

    it('stops waiting on KILL QUERY', async () => {
      const held = frontDoor.holdFunction('held-by-test');
      const waiting = await connect();
      const killer = await connect();
      try {
        const [idRows] = await waiting.query<Row[]>('SELECT CONNECTION_ID() AS id');
        const call = queryError(waiting, `SELECT lambda_sync('held-by-test', '{"fib": 1}')`);
        await held.arrived;

        await killer.query(`KILL QUERY ${Number(idRows[0]?.id)}`);
        const error = await call;

        expect(error.errno).toBe(ER_QUERY_INTERRUPTED);
        // The UDF closed its HTTP connection instead of leaving it waiting.
        await held.closed;
        const [after] = await waiting.query<Row[]>('SELECT 1 AS still_usable');
        expect(after[0]?.still_usable).toBe(1);
      } finally {
        await waiting.end();
        await killer.end();
      }
    });
  });

  describe('lambda_async', () => {
    const directSuccesses = () =>
      outcomeRecords(offline.output()).filter(
        (record) => record.message === 'invocation succeeded' && record.source === 'direct',
      ).length;

    const waitForSuccesses = (count: number) => waitUntil(() => directSuccesses() >= count, 5_000);

    it('queues an Event invocation that reaches the function', async () => {
      const before = frontDoor.requests.length;
      const successesBefore = directSuccesses();

      const [rows] = await session.query<Row[]>(`SELECT lambda_async(?, '{"fib": 6}') AS result`, [
        FUNCTION_NAME,
      ]);
      await waitForSuccesses(successesBefore + 1);

      expect(rows[0]?.result).toBeNull();
      const sent = frontDoor.requests.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.headers['x-amz-invocation-type']).toBe('Event');
      expect(sent[0]?.body).toBe('{"fib": 6}');
      expect(directSuccesses()).toBe(successesBefore + 1);
    });

    it('returns before the function runs', async () => {
      const release = frontDoor.deferEvents();
      const successesBefore = directSuccesses();
      try {
        await session.query('CALL fib.request_fibonacci_async(7)');

        // The statement has finished, and the function has not run yet.
        expect(directSuccesses()).toBe(successesBefore);
      } finally {
        await release();
      }
      await waitForSuccesses(successesBefore + 1);

      expect(directSuccesses()).toBe(successesBefore + 1);
      expect(frontDoor.requests.at(-1)?.body).toBe('{"fib": 7}');
    });

    it('fails on an unknown function', async () => {
      const error = await queryError(
        session,
        `SELECT lambda_async('no-such-function', '{"fib": 1}')`,
      );

      expect(error.errno).toBe(ER_UNKNOWN_ERROR);
      expect(error.sqlMessage).toBe(
        'Lambda API returned error: Function not found: no-such-function (HTTP 404)',
      );
    });
  });

  describe('fibonacci table trigger', () => {
    beforeEach(async () => {
      await session.query('TRUNCATE TABLE fib.fibonacci');
    });

    // Leaves the table empty for `npm run aurora:local` and manual use.
    afterAll(async () => {
      await session?.query('TRUNCATE TABLE fib.fibonacci');
    });

    it('stores fib(0) and fib(10)', async () => {
      const before = frontDoor.requests.length;

      await session.query('INSERT INTO fib.fibonacci VALUES (0, NULL), (10, NULL)');

      // fib is sent as a JSON number, not as the string JSON_OBJECT would make of it.
      expect(frontDoor.requests.slice(before).map((request) => request.body)).toEqual([
        '{"fib": 0}',
        '{"fib": 10}',
      ]);

      expect(await tableRows()).toEqual([
        { fib: 0, value: '0' },
        { fib: 10, value: '55' },
      ]);
    });

    it('stores exact values up to the column limit', async () => {
      const indexes = Array.from({ length: MAX_STORED_FIB + 1 }, (_, n) => n);
      await session.query(
        `INSERT INTO fib.fibonacci (fib) VALUES ${indexes.map(() => '(?)').join(', ')}`,
        indexes,
      );

      const rows = await tableRows();

      expect(rows).toHaveLength(MAX_STORED_FIB + 1);
      for (const row of rows) {
        expect(row.value).toBe(referenceFibonacci(row.fib));
      }
      expect(rows.at(-1)?.value).toHaveLength(65);
    });

    it.each([
      ['a negative fib', '(-1, NULL)', /^fib -1: Invalid request payload: \/fib must be >= 0\./],
      [
        'a NULL fib',
        '(NULL, NULL)',
        /^fib NULL: Invalid request payload: \/fib must be an integer/,
      ],
      [
        'a fib above the column limit',
        `(${MAX_STORED_FIB + 1}, NULL)`,
        /^fib 313: fib must be at most 312, because fib\.fibonacci\.value DECIMAL\(65,0\) cannot/,
      ],
    ])('rejects %s and writes nothing', async (_label, row, message) => {
      await session.query('INSERT INTO fib.fibonacci VALUES (1, NULL)');

      const error = await queryError(session, `INSERT INTO fib.fibonacci VALUES ${row}`);

      expect(error.errno).toBe(ER_SIGNAL_EXCEPTION);
      expect(error.sqlState).toBe('45000');
      expect(error.sqlMessage).toMatch(message);
      expect(await tableRows()).toEqual([{ fib: 1, value: '1' }]);
    });

    it('writes no row of a multi-row insert with a bad row', async () => {
      const error = await queryError(
        session,
        'INSERT INTO fib.fibonacci VALUES (2, NULL), (-5, NULL), (3, NULL)',
      );

      expect(error.sqlState).toBe('45000');
      expect(error.sqlMessage).toMatch(/^fib -5: .*\/fib must be >= 0/);
      expect(await tableRows()).toEqual([]);
    });

    it('stops a waiting insert on KILL QUERY', async () => {
      const held = frontDoor.holdFunction('held-insert');
      const waiting = await connect();
      await session.query(
        "UPDATE fib.settings SET value = 'held-insert' WHERE name = 'function_arn'",
      );
      try {
        const [idRows] = await waiting.query<Row[]>('SELECT CONNECTION_ID() AS id');
        const insert = queryError(waiting, 'INSERT INTO fib.fibonacci VALUES (5, NULL)');
        await held.arrived;

        await session.query(`KILL QUERY ${Number(idRows[0]?.id)}`);
        const error = await insert;

        expect(error.errno).toBe(ER_QUERY_INTERRUPTED);
        await held.closed;
      } finally {
        await session.query(
          `UPDATE fib.settings SET value = 'arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION_NAME}' WHERE name = 'function_arn'`,
        );
        await waiting.end();
      }
      expect(await tableRows()).toEqual([]);
    });

    it('lets an insert-only user insert', async () => {
      const inserter = await connectAs('fib_inserter', session);
      try {
        await inserter.query('INSERT INTO fib.fibonacci VALUES (12, NULL)');
        const readError = await queryError(inserter, 'SELECT * FROM fib.fibonacci');

        expect(readError.sqlMessage).toMatch(/SELECT command denied/);
      } finally {
        await inserter.end();
      }
      expect(await tableRows()).toEqual([{ fib: 12, value: '144' }]);
    });

    it('stores 8 x 500 concurrent rows correctly', async () => {
      const connections = 8;
      const rowsPerConnection = 500;
      const rowsPerStatement = 50;
      const expected = new Map<number, number>();

      const insertAll = async (connectionIndex: number) => {
        const connection = await connect();
        try {
          for (let start = 0; start < rowsPerConnection; start += rowsPerStatement) {
            const indexes = Array.from(
              { length: rowsPerStatement },
              (_, offset) =>
                (connectionIndex * rowsPerConnection + start + offset) % (MAX_STORED_FIB + 1),
            );
            await connection.query(
              `INSERT INTO fib.fibonacci (fib) VALUES ${indexes.map(() => '(?)').join(', ')}`,
              indexes,
            );
          }
        } finally {
          await connection.end();
        }
      };
      for (let connectionIndex = 0; connectionIndex < connections; connectionIndex++) {
        for (let row = 0; row < rowsPerConnection; row++) {
          const n = (connectionIndex * rowsPerConnection + row) % (MAX_STORED_FIB + 1);
          expected.set(n, (expected.get(n) ?? 0) + 1);
        }
      }

      const requestsBefore = frontDoor.requests.length;
      // A stalled insert would otherwise end in a bare jest timeout, so after 90 s the test
      // fails with what the server and the front door are waiting on.
      let watchdog: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        watchdog = setTimeout(async () => {
          const [processes] = await session.query<Row[]>(
            "SELECT ID, TIME, STATE, INFO FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()",
          );
          reject(
            new Error(
              `Inserts stalled: ${frontDoor.requests.length - requestsBefore} requests reached the front door, ` +
                `${frontDoor.pendingForwards()} wait for serverless-offline, ` +
                `server threads: ${JSON.stringify(processes)}\nserverless-offline output:\n${offline.output().slice(-2000)}`,
            ),
          );
        }, 90_000);
      });
      const outcomes = await Promise.race([
        Promise.allSettled(
          Array.from({ length: connections }, (_, connectionIndex) => insertAll(connectionIndex)),
        ),
        stalled,
      ]).finally(() => clearTimeout(watchdog));

      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      const rows = await tableRows();
      expect(rows).toHaveLength(connections * rowsPerConnection);
      const wrong = rows.filter((row) => row.value !== referenceFibonacci(row.fib));
      expect(wrong).toEqual([]);
      const counts = new Map<number, number>();
      for (const row of rows) counts.set(row.fib, (counts.get(row.fib) ?? 0) + 1);
      expect(counts).toEqual(expected);
      // The UDFs reuse pooled connections: at most one per concurrent caller, not one per row.
      const clientPorts = new Set(
        frontDoor.requests.slice(requestsBefore).map((request) => request.remotePort),
      );
      expect(clientPorts.size).toBeLessThanOrEqual(connections);
    }, 120_000);
  });

  describe('result extraction', () => {
    it('agrees between the JSON functions, the v1 reader and the reference', async () => {
      const [rows] = await session.query<Row[]>(
        `WITH RECURSIVE indexes (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM indexes WHERE n < ?)
         SELECT n, fib.fibonacci_lambda(n) AS json_path, fib.fibonacci_lambda_v1(n) AS v1_path,
                fib.fibonacci_iterative(n) AS reference
         FROM indexes`,
        [MAX_STORED_FIB],
      );

      expect(rows).toHaveLength(MAX_STORED_FIB + 1);
      for (const row of rows) {
        expect(row.json_path).toBe(referenceFibonacci(row.n as number));
        expect(row.v1_path).toBe(row.json_path);
        expect(row.reference).toBe(row.json_path);
      }
    }, 60_000);

    it('reads the same members as JSON_EXTRACT', async () => {
      const documents = [
        '{"fib": 7, "value": "13"}',
        ' { "value" : "21" , "fib" : 8 } ',
        '{"nested": {"value": "no"}, "list": [1, "]", {"a": "}"}], "value": "yes"}',
        '{"errorMessage": "Invalid: \\"fib\\" \\\\ \\/ tab\\tend", "errorType": "Error"}',
        '{"text": "caf\\u00e9 \\ud83d\\ude00", "number": -1.5e3, "flag": true, "nothing": null}',
        '{"object": {"a": [1, 2]}, "array": [{"b": null}]}',
        '{"Value": "upper case only"}',
        '{}',
      ];
      const members = [
        'value',
        'fib',
        'errorMessage',
        'errorType',
        'text',
        'number',
        'flag',
        'nothing',
        'object',
        'array',
        'missing',
      ];

      for (const document of documents) {
        for (const member of members) {
          const [rows] = await session.query<Row[]>(
            `SELECT fib.json_member_text(?, ?) AS v1,
                    CASE JSON_TYPE(JSON_EXTRACT(?, CONCAT('$.', ?)))
                      WHEN 'NULL' THEN NULL
                      WHEN 'OBJECT' THEN JSON_EXTRACT(?, CONCAT('$.', ?))
                      WHEN 'ARRAY' THEN JSON_EXTRACT(?, CONCAT('$.', ?))
                      ELSE JSON_UNQUOTE(JSON_EXTRACT(?, CONCAT('$.', ?)))
                    END AS json_functions`,
            [
              document,
              member,
              document,
              member,
              document,
              member,
              document,
              member,
              document,
              member,
            ],
          );
          const row = rows[0];
          const context = `${member} of ${document}`;
          if (
            row?.json_functions === null ||
            typeof row?.json_functions !== 'string' ||
            !/^[[{]/.test(row.json_functions)
          ) {
            expect({ context, value: row?.v1 }).toEqual({ context, value: row?.json_functions });
          } else {
            // Objects and arrays: the same JSON, possibly with different whitespace.
            expect({ context, value: JSON.parse(row.v1 as string) }).toEqual({
              context,
              value: JSON.parse(row.json_functions),
            });
          }
        }
      }
    });

    it('raises an error object in the result', async () => {
      frontDoor.cannedReply('returns-error-object', {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"errorMessage": "/fib is out of range here", "errorType": "RangeError"}',
      });
      await session.query(
        "UPDATE fib.settings SET value = 'arn:aws:lambda:us-east-1:000000000000:function:returns-error-object' WHERE name = 'function_arn'",
      );
      try {
        for (const routine of ['fib.fibonacci_lambda', 'fib.fibonacci_lambda_v1']) {
          const error = await queryError(session, `SELECT ${routine}(4)`);

          expect(error.sqlState).toBe('45000');
          expect(error.sqlMessage).toBe('fib 4: /fib is out of range here');
        }
      } finally {
        await session.query(
          `UPDATE fib.settings SET value = 'arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION_NAME}' WHERE name = 'function_arn'`,
        );
      }
    });

    it('raises a result that is not a JSON object', async () => {
      frontDoor.cannedReply('returns-array', {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '["fib", 4]',
      });
      await session.query(
        "UPDATE fib.settings SET value = 'returns-array' WHERE name = 'function_arn'",
      );
      try {
        const jsonFunctionsError = await queryError(session, 'SELECT fib.fibonacci_lambda(4)');

        expect(jsonFunctionsError.sqlState).toBe('45000');
        expect(jsonFunctionsError.sqlMessage).toBe(
          'fib 4: the result is not a JSON object: ["fib", 4]',
        );

        const v1Error = await queryError(session, 'SELECT fib.fibonacci_lambda_v1(4)');

        expect(v1Error.sqlState).toBe('45000');
        expect(v1Error.sqlMessage).toBe(
          'fib 4: json_member_text: the document is not a JSON object',
        );
      } finally {
        await session.query(
          `UPDATE fib.settings SET value = 'arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION_NAME}' WHERE name = 'function_arn'`,
        );
      }
    });

    it('rejects a result without a decimal value', async () => {
      frontDoor.cannedReply('returns-bad-value', {
        status: 200,
        body: '{"fib": 4, "value": "3.5"}',
      });
      await session.query(
        "UPDATE fib.settings SET value = 'returns-bad-value' WHERE name = 'function_arn'",
      );
      try {
        for (const routine of ['fib.fibonacci_lambda', 'fib.fibonacci_lambda_v1']) {
          const error = await queryError(session, `SELECT ${routine}(4)`);

          expect(error.sqlState).toBe('45000');
          expect(error.sqlMessage).toBe(
            'fib 4: the result has no decimal value of at most 65 digits: 3.5',
          );
        }
      } finally {
        await session.query(
          `UPDATE fib.settings SET value = 'arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION_NAME}' WHERE name = 'function_arn'`,
        );
      }
    });
  });
});
