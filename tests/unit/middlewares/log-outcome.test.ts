import { describe, expect, it } from '@jest/globals';
import { logOutcome } from '../../../middlewares/log-outcome.js';
import { pipelineState } from '../../../middlewares/pipeline-state.js';
import { InternalError, PayloadValidationError } from '../../../src/framework/errors.js';
import { apiGatewayRest, directInvocation } from '../../../src/sources/index.js';
import { middyRequest } from '../../support/middy-request.js';
import { recordingLogger } from '../../support/recording-logger.js';

describe('logOutcome', () => {
  it('logs a success with request id and source', async () => {
    const { log, records } = recordingLogger();
    const request = middyRequest({}, 'req-1');
    pipelineState(request).source = apiGatewayRest;
    pipelineState(request).detection = 'claimed';

    await logOutcome(log).after?.(request);

    expect(records).toEqual([
      {
        level: 'info',
        message: 'invocation succeeded',
        requestId: 'req-1',
        source: 'api-gateway-rest',
        detection: 'claimed',
      },
    ]);
  });

  it('logs a client error as a warning with its reason', async () => {
    const { log, records } = recordingLogger();
    const request = middyRequest({}, 'req-2');
    pipelineState(request).source = directInvocation;
    pipelineState(request).detection = 'fallback';
    request.error = new PayloadValidationError('Invalid request payload: /fib is required.', []);

    await logOutcome(log).onError?.(request);

    expect(records).toEqual([
      {
        level: 'warn',
        message: 'invocation rejected',
        requestId: 'req-2',
        source: 'direct',
        detection: 'fallback',
        status: 422,
        errorName: 'PayloadValidationError',
        reason: 'Invalid request payload: /fib is required.',
      },
    ]);
  });

  it('logs the hidden cause of an internal error', async () => {
    const { log, records } = recordingLogger();
    const request = middyRequest({}, 'req-3');
    const cause = new Error('database password rejected');
    pipelineState(request).publicError = new InternalError('req-3', cause);
    request.error = pipelineState(request).publicError ?? null;

    await logOutcome(log).onError?.(request);

    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: 'error',
      status: 500,
      errorName: 'InternalError',
      reason: 'database password rejected',
      source: 'undetected',
    });
  });
});
