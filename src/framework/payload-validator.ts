import type { ErrorObject } from 'ajv';
import type { FieldIssue } from './errors.js';

/**
 * A compiled JSON Schema check in ajv's calling convention: it returns whether the
 * data is valid and leaves the violations in `errors`. Both `ajv.compile(schema)`
 * and ajv's standalone modules in src/generated/ have this shape.
 */
export interface PayloadValidator {
  (data: unknown): boolean;
  errors?: readonly ErrorObject[] | null;
}

/** Upper bound on the issues reported for one payload, so a hostile payload with a million extra keys yields a short reply. */
export const MAX_REPORTED_ISSUES = 20;

/** Escapes one property name as a JSON pointer segment (RFC 6901). */
function toPointerSegment(property: string): string {
  return `/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

const JSON_TYPE_ARTICLES: Record<string, string> = {
  integer: 'an integer',
  object: 'a JSON object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a JSON object';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `the number ${value}` : 'a number out of range';
  }
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

/** Turns one ajv error into an issue that names the exact property at fault. */
function toFieldIssue(error: ErrorObject, payload: unknown): FieldIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: error.instancePath + toPointerSegment(String(params.missingProperty)),
        detail: 'is required',
      };
    case 'additionalProperties':
      return {
        pointer: error.instancePath + toPointerSegment(String(params.additionalProperty)),
        detail: 'is not an accepted property',
      };
    case 'type': {
      const expected = String(params.type);
      const received = describeJsonType(valueAtPointer(payload, error.instancePath));
      return {
        pointer: error.instancePath,
        detail: `must be ${JSON_TYPE_ARTICLES[expected] ?? expected}, got ${received}`,
      };
    }
    default:
      return {
        pointer: error.instancePath,
        detail: error.message ?? `breaks rule "${error.keyword}"`,
      };
  }
}

/** Reads the value a JSON pointer from ajv designates, without walking inherited keys. */
function valueAtPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let value: unknown = document;
  for (const rawSegment of pointer.slice(1).split('/')) {
    const segment = rawSegment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** The violations of one payload: at most MAX_REPORTED_ISSUES, and how many were left out. */
export interface ValidationReport {
  readonly issues: FieldIssue[];
  readonly omitted: number;
}

/** Runs the validator and returns its violations as field issues, at most MAX_REPORTED_ISSUES. */
export function collectIssues(validator: PayloadValidator, payload: unknown): ValidationReport {
  if (validator(payload)) return { issues: [], omitted: 0 };
  const errors = validator.errors ?? [];
  const issues: FieldIssue[] = [];
  for (const error of errors.slice(0, MAX_REPORTED_ISSUES)) {
    issues.push(toFieldIssue(error, payload));
  }
  if (issues.length === 0) {
    issues.push({ pointer: '', detail: 'breaks the request schema' });
  }
  return { issues, omitted: Math.max(0, errors.length - MAX_REPORTED_ISSUES) };
}

/**
 * Joins issues into one sentence, e.g. `/fib must be <= 10000; /x is not an accepted
 * property`, and appends the count of violations left out.
 */
export function formatIssues({ issues, omitted }: ValidationReport): string {
  const listed = issues
    .map((issue) => `${issue.pointer === '' ? 'the payload' : issue.pointer} ${issue.detail}`)
    .join('; ');
  return omitted === 0 ? listed : `${listed}; and ${omitted} more violations not listed`;
}
