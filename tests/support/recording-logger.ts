import type { OutcomeLogger, OutcomeLogRecord } from '../../src/framework/logger.js';

/** Returns a logger that keeps its records in memory, for tests that check what is logged. */
export function recordingLogger(): { log: OutcomeLogger; records: OutcomeLogRecord[] } {
  const records: OutcomeLogRecord[] = [];
  return { log: (record) => records.push(record), records };
}
