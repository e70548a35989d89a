import { PayloadValidationError } from '../src/framework/errors.js';
import {
  collectIssues,
  formatIssues,
  type PayloadValidator,
} from '../src/framework/payload-validator.js';
import type { PipelineMiddleware } from './pipeline-state.js';

/**
 * Checks the payload against a compiled JSON Schema and rejects it with every
 * violation, each located by a JSON pointer into the payload.
 *
 * @param accepted describes a valid payload for the error message, e.g.
 *   `{"fib": n} with n an integer from 0 to 10000`.
 */
export function validatePayload(validator: PayloadValidator, accepted: string): PipelineMiddleware {
  return {
    name: 'validatePayload',
    before(request) {
      const issues = collectIssues(validator, request.event);
      if (issues.length === 0) return;
      throw new PayloadValidationError(
        `Invalid request payload: ${formatIssues(issues)}. Expected ${accepted}.`,
        issues,
      );
    },
  };
}
