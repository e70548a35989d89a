// Compiles every JSON Schema in schemas/ into a standalone ajv validator module in
// src/generated/, with a declaration file whose payload type is derived from the same
// schema, so the deployed function neither ships nor runs the ajv compiler and the
// TypeScript type cannot drift from the schema.
// Run `npm run generate` after changing a schema; a test fails while the output is stale.
// `node scripts/generate-validators.mjs --out DIR` writes to DIR instead of src/generated/.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { compile as compileTypes } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaDir = join(root, 'schemas');
const defaultOutputDir = join(root, 'src', 'generated');

/** Returns `fibonacci-request` as `FibonacciRequest`, the name of its payload type. */
function typeNameOf(schemaName) {
  return schemaName
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Returns the TypeScript declaration of the payload type, named after the schema file. */
async function renderPayloadType(schema, typeName) {
  // The title would otherwise name the type, so a changed title could rename it.
  const { title: _title, ...untitled } = structuredClone(schema);
  return compileTypes(untitled, typeName, {
    bannerComment: '',
    // An object schema without `additionalProperties` gets no index signature, so a
    // misspelt property is a type error, although ajv accepts extra properties there.
    additionalProperties: false,
    cwd: schemaDir,
    style: { singleQuote: true, printWidth: 100 },
  });
}

/** Returns the generated files as a map from file name to content, without writing them. */
export async function renderValidators() {
  const files = new Map();
  const schemaFiles = readdirSync(schemaDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const file of schemaFiles) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    // allErrors reports every violation, and strict mode rejects unknown keywords
    // so a misspelt schema keyword fails here instead of being ignored.
    const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: true } });
    const validate = ajv.compile(schema);
    const name = basename(file, '.json');
    const typeName = typeNameOf(name);
    const header = `// Generated from schemas/${file} by scripts/generate-validators.mjs. Do not edit.\n`;
    files.set(`${name}.validator.js`, `${header + standaloneCode(ajv, validate)}\n`);
    files.set(
      `${name}.validator.d.ts`,
      header +
        "import type { PayloadValidator } from '../framework/payload-validator.js';\n\n" +
        (await renderPayloadType(schema, typeName)) +
        `\n/** Checks a payload against schemas/${file}; a payload that passes is a ${typeName}. */\n` +
        `declare const validate: ((data: unknown) => data is ${typeName}) & PayloadValidator;\n` +
        'export default validate;\n',
    );
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outputDir = values.out === undefined ? defaultOutputDir : resolve(values.out);
  mkdirSync(outputDir, { recursive: true });
  for (const [file, content] of await renderValidators()) {
    const path = join(outputDir, file);
    writeFileSync(path, content);
    console.log(`wrote ${relative(process.cwd(), path)}`);
  }
}
