// Entry of the stock Middy bundle whose warm cost is measured.
import { directPipeline, restPipeline } from './middy-pipelines.js';

export const handler = restPipeline();
export const directHandler = directPipeline();
/** Middy's early-timeout race costs time on every invocation, so it is measured apart. */
export const handlerWithoutEarlyTimeout = restPipeline({ timeoutEarlyInMillis: 0 });
