// Generated from schemas/fibonacci-request.json by scripts/generate-validators.mjs. Do not edit.
import type { PayloadValidator } from '../framework/payload-validator.js';
declare const validate: PayloadValidator;
export default validate;
