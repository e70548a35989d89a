// Shows where the pipeline spends a warm invocation: runs bench/handlers/ours.ts,
// bundled without minification, on one event kind under `node --cpu-prof`, and prints
// the functions with the most self time. Run it with `npm run bench:profile -- rest`
// or `-- payload`. The profile is kept in bench/out/profile/ for Chrome DevTools.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputDir = join(root, 'bench', 'out');
const profileDir = join(outputDir, 'profile');
const INVOCATIONS = 1_000_000;
const SHOWN = 20;

const kind = process.argv[2] ?? 'rest';
if (kind !== 'rest' && kind !== 'payload') {
  console.error(`Unknown event kind "${kind}". Use rest or payload.`);
  process.exit(2);
}

mkdirSync(outputDir, { recursive: true });
rmSync(profileDir, { recursive: true, force: true });
const bundle = join(outputDir, 'ours-profile.cjs');
await build({
  entryPoints: [join(root, 'bench', 'handlers', 'ours.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  outfile: bundle,
  logLevel: 'warning',
});

// The child invokes the handler in a loop; its profile is written when it exits.
const child = `
const { handler } = require(${JSON.stringify(bundle)});
const rest = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(join(root, 'events', 'api-gateway-rest.json'))}, 'utf8'));
const body = rest.body;
const context = { awsRequestId: 'profile-request', getRemainingTimeInMillis: () => 3000 };
(async () => {
  for (let call = 0; call < ${INVOCATIONS}; call++) {
    if (${JSON.stringify(kind)} === 'rest') {
      rest.body = body;
      await handler(rest, context);
    } else {
      await handler({ fib: 7 }, context);
    }
  }
})();
`;
const started = process.hrtime.bigint();
const result = spawnSync(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '-e', child],
  { stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
const elapsed = Number(process.hrtime.bigint() - started) / 1e6;

// An unminified esbuild bundle starts each module with a comment naming its file, which
// maps a line of the bundle back to its source file.
const moduleOfLine = [];
let currentModule = '';
for (const line of readFileSync(bundle, 'utf8').split('\n')) {
  const match = /^\/\/ ((?:src|middlewares|bench|node_modules)\/\S+)$/.exec(line);
  if (match) currentModule = match[1].replace(/^node_modules\//, '');
  moduleOfLine.push(currentModule);
}

const [profileFile] = readdirSync(profileDir);
const profile = JSON.parse(readFileSync(join(profileDir, profileFile), 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
let total = 0;
profile.samples.forEach((nodeId, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const { functionName, url, lineNumber } = nodes.get(nodeId).callFrame;
  const file = url.endsWith('ours-profile.cjs') ? moduleOfLine[lineNumber] : url.split('/').pop();
  const label = `${functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
  selfTime.set(label, (selfTime.get(label) ?? 0) + delta);
  total += delta;
});

console.log(
  `# ${INVOCATIONS} ${kind} invocations under the profiler in ${elapsed.toFixed(0)} ms; ` +
    'self time per function:',
);
const ranked = [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
for (const [label, time] of ranked) {
  console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${label}`);
}
