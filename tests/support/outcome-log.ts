import type { OutcomeLogRecord } from '../../src/framework/logger.js';

/** Returns whether a printed line is one of the handler's outcome log lines. */
export function isOutcomeLogLine(line: string): boolean {
  return line.startsWith('{"') && line.includes('"requestId":') && line.endsWith('}');
}

/**
 * Parses the outcome log lines in a process's output, in the order printed. Only lines
 * that end in a newline count, so a line still being written is never parsed.
 */
export function outcomeRecords(output: string): OutcomeLogRecord[] {
  const lines = output.split('\n');
  lines.pop();
  return lines.filter(isOutcomeLogLine).map((line) => JSON.parse(line) as OutcomeLogRecord);
}
