import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  asList,
  type CloudFormationTemplate,
  type PolicyStatement,
  packageTemplate,
  policyDocuments,
  refTarget,
  renderValue,
  resourceById,
  resourcesOfType,
} from '../support/cloudformation-template.js';
import { type CollectionRequest, collectionRequests } from '../support/postman-collection.js';
import { runServerless } from '../support/serverless-cli.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders are for Fn::Sub.
const ARN_PREFIX = 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}';

/** Returns `/a/b` for a REST API resource, by walking its `ParentId` chain up to the root. */
function restResourcePath(template: CloudFormationTemplate, resourceId: unknown): string {
  if (typeof resourceId === 'object' && resourceId !== null && 'Fn::GetAtt' in resourceId) {
    return ''; // `Fn::GetAtt [RestApi, RootResourceId]` is the root resource "/".
  }
  const resource = resourceById(template, refTarget(resourceId));
  const parentPath = restResourcePath(template, resource.Properties?.ParentId);
  return `${parentPath}/${String(resource.Properties?.PathPart)}`;
}

/** Replaces path parameters such as `{fib}` with `*`, as execute-api ARNs match them. */
function arnPathOf(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (segment.startsWith('{') ? '*' : segment))
    .join('/');
}

/** Returns the stage name that the deployment of a REST API publishes. */
function restStageOf(template: CloudFormationTemplate, restApiId: string): string {
  const deployments = resourcesOfType(template, 'AWS::ApiGateway::Deployment').filter(
    ([, deployment]) => refTarget(deployment.Properties?.RestApiId) === restApiId,
  );
  expect(deployments).toHaveLength(1);
  return String(deployments[0]?.[1].Properties?.StageName);
}

/** Returns the stage name of an HTTP API (API Gateway v2). */
function httpApiStageOf(template: CloudFormationTemplate, apiId: string): string {
  const stages = resourcesOfType(template, 'AWS::ApiGatewayV2::Stage').filter(
    ([, stage]) => refTarget(stage.Properties?.ApiId) === apiId,
  );
  expect(stages).toHaveLength(1);
  return String(stages[0]?.[1].Properties?.StageName);
}

/**
 * Derives the execute-api ARN of every REST method and HTTP API route from the template's own
 * API Gateway resources, independently of how serverless.yml builds the caller policy.
 */
function expectedExecuteApiArns(template: CloudFormationTemplate): string[] {
  const arns: string[] = [];
  for (const [, method] of resourcesOfType(template, 'AWS::ApiGateway::Method')) {
    const restApiId = refTarget(method.Properties?.RestApiId);
    const stage = restStageOf(template, restApiId);
    const httpMethod = String(method.Properties?.HttpMethod);
    const verb = httpMethod === 'ANY' ? '*' : httpMethod;
    const path = arnPathOf(restResourcePath(template, method.Properties?.ResourceId));
    arns.push(`${ARN_PREFIX}:\${${restApiId}}/${stage}/${verb}/${path}`);
  }
  for (const [, route] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
    const apiId = refTarget(route.Properties?.ApiId);
    const stage = httpApiStageOf(template, apiId);
    const routeKey = String(route.Properties?.RouteKey);
    const [verb = '', path = ''] = routeKey.split(' ');
    const target =
      routeKey === '$default' ? '$default' : `${verb.replace('ANY', '*')}/${arnPathOf(path)}`;
    arns.push(`${ARN_PREFIX}:\${${apiId}}/${stage}/${target}`);
  }
  return arns.sort();
}

/** Base URL variable of the Postman requests that call each kind of API. */
const POSTMAN_HOSTS = { rest: '{{baseUrl}}', httpApi: '{{httpApiBaseUrl}}' } as const;

/** A REST method or HTTP API route, e.g. `{ api: 'rest', method: 'POST', path: '/test' }`. */
interface Route {
  api: keyof typeof POSTMAN_HOSTS;
  method: string;
  path: string;
}

/** Returns every REST method and HTTP API route of the template. */
function routesOf(template: CloudFormationTemplate): Route[] {
  const rest = resourcesOfType(template, 'AWS::ApiGateway::Method').map(
    ([, method]): Route => ({
      api: 'rest',
      method: String(method.Properties?.HttpMethod),
      path: restResourcePath(template, method.Properties?.ResourceId) || '/',
    }),
  );
  const httpApi = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, route]): Route => {
    const [method = '', path = ''] = String(route.Properties?.RouteKey).split(' ');
    return { api: 'httpApi', method, path };
  });
  return [...rest, ...httpApi];
}

