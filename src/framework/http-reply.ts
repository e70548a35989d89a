import type { Context } from 'aws-lambda';
import type { PublicError } from './errors.js';
import { PROBLEM_JSON, toProblemDetails } from './problem-details.js';
import { requestIdOf } from './source-adapter.js';

/**
 * The reply of an HTTP source in the shape API Gateway (REST and HTTP APIs) and Lambda
 * function URLs read: status, single-value headers and a text body.
 */
export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** Returns a 200 reply with the business result as its JSON body. */
export function jsonReply(result: unknown): HttpReply {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(result),
    isBase64Encoded: false,
  };
}

/** Returns a reply with the error's status and an `application/problem+json` body. */
export function problemReply(error: PublicError, context: Context): HttpReply {
  return {
    statusCode: error.status,
    headers: { 'content-type': PROBLEM_JSON },
    body: JSON.stringify(toProblemDetails(error, requestIdOf(context))),
    isBase64Encoded: false,
  };
}
