export {
  createHandler,
  FORCE_SOURCE_VARIABLE,
  type HandlerOptions,
  type LambdaHandler,
} from './framework/create-handler.js';
export * from './framework/errors.js';
export * from './framework/http-payload.js';
export * from './framework/http-reply.js';
export * from './framework/http-request.js';
export type { OutcomeLogger, OutcomeLogRecord, RecordFailureLog } from './framework/logger.js';
export type { PayloadValidator } from './framework/payload-validator.js';
export {
  PROBLEM_JSON,
  type ProblemDetails,
  toProblemDetails,
} from './framework/problem-details.js';
export * from './framework/source-adapter.js';
export { StringFields } from './framework/string-fields.js';
export * from './sources/index.js';
