import { describe, expect, it } from '@jest/globals';
import { pipelineState } from '../../../middlewares/pipeline-state.js';
import { unwrapPayload } from '../../../middlewares/unwrap-payload.js';
import { MalformedBodyError } from '../../../src/framework/errors.js';
import { apiGatewayRest } from '../../../src/sources/index.js';
import { loadEvent } from '../../support/fixtures.js';
import { middyRequest } from '../../support/middy-request.js';

describe('unwrapPayload', () => {
  it('replaces the event with the payload', async () => {
    const event = loadEvent('api-gateway-rest');
    const request = middyRequest(event);
    pipelineState(request).source = apiGatewayRest;

    await unwrapPayload().before?.(request);

    expect(request.event).toEqual({ fib: 7 });
    expect(pipelineState(request).originalEvent).toBe(event);
  });

  it('lets the adapter error through', async () => {
    const request = middyRequest({ ...loadEvent<object>('api-gateway-rest'), body: 'not json' });
    pipelineState(request).source = apiGatewayRest;

    await expect(async () => unwrapPayload().before?.(request)).rejects.toThrow(MalformedBodyError);
  });
});
