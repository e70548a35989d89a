import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerless } from './serverless-cli.js';

/** One resource of a CloudFormation template, with the properties left untyped. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
}

/** The parts of a CloudFormation template the tests read. */
export interface CloudFormationTemplate {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Description?: string; Value: unknown }>;
}

/** One statement of an IAM policy document, as CloudFormation stores it. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, unknown>;
}

/**
 * Runs `serverless package` for a stage into a temporary folder of its own, so parallel test
 * files never share `.serverless/`, and returns the parsed update-stack template.
 */
export function packageTemplate(stage: string): CloudFormationTemplate {
  const packageFolder = mkdtempSync(join(tmpdir(), `fibonacci-package-${stage}-`));
  try {
    const result = runServerless(['package', '--stage', stage, '--package', packageFolder]);
    if (result.status !== 0) {
      throw new Error(
        `serverless package --stage ${stage} exited with ${result.status}:\n` +
          `${result.stdout}\n${result.stderr}`,
      );
    }
    const templatePath = join(packageFolder, 'cloudformation-template-update-stack.json');
    return JSON.parse(readFileSync(templatePath, 'utf8')) as CloudFormationTemplate;
  } finally {
    rmSync(packageFolder, { recursive: true, force: true });
  }
}

/** Returns `[logicalId, resource]` for every resource of the given type. */
export function resourcesOfType(
  template: CloudFormationTemplate,
  type: string,
): [string, TemplateResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** Returns the resource with this logical id, or throws naming the ids that exist. */
export function resourceById(
  template: CloudFormationTemplate,
  logicalId: string,
): TemplateResource {
  const resource = template.Resources[logicalId];
  if (!resource) {
    const known = Object.keys(template.Resources).join(', ');
    throw new Error(`The template has no resource "${logicalId}". Its resources are ${known}.`);
  }
  return resource;
}

/**
 * Renders a CloudFormation value (a string, `Ref`, `Fn::GetAtt`, `Fn::Sub` or `Fn::Join`) as
 * one `Fn::Sub`-style string, e.g. `{"Ref": "Api"}` as `${Api}`, so two ways of writing the
 * same ARN compare equal.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const intrinsic = value as Record<string, unknown>;
    if (typeof intrinsic.Ref === 'string') return `\${${intrinsic.Ref}}`;
    if (typeof intrinsic['Fn::Sub'] === 'string') return intrinsic['Fn::Sub'];
    const getAtt = intrinsic['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `\${${getAtt.join('.')}}`;
    const join = intrinsic['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(renderValue).join(join[0]);
    }
  }
  throw new Error(`Cannot render CloudFormation value ${JSON.stringify(value)}.`);
}

/** Returns a policy's `Action` or `Resource` as a list, whether it was one value or many. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Returns the logical id a `{"Ref": id}` value points to. */
export function refTarget(value: unknown): string {
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  if (typeof ref !== 'string') throw new Error(`Expected a Ref, got ${JSON.stringify(value)}.`);
  return ref;
}

/** Finds every IAM policy document in the template, labelled by where it sits. */
export function policyDocuments(
  template: CloudFormationTemplate,
): { location: string; statements: PolicyStatement[] }[] {
  const documents: { location: string; statements: PolicyStatement[] }[] = [];
  const visit = (node: unknown, location: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${location}[${index}]`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record.Statement)) {
      documents.push({ location, statements: record.Statement as PolicyStatement[] });
      return;
    }
    for (const [key, child] of Object.entries(record)) visit(child, `${location}.${key}`);
  };
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    visit(resource.Properties, logicalId);
  }
  return documents;
}
