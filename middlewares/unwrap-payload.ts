import { type PipelineMiddleware, pipelineState } from './pipeline-state.js';

/**
 * Replaces the event with the business payload that the detected source finds in
 * it, keeping the original event for the response shaper.
 */
export function unwrapPayload(): PipelineMiddleware {
  return {
    name: 'unwrapPayload',
    before(request) {
      const state = pipelineState(request);
      state.originalEvent = request.event;
      if (state.source) request.event = state.source.extractPayload(request.event);
    },
  };
}
