import { MalformedBodyError, UnsupportedMediaTypeError } from './errors.js';
import { assertBodySize, assertUniqueKeys } from './json-guards.js';

/** Header maps as AWS delivers them; any map may be null or missing. */
export type HeaderMap = Readonly<Record<string, string | undefined>> | null | undefined;
export type MultiValueHeaderMap =
  | Readonly<Record<string, readonly string[] | undefined>>
  | null
  | undefined;

/** Returns whether the value is a plain JSON-style object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns whether the value is absent (undefined or null) or a plain object. */
export function isOptionalRecord(value: unknown): boolean {
  return value === undefined || value === null || isRecord(value);
}

/** Returns whether the value is absent (undefined or null) or a string. */
export function isOptionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/**
 * Collects every value of a header, matching its name case-insensitively across
 * both maps, because clients and proxies send `content-type`, `Content-Type` or
 * `CONTENT-TYPE` and AWS passes the spelling on unchanged.
 */
export function headerValues(
  name: string,
  headers: HeaderMap,
  multiValueHeaders?: MultiValueHeaderMap,
): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  // Comparing lengths first skips lower-casing most names, which is the costly part.
  if (headers) {
    for (const key of Object.keys(headers)) {
      if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
      const value = headers[key];
      if (typeof value === 'string') values.push(value);
    }
  }
  if (multiValueHeaders) {
    for (const key of Object.keys(multiValueHeaders)) {
      if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
      const list = multiValueHeaders[key];
      if (!Array.isArray(list)) continue;
      for (const value of list) {
        if (typeof value === 'string') values.push(value);
      }
    }
  }
  return values;
}

/** Returns the media type of a Content-Type value in lower case, without parameters. */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  const type = semicolon === -1 ? contentType : contentType.slice(0, semicolon);
  return type.trim().toLowerCase();
}

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/;
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Format in which a request body is parsed. */
export type BodyFormat = 'json' | 'form';

const LIST_ELEMENT = /(?:[^,"]|"(?:[^"\\]|\\.)*")+/g;

/**
 * Splits a header value into its comma-separated elements, keeping commas inside quoted
 * strings. HTTP API and function URL events join a repeated header's values with commas.
 */
function splitHeaderList(value: string): string[] {
  return value.match(LIST_ELEMENT) ?? [];
}

/**
 * Returns the one media type that the Content-Type values name, or undefined when
 * there is none.
 *
 * @throws MalformedBodyError when the values name different media types.
 */
function singleMediaTypeOf(contentTypes: readonly string[]): string | undefined {
  // Most requests carry one value without a comma, which needs no set to compare. A
  // REST event repeats it in headers and multiValueHeaders, so equal copies count as one.
  const first = contentTypes[0];
  if (
    first !== undefined &&
    !first.includes(',') &&
    contentTypes.every((contentType) => contentType === first)
  ) {
    const mediaType = mediaTypeOf(first);
    return mediaType === '' ? undefined : mediaType;
  }
  const mediaTypes = new Set(
    contentTypes
      .flatMap(splitHeaderList)
      .map(mediaTypeOf)
      .filter((type) => type !== ''),
  );
  if (mediaTypes.size > 1) {
    throw new MalformedBodyError(
      `The request has conflicting Content-Type headers (${[...mediaTypes].join(', ')}). ` +
        'Send one Content-Type: application/json.',
    );
  }
  const [mediaType] = mediaTypes;
  return mediaType;
}

/**
 * Returns how to read the body from the request's Content-Type: JSON for
 * `application/json` and `application/<anything>+json`, a form for
 * `application/x-www-form-urlencoded` (any casing, any parameters). A request
 * without one is read as JSON, because curl and many SDKs send JSON without saying so.
 *
 * @throws UnsupportedMediaTypeError for any other media type.
 * @throws MalformedBodyError when the request carries conflicting Content-Type values.
 */
export function bodyFormatOf(contentTypes: readonly string[]): BodyFormat {
  const mediaType = singleMediaTypeOf(contentTypes);
  // The comparison settles the common type before the pattern runs.
  if (mediaType === undefined || mediaType === 'application/json') return 'json';
  if (JSON_MEDIA_TYPE.test(mediaType)) return 'json';
  if (mediaType === FORM_MEDIA_TYPE) return 'form';
  throw new UnsupportedMediaTypeError(
    `Content-Type "${mediaType}" is not supported. ` +
      `Send the body as application/json or ${FORM_MEDIA_TYPE}.`,
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Returns the body as text, decoding base64 (strictly: Node's decoder would silently
 * skip invalid characters) and then UTF-8 when `isBase64Encoded` is set.
 *
 * @throws PayloadTooLargeError for a body above MAX_BODY_BYTES.
 * @throws MalformedBodyError for invalid base64 or invalid UTF-8.
 */
export function decodeBody(body: string, isBase64Encoded: boolean): string {
  assertBodySize(body, isBase64Encoded);
  if (!isBase64Encoded) return body;
  if (!BASE64.test(body)) {
    throw new MalformedBodyError(
      'The request body is marked as base64-encoded but is not valid base64. ' +
        'Send the body as base64 with padding (RFC 4648), or as plain text.',
    );
  }
  try {
    return UTF8.decode(Buffer.from(body, 'base64'));
  } catch (error) {
    throw new MalformedBodyError(
      'The request body is not valid UTF-8 text. Send a JSON object encoded as UTF-8.',
      error,
    );
  }
}

const BYTE_ORDER_MARK = '\uFEFF';
const JSON_ERROR_POSITION = /at position (\d+)/;

/**
 * Parses JSON text that should carry a payload. A leading byte-order mark is
 * skipped, which RFC 8259 allows a parser to do.
 *
 * @param description names the text in errors, e.g. `request body` or `SQS message body`.
 * @throws MalformedBodyError when the text is missing, blank, not valid JSON, or
 *   repeats a key within one object.
 */
export function parseJsonText(text: string | null | undefined, description: string): unknown {
  const json = text?.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  if (json === undefined || json === null || json.trim() === '') {
    throw new MalformedBodyError(`The ${description} is empty. Send a JSON object.`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch (error) {
    // Only the position is kept from the parser's message, because newer V8 versions
    // quote part of the input there.
    const position = JSON_ERROR_POSITION.exec(String(error))?.[1];
    const where = position === undefined ? '' : ` (at character ${position})`;
    throw new MalformedBodyError(
      `The ${description} is not valid JSON${where}. Send a JSON object.`,
      error,
    );
  }
  assertUniqueKeys(json, description);
  return payload;
}

/** Parses a JSON request body, as parseJsonText does. */
export function parseJsonBody(text: string | null | undefined): unknown {
  return parseJsonText(text, 'request body');
}
