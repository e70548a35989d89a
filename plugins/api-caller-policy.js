/**
 * Serverless Framework plugin that adds the `${apiCallers:policyStatements}` variable. It
 * contains the IAM statements that let a caller reach every HTTP entry point of this service
 * and stage, computed from the `http`, `httpApi` and `url` settings under `functions`, so a
 * route added there is covered by the caller policy without a second hand-written entry.
 */

const SUPPORTED_ADDRESS = 'policyStatements';

/** Start of every execute-api ARN in this account and region, as CloudFormation `Fn::Sub` text. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders are for Fn::Sub.
const EXECUTE_API_ARN_PREFIX = 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}';

/**
 * Stage name that the Serverless Framework gives every HTTP API (API Gateway v2).
 * NOTE: the HTTP API and function URL statements were compared with the generated template
 * only, never with a deployed API. An API shared through `provider.apiGateway.restApiId` or
 * `provider.httpApi.id` is not supported, because the ARNs refer to the stack's own APIs.
 */
export const HTTP_API_STAGE = '$default';

/**
 * Converts a route path into the resource-path part of an execute-api ARN. Path parameters
 * such as `{fib}` or `{proxy+}` become `*`, because the ARN contains the concrete value the
 * caller sends.
 */
export function toArnPath(path) {
  const segments = path.split('/').filter((segment) => segment !== '');
  return segments.map((segment) => (/^\{.+\}$/.test(segment) ? '*' : segment)).join('/');
}

/** Converts an HTTP method of a route into the method part of an execute-api ARN. */
export function toArnMethod(method) {
  const upper = method.toUpperCase();
  return upper === 'ANY' || upper === '*' ? '*' : upper;
}

/** Splits the `METHOD path` short form of an event into its parts. */
function splitShortForm(route, eventType, functionName) {
  const match = /^(\S+)\s+(\S+)$/.exec(route.trim());
  if (!match) {
    throw new Error(
      `The ${eventType} event "${route}" of function "${functionName}" is not in the form ` +
        '"METHOD path", so the caller policy cannot cover it.',
    );
  }
  return { method: match[1], path: match[2] };
}

/** Returns the `{method, path}` of an `http` (REST API) event in either of its forms. */
function restRouteOf(event, functionName) {
  if (typeof event === 'string') return splitShortForm(event, 'http', functionName);
  return { method: event.method, path: event.path };
}

/**
 * Returns the `{method, path}` of an `httpApi` event, or undefined for the catch-all route
 * `*`, which API Gateway names `$default`.
 */
function httpApiRouteOf(event, functionName) {
  const route = typeof event === 'string' ? event : `${event.method ?? '*'} ${event.path}`;
  if (route.trim() === '*') return undefined;
  return splitShortForm(route, 'httpApi', functionName);
}

/**
 * Builds the execute-api ARNs (as CloudFormation `Fn::Sub` strings) of every `http` and
 * `httpApi` route in `functions`, REST routes on `stage` and HTTP API routes on `$default`.
 *
 * @param {Record<string, {events?: object[]}>} functions the resolved `functions` setting
 * @param {string} stage the deployment stage, e.g. `dev`
 * @param {{restApi: string, httpApi: string}} logicalIds logical ids of the two APIs
 * @returns {{'Fn::Sub': string}[]} one entry per route, in definition order, without repeats
 */
export function executeApiArns(functions, stage, logicalIds) {
  const arns = new Set();
  for (const [functionName, definition] of Object.entries(functions ?? {})) {
    for (const event of definition?.events ?? []) {
      if (event.http !== undefined) {
        const { method, path } = restRouteOf(event.http, functionName);
        const api = `\${${logicalIds.restApi}}`;
        arns.add(
          `${EXECUTE_API_ARN_PREFIX}:${api}/${stage}/${toArnMethod(method)}/${toArnPath(path)}`,
        );
      }
      if (event.httpApi !== undefined) {
        const route = httpApiRouteOf(event.httpApi, functionName);
        const api = `\${${logicalIds.httpApi}}`;
        const target = route
          ? `${toArnMethod(route.method)}/${toArnPath(route.path)}`
          : HTTP_API_STAGE;
        arns.add(`${EXECUTE_API_ARN_PREFIX}:${api}/${HTTP_API_STAGE}/${target}`);
      }
    }
  }
  return [...arns].map((arn) => ({ 'Fn::Sub': arn }));
}

/** Returns whether a function's `url` setting selects IAM (AWS_IAM) authorisation. */
function usesIamFunctionUrl(url) {
  if (url === true) return false; // A bare `url: true` is a public URL (auth type NONE).
  const authorizer = url?.authorizer;
  return typeof authorizer === 'string' && authorizer.toLowerCase() === 'aws_iam';
}

/**
 * Builds the statements of the caller policy: `execute-api:Invoke` on every route, and
 * `lambda:InvokeFunctionUrl` on each function whose URL uses IAM authorisation.
 *
 * @param {Record<string, object>} functions the resolved `functions` setting
 * @param {string} stage the deployment stage
 * @param {{restApi: string, httpApi: string, lambdaFunction: (name: string) => string}} logicalIds
 */
export function callerPolicyStatements(functions, stage, logicalIds) {
  const statements = [];
  const routeArns = executeApiArns(functions, stage, logicalIds);
  if (routeArns.length > 0) {
    statements.push({
      Sid: 'InvokeApiRoutes',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: routeArns,
    });
  }
  const urlFunctions = Object.entries(functions ?? {}).filter(([, definition]) =>
    usesIamFunctionUrl(definition?.url),
  );
  if (urlFunctions.length > 0) {
    statements.push({
      Sid: 'InvokeFunctionUrls',
      Effect: 'Allow',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: urlFunctions.map(([name]) => ({
        'Fn::GetAtt': [logicalIds.lambdaFunction(name), 'Arn'],
      })),
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
    });
  }
  if (statements.length === 0) {
    throw new Error(
      'The caller policy has nothing to allow, because no function has an http or httpApi ' +
        'event or a url with authorizer aws_iam. Add one, or remove ApiCallerPolicy.',
    );
  }
  return statements;
}

export default class ApiCallerPolicyPlugin {
  constructor(serverless) {
    const naming = serverless.getProvider('aws').naming;
    const logicalIds = {
      restApi: naming.getRestApiLogicalId(),
      httpApi: naming.getHttpApiLogicalId(),
      lambdaFunction: (name) => naming.getLambdaLogicalId(name),
    };
    this.configurationVariablesSources = {
      apiCallers: {
        async resolve({ address, options, resolveConfigurationProperty }) {
          if (address !== SUPPORTED_ADDRESS) {
            throw new Error(
              `Unknown variable \${apiCallers:${address}}. ` +
                `The plugin provides only \${apiCallers:${SUPPORTED_ADDRESS}}.`,
            );
          }
          const functions = await resolveConfigurationProperty(['functions']);
          const stage =
            options.stage ?? (await resolveConfigurationProperty(['provider', 'stage'])) ?? 'dev';
          return { value: callerPolicyStatements(functions, stage, logicalIds) };
        },
      },
    };
  }
}
