import { ClientError, InternalError, type PublicError } from '../src/framework/errors.js';
import {
  MAX_LOGGED_FAILURES,
  type OutcomeLogger,
  type OutcomeLogRecord,
  type RecordFailureLog,
} from '../src/framework/logger.js';
import type { RecordBatch } from '../src/framework/record-batch.js';
import { requestIdOf } from '../src/framework/source-adapter.js';
import { type PipelineMiddleware, type PipelineRequest, pipelineState } from './pipeline-state.js';

function describeCause(cause: unknown): { name: string; message: string; stack?: string } {
  if (cause instanceof Error) {
    return cause.stack === undefined
      ? { name: cause.name, message: cause.message }
      : { name: cause.name, message: cause.message, stack: cause.stack };
  }
  return { name: typeof cause, message: String(cause) };
}

/**
 * Returns a log record with the fields every line has: the level and message, and the
 * request id and source that identify the invocation. It is built as one literal,
 * without spreading, because the success line is written on every invocation.
 */
function baseRecord(
  request: PipelineRequest,
  level: OutcomeLogRecord['level'],
  message: string,
): OutcomeLogRecord {
  const { source, detection } = pipelineState(request);
  return {
    level,
    message,
    requestId: requestIdOf(request.context),
    source: source?.name ?? 'undetected',
    // Detection runs first, so a missing value means it threw.
    detection: detection ?? 'failed',
  };
}

/** Describes a record's error; for an internal error the reason is its hidden cause. */
function describeRecordFailure(recordId: string, error: PublicError): RecordFailureLog {
  const failure = { recordId, status: error.status, errorName: error.name };
  if (error instanceof InternalError) {
    const cause = describeCause(error.cause);
    return { ...failure, reason: cause.message, cause };
  }
  return { ...failure, reason: error.message };
}

/** Returns the log record of a batch: counts, and the failed records with their reasons. */
function describeBatch(
  batch: RecordBatch,
): Pick<OutcomeLogRecord, 'level' | 'message' | 'records' | 'failures'> {
  const outcomes = batch.outcomes();
  const failures: RecordFailureLog[] = [];
  let failed = 0;
  let skipped = 0;
  let internal = false;
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') skipped++;
    if (outcome.status !== 'failed') continue;
    failed++;
    internal ||= outcome.error instanceof InternalError;
    if (failures.length < MAX_LOGGED_FAILURES) {
      failures.push(describeRecordFailure(outcome.recordId, outcome.error));
    }
  }
  const records = { total: outcomes.length, failed, skipped };
  if (failed === 0 && skipped === 0) {
    return { level: 'info', message: 'invocation succeeded', records };
  }
  const level = internal ? 'error' : 'warn';
  const message = failed + skipped === outcomes.length ? 'batch failed' : 'batch partially failed';
  return { level, message, records, failures };
}

/**
 * Logs one structured line per invocation: its request id, the detected source and,
 * for a failure, the reason. For a batch the line counts the records and lists the
 * failed ones. Event data (headers, body) is never logged, so
 * Authorization headers and other secrets stay out of the logs.
 */
export function logOutcome(log: OutcomeLogger): PipelineMiddleware {
  return {
    name: 'logOutcome',
    after(request) {
      const { batch } = pipelineState(request);
      if (batch === undefined) {
        log(baseRecord(request, 'info', 'invocation succeeded'));
        return;
      }
      const summary = describeBatch(batch);
      log({ ...baseRecord(request, summary.level, summary.message), ...summary });
    },
    onError(request) {
      const error = pipelineState(request).publicError ?? request.error;
      if (error instanceof ClientError) {
        log({
          ...baseRecord(request, 'warn', 'invocation rejected'),
          status: error.status,
          errorName: error.name,
          reason: error.message,
        });
        return;
      }
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      log({
        ...baseRecord(request, 'error', 'invocation failed'),
        status: 500,
        errorName: error instanceof Error ? error.name : 'Error',
        reason: describeCause(cause).message,
        cause: describeCause(cause),
      });
    },
  };
}
