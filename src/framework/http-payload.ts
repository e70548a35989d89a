import { InvalidRequestError, MalformedBodyError } from './errors.js';
import { bodyFormatOf, decodeBody, isRecord, parseJsonBody } from './http-request.js';
import { StringFields } from './string-fields.js';

/** A name and value from a query string or path, already decoded. */
export type NamedValue = readonly [name: string, value: string];

/** The parts of an HTTP request that may carry the payload, taken from any HTTP source. */
export interface HttpPayloadParts {
  readonly contentTypes: readonly string[];
  readonly body: string | null | undefined;
  readonly isBase64Encoded: boolean;
  readonly pathParameters: readonly NamedValue[];
  readonly queryParameters: readonly NamedValue[];
  /**
   * `percent-encoded` when the source passes the query on as the client wrote it, as
   * an ALB does. Such parameters are decoded only when they are read, so a malformed
   * query string does not fail a request whose body is the payload.
   */
  readonly queryEncoding: 'decoded' | 'percent-encoded';
}

/**
 * Collects named values into one StringFields, rejecting a name given twice, because
 * picking one of two values would hide a mistake from the caller.
 */
function collectFields(
  sources: readonly (readonly [place: string, entries: Iterable<NamedValue>])[],
): StringFields | undefined {
  const values = new Map<string, string>();
  const places = new Map<string, string>();
  for (const [place, entries] of sources) {
    for (const [name, value] of entries) {
      const earlier = places.get(name);
      if (earlier !== undefined) {
        const where =
          earlier === place
            ? `more than once as a ${place}`
            : `both as a ${earlier} and as a ${place}`;
        throw new InvalidRequestError(`"${name}" is given ${where}. Give each field once.`);
      }
      values.set(name, value);
      places.set(name, place);
    }
  }
  // fromEntries defines own properties, so a field named __proto__ stays a field.
  return values.size === 0 ? undefined : new StringFields(Object.fromEntries(values));
}

/** Decodes one query string component as a form does, where `+` is a space. */
function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch (error) {
    throw new InvalidRequestError(
      `The query string contains an invalid percent-encoding in "${text}". ` +
        'Encode it as UTF-8 bytes, each written as % and two hex digits.',
      error,
    );
  }
}

/** Returns the query parameters with their names and values decoded. */
function decodedQueryParameters(parts: HttpPayloadParts): readonly NamedValue[] {
  if (parts.queryEncoding === 'decoded') return parts.queryParameters;
  return parts.queryParameters.map(([name, value]) => [
    decodeFormComponent(name),
    decodeFormComponent(value),
  ]);
}

const JSON_START = /^\s*[[{]/;

/** Decodes an `application/x-www-form-urlencoded` body, where `+` is a space. */
function parseFormBody(text: string): StringFields {
  // `curl -d` labels every body as a form, so JSON sent that way is common.
  if (JSON_START.test(text)) {
    throw new MalformedBodyError(
      'The body looks like JSON but its Content-Type is application/x-www-form-urlencoded ' +
        '(the default of curl -d). Send it with Content-Type: application/json.',
    );
  }
  const fields = collectFields([['form field', new URLSearchParams(text)]]);
  if (fields === undefined) {
    throw new MalformedBodyError('The form body has no fields. Send e.g. fib=7.');
  }
  return fields;
}

/**
 * Returns the payload of an HTTP request. A non-empty body is the payload (JSON, or
 * a form by its Content-Type) and the query string is then ignored. Without a body,
 * the path parameters and query parameters together are the payload, as text fields.
 *
 * @throws MalformedBodyError when there is no payload anywhere or the body is malformed.
 * @throws UnsupportedMediaTypeError for a body of another media type.
 * @throws InvalidRequestError for a field given twice.
 */
export function readHttpPayload(parts: HttpPayloadParts): unknown {
  const { body } = parts;
  if (body !== undefined && body !== null && body !== '') {
    const format = bodyFormatOf(parts.contentTypes);
    const text = decodeBody(body, parts.isBase64Encoded);
    return format === 'form' ? parseFormBody(text) : parseJsonBody(text);
  }
  const fields = collectFields([
    ['path parameter', parts.pathParameters],
    ['query parameter', decodedQueryParameters(parts)],
  ]);
  if (fields === undefined) {
    throw new MalformedBodyError(
      'The request has no body, query string or path parameters. ' +
        'Send a JSON object as the body, or the fields as query parameters.',
    );
  }
  return fields;
}

/**
 * Lists the entries of a parameter map from API Gateway, preferring the multi-value
 * map, which keeps every value of a repeated name. Values are used as given, so the
 * caller decodes them first where the source does not. A value that is not a string,
 * or a map or list of the wrong type, is skipped: AWS never sends one, and a hand-made
 * event must not turn it into a server error.
 */
export function namedValuesOf(
  single: Readonly<Record<string, string | undefined>> | null | undefined,
  multiple?: Readonly<Record<string, readonly string[] | undefined>> | null,
): NamedValue[] {
  const entries: NamedValue[] = [];
  if (isRecord(multiple)) {
    for (const [name, values] of Object.entries(multiple)) {
      if (!Array.isArray(values)) continue;
      for (const value of values) {
        if (typeof value === 'string') entries.push([name, value]);
      }
    }
    return entries;
  }
  if (!isRecord(single)) return entries;
  for (const [name, value] of Object.entries(single)) {
    if (typeof value === 'string') entries.push([name, value]);
  }
  return entries;
}
