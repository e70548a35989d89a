import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import pg from 'pg';

/** The local server that scripts/databases/postgres.sh installs the extension and kit into. */
export const DATABASE = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  database: 'fib',
} as const;

/** One overload that exists only once the extension is installed. */
const INVOKE_SIGNATURE = 'aws_lambda.invoke(text, json, text, text, text, json, varchar)';

/**
 * Returns why the tests cannot run against the local database, or undefined when they can:
 * the server must accept connections and database fib must have the extension.
 */
export async function databaseUnavailableReason(): Promise<string | undefined> {
  const client = new pg.Client({ ...DATABASE, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = `${DATABASE.host}:${DATABASE.port}/${DATABASE.database}`;
    return `PostgreSQL is not reachable at ${where} (${(error as Error).message}); run npm test, whose pretest installs the kit`;
  }
  try {
    const result = await client.query<{ invoke: string | null }>(
      'SELECT to_regprocedure($1)::text AS invoke',
      [INVOKE_SIGNATURE],
    );
    if (result.rows[0]?.invoke == null) {
      return `database ${DATABASE.database} has no ${INVOKE_SIGNATURE}; run bash scripts/databases/postgres.sh`;
    }
    return undefined;
  } finally {
    await client.end();
  }
}

/** Opens a session in database fib as the given role, with every setting at its default. */
export async function connectAs(user: string): Promise<pg.Client> {
  const client = new pg.Client({ ...DATABASE, user });
  await client.connect();
  return client;
}

/**
 * Opens a superuser session in database fib whose aws_lambda.endpoint is the given URL. Only
 * a superuser may set it, so sessions of other roles start as superuser and then SET ROLE.
 */
export async function connect(endpoint: string, role?: string): Promise<pg.Client> {
  const client = new pg.Client(DATABASE);
  await client.connect();
  try {
    await client.query(`SELECT set_config('aws_lambda.endpoint', $1, false)`, [endpoint]);
    if (role !== undefined) await client.query(`SET ROLE ${pg.escapeIdentifier(role)}`);
  } catch (error) {
    await client.end();
    throw error;
  }
  return client;
}

/** Runs a query that must fail and returns the database error it raised. */
export async function queryError(
  client: pg.Client,
  text: string,
  values: unknown[] = [],
): Promise<pg.DatabaseError> {
  try {
    await client.query(text, values);
  } catch (error) {
    if (error instanceof pg.DatabaseError) return error;
    throw error;
  }
  throw new Error(`The query succeeded but was expected to fail: ${text}`);
}

/** One request as a stub endpoint received it. */
export interface ReceivedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server on a loopback port that imitates the Invoke API. */
export interface StubEndpoint {
  readonly url: string;
  /** How many requests it has received, including those whose body is still arriving. */
  requests(): number;
  /** The requests it has read completely. */
  received(): ReceivedRequest[];
  /** How many TCP connections clients have opened to it. */
  connections(): number;
  close(): Promise<void>;
}

/** Headers the `replies` stub sends, as Lambda sends them for a qualified call with Tail. */
export const STUB_REPLY_HEADERS = {
  'x-amz-executed-version': '7',
  'x-amz-log-result': Buffer.from('START RequestId: stub\nEND RequestId: stub\n').toString(
    'base64',
  ),
};

/**
 * Starts a loopback HTTP server that behaves as `behaviour` names:
 * - `replies`: status 200, body `{"stub":true}`, STUB_REPLY_HEADERS.
 * - `never-responds`: reads each request and never replies, as a hung function would.
 * - `oversized`: status 200 with a JSON body above Lambda's 6 MB limit.
 * - `not-json`: status 200 with a body that is not JSON.
 */
export async function startStubEndpoint(
  behaviour: 'replies' | 'never-responds' | 'oversized' | 'not-json',
): Promise<StubEndpoint> {
  let requestCount = 0;
  const receivedRequests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    requestCount += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receivedRequests.push({
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (behaviour === 'replies') {
        response.writeHead(200, { 'content-type': 'application/json', ...STUB_REPLY_HEADERS });
        response.end('{"stub":true}');
      } else if (behaviour === 'not-json') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('fib is 13');
      } else if (behaviour === 'oversized') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`"${'x'.repeat(7 * 1024 * 1024)}"`);
      }
    });
  });
  let connectionCount = 0;
  server.on('connection', (socket) => {
    connectionCount += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') {
    throw new Error('The stub endpoint got no port.');
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests: () => requestCount,
    received: () => receivedRequests,
    connections: () => connectionCount,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
