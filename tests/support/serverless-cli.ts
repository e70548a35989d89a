import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVERLESS_BIN = join(PROJECT_ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

/** The function's Lambda name at stage dev, which Serverless builds as service-stage-function. */
export const FUNCTION_NAME = 'fibonacci-dev-fibonacci';

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('The operating system gave no port.'));
      });
    });
  });
}

/**
 * Returns the arguments of `npm start` after `serverless`, e.g. `offline start --host
 * 127.0.0.1 --noAuth`, so the tests start the server with the README's command.
 * The script passes `--noAuth` because serverless-offline 13.10.1 fails to start on an
 * httpApi route with `authorizer: { type: aws_iam }`, which it takes for a JWT authorizer.
 */
function npmStartArguments(): string[] {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...rest] = manifest.scripts.start.split(/\s+/);
  if (command !== 'serverless') {
    throw new Error(`npm start runs "${command}", not serverless: update startOffline.`);
  }
  return rest;
}

/**
 * Returns environment variables that give one Serverless command a build folder of
 * its own, so commands that run at the same time do not overwrite each other's bundle.
 */
export function isolatedBuildEnvironment(): { env: NodeJS.ProcessEnv; workFolder: string } {
  const workFolder = `.esbuild-test-${randomUUID()}`;
  const env = {
    ...process.env,
    ESBUILD_WORK_FOLDER: workFolder,
    // Rebuilding on a file change would end serverless-offline's busy worker threads.
    ESBUILD_WATCH_IGNORE: '**',
    SLS_TELEMETRY_DISABLED: '1',
  };
  return { env, workFolder };
}

/** Result of one finished Serverless command. */
export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `serverless <args>` to completion in the project folder, with stdin closed. */
export function runServerless(
  args: readonly string[],
  timeoutMs = 120_000,
  extraEnv: NodeJS.ProcessEnv = {},
): CommandResult {
  const isolated = isolatedBuildEnvironment();
  const workFolder = isolated.workFolder;
  const env = { ...isolated.env, ...extraEnv };
  try {
    // stdin is closed because `invoke local` waits for data on an open stdin.
    const result = spawnSync(process.execPath, [SERVERLESS_BIN, ...args], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(join(PROJECT_ROOT, workFolder), { recursive: true, force: true });
  }
}

/** A serverless-offline process started for one test file. */
export interface OfflineServer {
  /** Base URL of the REST API routes, with the stage, e.g. `http://127.0.0.1:40123/dev`. */
  readonly httpUrl: string;
  /** Base URL of the HTTP API routes, which have no stage, e.g. `http://127.0.0.1:40123`. */
  readonly httpApiUrl: string;
  /** Base URL of the function URL that plugins/function-url-offline.js serves. */
  readonly functionUrl: string;
  /** Base URL of the Lambda Invoke API, e.g. `http://127.0.0.1:40124`. */
  readonly lambdaUrl: string;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `serverless offline` on free loopback ports and resolves once it serves
 * requests. Every port serverless-offline opens is set, so parallel test files
 * never collide on the defaults.
 */
export async function startOffline(
  options: { stage?: string; extraArgs?: readonly string[] } = {},
): Promise<OfflineServer> {
  const stage = options.stage ?? 'dev';
  const [httpPort, lambdaPort, websocketPort, albPort, functionUrlPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const { env, workFolder } = isolatedBuildEnvironment();
  env.FUNCTION_URL_PORT = String(functionUrlPort);
  const args = [
    SERVERLESS_BIN,
    ...npmStartArguments(),
    '--stage',
    stage,
    '--httpPort',
    String(httpPort),
    '--lambdaPort',
    String(lambdaPort),
    '--websocketPort',
    String(websocketPort),
    '--albPort',
    String(albPort),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(join(PROJECT_ROOT, workFolder), { recursive: true, force: true });
  };

  try {
    await waitForOutput(child, () => output, 'Server ready', 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    httpUrl: `http://127.0.0.1:${httpPort}/${stage}`,
    httpApiUrl: `http://127.0.0.1:${httpPort}`,
    lambdaUrl: `http://127.0.0.1:${lambdaPort}`,
    functionUrl: `http://127.0.0.1:${functionUrlPort}`,
    output: () => output,
    stop,
  };
}

function waitForOutput(
  child: ChildProcess,
  output: () => string,
  marker: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(
        new Error(`serverless offline did not print "${marker}" in ${timeoutMs} ms:\n${output()}`),
      );
    }, timeoutMs);
    const poll = setInterval(() => {
      if (output().includes(marker)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`serverless offline exited with code ${code}:\n${output()}`));
    });
  });
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // The group is already gone.
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/** A reply as the tests read it: status, headers, text and the body parsed when it is JSON. */
export interface JsonReply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function readReply(response: Response): Promise<JsonReply> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Sends a JSON request and returns status, headers and the body parsed when it is JSON. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<JsonReply> {
  return readReply(await fetch(url, { method: 'POST', body, headers }));
}

/** Sends a GET request and returns status, headers and the body parsed when it is JSON. */
export async function getJson(url: string): Promise<JsonReply> {
  return readReply(await fetch(url));
}
