import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { Socket } from 'node:net';
import mysql from 'mysql2/promise';

/** The local server that scripts/databases/mariadb.sh installs the UDFs and the kit into. */
export const DATABASE = { host: '127.0.0.1', port: 3306, user: 'root' } as const;

/**
 * Port of the Lambda endpoint that the UDFs call. The server reads the endpoint from its own
 * environment (LAMBDA_INVOKE_ENDPOINT) when it loads the library, so the tests cannot move it
 * and must serve the default, http://127.0.0.1:3002.
 */
const UDF_ENDPOINT_PORT = 3002;

/**
 * Returns why the tests cannot run against the local MariaDB, or undefined when they can: the
 * server must accept connections and have the UDFs and the fib schema.
 */
export async function databaseUnavailableReason(): Promise<string | undefined> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({ ...DATABASE, connectTimeout: 5_000 });
  } catch (error) {
    const where = `${DATABASE.host}:${DATABASE.port}`;
    return `MariaDB is not reachable at ${where} as ${DATABASE.user} (${(error as Error).message}); start it and run npm test, whose pretest installs the kit`;
  }
  try {
    const [functions] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT name FROM mysql.func WHERE name IN ('lambda_sync', 'lambda_async')",
    );
    const [routines] = await connection.query<mysql.RowDataPacket[]>(
      "SELECT COUNT(*) AS count FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'fib' AND ROUTINE_NAME = 'fibonacci_lambda'",
    );
    if (functions.length !== 2 || Number(routines[0]?.count) !== 1) {
      return 'the UDFs lambda_sync and lambda_async or schema fib are missing; run bash scripts/databases/mariadb.sh';
    }
    return undefined;
  } finally {
    await connection.end();
  }
}

/** Opens a root session over TCP, with DECIMAL values returned as exact strings. */
export async function connect(): Promise<mysql.Connection> {
  return mysql.createConnection({ ...DATABASE, supportBigNumbers: true, bigNumberStrings: true });
}

/**
 * Opens a session as a passwordless user@localhost of the kit. It goes through the server's
 * Unix socket, because when the server runs with skip_name_resolve, a TCP connection from
 * 127.0.0.1 matches only accounts @'127.0.0.1', not @'localhost'.
 */
