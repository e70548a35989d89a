import { describe, expect, it } from '@jest/globals';
import { pipelineState } from '../../../middlewares/pipeline-state.js';
import { shapeResponse } from '../../../middlewares/shape-response.js';
import { InternalError, MalformedBodyError } from '../../../src/framework/errors.js';
import { apiGatewayRest, directInvocation } from '../../../src/sources/index.js';
import { loadEvent } from '../../support/fixtures.js';
import { middyRequest } from '../../support/middy-request.js';

describe('shapeResponse', () => {
  it('shapes the result for the detected source', async () => {
    const request = middyRequest({ fib: 7 });
    pipelineState(request).source = apiGatewayRest;
    pipelineState(request).originalEvent = loadEvent('api-gateway-rest');
    request.response = { fib: 7, value: '13' };

    await shapeResponse().after?.(request);

    expect(request.response).toMatchObject({ statusCode: 200, body: '{"fib":7,"value":"13"}' });
  });

  it('turns a client error into its HTTP reply', async () => {
    const request = middyRequest(loadEvent('api-gateway-rest'));
    pipelineState(request).source = apiGatewayRest;
    request.error = new MalformedBodyError('The request body is not valid JSON.');

    await shapeResponse().onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 400 });
  });

  it('hides an unexpected error behind InternalError', async () => {
    const request = middyRequest(loadEvent('api-gateway-rest'), 'req-9');
    pipelineState(request).source = apiGatewayRest;
    request.error = new TypeError("Cannot read properties of undefined (reading 'x')");

    await shapeResponse().onError?.(request);

    expect(request.response).toMatchObject({ statusCode: 500 });
    expect(JSON.stringify(request.response)).not.toContain('Cannot read properties');
    expect(request.error).toBeInstanceOf(InternalError);
  });

  it('leaves the error to throw for the direct source', async () => {
    const request = middyRequest({ fib: 'x' });
    pipelineState(request).source = directInvocation;
    const cause = new RangeError('internal detail');
    request.error = cause;

    await shapeResponse().onError?.(request);

    expect(request.response).toBeUndefined();
    expect(request.error).toBeInstanceOf(InternalError);
    expect(request.error?.message).not.toContain('internal detail');
    expect((request.error as InternalError).cause).toBe(cause);
  });
});
