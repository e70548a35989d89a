import type { PipelineRequest } from '../../middlewares/pipeline-state.js';
import { lambdaContext } from './fixtures.js';

/** Returns a Middy request as the core passes it to middlewares, for calling one directly. */
export function middyRequest(event: unknown, requestId = 'test-request-id'): PipelineRequest {
  return {
    event,
    context: lambdaContext(requestId),
    response: undefined,
    error: undefined,
    internal: {},
  } as unknown as PipelineRequest;
}
