// Compares the cost of this project's pipeline with a bare hand-written handler and a
// stock Middy pipeline: warm time per invocation, cold start of each deployed bundle,
// bundle sizes, fib(n) and heap growth. Run it with `npm run bench`, which passes
// --expose-gc. Bundles go to bench/out/, which git ignores.
// The last line printed is the summary:
//   summary warm_vs_middy=<ratio> warm_vs_bare=<ratio> cold_vs_bare=<ratio> bundle_kb=<size>
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Bench } from 'tinybench';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputDir = join(root, 'bench', 'out');
const require = createRequire(import.meta.url);

/** Invocations per timed tinybench iteration, so timer overhead is spread over many. */
const BATCH = 200;
/** Interleaved rounds of the warm benchmark. */
const WARM_ROUNDS = 15;
/** Cold starts per implementation, after two untimed ones that fill the file cache. */
const COLD_RUNS = 40;
/** Invocations after which the heap is measured, first and last. */
const HEAP_EARLY = 1_000;
const HEAP_LATE = 100_000;
/**
 * Maximum heap growth that counts as no growth. The heap moves by some tens of KB
 * between measurements for reasons of V8's own (compiled code, feedback), while a leak
 * of even 8 bytes per invocation would add about 770 KB over 99,000 invocations.
 */
const HEAP_GROWTH_LIMIT_KB = 256;

if (typeof globalThis.gc !== 'function') {
  console.error('Run the benchmark with node --expose-gc (npm run bench does).');
  process.exit(2);
}

// ---------------------------------------------------------------------------------
// Bundles, built with the esbuild settings of serverless.yml (custom.esbuild).

const DEPLOYED_BUILD = {
  bundle: true,
  minify: true,
  keepNames: true,
  sourcemap: false,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
};

const BUNDLES = {
  bare: 'bench/handlers/bare.ts',
  middy: 'bench/handlers/middy-stock.ts',
  ours: 'src/handler.ts',
  'middy-warm': 'bench/handlers/middy-warm.ts',
  'ours-warm': 'bench/handlers/ours.ts',
};

rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });
const bundlePaths = {};
for (const [name, entry] of Object.entries(BUNDLES)) {
  const outfile = join(outputDir, `${name}.cjs`);
  await build({ ...DEPLOYED_BUILD, entryPoints: [join(root, entry)], outfile });
  bundlePaths[name] = outfile;
}

const bare = require(bundlePaths.bare);
const middy = require(bundlePaths['middy-warm']);
const ours = require(bundlePaths['ours-warm']);

// ---------------------------------------------------------------------------------
// Inputs. The context has getRemainingTimeInMillis, as on Lambda, because Middy only
// starts its early-timeout race when the context has it.

const restEvent = JSON.parse(readFileSync(join(root, 'events', 'api-gateway-rest.json'), 'utf8'));
const restBody = restEvent.body;
const barePayload = { fib: 7 };
const context = {
  awsRequestId: 'bench-request',
  functionName: 'fibonacci-bench',
  getRemainingTimeInMillis: () => 3000,
};

/** Checks that a handler returns the expected fib(7) reply before it is timed. */
async function assertReplies(label, handler, event) {
  if (event === restEvent) restEvent.body = restBody;
  const reply = await handler(event, context);
  const result = event === restEvent ? JSON.parse(reply.body) : reply;
  if (result.value !== '13' || (event === restEvent && reply.statusCode !== 200)) {
    throw new Error(`${label} returned ${JSON.stringify(reply)} instead of fib(7) = 13.`);
  }
}

// ---------------------------------------------------------------------------------
// Warm cost per invocation, all in this one process.

function batchOf(handler, event) {
  if (event === restEvent) {
    // Middy's JSON body parser replaces event.body with the parsed object, so every
    // implementation gets the body text back before each call.
    return async () => {
      for (let call = 0; call < BATCH; call++) {
        restEvent.body = restBody;
        await handler(restEvent, context);
      }
    };
  }
  return async () => {
    for (let call = 0; call < BATCH; call++) await handler(event, context);
  };
}

const warmCases = [
  ['rest', 'bare', bare.handler, restEvent],
  ['rest', 'middy', middy.handler, restEvent],
  ['rest', 'middy, early timeout off', middy.handlerWithoutEarlyTimeout, restEvent],
  ['rest', 'ours', ours.handler, restEvent],
  ['rest', 'ours, early timeout on', ours.handlerWithEarlyTimeout, restEvent],
  ['payload', 'bare', bare.handler, barePayload],
  ['payload', 'middy', middy.directHandler, barePayload],
  ['payload', 'middy core only, no checks', middy.coreOnlyHandler, barePayload],
  ['payload', 'ours', ours.handler, barePayload],
];

