import type { SNSEvent } from 'aws-lambda';
import { InvalidRequestError } from '../framework/errors.js';
import { isRecord } from '../framework/http-request.js';
import { defineSourceAdapter } from '../framework/source-adapter.js';
import { isSnsNotification, parseSnsMessage } from './sns-notification.js';

/** Returns whether the event is an SNS notification delivered to a Lambda subscription. */
function isSnsEvent(event: unknown): event is SNSEvent {
  if (!isRecord(event)) return false;
  const records = event.Records;
  if (!Array.isArray(records) || records.length === 0) return false;
  const record: unknown = records[0];
  return (
    isRecord(record) &&
    record.EventSource === 'aws:sns' &&
    typeof record.EventSubscriptionArn === 'string' &&
    isSnsNotification(record.Sns)
  );
}

// NOTE: a client error (an invalid message) is thrown like any other, so Lambda also
// retries it, which cannot succeed, before the on-failure destination receives it.
/**
 * Amazon SNS: the payload is the JSON text in the notification's `Message`. SNS
 * invokes Lambda asynchronously and discards the reply, so the result is returned
 * as it is, and errors are thrown so that Lambda retries the event and then hands it
 * to the function's on-failure destination or dead-letter queue.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
export const sns = defineSourceAdapter({
  name: 'sns',
  claims: isSnsEvent,

  extractPayload(event: SNSEvent): unknown {
    // SNS delivers one notification per invocation; more would mean a hand-made event.
    const [record, ...others] = event.Records;
    if (record === undefined || others.length > 0) {
      throw new InvalidRequestError(
        `The SNS event has ${event.Records.length} records; SNS delivers exactly one.`,
      );
    }
    return parseSnsMessage(record.Sns);
  },

  shapeResult: (result: unknown) => result,
  shapeError: (error): never => {
    throw error;
  },
});
