// Child process of the cold-start benchmark: loads one bundle, invokes its handler once
// with the event in BENCH_EVENT, and prints the reply on a line starting with REPLY,
// followed by the milliseconds from this script's start to the reply.
const { performance } = require('node:perf_hooks');

const scriptStart = performance.now();
const { handler } = require(process.argv[2]);
const context = {
  awsRequestId: 'cold-start-request',
  functionName: 'fibonacci-bench',
  getRemainingTimeInMillis: () => 3000,
};

Promise.resolve(handler(JSON.parse(process.env.BENCH_EVENT), context)).then(
  (reply) => {
    const elapsed = performance.now() - scriptStart;
    process.stdout.write(`\nREPLY ${elapsed.toFixed(3)} ${JSON.stringify(reply)}\n`);
  },
  (error) => {
    process.stderr.write(`cold start failed: ${error.message}\n`);
    process.exitCode = 1;
  },
);
