import { describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  InternalError,
  MalformedBodyError,
  PayloadValidationError,
  UnsupportedMediaTypeError,
} from '../../../src/framework/errors.js';
import { apiGatewayRest } from '../../../src/sources/api-gateway-rest.js';
import { lambdaContext, loadEvent } from '../../support/fixtures.js';

/** Returns the REST fixture with some fields replaced, valid or not. */
function restEvent(overrides: Record<string, unknown> = {}): APIGatewayProxyEvent {
  return {
    ...loadEvent<object>('api-gateway-rest'),
    ...overrides,
  } as unknown as APIGatewayProxyEvent;
}

describe('apiGatewayRest.claims', () => {
  it('claims the REST proxy fixture', () => {
    expect(apiGatewayRest.claims(restEvent())).toBe(true);
  });

  it('claims an event with null header maps', () => {
    expect(apiGatewayRest.claims(restEvent({ headers: null, multiValueHeaders: null }))).toBe(true);
  });

  it.each([
    ['a bare payload with a body key', { fib: 7, body: '{"fib": 7}' }],
    ['a payload with httpMethod only', { httpMethod: 'POST', fib: 7 }],
    ['null', null],
    ['an array', [restEvent()]],
    ['a string', 'POST /test'],
  ])('rejects %s', (_name, event) => {
    expect(apiGatewayRest.claims(event)).toBe(false);
  });

  it.each([
    ['httpMethod', { httpMethod: undefined }],
    ['resource', { resource: null }],
    ['path', { path: 7 }],
    ['requestContext', { requestContext: null }],
    ['requestContext.requestId', { requestContext: { stage: 'dev' } }],
    ['headers as a string', { headers: 'content-type: application/json' }],
    ['body as an object', { body: { fib: 7 } }],
    ['payload version 2.0', { version: '2.0' }],
  ])('rejects an event with bad %s', (_field, overrides) => {
    expect(apiGatewayRest.claims(restEvent(overrides))).toBe(false);
  });
});

describe('apiGatewayRest.extractPayload', () => {
  it('parses the JSON body', () => {
    expect(apiGatewayRest.extractPayload(restEvent())).toEqual({ fib: 7 });
  });

  it('decodes a base64 body', () => {
    const event = restEvent({
      body: Buffer.from('{"fib": 90}').toString('base64'),
      isBase64Encoded: true,
    });

    expect(apiGatewayRest.extractPayload(event)).toEqual({ fib: 90 });
  });

  it.each([
    'application/json',
    'Application/JSON; charset=utf-8',
    'application/vnd.api+json',
    ' application/json ;charset=UTF-8',
  ])('accepts Content-Type %p', (contentType) => {
    const event = restEvent({ headers: { 'CONTENT-TYPE': contentType }, multiValueHeaders: null });

    expect(apiGatewayRest.extractPayload(event)).toEqual({ fib: 7 });
  });

  it('reads a body without Content-Type as JSON', () => {
    const event = restEvent({ headers: {}, multiValueHeaders: {} });

    expect(apiGatewayRest.extractPayload(event)).toEqual({ fib: 7 });
  });

  it.each([
    'text/plain',
    'application/xml',
    'application/jsonp',
    'multipart/form-data; boundary=x',
  ])('rejects Content-Type %p with 415', (contentType) => {
    const event = restEvent({ headers: { 'content-type': contentType }, multiValueHeaders: null });

    expect(() => apiGatewayRest.extractPayload(event)).toThrow(UnsupportedMediaTypeError);
  });

  it('rejects conflicting Content-Type headers', () => {
    const event = restEvent({
      headers: { 'content-type': 'application/json' },
      multiValueHeaders: { 'Content-Type': ['application/json', 'text/plain'] },
    });

    expect(() => apiGatewayRest.extractPayload(event)).toThrow(MalformedBodyError);
  });

  it.each([
    ['malformed JSON', '{"fib": 7', false],
    ['an empty body', '', false],
    ['a blank body', ' \n\t', false],
    ['a null body', null, false],
    ['invalid base64', '{"fib": 7}', true],
    ['base64 of invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), true],
  ])('rejects %s with 400', (_name, body, isBase64Encoded) => {
    const event = restEvent({ body, isBase64Encoded });

    expect(() => apiGatewayRest.extractPayload(event)).toThrow(MalformedBodyError);
  });

  it('skips a leading byte-order mark', () => {
    expect(apiGatewayRest.extractPayload(restEvent({ body: '\uFEFF{"fib": 3}' }))).toEqual({
      fib: 3,
    });
  });

  it('returns a non-object JSON body for the validator to reject', () => {
    expect(apiGatewayRest.extractPayload(restEvent({ body: '[1, 2]' }))).toEqual([1, 2]);
  });
});

describe('apiGatewayRest replies', () => {
  it('shapes a result as a 200 JSON proxy reply', () => {
    const reply = apiGatewayRest.shapeResult({ fib: 7, value: '13' }, restEvent(), lambdaContext());

    expect(reply).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"fib":7,"value":"13"}',
      isBase64Encoded: false,
    });
  });

  it('shapes a validation error as 422 problem details', () => {
    const error = new PayloadValidationError('Invalid request payload: /fib must be <= 10000.', [
      { pointer: '/fib', detail: 'must be <= 10000' },
    ]);

    const reply = apiGatewayRest.shapeError(error, restEvent(), lambdaContext('req-1'));

    expect(reply.statusCode).toBe(422);
    expect(reply.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(reply.isBase64Encoded).toBe(false);
    expect(JSON.parse(reply.body)).toEqual({
      type: 'urn:uniform-lambda:problem:payload-validation',
      title: 'Invalid request payload',
      status: 422,
      detail: 'Invalid request payload: /fib must be <= 10000.',
      errors: [{ pointer: '/fib', detail: 'must be <= 10000' }],
      requestId: 'req-1',
    });
  });

  it('shapes an internal error without its cause', () => {
    const error = new InternalError(
      'req-2',
      new Error('connect ECONNREFUSED /var/run/secret.sock'),
    );

    const reply = apiGatewayRest.shapeError(error, restEvent(), lambdaContext('req-2'));

    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain('ECONNREFUSED');
    expect(reply.body).not.toContain('secret.sock');
    expect(JSON.parse(reply.body)).toMatchObject({ status: 500, requestId: 'req-2' });
  });
});
