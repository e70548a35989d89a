import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { combineMiddlewares } from '../../middlewares/combine.js';
import { detectSource } from '../../middlewares/detect-source.js';
import { logOutcome } from '../../middlewares/log-outcome.js';
import { shapeResponse } from '../../middlewares/shape-response.js';
import { unwrapPayload } from '../../middlewares/unwrap-payload.js';
import { validatePayload } from '../../middlewares/validate-payload.js';
import { BUILT_IN_SOURCES, DEFAULT_FALLBACK_SOURCE } from '../sources/index.js';
import { type OutcomeLogger, writeJsonLine } from './logger.js';
import type { PayloadValidator } from './payload-validator.js';
import { RecordBatch } from './record-batch.js';
import { type AnySourceAdapter, isSourceAdapter } from './source-adapter.js';

/** Environment variable that forces one source by name, e.g. `sqs`, when `forceSource` is unset. */
export const FORCE_SOURCE_VARIABLE = 'UNIFORM_LAMBDA_SOURCE';

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
  /**
   * Name of the one source this function serves (one of `sources`, or the fallback),
   * so no detection runs; defaults to the UNIFORM_LAMBDA_SOURCE environment variable.
   */
  forceSource?: string;
  /** Receives one record per invocation outcome; defaults to JSON lines on stdout. */
  logger?: OutcomeLogger;
  /**
   * Milliseconds before the Lambda timeout at which Middy fails the invocation with a
   * TimeoutError, which the pipeline shapes and logs as an internal error. Defaults
   * to 0, which turns Middy's early-timeout race off because it costs time on every
   * invocation (docs/performance.md).
   */
  timeoutEarlyInMillis?: number;
}

/** The Lambda handler createHandler returns. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const OPTION_NAMES = new Set([
  'handler',
  'validator',
  'accepted',
  'sources',
  'fallbackSource',
  'forceSource',
  'logger',
  'timeoutEarlyInMillis',
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
  const { sources, fallbackSource, forceSource, logger, timeoutEarlyInMillis } = options;
  if (sources !== undefined && (!Array.isArray(sources) || !sources.every(isSourceAdapter))) {
    throw new TypeError(
      'createHandler option "sources" must be an array of adapters made by ' +
        'defineSourceAdapter or defineBatchSourceAdapter.',
    );
  }
  if (fallbackSource !== undefined && !isSourceAdapter(fallbackSource)) {
    throw new TypeError(
      'createHandler option "fallbackSource" must be an adapter made by ' +
        'defineSourceAdapter or defineBatchSourceAdapter.',
    );
  }
  if (forceSource !== undefined && typeof forceSource !== 'string') {
    throw new TypeError('createHandler option "forceSource" must be the name of a source.');
  }
  if (logger !== undefined && typeof logger !== 'function') {
    throw new TypeError('createHandler option "logger" must be a function.');
  }
  const isMilliseconds =
    typeof timeoutEarlyInMillis === 'number' &&
    Number.isFinite(timeoutEarlyInMillis) &&
    timeoutEarlyInMillis >= 0;
  if (timeoutEarlyInMillis !== undefined && !isMilliseconds) {
    throw new TypeError(
      'createHandler option "timeoutEarlyInMillis" must be a number of milliseconds, 0 or ' +
        `more, got ${String(timeoutEarlyInMillis)}.`,
    );
  }
}

/** Rejects two sources of one name, because logs and `forceSource` could not tell them apart. */
function assertUniqueNames(sources: readonly AnySourceAdapter[]): void {
  const names = new Set<string>();
  for (const { name } of sources) {
    if (names.has(name)) {
      throw new TypeError(`createHandler was given two sources named "${name}".`);
    }
    names.add(name);
  }
}

/** Returns the source that `forceSource` (or the environment) names, or undefined. */
function findForcedSource(
  name: string | undefined,
  candidates: readonly AnySourceAdapter[],
): AnySourceAdapter | undefined {
  if (name === undefined || name === '') return undefined;
  const source = candidates.find((candidate) => candidate.name === name);
  if (source === undefined) {
    const names = candidates.map((candidate) => candidate.name).join(', ');
    throw new TypeError(`Cannot force source "${name}": it is not configured. Sources: ${names}.`);
  }
  return source;
}

/**
 * Builds a Lambda handler that serves the business function to every configured
 * source. The pipeline is: detect the source, unwrap the payload, validate it, run
 * the handler, then shape the reply or the error for that source and log the outcome.
 * A batch source's records each go through unwrapping, validation and the handler.
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
  assertUniqueNames([...sources, fallback]);
  const forced = findForcedSource(options.forceSource ?? process.env[FORCE_SOURCE_VARIABLE], [
    ...sources,
    fallback,
  ]);
  const business = options.handler;

  const runBusiness = (input: unknown, context: Context): unknown => {
    if (input instanceof RecordBatch) {
      return input.applyEach((payload) => business(payload as TPayload, context));
    }
    return business(input as TPayload, context);
  };

  // The steps run as one Middy middleware, because Middy awaits each middleware, and
  // they behave as if each were added with `.use()` in this order.
  const steps = combineMiddlewares('uniformLambda', [
    logOutcome(options.logger ?? writeJsonLine),
    shapeResponse(),
    detectSource(sources, fallback, forced),
    unwrapPayload(),
    validatePayload(options.validator, options.accepted),
  ]);
  // The early-timeout race is off unless requested, because it costs time on every
  // invocation and Lambda already ends a function at its configured timeout.
  const pipeline = middy(runBusiness, {
    timeoutEarlyInMillis: options.timeoutEarlyInMillis ?? 0,
  }).use(steps);

  return pipeline as unknown as LambdaHandler;
}
