import type { AnySourceAdapter } from '../framework/source-adapter.js';
import { apiGatewayHttp } from './api-gateway-http.js';
import { apiGatewayRest } from './api-gateway-rest.js';
import { applicationLoadBalancer } from './application-load-balancer.js';
import { directInvocation } from './direct-invocation.js';
import { eventBridge } from './eventbridge.js';
import { lambdaFunctionUrl } from './lambda-function-url.js';
import { sns } from './sns.js';
import { sqs } from './sqs.js';

export {
  apiGatewayHttp,
  apiGatewayRest,
  applicationLoadBalancer,
  directInvocation,
  eventBridge,
  lambdaFunctionUrl,
  sns,
  sqs,
};

/**
 * Sources a handler detects when none are configured, tried against each event.
 * Their guards are exclusive, so the order does not change which one claims an event.
 */
export const BUILT_IN_SOURCES: readonly AnySourceAdapter[] = Object.freeze([
  apiGatewayRest,
  apiGatewayHttp,
  lambdaFunctionUrl,
  applicationLoadBalancer,
  sqs,
  sns,
  eventBridge,
]);

/** Source that takes every event no other source claims. */
export const DEFAULT_FALLBACK_SOURCE: AnySourceAdapter = directInvocation;
