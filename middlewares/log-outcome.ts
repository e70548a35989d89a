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

/** Returns the fields that identify an invocation in every log line. */
function identify(
  request: PipelineRequest,
): Pick<OutcomeLogRecord, 'requestId' | 'source' | 'detection'> {
  const { source, detection } = pipelineState(request);
  return {
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
      if (batch !== undefined) {
        log({ ...identify(request), ...describeBatch(batch) });
        return;
      }
      log({
        level: 'info',
        message: 'invocation succeeded',
        ...identify(request),
      });
    },
    onError(request) {
      const error = pipelineState(request).publicError ?? request.error;
      const record = identify(request);
      if (error instanceof ClientError) {
        log({
          ...record,
          level: 'warn',
          message: 'invocation rejected',
          status: error.status,
          errorName: error.name,
          reason: error.message,
        });
        return;
      }
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      log({
        ...record,
        level: 'error',
        message: 'invocation failed',
        status: 500,
        errorName: error instanceof Error ? error.name : 'Error',
        reason: describeCause(cause).message,
        cause: describeCause(cause),
      });
    },
  };
}