// Other processes on the machine slow some stretches of time more than others, so the
// tasks run in several short interleaved rounds, and each figure is the median of its
// rounds' medians.
const warmRounds = [];
for (let round = 0; round < WARM_ROUNDS; round++) {
  const bench = new Bench({ time: 120, warmupTime: round === 0 ? 250 : 0, warmup: round === 0 });
  for (const [event, implementation, handler, input] of warmCases) {
    if (round === 0) await assertReplies(`${implementation} (${event})`, handler, input);
    bench.add(`${event}: ${implementation}`, batchOf(handler, input));
  }
  await bench.run();
  warmRounds.push(bench);
}

/** Returns one invocation's time in microseconds in each round. */
function roundTimes(taskName) {
  return warmRounds.map((bench) => {
    const task = bench.getTask(taskName);
    if (task?.result?.state !== 'completed') {
      throw new Error(`Benchmark task "${taskName}" did not complete: ${task?.result?.error}`);
    }
    return (task.result.latency.p50 * 1000) / BATCH;
  });
}

/** Returns the median over the rounds of the time ratio of two tasks within a round. */
function medianRatio(numeratorTask, denominatorTask) {
  const numerators = roundTimes(numeratorTask);
  const denominators = roundTimes(denominatorTask);
  return median(numerators.map((time, round) => time / denominators[round]));
}

console.log(
  `# warm: median time per invocation, ${BATCH} invocations per sample, ${WARM_ROUNDS} rounds`,
);
for (const [event, implementation] of warmCases) {
  const perCall = median(roundTimes(`${event}: ${implementation}`));
  console.log(`warm ${event.padEnd(7)} ${implementation.padEnd(28)} ${perCall.toFixed(3)} us`);
}
const warmRatios = {};
for (const event of ['rest', 'payload']) {
  // Tasks of one round ran close together in time, so each ratio is taken within a
  // round, and the median over the rounds is printed.
  const vsMiddy = medianRatio(`${event}: ours`, `${event}: middy`);
  const vsBare = medianRatio(`${event}: ours`, `${event}: bare`);
  const middyVsBare = medianRatio(`${event}: middy`, `${event}: bare`);
  warmRatios[event] = { vsMiddy, vsBare };
  console.log(
    `warm ${event.padEnd(7)} ours/middy=${vsMiddy.toFixed(2)} ours/bare=${vsBare.toFixed(2)} ` +
      `middy/bare=${middyVsBare.toFixed(2)}`,
  );
}

// ---------------------------------------------------------------------------------
// Cold start: each deployed bundle in a fresh process, from spawn to its first reply.

