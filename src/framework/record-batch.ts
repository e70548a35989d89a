import { toPublicError } from './errors.js';
import type { BatchSourceAdapter, RecordOutcome } from './source-adapter.js';

interface BatchEntry {
  readonly recordId: string;
  /** The record, then its payload, then the business result, as the steps run. */
  value: unknown;
  /** Set once the record failed or was skipped; later steps then pass it by. */
  outcome?: RecordOutcome;
}

/**
 * The records of one batch event on their way through the pipeline. Each step
 * (unwrapping, validation, the business handler) runs on every record that has not
 * failed yet, and a record whose step throws fails alone.
 */
export class RecordBatch {
  readonly #entries: BatchEntry[];
  readonly #keepsOrder: boolean;
  readonly #requestId: string;

  private constructor(entries: BatchEntry[], keepsOrder: boolean, requestId: string) {
    this.#entries = entries;
    this.#keepsOrder = keepsOrder;
    this.#requestId = requestId;
  }

  /** Splits a batch event into its records and unwraps the payload of each. */
  static async unwrap<TEvent, TRecord>(
    source: BatchSourceAdapter<TEvent, TRecord, unknown>,
    event: TEvent,
    requestId: string,
  ): Promise<RecordBatch> {
    const entries = source
      .recordsOf(event)
      .map((record): BatchEntry => ({ recordId: source.recordIdOf(record), value: record }));
    const batch = new RecordBatch(entries, source.keepsOrder(event), requestId);
    await batch.applyEach((record) => source.extractPayload(record as TRecord));
    return batch;
  }

  /**
   * Replaces the value of each pending record with `step(value)`, in record order.
   * A record whose step throws gets the error as its outcome. In a batch that keeps
   * order, every record after a failed one is skipped.
   */
  async applyEach(step: (value: unknown) => unknown): Promise<void> {
    let earlierFailed = false;
    for (const entry of this.#entries) {
      if (entry.outcome !== undefined) {
        earlierFailed = true;
        continue;
      }
      if (this.#keepsOrder && earlierFailed) {
        entry.outcome = { recordId: entry.recordId, status: 'skipped' };
        continue;
      }
      try {
        entry.value = await step(entry.value);
      } catch (error) {
        const publicError = toPublicError(error, this.#requestId);
        entry.outcome = { recordId: entry.recordId, status: 'failed', error: publicError };
        earlierFailed = true;
      }
    }
  }

  /** Returns every record's outcome; a record that passed every step has succeeded. */
  outcomes(): RecordOutcome[] {
    return this.#entries.map(
      (entry) =>
        entry.outcome ?? { recordId: entry.recordId, status: 'succeeded', result: entry.value },
    );
  }
}
