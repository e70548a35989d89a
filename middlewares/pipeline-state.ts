import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { PublicError } from '../src/framework/errors.js';
import type { RecordBatch } from '../src/framework/record-batch.js';
import type { AnySourceAdapter } from '../src/framework/source-adapter.js';

/**
 * Reason the source was chosen: `claimed` by its guard, `fallback` because no guard
 * claimed the event, or `forced` by the configuration.
 */
export type Detection = 'claimed' | 'fallback' | 'forced';

/** What the pipeline's middlewares learn about one invocation and pass on to each other. */
export interface PipelineState {
  source?: AnySourceAdapter;
  detection?: Detection;
  /** The event as Lambda delivered it, kept because unwrapping replaces `request.event`. */
  originalEvent?: unknown;
  /** The records of a batch source's event, each with its own outcome. */
  batch?: RecordBatch;
  /** The error as the caller sees it, once the response shaper has classified it. */
  publicError?: PublicError;
}

/** The Middy request type of this pipeline. */
export type PipelineRequest = Request<unknown, unknown, Error, Context, Record<string, unknown>>;

/** A Middy middleware of this pipeline. */
export type PipelineMiddleware = MiddlewareObj<
  unknown,
  unknown,
  Error,
  Context,
  Record<string, unknown>
>;

const STATE_KEY = 'uniformLambda';

/** Returns this invocation's state, creating it on first use. */
export function pipelineState(request: PipelineRequest): PipelineState {
  // Middy gives each request a fresh `internal` object, so state never leaks
  // from one invocation into the next.
  let state = request.internal[STATE_KEY] as PipelineState | undefined;
  if (state === undefined) {
    state = {};
    request.internal[STATE_KEY] = state;
  }
  return state;
}
