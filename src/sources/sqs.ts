import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { isRecord, parseJsonText } from '../framework/http-request.js';
import { defineBatchSourceAdapter } from '../framework/source-adapter.js';
import { isSnsNotification, parseSnsMessage } from './sns-notification.js';

/** Returns whether one record has the documented shape of an SQS message for Lambda. */
function isSqsRecord(record: unknown): record is SQSRecord {
  return (
    isRecord(record) &&
    record.eventSource === 'aws:sqs' &&
    typeof record.messageId === 'string' &&
    typeof record.receiptHandle === 'string' &&
    typeof record.body === 'string' &&
    typeof record.eventSourceARN === 'string' &&
    isRecord(record.attributes)
  );
}

/** Returns whether the event is a batch of SQS messages; every record is checked. */
function isSqsEvent(event: unknown): event is SQSEvent {
  if (!isRecord(event)) return false;
  const records = event.Records;
  if (!Array.isArray(records) || records.length === 0) return false;
  // An indexed loop creates no iterator, so the guard allocates nothing.
  for (let index = 0; index < records.length; index++) {
    if (!isSqsRecord(records[index])) return false;
  }
  return true;
}

/**
 * Returns the payload of one message: its body as JSON, or, when an SNS topic
 * delivered the message without raw message delivery, the JSON in the notification's
 * `Message`.
 */
function extractMessagePayload(record: SQSRecord): unknown {
  const body = parseJsonText(record.body, 'SQS message body');
  return isSnsNotification(body) ? parseSnsMessage(body) : body;
}

// NOTE: serverless.yml defines no SQS event. A mapping without
// `functionResponseType: ReportBatchItemFailures` ignores `batchItemFailures`, and SQS
// then deletes the whole batch, failed messages included.
/**
 * Amazon SQS, a batch source: each message body is one request. The reply lists the
 * failed messages in `batchItemFailures`, so SQS retries only those, which needs
 * `functionResponseType: ReportBatchItemFailures` on the event source mapping. A FIFO
 * queue keeps order, so every message after a failed one is reported as failed too.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
export const sqs = defineBatchSourceAdapter({
  name: 'sqs',
  claims: isSqsEvent,
  recordsOf: (event: SQSEvent) => event.Records,
  recordIdOf: (record: SQSRecord) => record.messageId,
  extractPayload: extractMessagePayload,
  keepsOrder: (event: SQSEvent) => event.Records[0]?.eventSourceARN.endsWith('.fifo') === true,

  shapeResult(outcomes): SQSBatchResponse {
    const batchItemFailures = outcomes
      .filter((outcome) => outcome.status !== 'succeeded')
      .map((outcome) => ({ itemIdentifier: outcome.recordId }));
    return { batchItemFailures };
  },

  // A failure before the records were split (none is known) makes SQS retry the batch.
  shapeError: (error): never => {
    throw error;
  },
});
