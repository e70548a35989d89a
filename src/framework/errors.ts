/** One violation in a request payload, located by a JSON pointer (RFC 6901) into it. */
export interface FieldIssue {
  /** JSON pointer into the payload; "" is the payload itself. */
  readonly pointer: string;
  readonly detail: string;
}

const PROBLEM_TYPE_PREFIX = 'urn:uniform-lambda:problem:';

/** The fixed facts of one kind of client error. */
interface ClientErrorKind {
  /** Error name; spelt out because bundlers minify class names. */
  readonly name: string;
  readonly status: number;
  readonly title: string;
  readonly slug: string;
}

/**
 * Base of the errors caused by the request itself. Each kind maps to one HTTP status
 * and one problem type (RFC 9457), and its message is safe to show to the caller.
 */
export abstract class ClientError extends Error {
  readonly status: number;
  readonly title: string;
  /** Problem type URI, e.g. `urn:uniform-lambda:problem:payload-validation`. */
  readonly problemType: string;
  readonly issues: readonly FieldIssue[];

  protected constructor(
    kind: ClientErrorKind,
    message: string,
    issues: readonly FieldIssue[],
    cause: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = kind.name;
    this.status = kind.status;
    this.title = kind.title;
    this.problemType = PROBLEM_TYPE_PREFIX + kind.slug;
    this.issues = issues;
    // The Lambda runtime returns `stack` to direct callers as the error's trace, and
    // a client fault has no server-side frames worth showing them.
    this.stack = `${this.name}: ${message}`;
  }
}

/** The body cannot be decoded or is not valid JSON (HTTP 400). */
export class MalformedBodyError extends ClientError {
  constructor(message: string, cause?: unknown) {
    const kind = {
      name: 'MalformedBodyError',
      status: 400,
      title: 'Malformed request body',
      slug: 'malformed-body',
    };
    super(kind, message, [], cause);
  }
}

/** The body is larger than the service reads (HTTP 413). */
export class PayloadTooLargeError extends ClientError {
  constructor(message: string) {
    const kind = {
      name: 'PayloadTooLargeError',
      status: 413,
      title: 'Payload too large',
      slug: 'payload-too-large',
    };
    super(kind, message, [], undefined);
  }
}

/**
 * The request is unusable for a reason outside its body, e.g. a query parameter given
 * twice, or an event of another source than the one the function is configured for
 * (HTTP 400).
 */
export class InvalidRequestError extends ClientError {
  constructor(message: string, cause?: unknown) {
    const kind = {
      name: 'InvalidRequestError',
      status: 400,
      title: 'Invalid request',
      slug: 'invalid-request',
    };
    super(kind, message, [], cause);
  }
}

/** The body's media type is one the source cannot read (HTTP 415). */
export class UnsupportedMediaTypeError extends ClientError {
  constructor(message: string) {
    const kind = {
      name: 'UnsupportedMediaTypeError',
      status: 415,
      title: 'Unsupported media type',
      slug: 'unsupported-media-type',
    };
    super(kind, message, [], undefined);
  }
}

/** The payload was read but breaks the request schema (HTTP 422). */
export class PayloadValidationError extends ClientError {
  constructor(message: string, issues: readonly FieldIssue[]) {
    const kind = {
      name: 'PayloadValidationError',
      status: 422,
      title: 'Invalid request payload',
      slug: 'payload-validation',
    };
    super(kind, message, issues, undefined);
  }
}

/**
 * Replaces any error that is not a ClientError before it reaches a caller, so no
 * internal message, file path or stack leaves the function. The original is kept
 * as `cause` for the log.
 */
export class InternalError extends Error {
  readonly status = 500;
  readonly title = 'Internal error';
  readonly problemType = `${PROBLEM_TYPE_PREFIX}internal`;

  constructor(requestId: string, cause: unknown) {
    super(
      `The function failed while handling request ${requestId}. ` +
        'The cause is logged under that request id.',
      { cause },
    );
    this.name = 'InternalError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Errors as a caller sees them, after anything unexpected became an InternalError. */
export type PublicError = ClientError | InternalError;

/** Returns the error itself if it is safe to show, otherwise an InternalError wrapping it. */
export function toPublicError(error: unknown, requestId: string): PublicError {
  if (error instanceof ClientError || error instanceof InternalError) {
    return error;
  }
  return new InternalError(requestId, error);
}
