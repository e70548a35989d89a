import { describe, expect, it } from '@jest/globals';
import { callerPolicyStatements, executeApiArns } from '../../plugins/api-caller-policy.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders are for Fn::Sub.
const PREFIX = 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}';
const LOGICAL_IDS = {
  restApi: 'RestApi',
  httpApi: 'HttpApi',
  lambdaFunction: (name: string) => `${name}LambdaFunction`,
};

function arnsOf(events: unknown[], stage = 'dev'): string[] {
  return executeApiArns({ fib: { events } }, stage, LOGICAL_IDS).map((arn) => arn['Fn::Sub']);
}

describe('executeApiArns', () => {
  it('covers a REST route on the stage', () => {
    const arns = arnsOf([{ http: { path: 'test', method: 'post' } }], 'prod');

    expect(arns).toEqual([`${PREFIX}:\${RestApi}/prod/POST/test`]);
  });

  it('reads the short event form', () => {
    const arns = arnsOf([{ http: 'GET /fibonacci' }, { httpApi: 'POST /fibonacci' }]);

    expect(arns).toEqual([
      `${PREFIX}:\${RestApi}/dev/GET/fibonacci`,
      `${PREFIX}:\${HttpApi}/$default/POST/fibonacci`,
    ]);
  });

  it('matches path parameters with *', () => {
    const arns = arnsOf([
      { http: { path: '/fibonacci/{fib}', method: 'get' } },
      { httpApi: { path: '/files/{proxy+}', method: 'get' } },
    ]);

    expect(arns).toEqual([
      `${PREFIX}:\${RestApi}/dev/GET/fibonacci/*`,
      `${PREFIX}:\${HttpApi}/$default/GET/files/*`,
    ]);
  });

  it('turns method any into *', () => {
    const arns = arnsOf([{ http: { path: 'test', method: 'any' } }]);

    expect(arns).toEqual([`${PREFIX}:\${RestApi}/dev/*/test`]);
  });

  it('names the HTTP API catch-all $default', () => {
    const arns = arnsOf([{ httpApi: '*' }]);

    expect(arns).toEqual([`${PREFIX}:\${HttpApi}/$default/$default`]);
  });

  it('covers the root path', () => {
    const arns = arnsOf([{ http: { path: '/', method: 'post' } }]);

    expect(arns).toEqual([`${PREFIX}:\${RestApi}/dev/POST/`]);
  });

  it('lists a repeated route once', () => {
    const arns = arnsOf([{ http: 'POST test' }, { http: { path: '/test', method: 'post' } }]);

    expect(arns).toHaveLength(1);
  });

  it('ignores events that are not HTTP', () => {
    const arns = arnsOf([{ schedule: 'rate(1 hour)' }, { http: 'POST test' }]);

    expect(arns).toEqual([`${PREFIX}:\${RestApi}/dev/POST/test`]);
  });

  it('rejects a malformed short form', () => {
    const act = () => arnsOf([{ http: 'POST' }]);

    expect(act).toThrow('The http event "POST" of function "fib" is not in the form');
  });
});

describe('callerPolicyStatements', () => {
  it('adds function URLs with IAM only', () => {
    const functions = {
      signed: { url: { authorizer: 'aws_iam' } },
      open: { url: true },
    };

    const statements = callerPolicyStatements(functions, 'dev', LOGICAL_IDS);

    expect(statements).toEqual([
      {
        Sid: 'InvokeFunctionUrls',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunctionUrl',
        Resource: [{ 'Fn::GetAtt': ['signedLambdaFunction', 'Arn'] }],
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
      },
    ]);
  });

  it('rejects a service without HTTP entry points', () => {
    const act = () => callerPolicyStatements({ fib: { events: [] } }, 'dev', LOGICAL_IDS);

    expect(act).toThrow('The caller policy has nothing to allow');
  });
});
