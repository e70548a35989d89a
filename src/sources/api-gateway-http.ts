import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type HttpReply, jsonReply, problemReply } from '../framework/http-reply.js';
import { defineSourceAdapter } from '../framework/source-adapter.js';
import { extractPayloadV2, hasFunctionUrlDomain, isPayloadV2Event } from './payload-v2.js';

/**
 * API Gateway HTTP API with payload format 2.0. The payload is the body (JSON or a
 * form), or else the path and query parameters. The reply uses the 2.0 structured
 * shape, and errors are `application/problem+json` with the error's HTTP status.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export const apiGatewayHttp = defineSourceAdapter({
  name: 'api-gateway-http',
  claims: (event: unknown): event is APIGatewayProxyEventV2 =>
    isPayloadV2Event(event) && !hasFunctionUrlDomain(event),
  extractPayload: extractPayloadV2,
  shapeResult: (result: unknown): HttpReply => jsonReply(result),
  shapeError: (error, _event, context): HttpReply => problemReply(error, context),
});
