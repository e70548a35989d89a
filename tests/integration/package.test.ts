import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runServerless } from '../support/serverless-cli.js';

type Template = {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

function resourcesOfType(template: Template, type: string) {
  return Object.values(template.Resources).filter((resource) => resource.Type === type);
}

describe('serverless package', () => {
  let outputDir: string;
  let result: ReturnType<typeof runServerless>;

  beforeAll(() => {
    outputDir = mkdtempSync(join(tmpdir(), 'fibonacci-package-'));
    // No credentials: packaging must not need an AWS account.
    const env = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' };
    result = runServerless(['package', '--package', outputDir], 180_000, env);
  }, 200_000);

  afterAll(() => {
    rmSync(outputDir, { recursive: true, force: true });
  });

  it('succeeds without AWS credentials', () => {
    expect(result.stderr).toContain('Service packaged');
    expect(result.status).toBe(0);
  });

  it('writes the function zip and the template', () => {
    const files = readdirSync(outputDir);

    expect(files).toContain('fibonacci.zip');
    expect(files).toContain('cloudformation-template-update-stack.json');
  });

  it('deploys the nodejs22.x function behind an IAM route', () => {
    const template = JSON.parse(
      readFileSync(join(outputDir, 'cloudformation-template-update-stack.json'), 'utf8'),
    ) as Template;

    const [fn] = resourcesOfType(template, 'AWS::Lambda::Function');
    expect(fn?.Properties.Runtime).toBe('nodejs22.x');
    expect(fn?.Properties.Handler).toBe('src/handler.handler');
    const methods = resourcesOfType(template, 'AWS::ApiGateway::Method');
    const post = methods.find((method) => method.Properties.HttpMethod === 'POST');
    expect(post?.Properties.AuthorizationType).toBe('AWS_IAM');
  });
});
