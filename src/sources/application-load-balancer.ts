import type { ALBEvent, ALBResult } from 'aws-lambda';
import { namedValuesOf, readHttpPayload } from '../framework/http-payload.js';
import { type HttpReply, jsonReply, problemReply } from '../framework/http-reply.js';
import {
  headerValues,
  isOptionalRecord,
  isOptionalString,
  isRecord,
} from '../framework/http-request.js';
import { defineSourceAdapter } from '../framework/source-adapter.js';
import { reasonPhraseOf } from './reason-phrases.js';

/** Returns whether the event is an Application Load Balancer request to a Lambda target. */
function isAlbEvent(event: unknown): event is ALBEvent {
  if (!isRecord(event)) return false;
  const requestContext = event.requestContext;
  if (!isRecord(requestContext)) return false;
  const elb = requestContext.elb;
  return (
    isRecord(elb) &&
    typeof elb.targetGroupArn === 'string' &&
    typeof event.httpMethod === 'string' &&
    typeof event.path === 'string' &&
    typeof event.isBase64Encoded === 'boolean' &&
    isOptionalRecord(event.headers) &&
    isOptionalRecord(event.multiValueHeaders) &&
    isOptionalRecord(event.queryStringParameters) &&
    isOptionalRecord(event.multiValueQueryStringParameters) &&
    isOptionalString(event.body)
  );
}

/**
 * Converts a reply to the ALB shape: a `statusDescription` such as "200 OK", and the
 * headers in `multiValueHeaders` exactly when the target group has multi-value headers
 * on, which ALB shows by sending the request's headers that way.
 */
function toAlbReply(reply: HttpReply, event: ALBEvent): ALBResult {
  const statusDescription = `${reply.statusCode} ${reasonPhraseOf(reply.statusCode) ?? 'Unknown'}`;
  const { statusCode, body, isBase64Encoded } = reply;
  if (isRecord(event.multiValueHeaders)) {
    const multiValueHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(reply.headers)) multiValueHeaders[name] = [value];
    return { statusCode, statusDescription, multiValueHeaders, body, isBase64Encoded };
  }
  return { statusCode, statusDescription, headers: reply.headers, body, isBase64Encoded };
}

/**
 * Application Load Balancer with a Lambda target group. The payload is the body (JSON
 * or a form), or else the query parameters. Errors are `application/problem+json`.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */
export const applicationLoadBalancer = defineSourceAdapter({
  name: 'application-load-balancer',
  claims: isAlbEvent,

  extractPayload(event: ALBEvent): unknown {
    return readHttpPayload({
      contentTypes: headerValues('content-type', event.headers, event.multiValueHeaders),
      body: event.body,
      isBase64Encoded: event.isBase64Encoded,
      pathParameters: [],
      // ALB passes the query on as the client encoded it.
      queryParameters: namedValuesOf(
        event.queryStringParameters,
        event.multiValueQueryStringParameters,
      ),
      queryEncoding: 'percent-encoded',
    });
  },

  shapeResult: (result: unknown, event): ALBResult => toAlbReply(jsonReply(result), event),
  shapeError: (error, event, context): ALBResult => toAlbReply(problemReply(error, context), event),
});
