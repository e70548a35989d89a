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

/**
 * Polls `condition` every `intervalMs` until it returns true or `timeoutMs` has passed.
 * Resolves either way, so the caller's own assertions report what is missing.
 */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
