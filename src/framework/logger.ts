/** One structured log line about the outcome of an invocation. */
export interface OutcomeLogRecord {
  level: 'info' | 'warn' | 'error';
  message: string;
  requestId: string;
  source: string;
  /**
   * `claimed` when the source's guard took the event, `fallback` when no guard did and
   * the fallback source took it, `forced` when the configuration names the source, and
   * `failed` when detection threw, e.g. because two guards claimed the event.
   */
  detection: 'claimed' | 'fallback' | 'forced' | 'failed';
  status?: number;
  errorName?: string;
  reason?: string;
  /** Only for batch sources: how many records the event had, and how many failed. */
  records?: { total: number; failed: number; skipped: number };
  /** Only for batch sources: the failed records, at most MAX_LOGGED_FAILURES of them. */
  failures?: RecordFailureLog[];
  /** Only for internal errors: the original error, which never reaches the caller. */
  cause?: { name: string; message: string; stack?: string };
}

/** One failed record of a batch in the log. */
export interface RecordFailureLog {
  recordId: string;
  status: number;
  errorName: string;
  reason: string;
  /** Only for internal errors: the original error, which never reaches the caller. */
  cause?: { name: string; message: string; stack?: string };
}

/** Upper bound on the failed records listed in one log line, so a large batch logs a short line. */
export const MAX_LOGGED_FAILURES = 20;

/** Receives each outcome record; inject one to send records elsewhere or read them in tests. */
export type OutcomeLogger = (record: OutcomeLogRecord) => void;

/** Printable ASCII other than `"` and `\`: text that JSON writes as it is, in quotes. */
const VERBATIM_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonString(value: string): string {
  return VERBATIM_JSON_TEXT.test(value) ? `"${value}"` : JSON.stringify(value);
}

/**
 * Formats the record as one line of JSON with the fields JSON.stringify would write.
 * Flat records (all but batch and internal-error ones) are written field by field,
 * because that is about three times faster on every invocation (docs/performance.md).
 */
export function formatLogLine(record: OutcomeLogRecord): string {
  const { records, failures, cause, status, errorName, reason } = record;
  if (records !== undefined || failures !== undefined || cause !== undefined) {
    return JSON.stringify(record);
  }
  // level and detection are one of a few plain words each, so they need no escaping.
  let line =
    `{"level":"${record.level}","message":${jsonString(record.message)},` +
    `"requestId":${jsonString(record.requestId)},"source":${jsonString(record.source)},` +
    `"detection":"${record.detection}"`;
  if (status !== undefined) line += `,"status":${JSON.stringify(status)}`;
  if (errorName !== undefined) line += `,"errorName":${jsonString(errorName)}`;
  if (reason !== undefined) line += `,"reason":${jsonString(reason)}`;
  return `${line}}`;
}

/**
 * Writes each record as one JSON line on standard output, which Lambda forwards to
 * CloudWatch Logs. The records carry no event data, so no header or body is logged.
 */
export const writeJsonLine: OutcomeLogger = (record) => {
  process.stdout.write(`${formatLogLine(record)}\n`);
};
