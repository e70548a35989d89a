import { toPublicError } from '../src/framework/errors.js';
import { requestIdOf } from '../src/framework/source-adapter.js';
import { type PipelineMiddleware, pipelineState } from './pipeline-state.js';

/**
 * Turns the business result, or any error, into the reply the detected source
 * expects, and a batch source gets the outcome of every record instead of one
 * result. Errors that are not client errors become an InternalError first, so no
 * internal detail reaches the caller. A source that throws from `shapeError` (the
 * direct source does) leaves the error in place for Lambda to report.
 *
 * `@middy/http-error-handler` (6.x) does not fit: it replies with the bare message as
 * text instead of problem details, and it has no notion of non-HTTP sources.
 */
export function shapeResponse(): PipelineMiddleware {
  return {
    name: 'shapeResponse',
    after(request) {
      const { source, originalEvent, batch } = pipelineState(request);
      if (source?.kind === 'single') {
        request.response = source.shapeResult(request.response, originalEvent, request.context);
      } else if (source?.kind === 'batch' && batch !== undefined) {
        request.response = source.shapeResult(batch.outcomes(), originalEvent, request.context);
      }
    },
    onError(request) {
      const state = pipelineState(request);
      const publicError = toPublicError(request.error, requestIdOf(request.context));
      state.publicError = publicError;
      request.error = publicError;
      if (!state.source) return;
      try {
        request.response = state.source.shapeError(
          publicError,
          state.originalEvent ?? request.event,
          request.context,
        );
      } catch (thrown) {
        request.error = toPublicError(thrown, requestIdOf(request.context));
      }
    },
  };
}
