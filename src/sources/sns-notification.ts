import { isRecord, parseJsonText } from '../framework/http-request.js';

/** The fields of an SNS notification that this project reads. */
export interface SnsNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Message: string;
}

/**
 * Returns whether the value is an SNS notification, as SNS hands it to Lambda in
 * `Records[].Sns` and as it delivers it in the body of an SQS message when raw
 * message delivery is off.
 *
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
 */
export function isSnsNotification(value: unknown): value is SnsNotification {
  return (
    isRecord(value) &&
    value.Type === 'Notification' &&
    typeof value.MessageId === 'string' &&
    typeof value.TopicArn === 'string' &&
    typeof value.Message === 'string'
  );
}

/** Parses the payload that a publisher put in the notification's `Message` as JSON text. */
export function parseSnsMessage(notification: Pick<SnsNotification, 'Message'>): unknown {
  return parseJsonText(notification.Message, 'SNS message');
}
