import type { PayloadValidator } from './payload-validator.js';

/**
 * A payload read from a query string, path parameters or a form body, where every
 * value arrives as text. Only such a payload may have its strings converted to the
 * integers or numbers its schema requires: a JSON `"fib": "7"` stays a type error.
 */
export class StringFields {
  readonly values: Readonly<Record<string, string>>;

  constructor(values: Readonly<Record<string, string>>) {
    this.values = values;
  }
}

const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Returns the number a decimal text denotes for a JSON Schema type, or undefined. */
function parseNumberText(text: string, schemaType: string): number | undefined {
  const types = schemaType.split(',');
  if (types.includes('integer') && INTEGER_TEXT.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  if (types.includes('number') && NUMBER_TEXT.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

/**
 * Copies the fields into a plain object and converts each string that the schema
 * requires as an integer or number. Only a whole decimal numeral is converted:
 * `7`, `-3` or `2.5e3`, but not `0x10`, ` 7` or `7abc`. The validator's own type
 * errors name those fields, so a string-typed field is never converted.
 */
export function convertStringFields(
  fields: StringFields,
  validator: PayloadValidator,
): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...fields.values };
  if (validator(payload)) return payload;
  for (const error of validator.errors ?? []) {
    if (error.keyword !== 'type') continue;
    // Fields are flat, so only a pointer of one segment names one of them.
    const pointer = error.instancePath;
    if (pointer === '' || pointer.indexOf('/', 1) !== -1) continue;
    const name = pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
    const text = payload[name];
    if (typeof text !== 'string') continue;
    const value = parseNumberText(text, String(error.params.type));
    if (value !== undefined) payload[name] = value;
  }
  return payload;
}
