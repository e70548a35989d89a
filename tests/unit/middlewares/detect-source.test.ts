import { describe, expect, it } from '@jest/globals';
import { AmbiguousSourceError, detectSource } from '../../../middlewares/detect-source.js';
import { pipelineState } from '../../../middlewares/pipeline-state.js';
import { defineSourceAdapter } from '../../../src/framework/source-adapter.js';
import { apiGatewayRest, directInvocation } from '../../../src/sources/index.js';
import { loadEvent } from '../../support/fixtures.js';
import { middyRequest } from '../../support/middy-request.js';

function adapterClaiming(name: string, claims: (event: unknown) => boolean) {
  return defineSourceAdapter({
    name,
    claims: (event: unknown): event is unknown => claims(event),
    extractPayload: (event) => event,
    shapeResult: (result) => result,
    shapeError: (error) => error.message,
  });
}

describe('detectSource', () => {
  it('records the claiming source', async () => {
    const request = middyRequest(loadEvent('api-gateway-rest'));

    await detectSource([apiGatewayRest], directInvocation, undefined).before?.(request);

    expect(pipelineState(request).source).toBe(apiGatewayRest);
    expect(pipelineState(request).detection).toBe('claimed');
  });

  it('falls back when no source claims', async () => {
    const request = middyRequest({ fib: 5 });

    await detectSource([apiGatewayRest], directInvocation, undefined).before?.(request);

    expect(pipelineState(request).source).toBe(directInvocation);
    expect(pipelineState(request).detection).toBe('fallback');
  });

  it('rejects an event two sources claim', async () => {
    const first = adapterClaiming('first', () => true);
    const second = adapterClaiming('second', () => true);
    const middleware = detectSource([first, second], directInvocation, undefined);

    await expect(async () => middleware.before?.(middyRequest({}))).rejects.toThrow(
      AmbiguousSourceError,
    );
    await expect(async () => middleware.before?.(middyRequest({}))).rejects.toThrow(
      'Sources "first" and "second" both claim this event.',
    );
  });
});