/** Spawns the child, and returns the wall time to its reply and the time it reports. */
function coldStart(bundlePath) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'bench', 'cold-start.cjs'), bundlePath], {
      env: { ...process.env, BENCH_EVENT: JSON.stringify({ ...restEvent, body: restBody }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let replied = false;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /\nREPLY (\S+) (.*)\n/.exec(output);
      if (match === null || replied) return;
      replied = true;
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      const reply = JSON.parse(match[2]);
      if (reply.statusCode !== 200) {
        reject(new Error(`${bundlePath} replied ${match[2]} at cold start.`));
      }
      resolve({ wall, inside: Number(match[1]) });
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!replied) reject(new Error(`${bundlePath} exited with ${code} before replying.`));
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const coldNames = ['bare', 'middy', 'ours'];
const coldSamples = Object.fromEntries(coldNames.map((name) => [name, { wall: [], inside: [] }]));
for (let run = -2; run < COLD_RUNS; run++) {
  // Interleaved, so a slow spell of the machine hits every implementation alike.
  for (const name of coldNames) {
    const sample = await coldStart(bundlePaths[name]);
    if (run < 0) continue;
    coldSamples[name].wall.push(sample.wall);
    coldSamples[name].inside.push(sample.inside);
  }
}

console.log(`# cold start: median of ${COLD_RUNS} fresh processes, REST event`);
const cold = {};
for (const name of coldNames) {
  const bytes = statSync(bundlePaths[name]).size;
  const gzipped = gzipSync(readFileSync(bundlePaths[name])).length;
  cold[name] = {
    wall: median(coldSamples[name].wall),
    inside: median(coldSamples[name].inside),
    kilobytes: bytes / 1024,
  };
  console.log(
    `cold ${name.padEnd(6)} process to reply ${cold[name].wall.toFixed(1)} ms, ` +
      `load and first invocation ${cold[name].inside.toFixed(2)} ms, ` +
      `bundle ${(bytes / 1024).toFixed(1)} KB (${(gzipped / 1024).toFixed(1)} KB gzipped)`,
  );
}
/** Returns the median over the rounds of the wall-time ratio of two bundles in a round. */
function coldRatioWithinRounds(numerator, denominator) {
  const denominators = coldSamples[denominator].wall;
  return median(coldSamples[numerator].wall.map((wall, run) => wall / denominators[run]));
}
// The summary uses the ratio of the median wall times. The median of the ratios within
// each round is printed beside it, and the two differ by the machine's noise.
const coldVsBare = cold.ours.wall / cold.bare.wall;
console.log(
  `cold ours/bare=${coldVsBare.toFixed(3)} middy/bare=${(cold.middy.wall / cold.bare.wall).toFixed(3)} ` +
    `(ratios of the medians); ours/bare=${coldRatioWithinRounds('ours', 'bare').toFixed(3)} ` +
    `middy/bare=${coldRatioWithinRounds('middy', 'bare').toFixed(3)} (medians of the ratios within rounds)`,
);

// ---------------------------------------------------------------------------------
// fib(n), the business function alone.

const fibBench = new Bench({ time: 500, warmupTime: 100 });
for (const n of [90, 1000, 10000]) {
  fibBench.add(`fib(${n})`, () => ours.computeFibonacci({ fib: n }));
}
await fibBench.run();
console.log('# fib(n): computeFibonacci, median');
for (const task of fibBench.tasks) {
  console.log(`${task.name.padEnd(11)} ${(task.result.latency.p50 * 1000).toFixed(2)} us`);
}

// ---------------------------------------------------------------------------------
// Heap after 1,000 and after 100,000 invocations, half REST events, half payloads.

async function invokeMany(handler, restHandler, count) {
  for (let call = 0; call < count; call++) {
    if (call % 2 === 0) {
      restEvent.body = restBody;
      await restHandler(restEvent, context);
    } else {
      await handler(barePayload, context);
    }
  }
}

function settledHeap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

console.log(`# heap: used heap after ${HEAP_EARLY} and ${HEAP_LATE} invocations, after gc()`);
const heapCases = [
  ['bare', bare.handler, bare.handler],
  ['middy', middy.directHandler, middy.handler],
  ['ours', ours.handler, ours.handler],
];
let oursHeapGrowth = 0;
for (const [name, handler, restHandler] of heapCases) {
  await invokeMany(handler, restHandler, HEAP_EARLY);
  const early = settledHeap();
  await invokeMany(handler, restHandler, HEAP_LATE - HEAP_EARLY);
  const late = settledHeap();
  if (name === 'ours') oursHeapGrowth = late - early;
  console.log(
    `heap ${name.padEnd(6)} ${(early / 1024).toFixed(0)} KB -> ${(late / 1024).toFixed(0)} KB ` +
      `(growth ${((late - early) / 1024).toFixed(1)} KB)`,
  );
}

// ---------------------------------------------------------------------------------

// The summary's warm ratios are those of the REST event, the request that goes through
// every step. The payload ratios are printed above and in the targets below.
const warmVsMiddy = warmRatios.rest.vsMiddy;
const warmVsBare = warmRatios.rest.vsBare;
const fib10000 = fibBench.getTask('fib(10000)').result.latency.p50;
const targets = [
  ['warm rest ours/middy', warmRatios.rest.vsMiddy, 0.8],
  ['warm rest ours/bare', warmRatios.rest.vsBare, 2.5],
  ['warm payload ours/middy', warmRatios.payload.vsMiddy, 0.8],
  ['warm payload ours/bare', warmRatios.payload.vsBare, 2.5],
  ['cold ours/bare', coldVsBare, 1.1],
  ['bundle KB', cold.ours.kilobytes, 40],
  ['fib(10000) ms', fib10000, 1],
  ['heap growth KB', oursHeapGrowth / 1024, HEAP_GROWTH_LIMIT_KB],
];
console.log('# targets');
for (const [label, value, limit] of targets) {
  const verdict = value <= limit ? 'met' : 'missed';
  console.log(`target ${label.padEnd(24)} ${value.toFixed(3)} <= ${limit}: ${verdict}`);
}
console.log(`# node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown'}`);
console.log(
  `summary warm_vs_middy=${warmVsMiddy.toFixed(2)} warm_vs_bare=${warmVsBare.toFixed(2)} ` +
    `cold_vs_bare=${coldVsBare.toFixed(2)} bundle_kb=${cold.ours.kilobytes.toFixed(1)}`,
);
