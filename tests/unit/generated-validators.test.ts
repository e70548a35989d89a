import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build, type Metafile } from 'esbuild';
import { MAX_FIBONACCI_INDEX } from '../../src/fibonacci.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const generatedDir = join(root, 'src', 'generated');

describe('generated validators', () => {
  let freshDir: string;

  beforeAll(async () => {
    freshDir = await mkdtemp(join(tmpdir(), 'generated-validators-'));
    await run(process.execPath, ['scripts/generate-validators.mjs', '--out', freshDir], {
      cwd: root,
    });
  });

  afterAll(async () => {
    await rm(freshDir, { recursive: true, force: true });
  });

  it('lists the same files as the generator', async () => {
    const committed = (await readdir(generatedDir)).sort();
    const fresh = (await readdir(freshDir)).sort();

    expect(fresh.length).toBeGreaterThan(0);
    expect(committed).toEqual(fresh);
  });

  it('match the generator output byte for byte', async () => {
    for (const file of await readdir(freshDir)) {
      const committed = await readFile(join(generatedDir, file), 'utf8');
      const fresh = await readFile(join(freshDir, file), 'utf8');
      // On failure, run `npm run generate` and commit src/generated/.
      expect({ file, content: committed }).toEqual({ file, content: fresh });
    }
  });

  it('import nothing but ajv runtime helpers', async () => {
    for (const file of await readdir(generatedDir)) {
      if (!file.endsWith('.js')) continue;
      const code = await readFile(join(generatedDir, file), 'utf8');
      const imported = [...code.matchAll(/(?:require\(|from\s*)["']([^"']+)["']/g)].map(
        (match) => match[1],
      );
      const outsideRuntime = imported.filter((path) => !path?.startsWith('ajv/dist/runtime/'));
      expect({ file, outsideRuntime }).toEqual({ file, outsideRuntime: [] });
    }
  });

  it('schema maximum equals MAX_FIBONACCI_INDEX', async () => {
    const schema = JSON.parse(
      await readFile(join(root, 'schemas', 'fibonacci-request.json'), 'utf8'),
    ) as { properties: { fib: { maximum: number } } };

    expect(schema.properties.fib.maximum).toBe(MAX_FIBONACCI_INDEX);
  });
});

describe('deployed bundle', () => {
  let metafile: Metafile;

  beforeAll(async () => {
    // Built once with the esbuild settings of serverless.yml, without writing the output.
    // Both tests read only the metafile's inputs and external imports, which minification
    // does not change.
    const result = await build({
      entryPoints: [join(root, 'src', 'handler.ts')],
      bundle: true,
      minify: true,
      keepNames: true,
      format: 'cjs',
      platform: 'node',
      target: 'node22',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    metafile = result.metafile;
  });

  it('leaves the ajv compiler out', () => {
    const ajvInputs = Object.keys(metafile.inputs).filter((path) =>
      path.includes('node_modules/ajv/'),
    );
    const compilerInputs = ajvInputs.filter((path) => !path.includes('ajv/dist/runtime/'));

    expect(compilerInputs).toEqual([]);
  });

  it('loads no Node.js HTTP module', () => {
    const builtins = Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((imported) => imported.external).map((imported) => imported.path),
    );

    // node:http alone adds milliseconds to every cold start.
    expect(builtins).not.toContain('node:http');
    expect(builtins).not.toContain('http');
  });
});
