import type { FibonacciRequest } from '../../src/fibonacci.js';
import { fibonacciHandlerOptions } from '../../src/fibonacci-handler-options.js';
import {
  type AnySourceAdapter,
  createHandler,
  type LambdaHandler,
  type OutcomeLogRecord,
} from '../../src/index.js';
import { lambdaContext } from './fixtures.js';
import { recordingLogger } from './recording-logger.js';

/** A Fibonacci handler as src/handler.ts builds it, with its log records kept in memory. */
export interface FibonacciService {
  invoke(event: unknown): Promise<unknown>;
  readonly logs: OutcomeLogRecord[];
}

/** Builds the Fibonacci service with a logger that keeps records instead of printing them. */
export function fibonacciService(
  options: {
    sources?: readonly AnySourceAdapter[];
    forceSource?: string;
    /** Replaces the business function, e.g. with one that fails. */
    handler?: (request: FibonacciRequest) => unknown;
  } = {},
): FibonacciService {
  const { log, records } = recordingLogger();
  const handler: LambdaHandler = createHandler({
    ...fibonacciHandlerOptions,
    logger: log,
    ...options,
  });
  return { invoke: (event) => handler(event, lambdaContext()), logs: records };
}
