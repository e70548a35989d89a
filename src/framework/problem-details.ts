import type { PublicError } from './errors.js';

/** An RFC 9457 problem details body, with the field issues and request id as extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { pointer: string; detail: string }[];
  requestId: string;
}

export const PROBLEM_JSON = 'application/problem+json';

/** Builds the problem details for an error that is safe to show. */
export function toProblemDetails(error: PublicError, requestId: string): ProblemDetails {
  const problem: ProblemDetails = {
    type: error.problemType,
    title: error.title,
    status: error.status,
    detail: error.message,
    requestId,
  };
  if ('issues' in error && error.issues.length > 0) {
    problem.errors = error.issues.map(({ pointer, detail }) => ({ pointer, detail }));
  }
  return problem;
}
