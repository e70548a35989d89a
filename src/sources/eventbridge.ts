import type { EventBridgeEvent } from 'aws-lambda';
import { isRecord } from '../framework/http-request.js';
import { defineSourceAdapter } from '../framework/source-adapter.js';

type AnyEventBridgeEvent = EventBridgeEvent<string, unknown>;

/** Returns whether the event is an EventBridge event, checking its envelope fields together. */
function isEventBridgeEvent(event: unknown): event is AnyEventBridgeEvent {
  return (
    isRecord(event) &&
    typeof event.version === 'string' &&
    typeof event.id === 'string' &&
    typeof event['detail-type'] === 'string' &&
    typeof event.source === 'string' &&
    typeof event.account === 'string' &&
    typeof event.time === 'string' &&
    typeof event.region === 'string' &&
    Array.isArray(event.resources) &&
    isRecord(event.detail)
  );
}

/**
 * Amazon EventBridge (rules and schedules): the payload is `detail`. EventBridge
 * invokes Lambda asynchronously and discards the reply, so errors are thrown, and
 * Lambda retries the event and then hands it to the on-failure destination.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 */
export const eventBridge = defineSourceAdapter({
  name: 'eventbridge',
  claims: isEventBridgeEvent,
  extractPayload: (event: AnyEventBridgeEvent) => event.detail,
  shapeResult: (result: unknown) => result,
  shapeError: (error): never => {
    throw error;
  },
});