/**
 * Returns whether a Postman request such as `GET {{httpApiBaseUrl}}/fibonacci/7` calls a
 * route such as the HTTP API's `GET /fibonacci/{fib}`.
 */
function requestMatchesRoute(request: CollectionRequest, route: Route): boolean {
  if (request.host !== POSTMAN_HOSTS[route.api]) return false;
  if (route.method !== 'ANY' && route.method !== request.method) return false;
  const routeSegments = route.path.split('/').slice(1);
  return (
    request.path.length === routeSegments.length &&
    routeSegments.every(
      (segment, index) => segment.startsWith('{') || segment === request.path[index],
    )
  );
}

function statementsOf(template: CloudFormationTemplate, logicalId: string): PolicyStatement[] {
  const document = resourceById(template, logicalId).Properties?.PolicyDocument as {
    Statement: PolicyStatement[];
  };
  return document.Statement;
}

/** Returns the only inline policy of a role, failing when the role has none or several. */
function inlineStatementsOf(template: CloudFormationTemplate, roleId: string): PolicyStatement[] {
  const policies = resourceById(template, roleId).Properties?.Policies as {
    PolicyDocument: { Statement: PolicyStatement[] };
  }[];
  expect(policies).toHaveLength(1);
  return policies[0]?.PolicyDocument.Statement ?? [];
}

