import type { Context } from 'aws-lambda';
import type { PublicError } from './errors.js';

/** Members every adapter has, whether its events carry one payload or a batch. */
interface SourceAdapterBase<TEvent> {
  /** Name in logs and configuration, e.g. `api-gateway-rest`. */
  readonly name: string;
  /**
   * Returns whether the event has this source's documented shape. It runs on every
   * event, so it checks fields in place and never throws, parses or allocates.
   */
  readonly claims: (event: unknown) => event is TEvent;
}

/**
 * One kind of client whose event carries one request (API Gateway, a direct SDK or
 * database invoke, ...): how to recognise its events, where the payload sits in them,
 * and what reply it expects.
 */
export interface SourceAdapter<TEvent = unknown, TReply = unknown>
  extends SourceAdapterBase<TEvent> {
  readonly kind: 'single';
  /**
   * Returns the business payload carried by the event, or throws a ClientError.
   * Return a StringFields when the values arrived as text (a query string, path
   * parameters, a form body), so the validator may convert them to numbers.
   */
  readonly extractPayload: (event: TEvent) => unknown;
  /** Wraps the business result in the reply this source expects. */
  readonly shapeResult: (result: unknown, event: TEvent, context: Context) => TReply;
  /**
   * Returns the reply for a failed request. Throwing instead (as the direct source
   * does) makes Lambda report a function error to the caller.
   */
  readonly shapeError: (error: PublicError, event: TEvent, context: Context) => TReply;
}

/**
 * The outcome of one record of a batch: its business result, the error it met, or
 * `skipped` when an earlier record failed in a batch that keeps order.
 */
export type RecordOutcome =
  | { readonly recordId: string; readonly status: 'succeeded'; readonly result: unknown }
  | { readonly recordId: string; readonly status: 'failed'; readonly error: PublicError }
  | { readonly recordId: string; readonly status: 'skipped' };

/**
 * One kind of client whose event carries a batch of records (SQS), each one request.
 * Each record is unwrapped, validated and handled on its own, so one bad record fails
 * alone, and the reply reports which records failed.
 */
export interface BatchSourceAdapter<TEvent = unknown, TRecord = unknown, TReply = unknown>
  extends SourceAdapterBase<TEvent> {
  readonly kind: 'batch';
  /** Returns the records of the event, in delivery order. */
  readonly recordsOf: (event: TEvent) => readonly TRecord[];
  /** Returns the id by which the reply names a record, e.g. an SQS `messageId`. */
  readonly recordIdOf: (record: TRecord) => string;
  /** Returns the business payload of one record, or throws a ClientError. */
  readonly extractPayload: (record: TRecord) => unknown;
  /**
   * Returns whether a failed record must also fail every later record, as in an SQS
   * FIFO queue, where a retried message may not overtake the ones after it.
   */
  readonly keepsOrder: (event: TEvent) => boolean;
  /** Builds the reply from every record's outcome, in the order of `recordsOf`. */
  readonly shapeResult: (
    outcomes: readonly RecordOutcome[],
    event: TEvent,
    context: Context,
  ) => TReply;
  /**
   * Returns the reply when the whole batch failed before its records were handled.
   * Throwing instead makes Lambda retry the whole batch.
   */
  readonly shapeError: (error: PublicError, event: TEvent, context: Context) => TReply;
}

/** Any adapter, whatever its event, record and reply types. */
// biome-ignore lint/suspicious/noExplicitAny: adapters differ in event type, and a list of them must accept each one.
export type AnySourceAdapter = SourceAdapter<any, unknown> | BatchSourceAdapter<any, any, unknown>;

/** The members an adapter author writes; `kind` is added by the define function. */
export type SourceAdapterDefinition<TEvent, TReply> = Omit<SourceAdapter<TEvent, TReply>, 'kind'>;
export type BatchSourceAdapterDefinition<TEvent, TRecord, TReply> = Omit<
  BatchSourceAdapter<TEvent, TRecord, TReply>,
  'kind'
>;

const SINGLE_ADAPTER_FUNCTIONS = ['claims', 'extractPayload', 'shapeResult', 'shapeError'];
const BATCH_ADAPTER_FUNCTIONS = [
  'claims',
  'recordsOf',
  'recordIdOf',
  'extractPayload',
  'keepsOrder',
  'shapeResult',
  'shapeError',
];

/** Throws a TypeError naming the first missing member, so a typo fails at import time. */
function assertAdapterMembers(adapter: object, functionNames: readonly string[]): void {
  const { name } = adapter as { name?: unknown };
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TypeError('A source adapter needs a non-empty string `name`.');
  }
  const members = adapter as Record<string, unknown>;
  for (const member of functionNames) {
    if (typeof members[member] !== 'function') {
      throw new TypeError(
        `Source adapter "${name}" has no function \`${member}\`; ` +
          `an adapter needs ${functionNames.join(', ')}.`,
      );
    }
  }
}

/**
 * Checks an adapter for events that carry one request when it is defined, and
 * returns it frozen.
 *
 * @example
 * export const webhook = defineSourceAdapter({
 *   name: 'webhook',
 *   claims: (event): event is Hook => isRecord(event) && isRecord(event.hook),
 *   extractPayload: (event) => event.hook,
 *   shapeResult: (result) => ({ ok: true, result }),
 *   shapeError: (error) => ({ ok: false, message: error.message }),
 * });
 */
export function defineSourceAdapter<TEvent, TReply>(
  adapter: SourceAdapterDefinition<TEvent, TReply>,
): SourceAdapter<TEvent, TReply> {
  assertAdapterMembers(adapter, SINGLE_ADAPTER_FUNCTIONS);
  return Object.freeze({ ...adapter, kind: 'single' });
}

/** Checks an adapter for events that carry a batch of records, and returns it frozen. */
export function defineBatchSourceAdapter<TEvent, TRecord, TReply>(
  adapter: BatchSourceAdapterDefinition<TEvent, TRecord, TReply>,
): BatchSourceAdapter<TEvent, TRecord, TReply> {
  assertAdapterMembers(adapter, BATCH_ADAPTER_FUNCTIONS);
  return Object.freeze({ ...adapter, kind: 'batch' });
}

/** Returns whether the value was made by defineSourceAdapter or defineBatchSourceAdapter. */
export function isSourceAdapter(value: unknown): value is AnySourceAdapter {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, name, claims } = value as Record<string, unknown>;
  return (
    (kind === 'single' || kind === 'batch') &&
    typeof name === 'string' &&
    typeof claims === 'function'
  );
}

/**
 * Returns the Lambda request id, or `unknown` where no Lambda context was passed
 * (a handler called directly from a test or script).
 */
export function requestIdOf(context: Partial<Context> | undefined): string {
  const requestId = context?.awsRequestId;
  return typeof requestId === 'string' && requestId !== '' ? requestId : 'unknown';
}
