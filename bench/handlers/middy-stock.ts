// Entry of the stock Middy bundle whose cold start is measured: the REST handler only.
import { restPipeline } from './middy-pipelines.js';

export const handler = restPipeline();
