import { RecordBatch } from '../src/framework/record-batch.js';
import { requestIdOf } from '../src/framework/source-adapter.js';
import { type PipelineMiddleware, pipelineState } from './pipeline-state.js';

/**
 * Replaces the event with the business payload that the detected source finds in
 * it, keeping the original event for the response shaper. For a batch source the
 * event becomes a RecordBatch with one payload per record.
 */
export function unwrapPayload(): PipelineMiddleware {
  return {
    name: 'unwrapPayload',
    before(request) {
      const state = pipelineState(request);
      state.originalEvent = request.event;
      const { source } = state;
      if (source === undefined) return undefined;
      if (source.kind === 'single') {
        request.event = source.extractPayload(request.event);
        return undefined;
      }
      // Only a batch returns a promise, so single requests pay for no extra await.
      return RecordBatch.unwrap(source, request.event, requestIdOf(request.context)).then(
        (batch) => {
          state.batch = batch;
          request.event = batch;
        },
      );
    },
  };
}
