// Types of the pure functions of function-url-offline.js, for the tests that import them.
import type { IncomingMessage, Server } from 'node:http';
import type { LambdaFunctionURLEvent } from 'aws-lambda';

/** Identity of the local function URL: its URL id and AWS Region. */
export interface FunctionUrlSettings {
  urlId: string;
  region: string;
}

/** An HTTP response to send: status, headers and the raw body. */
export interface FunctionUrlResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export function functionUrlEvent(
  request: IncomingMessage,
  body: Buffer,
  settings: FunctionUrlSettings,
): LambdaFunctionURLEvent;
export function functionUrlResponse(result: unknown): FunctionUrlResponse;

/** The serverless-offline plug-in that serves each function's URL. */
export default class FunctionUrlOffline {
  constructor(
    serverless: unknown,
    options: Record<string, unknown>,
    utilities: { log: Record<string, (message: string) => void> },
  );
  /** One HTTP server per function with a URL, once start has run. */
  servers: Server[];
  start(): Promise<void>;
  stop(): Promise<void>;
}
