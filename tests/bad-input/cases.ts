/**
 * Bad and borderline request bodies, each with the reply the service must give.
 * The same cases run through every source that carries a JSON body.
 */

/** What a case must produce: a success value, or a client error of one kind. */
export type Expectation =
  | { ok: { fib: number; value: string } }
  | {
      status: 400 | 413 | 415 | 422;
      /** The problem type's last segment, e.g. `payload-validation`. */
      problem: string;
      /** The exact detail message. */
      detail: string;
      /** For 422: the exact field issues. */
      errors?: { pointer: string; detail: string }[];
    };

/** A raw body as a client sends it, with its expected reply. */
export interface BodyCase {
  name: string;
  body: string | null;
  expected: Expectation;
  /**
   * The reply when Lambda delivers the parsed body as a direct event, where it
   * differs: the runtime's JSON.parse has already kept the last of duplicate keys.
   */
  direct?: Expectation;
}

const ACCEPTED = 'Expected a JSON object {"fib": n} with n an integer from 0 to 10000.';
const NOT_JSON = 'Send a JSON object.';

/** Detail of the 400 for a request with neither a body nor fields elsewhere. */
export const NO_PAYLOAD =
  'The request has no body, query string or path parameters. ' +
  'Send a JSON object as the body, or the fields as query parameters.';

/** Returns the 422 expectation for the field issues, which must be in the reply's order. */
export function invalid(issues: [pointer: string, detail: string][]): Expectation {
  const errors = issues.map(([pointer, detail]) => ({ pointer, detail }));
  const sentence = errors
    .map(({ pointer, detail }) => `${pointer === '' ? 'the payload' : pointer} ${detail}`)
    .join('; ');
  return {
    status: 422,
    problem: 'payload-validation',
    detail: `Invalid request payload: ${sentence}. ${ACCEPTED}`,
    errors,
  };
}

/** Returns the 400 expectation for a body the service cannot read, with its exact detail. */
export function malformed(detail: string): Expectation {
  return { status: 400, problem: 'malformed-body', detail };
}

/** Returns the 415 expectation for a Content-Type the service does not read. */
export function unsupportedMediaType(mediaType: string): Expectation {
  return {
    status: 415,
    problem: 'unsupported-media-type',
    detail:
      `Content-Type "${mediaType}" is not supported. ` +
      'Send the body as application/json or application/x-www-form-urlencoded.',
  };
}

const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;

