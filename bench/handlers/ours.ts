// This project's pipeline as src/handler.ts builds it, but with a logger that
// formats each log line without writing it, so the benchmark does not flood
// standard output.
// NOTE: the figures leave out one write to standard output per invocation, which the
// deployed handler makes.
import { computeFibonacci } from '../../src/fibonacci.js';
import { fibonacciHandlerOptions } from '../../src/fibonacci-handler-options.js';
import { createHandler } from '../../src/framework/create-handler.js';
import { formatLogLine, type OutcomeLogRecord } from '../../src/framework/logger.js';

export { computeFibonacci };

/** Length of the last log line, kept so the serialisation cannot be optimised away. */
export let lastLogLength = 0;

const options = {
  ...fibonacciHandlerOptions,
  logger: (record: OutcomeLogRecord) => {
    lastLogLength = formatLogLine(record).length;
  },
};

export const handler = createHandler(options);

/** The same handler with Middy's early-timeout race, at Middy's default of 5 ms. */
export const handlerWithEarlyTimeout = createHandler({ ...options, timeoutEarlyInMillis: 5 });
