import type { Context } from 'aws-lambda';
import type { PublicError } from './errors.js';

/**
 * One kind of client (API Gateway, a direct SDK or database invoke, ...): how to
 * recognise its events, where the payload sits in them, and what reply it expects.
 */
export interface SourceAdapter<TEvent = unknown, TReply = unknown> {
  /** Name in logs and configuration, e.g. `api-gateway-rest`. */
  readonly name: string;
  /**
   * Returns whether the event has this source's documented shape. It runs on every
   * event, so it checks fields in place and never throws, parses or allocates.
   */
  readonly claims: (event: unknown) => event is TEvent;
  /** Returns the business payload carried by the event, or throws a ClientError. */
  readonly extractPayload: (event: TEvent) => unknown;
  /** Wraps the business result in the reply this source expects. */
  readonly shapeResult: (result: unknown, event: TEvent, context: Context) => TReply;
  /**
   * Returns the reply for a failed request. Throwing instead (as the direct source
   * does) makes Lambda report a function error to the caller.
   */
  readonly shapeError: (error: PublicError, event: TEvent, context: Context) => TReply;
}

/** Any adapter, whatever its event and reply types. */
// biome-ignore lint/suspicious/noExplicitAny: adapters differ in event type, and a list of them must accept each one.
export type AnySourceAdapter = SourceAdapter<any, unknown>;

const ADAPTER_FUNCTIONS = ['claims', 'extractPayload', 'shapeResult', 'shapeError'] as const;

/**
 * Checks an adapter's members when it is defined, so a typo fails at import time
 * rather than on the first request, and returns it frozen.
 *
 * @example
 * export const webhook = defineSourceAdapter({
 *   name: 'webhook',
 *   claims: (event): event is Hook => isObject(event) && typeof event.hook === 'object',
 *   extractPayload: (event) => event.hook,
 *   shapeResult: (result) => ({ ok: true, result }),
 *   shapeError: (error) => ({ ok: false, message: error.message }),
 * });
 */
export function defineSourceAdapter<TEvent, TReply>(
  adapter: SourceAdapter<TEvent, TReply>,
): SourceAdapter<TEvent, TReply> {
  if (typeof adapter.name !== 'string' || adapter.name.trim() === '') {
    throw new TypeError('A source adapter needs a non-empty string `name`.');
  }
  for (const member of ADAPTER_FUNCTIONS) {
    if (typeof adapter[member] !== 'function') {
      throw new TypeError(
        `Source adapter "${adapter.name}" has no function \`${member}\`; ` +
          `an adapter needs ${ADAPTER_FUNCTIONS.join(', ')}.`,
      );
    }
  }
  return Object.freeze({ ...adapter });
}

/**
 * Returns the Lambda request id, or `unknown` where no Lambda context was passed
 * (a handler called directly from a test or script).
 */
export function requestIdOf(context: Partial<Context> | undefined): string {
  const requestId = context?.awsRequestId;
  return typeof requestId === 'string' && requestId !== '' ? requestId : 'unknown';
}