export const BODY_CASES: BodyCase[] = [
  { name: 'valid fib 7', body: '{"fib": 7}', expected: { ok: { fib: 7, value: '13' } } },
  { name: 'fib written as 1.0', body: '{"fib": 1.0}', expected: { ok: { fib: 1, value: '1' } } },
  { name: 'fib written as 1e4', body: '{"fib": 1e1}', expected: { ok: { fib: 10, value: '55' } } },
  { name: 'fib negative zero', body: '{"fib": -0}', expected: { ok: { fib: 0, value: '0' } } },
  {
    name: 'key written as escapes',
    body: '{"\\u0066ib": 8}',
    expected: { ok: { fib: 8, value: '21' } },
  },
  {
    name: 'byte-order mark first',
    body: '\uFEFF{"fib": 9}',
    expected: { ok: { fib: 9, value: '34' } },
  },
  {
    name: 'surrounding whitespace',
    body: ' \r\n\t{"fib": 6}\n',
    expected: { ok: { fib: 6, value: '8' } },
  },
  {
    name: 'truncated JSON',
    body: '{"fib":',
    expected: malformed(`The request body is not valid JSON. ${NOT_JSON}`),
  },
  {
    name: 'unquoted key',
    body: '{fib: 7}',
    expected: malformed(`The request body is not valid JSON (at character 1). ${NOT_JSON}`),
  },
  {
    name: 'trailing garbage',
    body: '{"fib":7}x',
    expected: malformed(`The request body is not valid JSON (at character 9). ${NOT_JSON}`),
  },
  {
    name: 'trailing comma',
    body: '{"fib": 7,}',
    expected: malformed(`The request body is not valid JSON (at character 10). ${NOT_JSON}`),
  },
  {
    name: 'NaN literal',
    body: '{"fib": NaN}',
    expected: malformed(`The request body is not valid JSON. ${NOT_JSON}`),
  },
  {
    name: 'hex number',
    body: '{"fib": 0x10}',
    expected: malformed(`The request body is not valid JSON (at character 9). ${NOT_JSON}`),
  },
  {
    name: 'leading zero',
    body: '{"fib": 010}',
    expected: malformed(`The request body is not valid JSON (at character 9). ${NOT_JSON}`),
  },
  {
    name: 'single quotes',
    body: "{'fib': 7}",
    expected: malformed(`The request body is not valid JSON (at character 1). ${NOT_JSON}`),
  },
  {
    name: 'two byte-order marks',
    body: '\uFEFF\uFEFF{"fib": 7}',
    expected: malformed(`The request body is not valid JSON. ${NOT_JSON}`),
  },
  // Without a body, the query string and path parameters would carry the fields.
  {
    name: 'empty body',
    body: '',
    expected: malformed(NO_PAYLOAD),
  },
  {
    name: 'whitespace body',
    body: ' \n\t ',
    expected: malformed(`The request body is empty. ${NOT_JSON}`),
  },
  {
    name: 'null body',
    body: null,
    expected: malformed(NO_PAYLOAD),
  },
  {
    name: 'empty array',
    body: '[]',
    expected: invalid([['', 'must be a JSON object, got an array']]),
  },
  {
    name: 'bare number',
    body: '7',
    expected: invalid([['', 'must be a JSON object, got the number 7']]),
  },
  {
    name: 'bare string',
    body: '"7"',
    expected: invalid([['', 'must be a JSON object, got a string']]),
  },
  { name: 'JSON null', body: 'null', expected: invalid([['', 'must be a JSON object, got null']]) },
  {
    name: 'JSON true',
    body: 'true',
    expected: invalid([['', 'must be a JSON object, got a boolean']]),
  },
  { name: 'empty object', body: '{}', expected: invalid([['/fib', 'is required']]) },
  { name: 'fib negative', body: '{"fib": -1}', expected: invalid([['/fib', 'must be >= 0']]) },
  {
    name: 'fib fractional',
    body: '{"fib": 7.5}',
    expected: invalid([['/fib', 'must be an integer, got the number 7.5']]),
  },
  {
    name: 'fib as string',
    body: '{"fib": "7"}',
    expected: invalid([['/fib', 'must be an integer, got a string']]),
  },
  {
    name: 'fib as 1e400',
    body: '{"fib": 1e400}',
    expected: invalid([['/fib', 'must be an integer, got a number out of range']]),
  },
  {
    name: 'fib huge integer',
    body: '{"fib": 123456789012345678901234567890}',
    expected: invalid([['/fib', 'must be <= 10000']]),
  },
  {
    name: 'fib above maximum',
    body: '{"fib": 10001}',
    expected: invalid([['/fib', 'must be <= 10000']]),
  },
  {
    name: 'fib null',
    body: '{"fib": null}',
    expected: invalid([['/fib', 'must be an integer, got null']]),
  },
  {
    name: 'fib boolean',
    body: '{"fib": true}',
    expected: invalid([['/fib', 'must be an integer, got a boolean']]),
  },
  {
    name: 'fib object',
    body: '{"fib": {"value": 7}}',
    expected: invalid([['/fib', 'must be an integer, got a JSON object']]),
  },
  {
    name: 'extra property',
    body: '{"fib": 7, "debug": true}',
    expected: invalid([['/debug', 'is not an accepted property']]),
  },
  {
    name: '__proto__ key',
    body: '{"fib": 7, "__proto__": {"polluted": true}}',
    expected: invalid([['/__proto__', 'is not an accepted property']]),
  },
  {
    name: 'constructor.prototype keys',
    body: '{"fib": 7, "constructor": {"prototype": {"polluted": true}}}',
    expected: invalid([['/constructor', 'is not an accepted property']]),
  },
  {
    name: 'prototype key',
    body: '{"prototype": {"polluted": true}, "fib": 7}',
    expected: invalid([['/prototype', 'is not an accepted property']]),
  },
  {
    name: 'nested __proto__ key',
    body: '{"fib": 7, "options": {"__proto__": {"polluted": true}}}',
    expected: invalid([['/options', 'is not an accepted property']]),
  },
  {
    name: '__proto__ as fib value',
    body: '{"fib": {"__proto__": {"polluted": true}}}',
    expected: invalid([['/fib', 'must be an integer, got a JSON object']]),
  },
  {
    name: 'duplicate keys',
    body: '{"fib": 7, "fib": 8}',
    expected: malformed(
      'The request body has the key "fib" more than once in one object. Send each key once.',
    ),
    direct: { ok: { fib: 8, value: '21' } },
  },
  {
    name: 'duplicate keys, one spelled with an escape',
    body: '{"fib": 7, "f\\u0069b": 8}',
    expected: malformed(
      'The request body has the key "fib" more than once in one object. Send each key once.',
    ),
    direct: { ok: { fib: 8, value: '21' } },
  },
  {
    name: 'nested duplicate keys',
    body: '{"fib": 7, "x": {"a": 1, "a": 2}}',
    expected: malformed(
      'The request body has the key "a" more than once in one object. Send each key once.',
    ),
    direct: invalid([['/x', 'is not an accepted property']]),
  },
  {
    name: 'deep array at top',
    body: deepArray,
    expected: invalid([['', 'must be a JSON object, got an array']]),
  },
  {
    name: 'deep array as fib',
    body: `{"fib": ${deepArray}}`,
    expected: invalid([['/fib', 'must be an integer, got an array']]),
  },
  {
    name: 'deep object',
    body: deepObject,
    expected: invalid([
      ['/fib', 'is required'],
      ['/a', 'is not an accepted property'],
    ]),
  },
  {
    name: 'several violations',
    body: '{"fib": -4, "a": 1, "b/c~d": 2}',
    expected: invalid([
      ['/a', 'is not an accepted property'],
      ['/b~1c~0d', 'is not an accepted property'],
      ['/fib', 'must be >= 0'],
    ]),
  },
  {
    name: 'lone surrogate string',
    body: '{"fib": 7, "note": "\\ud800"}',
    expected: invalid([['/note', 'is not an accepted property']]),
  },
  {
    name: 'body of 5 MiB',
    body: `{"fib": 7, "padding": "${'x'.repeat(5 * 1024 * 1024)}"}`,
    expected: {
      status: 413,
      problem: 'payload-too-large',
      detail: 'The request body is 5242905 bytes, above the limit of 1048576 bytes.',
    },
    direct: invalid([['/padding', 'is not an accepted property']]),
  },
];

/** A JSON value as Lambda hands it to the function, with its expected reply. */
export interface DirectCase {
  name: string;
  event: unknown;
  expected: Expectation;
}

/** Body cases whose body is JSON, which Lambda could therefore deliver as direct events. */
export const DIRECT_CASES: DirectCase[] = BODY_CASES.flatMap((testCase) => {
  try {
    const event: unknown = JSON.parse((testCase.body ?? '').replace(/^\uFEFF/, ''));
    return [{ name: testCase.name, event, expected: testCase.direct ?? testCase.expected }];
  } catch {
    return [];
  }
});
