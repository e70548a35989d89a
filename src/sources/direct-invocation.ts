import { defineSourceAdapter } from '../framework/source-adapter.js';

/**
 * Direct invocation: the Lambda Invoke API as used by the AWS SDK, Step Functions,
 * Aurora MySQL `lambda_sync`/`lambda_async` and `serverless invoke local`. The event
 * is the payload and the reply is the bare result. Errors are thrown, so Lambda
 * reports a function error (`errorType` is the error's name, `errorMessage` its
 * message) and a calling SQL statement fails instead of storing a wrong value.
 *
 * It claims every event, so it serves as the fallback when no other source does.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export const directInvocation = defineSourceAdapter({
  name: 'direct',
  claims: (_event: unknown): _event is unknown => true,
  extractPayload: (event: unknown) => event,
  shapeResult: (result: unknown) => result,
  shapeError: (error): never => {
    throw error;
  },
});
