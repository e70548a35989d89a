import { MalformedBodyError, PayloadTooLargeError } from './errors.js';

/**
 * Largest request body read, in bytes of UTF-8. Lambda itself accepts events up to
 * 6 MB; a payload of this service is a few bytes, so 1 MiB leaves ample room while
 * keeping parse time and memory small for hostile bodies.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Rejects a body larger than MAX_BODY_BYTES before it is decoded or parsed.
 * A base64 body is measured by the bytes it decodes to.
 *
 * @throws PayloadTooLargeError naming the size and the limit.
 */
export function assertBodySize(body: string, isBase64Encoded: boolean): void {
  // A UTF-16 string never has fewer UTF-8 bytes than characters, so the cheap length
  // check settles most bodies; Buffer.byteLength counts exactly only near the limit.
  if (body.length <= MAX_BODY_BYTES / 3 && !isBase64Encoded) return;
  const bytes = isBase64Encoded ? decodedBase64Length(body) : Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The request body is ${bytes} bytes, above the limit of ${MAX_BODY_BYTES} bytes.`,
    );
  }
}

/** Returns how many bytes base64 text decodes to, counting its `=` padding out. */
function decodedBase64Length(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;

/** Keys seen so far in one open object: none yet, the first one, or a set once there are two. */
type SeenKeys = undefined | string | Set<string>;

/**
 * Returns the first key that appears twice in one object of valid JSON text, or
 * undefined. JSON.parse keeps the last of duplicate keys silently, while other
 * parsers keep the first, so a body with duplicates could mean different things to
 * different readers; RFC 8259 says names within an object should be unique.
 *
 * The scan is linear and holds one entry per open object, so deep nesting costs no
 * recursion. It expects text that JSON.parse has already accepted.
 */
export function findDuplicateKey(json: string): string | undefined {
  const open: (SeenKeys | 'array')[] = [];
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === OPEN_BRACE) open.push(undefined);
    else if (code === OPEN_BRACKET) open.push('array');
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) open.pop();
    else if (code === QUOTE) {
      const end = endOfString(json, index);
      const top = open.length - 1;
      const seen = open[top];
      if (top >= 0 && seen !== 'array' && isFollowedByColon(json, end + 1)) {
        // A key without a backslash has no escapes to decode, so its text is the key.
        const text = json.slice(index + 1, end);
        const key = text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text;
        if (seen === undefined) open[top] = key;
        else if (typeof seen === 'string') {
          if (seen === key) return key;
          open[top] = new Set([seen, key]);
        } else {
          if (seen.has(key)) return key;
          seen.add(key);
        }
      }
      index = end;
    }
  }
  return undefined;
}

/** Returns the index of the quote that closes the string opening at `start`. */
function endOfString(json: string, start: number): number {
  let index = start + 1;
  while (index < json.length) {
    const code = json.charCodeAt(index);
    if (code === BACKSLASH) index += 2;
    else if (code === QUOTE) return index;
    else index++;
  }
  return index;
}

function isFollowedByColon(json: string, from: number): boolean {
  for (let index = from; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === COLON) return true;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return false;
}

/**
 * Rejects valid JSON text that repeats a key within one object.
 *
 * @throws MalformedBodyError naming the repeated key.
 */
export function assertUniqueKeys(json: string, description: string): void {
  const duplicate = findDuplicateKey(json);
  if (duplicate !== undefined) {
    throw new MalformedBodyError(
      `The ${description} has the key ${JSON.stringify(duplicate)} more than once in one ` +
        'object. Send each key once.',
    );
  }
}
