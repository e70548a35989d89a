import { ClientError } from '../src/framework/errors.js';
import type { OutcomeLogger, OutcomeLogRecord } from '../src/framework/logger.js';
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
  const { source, usedFallback } = pipelineState(request);
  return {
    requestId: requestIdOf(request.context),
    source: source?.name ?? 'undetected',
    detection: usedFallback ? 'fallback' : 'claimed',
  };
}

/**
 * Logs one structured line per invocation: its request id, the detected source and,
 * for a failure, the reason. Event data (headers, body) is never logged, so
 * Authorization headers and other secrets stay out of the logs.
 */
export function logOutcome(log: OutcomeLogger): PipelineMiddleware {
  return {
    name: 'logOutcome',
    after(request) {
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
