import type { AnySourceAdapter } from '../framework/source-adapter.js';
import { apiGatewayRest } from './api-gateway-rest.js';
import { directInvocation } from './direct-invocation.js';

export { apiGatewayRest, directInvocation };

/** Sources a handler detects when none are configured, tried against each event. */
export const BUILT_IN_SOURCES: readonly AnySourceAdapter[] = Object.freeze([apiGatewayRest]);

/** Source that takes every event no other source claims. */
export const DEFAULT_FALLBACK_SOURCE: AnySourceAdapter = directInvocation;
