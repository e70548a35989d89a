-- Creates the aws_lambda schema with the four aws_lambda.invoke overloads of Aurora and RDS
-- for PostgreSQL: the payload as json or jsonb, the function as text or as the aws_commons ARN type.
\echo Use "CREATE EXTENSION aws_lambda CASCADE" to load this file. \quit

CREATE SCHEMA aws_lambda;

CREATE FUNCTION aws_lambda.invoke(
  IN function_name text,
  IN payload json,
  IN region text DEFAULT NULL,
  IN invocation_type text DEFAULT 'RequestResponse',
  IN log_type text DEFAULT 'None',
  IN context json DEFAULT NULL,
  IN qualifier varchar(128) DEFAULT NULL,
  OUT status_code integer,
  OUT payload json,
  OUT executed_version text,
  OUT log_result text
)
RETURNS record
LANGUAGE c
VOLATILE
PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'aws_lambda_invoke_name_json';

CREATE FUNCTION aws_lambda.invoke(
  IN function_name text,
  IN payload jsonb,
  IN region text DEFAULT NULL,
  IN invocation_type text DEFAULT 'RequestResponse',
  IN log_type text DEFAULT 'None',
  IN context jsonb DEFAULT NULL,
  IN qualifier varchar(128) DEFAULT NULL,
  OUT status_code integer,
  OUT payload jsonb,
  OUT executed_version text,
  OUT log_result text
)
RETURNS record
LANGUAGE c
VOLATILE
PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'aws_lambda_invoke_name_jsonb';

CREATE FUNCTION aws_lambda.invoke(
  IN function_name aws_commons._lambda_function_arn_1,
  IN payload json,
  IN invocation_type text DEFAULT 'RequestResponse',
  IN log_type text DEFAULT 'None',
  IN context json DEFAULT NULL,
  IN qualifier varchar(128) DEFAULT NULL,
  OUT status_code integer,
  OUT payload json,
  OUT executed_version text,
  OUT log_result text
)
RETURNS record
LANGUAGE c
VOLATILE
PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'aws_lambda_invoke_arn_json';

CREATE FUNCTION aws_lambda.invoke(
  IN function_name aws_commons._lambda_function_arn_1,
  IN payload jsonb,
  IN invocation_type text DEFAULT 'RequestResponse',
  IN log_type text DEFAULT 'None',
  IN context jsonb DEFAULT NULL,
  IN qualifier varchar(128) DEFAULT NULL,
  OUT status_code integer,
  OUT payload jsonb,
  OUT executed_version text,
  OUT log_result text
)
RETURNS record
LANGUAGE c
VOLATILE
PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'aws_lambda_invoke_arn_jsonb';

-- As on RDS, a role needs USAGE on the schema and EXECUTE granted explicitly.
REVOKE ALL ON FUNCTION
  aws_lambda.invoke(text, json, text, text, text, json, varchar),
  aws_lambda.invoke(text, jsonb, text, text, text, jsonb, varchar),
  aws_lambda.invoke(aws_commons._lambda_function_arn_1, json, text, text, json, varchar),
  aws_lambda.invoke(aws_commons._lambda_function_arn_1, jsonb, text, text, jsonb, varchar)
FROM PUBLIC;
