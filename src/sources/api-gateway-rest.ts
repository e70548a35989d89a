import type { APIGatewayProxyEvent } from 'aws-lambda';
import { namedValuesOf, readHttpPayload } from '../framework/http-payload.js';
import { type HttpReply, jsonReply, problemReply } from '../framework/http-reply.js';
import {
  headerValues,
  isOptionalRecord,
  isOptionalString,
  isRecord,
} from '../framework/http-request.js';
import { defineSourceAdapter } from '../framework/source-adapter.js';

/**
 * Returns whether the event is an API Gateway REST API (v1) proxy integration event.
 * Several documented fields are checked together, so a bare payload that happens to
 * have a `body` or `httpMethod` key is not taken for one.
 */
function isRestProxyEvent(event: unknown): event is APIGatewayProxyEvent {
  if (!isRecord(event)) return false;
  const requestContext = event.requestContext;
  return (
    typeof event.httpMethod === 'string' &&
    typeof event.resource === 'string' &&
    typeof event.path === 'string' &&
    isRecord(requestContext) &&
    typeof requestContext.requestId === 'string' &&
    typeof requestContext.stage === 'string' &&
    isOptionalRecord(event.headers) &&
    isOptionalRecord(event.multiValueHeaders) &&
    isOptionalRecord(event.queryStringParameters) &&
    isOptionalRecord(event.pathParameters) &&
    isOptionalString(event.body) &&
    (event.version === undefined || event.version === null || event.version === '1.0')
  );
}

/**
 * API Gateway REST API with the Lambda proxy integration: the payload is the body
 * (JSON or a form), or else the path and query parameters, and the reply is
 * `{statusCode, headers, body, isBase64Encoded}`. Errors are
 * `application/problem+json` with the error's HTTP status.
 *
 * The body is read here rather than by `@middy/http-json-body-parser` (6.x), because
 * that middleware looks up only the `content-type` and `Content-Type` spellings,
 * rejects a request without Content-Type, answers malformed JSON with 415 instead of
 * 400, and writes into `event.body`, which ties it to HTTP events.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export const apiGatewayRest = defineSourceAdapter({
  name: 'api-gateway-rest',
  claims: isRestProxyEvent,

  extractPayload(event: APIGatewayProxyEvent): unknown {
    return readHttpPayload({
      contentTypes: headerValues('content-type', event.headers, event.multiValueHeaders),
      body: event.body,
      isBase64Encoded: event.isBase64Encoded === true,
      pathParameters: namedValuesOf(event.pathParameters),
      // API Gateway has already percent-decoded these values.
      queryParameters: namedValuesOf(
        event.queryStringParameters,
        event.multiValueQueryStringParameters,
      ),
      queryEncoding: 'decoded',
    });
  },

  shapeResult: (result: unknown): HttpReply => jsonReply(result),
  shapeError: (error, _event, context): HttpReply => problemReply(error, context),
});
