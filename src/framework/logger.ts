/** One structured log line about the outcome of an invocation. */
export interface OutcomeLogRecord {
  level: 'info' | 'warn' | 'error';
  message: string;
  requestId: string;
  source: string;
  /** `fallback` when no source claimed the event and the fallback source took it. */
  detection: 'claimed' | 'fallback';
  status?: number;
  errorName?: string;
  reason?: string;
  /** Only for internal errors: the original error, which never reaches the caller. */
  cause?: { name: string; message: string; stack?: string };
}

/** Receives each outcome record; inject one to send records elsewhere or read them in tests. */
export type OutcomeLogger = (record: OutcomeLogRecord) => void;

/**
 * Writes each record as one JSON line on standard output, which Lambda forwards to
 * CloudWatch Logs. The records carry no event data, so no header or body is logged.
 */
export const writeJsonLine: OutcomeLogger = (record) => {
  process.stdout.write(`${JSON.stringify(record)}\n`);
};
