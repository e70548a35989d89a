// Compiles every JSON Schema in schemas/ into a standalone ajv validator module in
// src/generated/, so the deployed function neither ships nor runs the ajv compiler.
// Run `npm run generate` after changing a schema; a test fails while the output is stale.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaDir = join(root, 'schemas');
const outputDir = join(root, 'src', 'generated');

/** Returns the generated files as a map from path to content, without writing them. */
export function renderValidators() {
  const files = new Map();
  for (const file of readdirSync(schemaDir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    // allErrors reports every violation, and strict mode rejects unknown keywords
    // so a misspelt schema keyword fails here instead of being ignored.
    const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: true } });
    const validate = ajv.compile(schema);
    const name = basename(file, '.json');
    const header = `// Generated from schemas/${file} by scripts/generate-validators.mjs. Do not edit.\n`;
    files.set(
      join(outputDir, `${name}.validator.js`),
      `${header + standaloneCode(ajv, validate)}\n`,
    );
    files.set(
      join(outputDir, `${name}.validator.d.ts`),
      header +
        "import type { PayloadValidator } from '../framework/payload-validator.js';\n" +
        'declare const validate: PayloadValidator;\n' +
        'export default validate;\n',
    );
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outputDir, { recursive: true });
  for (const [path, content] of renderValidators()) {
    writeFileSync(path, content);
    console.log(`wrote ${path.slice(root.length)}`);
  }
}
