import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { type HttpReply, jsonReply, problemReply } from '../framework/http-reply.js';
import { defineSourceAdapter } from '../framework/source-adapter.js';
import { extractPayloadV2, hasFunctionUrlDomain, isPayloadV2Event } from './payload-v2.js';

/**
 * Lambda function URL. Its events and replies have the API Gateway payload format
 * 2.0, and its events differ from HTTP API ones only in the domain name,
 * `<url-id>.lambda-url.<region>.on.aws`.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 */
export const lambdaFunctionUrl = defineSourceAdapter({
  name: 'lambda-function-url',
  claims: (event: unknown): event is LambdaFunctionURLEvent =>
    isPayloadV2Event(event) && hasFunctionUrlDomain(event),
  extractPayload: extractPayloadV2,
  shapeResult: (result: unknown): HttpReply => jsonReply(result),
  shapeError: (error, _event, context): HttpReply => problemReply(error, context),
});
