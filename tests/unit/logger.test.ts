import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { formatLogLine, type OutcomeLogRecord, writeJsonLine } from '../../src/framework/logger.js';

/** Printable ASCII, which takes the short path, and any UTF-16, which does not. */
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));

const flatRecord: fc.Arbitrary<OutcomeLogRecord> = fc.record(
  {
    level: fc.constantFrom('info', 'warn', 'error'),
    message: text,
    requestId: text,
    source: text,
    detection: fc.constantFrom('claimed', 'fallback', 'forced', 'failed'),
    status: fc.integer({ min: 100, max: 599 }),
    errorName: text,
    reason: text,
  },
  { requiredKeys: ['level', 'message', 'requestId', 'source', 'detection'] },
) as fc.Arbitrary<OutcomeLogRecord>;

describe('formatLogLine', () => {
  it('matches JSON.stringify for flat records', () => {
    fc.assert(
      fc.property(flatRecord, (record) => {
        const line = formatLogLine(record);
        expect(line).not.toMatch(/[\n\r]/);
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(record)));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes special characters', () => {
    const record: OutcomeLogRecord = {
      level: 'warn',
      message: 'invocation rejected',
      requestId: 'id "quoted"',
      errorName: 'back\\slash',
      source: 'line\nbreak\u2028',
      detection: 'claimed',
      reason: 'tab\there \ud800 é',
    };

    const line = formatLogLine(record);

    expect(line).toContain('\\"quoted\\"');
    expect(line).toContain('back\\\\slash');
    expect(line).toContain('\\n');
    expect(line).toContain('\\ud800');
    expect(JSON.parse(line)).toEqual(record);
  });

  it('keeps nested fields', () => {
    const batch: OutcomeLogRecord = {
      level: 'warn',
      message: 'batch partially failed',
      requestId: 'req-1',
      source: 'sqs',
      detection: 'claimed',
      records: { total: 2, failed: 1, skipped: 0 },
      failures: [{ recordId: 'm-1', status: 422, errorName: 'X', reason: 'bad' }],
    };
    const internal: OutcomeLogRecord = {
      level: 'error',
      message: 'invocation failed',
      requestId: 'req-2',
      source: 'sqs',
      detection: 'claimed',
      status: 500,
      cause: { name: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at x' },
    };

    expect(JSON.parse(formatLogLine(batch))).toEqual(batch);
    expect(JSON.parse(formatLogLine(internal))).toEqual(internal);
  });
});

describe('writeJsonLine', () => {
  it('writes one line per record', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const record: OutcomeLogRecord = {
      level: 'info',
      message: 'invocation succeeded',
      requestId: 'req-3',
      source: 'sqs',
      detection: 'forced',
    };
    try {
      writeJsonLine(record);
      expect(write).toHaveBeenCalledWith(`${formatLogLine(record)}\n`);
    } finally {
      write.mockRestore();
    }
  });
});