export async function connectAs(user: string, root: mysql.Connection): Promise<mysql.Connection> {
  const [rows] = await root.query<mysql.RowDataPacket[]>('SELECT @@socket AS socket');
  const socketPath = String(rows[0]?.socket);
  return mysql.createConnection({
    socketPath,
    user,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
}

/** A failed statement as mysql2 reports it. */
export interface SqlError {
  errno: number;
  sqlState: string;
  sqlMessage: string;
}

/** Runs sql and returns its error, failing the test when the statement succeeds. */
export async function queryError(
  connection: mysql.Connection,
  sql: string,
  values: unknown[] = [],
): Promise<SqlError> {
  try {
    await connection.query(sql, values);
  } catch (error) {
    const { errno, sqlState, sqlMessage } = error as SqlError;
    return { errno, sqlState, sqlMessage };
  }
  throw new Error(`Expected the statement to fail, but it succeeded: ${sql}`);
}

/** One Invoke API request that reached the front door. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Client port of the TCP connection that carried the request. */
  remotePort: number;
}

/** A reply the front door sends itself instead of forwarding. */
export interface CannedReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * HTTP server on the UDFs' endpoint port that forwards every Invoke API request to
 * serverless-offline and records it. Tests can also make it hold requests for one function
 * name, reply for a function name itself, or queue Event invocations until released.
 */
export interface LambdaFrontDoor {
  readonly requests: RecordedRequest[];
  /** Number of requests forwarded to serverless-offline that have no reply yet. */
  pendingForwards(): number;
  /** Requests for this function name get no reply; each one's socket is reported on close. */
  holdFunction(name: string): { closed: Promise<void>; arrived: Promise<void> };
  /** Requests for this function name get the reply instead of reaching serverless-offline. */
  cannedReply(name: string, reply: CannedReply): void;
  /**
   * Replies to Event invocations with 202 at once and forwards them only on release(), like
   * Lambda's own queue with a slow consumer. Returns the release function.
   */
  deferEvents(): () => Promise<void>;
  close(): Promise<void>;
}

function functionNameOf(url: string): string {
  const match = /^\/2015-03-31\/functions\/([^/?]+)\/invocations/.exec(url);
  return match ? decodeURIComponent(match[1] ?? '') : '';
}

/** Starts the front door on 127.0.0.1:UDF_ENDPOINT_PORT, forwarding to lambdaUrl. */
export async function startLambdaFrontDoor(lambdaUrl: string): Promise<LambdaFrontDoor> {
  const target = new URL(lambdaUrl);
  const requests: RecordedRequest[] = [];
  const held = new Map<string, { onArrive: () => void; onClose: () => void }>();
  const canned = new Map<string, CannedReply>();
  let deferred: (() => Promise<void>)[] | undefined;
  const sockets = new Set<Socket>();
  let pendingForwards = 0;

  const forward = (
    recorded: RecordedRequest,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: recorded.method,
          path: recorded.url,
          headers: { ...recorded.headers, host: target.host },
        },
        (reply) => {
          const chunks: Buffer[] = [];
          reply.on('data', (chunk: Buffer) => chunks.push(chunk));
          reply.on('end', () =>
            resolve({
              status: reply.statusCode ?? 502,
              headers: reply.headers,
              body: Buffer.concat(chunks),
            }),
          );
          reply.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(recorded.body);
    });

  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: incoming.socket.remotePort ?? 0,
      };
      requests.push(recorded);
      const name = functionNameOf(recorded.url);

      const hold = held.get(name);
      if (hold) {
        incoming.socket.once('close', hold.onClose);
        hold.onArrive();
        return;
      }
      const reply = canned.get(name);
      if (reply) {
        response.writeHead(reply.status, reply.headers ?? {}).end(reply.body);
        return;
      }
      if (deferred && recorded.headers['x-amz-invocation-type'] === 'Event') {
        deferred.push(async () => {
          await forward(recorded);
        });
        response.writeHead(202).end();
        return;
      }
      pendingForwards++;
      forward(recorded)
        .finally(() => {
          pendingForwards--;
        })
        .then(
          (forwarded) => {
            const headers: Record<string, string> = {};
            for (const [key, value] of Object.entries(forwarded.headers)) {
              if (
                typeof value === 'string' &&
                key !== 'transfer-encoding' &&
                key !== 'connection'
              ) {
                headers[key] = value;
              }
            }
            response.writeHead(forwarded.status, headers).end(forwarded.body);
          },
          (error: Error) => {
            response.writeHead(502, { 'content-type': 'application/json' });
            response.end(
              JSON.stringify({
                message: `front door could not reach serverless-offline: ${error.message}`,
              }),
            );
          },
        );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${UDF_ENDPOINT_PORT} on 127.0.0.1 is already in use, but the MariaDB tests must serve the ` +
              `Lambda endpoint there, because lambda_sync calls http://127.0.0.1:${UDF_ENDPOINT_PORT}. ` +
              'Stop the process listening on it (for example `npm start`) and run the tests again.',
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen(UDF_ENDPOINT_PORT, '127.0.0.1', resolve);
  });

  return {
    requests,
    pendingForwards: () => pendingForwards,
    holdFunction(name) {
      let onArrive: () => void = () => {};
      let onClose: () => void = () => {};
      const arrived = new Promise<void>((resolve) => {
        onArrive = resolve;
      });
      const closed = new Promise<void>((resolve) => {
        onClose = resolve;
      });
      held.set(name, { onArrive, onClose });
      return { arrived, closed };
    },
    cannedReply(name, reply) {
      canned.set(name, reply);
    },
    deferEvents() {
      const queue: (() => Promise<void>)[] = [];
      deferred = queue;
      return async () => {
        deferred = undefined;
        for (const send of queue.splice(0)) await send();
      };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