describe('serverless package', () => {
  let dev: CloudFormationTemplate;
  let prod: CloudFormationTemplate;

  beforeAll(() => {
    dev = packageTemplate('dev');
    prod = packageTemplate('prod');
  }, 240_000);

  describe('HTTP entry points', () => {
    it('has at least one REST method', () => {
      expect(resourcesOfType(dev, 'AWS::ApiGateway::Method').length).toBeGreaterThan(0);
    });

    // HTTP API routes and function URLs may not exist yet, but each one added must use IAM.
    it.each([
      ['REST methods', 'AWS::ApiGateway::Method', 'AuthorizationType'],
      ['HTTP API routes', 'AWS::ApiGatewayV2::Route', 'AuthorizationType'],
      ['function URLs', 'AWS::Lambda::Url', 'AuthType'],
    ])('serves %s with AWS_IAM', (_kind, type, property) => {
      const withoutIam = resourcesOfType(dev, type)
        .filter(([, resource]) => resource.Properties?.[property] !== 'AWS_IAM')
        .map(([logicalId, resource]) => `${logicalId}: ${String(resource.Properties?.[property])}`);

      expect(withoutIam).toEqual([]);
    });
    it('has a Postman request per route', () => {
      const requests = collectionRequests();

      const uncovered = routesOf(dev)
        .filter((route) => !requests.some((request) => requestMatchesRoute(request, route)))
        .map((route) => `${route.api} ${route.method} ${route.path}`);

      expect(uncovered).toEqual([]);
    });
  });

  describe('API caller policy', () => {
    it('allows execute-api:Invoke on each route', () => {
      const statements = statementsOf(dev, 'ApiCallerPolicy');
      const invoke = statements.find((statement) => statement.Sid === 'InvokeApiRoutes');

      expect(invoke?.Effect).toBe('Allow');
      expect(invoke?.Action).toBe('execute-api:Invoke');
      expect(invoke?.Condition).toBeUndefined();
      expect(asList(invoke?.Resource).map(renderValue).sort()).toEqual(expectedExecuteApiArns(dev));
    });

    it('names the stage in every route ARN', () => {
      const statements = statementsOf(prod, 'ApiCallerPolicy');
      const invoke = statements.find((statement) => statement.Sid === 'InvokeApiRoutes');

      expect(asList(invoke?.Resource).map(renderValue)).toContain(
        `${ARN_PREFIX}:\${ApiGatewayRestApi}/prod/POST/test`,
      );
      expect(asList(invoke?.Resource).map(renderValue).sort()).toEqual(
        expectedExecuteApiArns(prod),
      );
    });

    it('allows function URLs only with IAM', () => {
      const urlTargets = resourcesOfType(dev, 'AWS::Lambda::Url').map(([, url]) =>
        renderValue(url.Properties?.TargetFunctionArn),
      );
      const statements = statementsOf(dev, 'ApiCallerPolicy');
      const urlStatements = statements.filter((statement) =>
        asList(statement.Action).includes('lambda:InvokeFunctionUrl'),
      );

      if (urlTargets.length === 0) {
        expect(urlStatements).toEqual([]);
      } else {
        expect(urlStatements).toHaveLength(1);
        expect(urlStatements[0]?.Action).toBe('lambda:InvokeFunctionUrl');
        expect(asList(urlStatements[0]?.Resource).map(renderValue).sort()).toEqual(
          urlTargets.sort(),
        );
        expect(urlStatements[0]?.Condition).toEqual({
          StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' },
        });
      }
    });

    it('has no statement besides those two', () => {
      const sids = statementsOf(dev, 'ApiCallerPolicy').map((statement) => statement.Sid);

      for (const sid of sids) {
        expect(['InvokeApiRoutes', 'InvokeFunctionUrls']).toContain(sid);
      }
    });
  });

  describe('Aurora invoke role', () => {
    it('is trusted by RDS of this account only', () => {
      const trust = resourceById(dev, 'AuroraInvokeRole').Properties?.AssumeRolePolicyDocument as {
        Statement: PolicyStatement[];
      };

      expect(trust.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'rds.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ]);
    });

    it('may invoke this function only', () => {
      const statements = inlineStatementsOf(dev, 'AuroraInvokeRole');

      expect(statements).toEqual([
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: { 'Fn::GetAtt': ['FibonacciLambdaFunction', 'Arn'] },
        },
      ]);
    });
  });

  describe('function execution role', () => {
    it('is the role the function runs as', () => {
      const role = resourceById(dev, 'FibonacciLambdaFunction').Properties?.Role;

      expect(role).toEqual({ 'Fn::GetAtt': ['FibonacciExecutionRole', 'Arn'] });
      expect(dev.Resources.IamRoleLambdaExecution).toBeUndefined();
    });

    it('writes only its own log group', () => {
      const statements = inlineStatementsOf(dev, 'FibonacciExecutionRole');

      expect(statements).toEqual([
        {
          Effect: 'Allow',
          Action: 'logs:CreateLogStream',
          Resource: { 'Fn::GetAtt': ['FibonacciLogGroup', 'Arn'] },
        },
        {
          Effect: 'Allow',
          Action: 'logs:PutLogEvents',
          Resource: {
            'Fn::Sub':
              // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders are for Fn::Sub.
              'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${FibonacciLogGroup}:log-stream:*',
          },
        },
      ]);
    });
  });

  describe('wildcards', () => {
    it('grants no wildcard action', () => {
      const offending: string[] = [];

      for (const { location, statements } of policyDocuments(dev)) {
        for (const statement of statements) {
          // A Deny with s3:* narrows access. It is the deployment bucket's rule that every
          // request must use TLS, and a list of actions would leave out actions added later.
          if (statement.Effect === 'Deny') continue;
          for (const action of asList(statement.Action)) {
            if (action.includes('*')) offending.push(`${location}: ${action}`);
          }
        }
      }

      expect(offending).toEqual([]);
    });

    it('limits the only wildcard Deny to non-TLS', () => {
      const denies = policyDocuments(dev).flatMap(({ location, statements }) =>
        statements.filter((s) => s.Effect === 'Deny').map((s) => ({ location, statement: s })),
      );

      expect(denies).toHaveLength(1);
      expect(denies[0]?.location).toBe('ServerlessDeploymentBucketPolicy.PolicyDocument');
      expect(denies[0]?.statement.Condition).toEqual({ Bool: { 'aws:SecureTransport': false } });
    });

    it("lets API Gateway invoke only from this stack's APIs", () => {
      const permissions = resourcesOfType(dev, 'AWS::Lambda::Permission').map(
        ([logicalId, permission]) => ({
          logicalId,
          action: permission.Properties?.Action,
          principal: permission.Properties?.Principal,
          functionName: renderValue(permission.Properties?.FunctionName),
          sourceArn: renderValue(permission.Properties?.SourceArn),
        }),
      );

      // biome-ignore lint/suspicious/noTemplateCurlyInString: a rendered CloudFormation GetAtt.
      const functionArn = '${FibonacciLambdaFunction.Arn}';
      // Every route of an API shares one permission, so its source ARN ends in wildcards
      // for stage, method and path. The API id itself is never a wildcard.
      expect(permissions).toEqual([
        {
          logicalId: 'FibonacciLambdaPermissionApiGateway',
          action: 'lambda:InvokeFunction',
          principal: 'apigateway.amazonaws.com',
          functionName: functionArn,
          sourceArn: `${ARN_PREFIX}:\${ApiGatewayRestApi}/*/*`,
        },
        {
          logicalId: 'FibonacciLambdaPermissionHttpApi',
          action: 'lambda:InvokeFunction',
          principal: 'apigateway.amazonaws.com',
          functionName: functionArn,
          sourceArn: `${ARN_PREFIX}:\${HttpApi}/*`,
        },
      ]);
    });

    it('grants wildcard resources only where listed', () => {
      // Each ARN with a `*` that the template may contain, and why it cannot be narrower.
      const allowed = new Set([
        // Lambda creates a log stream per execution environment, with a name chosen at run time.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders are for Fn::Sub.
        'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${FibonacciLogGroup}:log-stream:*',
        // The TLS-only Deny covers every object of the deployment bucket.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders are for Fn::Sub.
        'arn:${AWS::Partition}:s3:::${ServerlessDeploymentBucket}/*',
      ]);
      const found: string[] = [];

      for (const { location, statements } of policyDocuments(dev)) {
        for (const statement of statements) {
          // Route ARNs contain `*` for path parameters, and the caller policy tests check each.
          if (
            location === 'ApiCallerPolicy.PolicyDocument' &&
            statement.Sid === 'InvokeApiRoutes'
          ) {
            continue;
          }
          for (const resource of asList(statement.Resource)) {
            const arn = renderValue(resource);
            if (arn.includes('*') && !allowed.has(arn)) found.push(`${location}: ${arn}`);
          }
        }
      }

      expect(found).toEqual([]);
    });
  });

  describe('outputs', () => {
    it('exports the caller policy ARN', () => {
      expect(dev.Outputs?.ApiCallerPolicyArn?.Value).toEqual({ Ref: 'ApiCallerPolicy' });
    });

    it('exports the Aurora role ARN', () => {
      expect(dev.Outputs?.AuroraInvokeRoleArn?.Value).toEqual({
        'Fn::GetAtt': ['AuroraInvokeRole', 'Arn'],
      });
    });

    it('exports the function ARN', () => {
      expect(dev.Outputs?.FibonacciFunctionArn?.Value).toEqual({
        'Fn::GetAtt': ['FibonacciLambdaFunction', 'Arn'],
      });
    });
  });

  describe('stages', () => {
    it('names resources after the stage', () => {
      const devFunction = resourceById(dev, 'FibonacciLambdaFunction').Properties;
      const prodFunction = resourceById(prod, 'FibonacciLambdaFunction').Properties;

      expect(devFunction?.FunctionName).toBe('fibonacci-dev-fibonacci');
      expect(prodFunction?.FunctionName).toBe('fibonacci-prod-fibonacci');
    });

    it('keeps logs 14 days in dev', () => {
      const logGroup = resourceById(dev, 'FibonacciLogGroup').Properties;

      expect(logGroup?.RetentionInDays).toBe(14);
    });

    it('keeps logs 90 days in prod', () => {
      const logGroup = resourceById(prod, 'FibonacciLogGroup').Properties;

      expect(logGroup?.RetentionInDays).toBe(90);
    });

    it('sets memory and timeout', () => {
      const properties = resourceById(dev, 'FibonacciLambdaFunction').Properties;

      expect(properties?.MemorySize).toBe(256);
      expect(properties?.Timeout).toBe(3);
    });

    it('defaults to the dev stage', () => {
      const result = runServerless(['print', '--path', 'provider.stage']);

      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe('dev');
    });

    it('defaults to us-east-1', () => {
      const result = runServerless(['print', '--path', 'provider.region']);

      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe('us-east-1');
    });

    it('takes the region as an option', () => {
      const result = runServerless(['print', '--region', 'eu-west-1', '--path', 'provider.region']);

      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe('eu-west-1');
    });

    it('rejects an unknown stage', () => {
      const result = runServerless(['print', '--stage', 'qa']);

      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('Value not found at "param" source');
    });
  });
});
