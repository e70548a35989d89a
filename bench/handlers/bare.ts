// A hand-written handler without a framework, the baseline of the benchmark: it parses
// and checks the request itself and shapes the reply, for a REST proxy event or a bare
// payload, with the checks of schemas/fibonacci-request.json written out by hand.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  computeFibonacci,
  type FibonacciResponse,
  MAX_FIBONACCI_INDEX,
} from '../../src/fibonacci.js';

/** Returns the reason the payload is invalid, or undefined for a valid one. */
function checkPayload(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return 'the payload must be a JSON object';
  }
  for (const key in payload) {
    if (key !== 'fib') return `/${key} is not an accepted property`;
  }
  const { fib } = payload as { fib?: unknown };
  if (!Number.isInteger(fib)) return '/fib must be an integer';
  if ((fib as number) < 0 || (fib as number) > MAX_FIBONACCI_INDEX) {
    return `/fib must be from 0 to ${MAX_FIBONACCI_INDEX}`;
  }
  return undefined;
}

function reply(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function isRestEvent(event: unknown): event is APIGatewayProxyEvent {
  const candidate = event as Partial<APIGatewayProxyEvent> | null;
  return typeof candidate?.httpMethod === 'string' && typeof candidate.requestContext === 'object';
}

/** Returns the reply for a REST event, or the bare result for any other event. */
export async function handler(event: unknown): Promise<APIGatewayProxyResult | FibonacciResponse> {
  if (!isRestEvent(event)) {
    const problem = checkPayload(event);
    if (problem !== undefined) throw new TypeError(`Invalid request payload: ${problem}.`);
    return computeFibonacci(event as { fib: number });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(event.body ?? '');
  } catch {
    return reply(400, { message: 'The request body is not valid JSON.' });
  }
  const problem = checkPayload(payload);
  if (problem !== undefined) return reply(422, { message: problem });
  return reply(200, computeFibonacci(payload as { fib: number }));
}
