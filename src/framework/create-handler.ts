import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { detectSource } from '../../middlewares/detect-source.js';
import { logOutcome } from '../../middlewares/log-outcome.js';
import { shapeResponse } from '../../middlewares/shape-response.js';
import { unwrapPayload } from '../../middlewares/unwrap-payload.js';
import { validatePayload } from '../../middlewares/validate-payload.js';
import { BUILT_IN_SOURCES, DEFAULT_FALLBACK_SOURCE } from '../sources/index.js';
import { type OutcomeLogger, writeJsonLine } from './logger.js';
import type { PayloadValidator } from './payload-validator.js';
import type { AnySourceAdapter } from './source-adapter.js';

/** Options of createHandler. */
export interface HandlerOptions<TPayload, TResult> {
  /** Business function; it receives a payload that passed `validator`. */
  handler: (payload: TPayload, context: Context) => TResult | Promise<TResult>;
  /** Compiled JSON Schema of the payload, e.g. a generated module in src/generated/. */
  validator: PayloadValidator;
  /** Describes a valid payload in validation errors, e.g. `{"fib": n} with n an integer`. */
  accepted: string;
  /** Sources to detect, in order; defaults to BUILT_IN_SOURCES. */
  sources?: readonly AnySourceAdapter[];
  /** Source for events no other source claims; defaults to direct invocation. */
  fallbackSource?: AnySourceAdapter;
  /** Receives one record per invocation outcome; defaults to JSON lines on stdout. */
  logger?: OutcomeLogger;
}

/** The Lambda handler createHandler returns. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const OPTION_NAMES = new Set([
  'handler',
  'validator',
  'accepted',
  'sources',
  'fallbackSource',
  'logger',
]);

/** Rejects unknown or mistyped options when the handler is built, not on the first request. */
function assertValidOptions(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      throw new TypeError(
        `Unknown createHandler option "${key}". Accepted options: ${[...OPTION_NAMES].join(', ')}.`,
      );
    }
  }
  const required: [string, string][] = [
    ['handler', 'function'],
    ['validator', 'function'],
    ['accepted', 'string'],
  ];
  for (const [key, type] of required) {
    if (typeof options[key] !== type) {
      throw new TypeError(`createHandler option "${key}" must be a ${type}.`);
    }
  }
  if (options.sources !== undefined && !Array.isArray(options.sources)) {
    throw new TypeError('createHandler option "sources" must be an array of source adapters.');
  }
  if (options.logger !== undefined && typeof options.logger !== 'function') {
    throw new TypeError('createHandler option "logger" must be a function.');
  }
}

/**
 * Builds a Lambda handler that serves the business function to every configured
 * source. The pipeline is: detect the source, unwrap the payload, validate it, run
 * the handler, then shape the reply or the error for that source and log the outcome.
 *
 * @example
 * export const handler = createHandler({
 *   handler: computeFibonacci,
 *   validator: validateFibonacciRequest,
 *   accepted: '{"fib": n} with n an integer from 0 to 10000',
 * });
 */
export function createHandler<TPayload, TResult>(
  options: HandlerOptions<TPayload, TResult>,
): LambdaHandler {
  assertValidOptions(options as unknown as Record<string, unknown>);
  const sources = options.sources ?? BUILT_IN_SOURCES;
  const fallback = options.fallbackSource ?? DEFAULT_FALLBACK_SOURCE;
  const business = options.handler;

  // The early-timeout race is off: it costs time on every invocation, and Lambda
  // already ends a function at its configured timeout.
  const pipeline = middy(
    (payload: unknown, context: Context) => business(payload as TPayload, context),
    { timeoutEarlyInMillis: 0 },
  )
    .use(logOutcome(options.logger ?? writeJsonLine))
    .use(shapeResponse())
    .use(detectSource(sources, fallback))
    .use(unwrapPayload())
    .use(validatePayload(options.validator, options.accepted));

  return pipeline as unknown as LambdaHandler;
}
