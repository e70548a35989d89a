import { PayloadValidationError } from '../src/framework/errors.js';
import {
  collectIssues,
  formatIssues,
  type PayloadValidator,
} from '../src/framework/payload-validator.js';
import { RecordBatch } from '../src/framework/record-batch.js';
import { convertStringFields, StringFields } from '../src/framework/string-fields.js';
import type { PipelineMiddleware } from './pipeline-state.js';

/**
 * Returns the payload once it passes the schema, with the strings of a StringFields
 * payload converted to the numbers the schema requires.
 *
 * @throws PayloadValidationError with every violation, each located by a JSON pointer.
 */
function validatedPayload(validator: PayloadValidator, accepted: string, input: unknown): unknown {
  const payload = input instanceof StringFields ? convertStringFields(input, validator) : input;
  const report = collectIssues(validator, payload);
  if (report.issues.length === 0) return payload;
  throw new PayloadValidationError(
    `Invalid request payload: ${formatIssues(report)}. Expected ${accepted}.`,
    report.issues,
  );
}

/**
 * Checks the payload against a compiled JSON Schema and rejects it with every
 * violation. In a batch, each record is checked, and an invalid one fails alone.
 *
 * @param accepted describes a valid payload for the error message, e.g.
 *   `{"fib": n} with n an integer from 0 to 10000`.
 */
export function validatePayload(validator: PayloadValidator, accepted: string): PipelineMiddleware {
  return {
    name: 'validatePayload',
    before(request) {
      // Only a batch returns a promise, so single requests pay for no extra await.
      if (request.event instanceof RecordBatch) {
        return request.event.applyEach((payload) => validatedPayload(validator, accepted, payload));
      }
      request.event = validatedPayload(validator, accepted, request.event);
      return undefined;
    },
  };
}
