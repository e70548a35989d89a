// Types of the pure functions of api-caller-policy.js, for the tests that import them.

/** Logical ids of the resources that the caller policy points at. */
export interface CallerPolicyLogicalIds {
  restApi: string;
  httpApi: string;
  lambdaFunction: (functionName: string) => string;
}

/** One IAM policy statement with CloudFormation intrinsics as resources. */
export interface CallerPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string;
  Resource: unknown[];
  Condition?: Record<string, unknown>;
}

export const HTTP_API_STAGE: string;
export function toArnPath(path: string): string;
export function toArnMethod(method: string): string;
export function executeApiArns(
  functions: Record<string, unknown> | undefined,
  stage: string,
  logicalIds: Pick<CallerPolicyLogicalIds, 'restApi' | 'httpApi'>,
): { 'Fn::Sub': string }[];
export function callerPolicyStatements(
  functions: Record<string, unknown> | undefined,
  stage: string,
  logicalIds: CallerPolicyLogicalIds,
): CallerPolicyStatement[];

export default class ApiCallerPolicyPlugin {
  constructor(serverless: unknown);
}
