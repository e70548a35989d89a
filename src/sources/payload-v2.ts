import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { namedValuesOf, readHttpPayload } from '../framework/http-payload.js';
import {
  headerValues,
  isOptionalRecord,
  isOptionalString,
  isRecord,
} from '../framework/http-request.js';

/**
 * Returns whether the event has the payload format 2.0 shared by API Gateway HTTP
 * APIs and Lambda function URLs, checking several documented fields together.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function isPayloadV2Event(event: unknown): event is APIGatewayProxyEventV2 {
  if (!isRecord(event)) return false;
  const requestContext = event.requestContext;
  if (!isRecord(requestContext)) return false;
  const http = requestContext.http;
  return (
    event.version === '2.0' &&
    typeof event.routeKey === 'string' &&
    typeof event.rawPath === 'string' &&
    typeof event.rawQueryString === 'string' &&
    typeof event.isBase64Encoded === 'boolean' &&
    isOptionalRecord(event.headers) &&
    isOptionalRecord(event.queryStringParameters) &&
    isOptionalRecord(event.pathParameters) &&
    isOptionalString(event.body) &&
    typeof requestContext.requestId === 'string' &&
    typeof requestContext.domainName === 'string' &&
    isRecord(http) &&
    typeof http.method === 'string'
  );
}

/** Domain names of function URLs are `<url-id>.lambda-url.<region>.on.aws`. */
export function hasFunctionUrlDomain(event: APIGatewayProxyEventV2): boolean {
  return event.requestContext.domainName.includes('.lambda-url.');
}

/** Returns the payload of a format 2.0 event: its body, or its path and query parameters. */
export function extractPayloadV2(event: APIGatewayProxyEventV2): unknown {
  return readHttpPayload({
    contentTypes: headerValues('content-type', event.headers),
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
    pathParameters: namedValuesOf(event.pathParameters),
    // `queryStringParameters` joins repeated names with commas, so the raw query string
    // is read instead, which keeps each value and decodes `+` as a space.
    queryParameters: [...new URLSearchParams(event.rawQueryString)],
    queryEncoding: 'decoded',
  });
}
