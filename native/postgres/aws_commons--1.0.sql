-- Creates the aws_commons schema with the Lambda function ARN type that aws_lambda.invoke takes.
\echo Use "CREATE EXTENSION aws_commons" to load this file. \quit

CREATE SCHEMA aws_commons;

-- A function given as a name, partial ARN or full ARN, and the region to call it in.
-- A NULL region means the region of a full ARN, else the setting aws_lambda.region.
CREATE TYPE aws_commons._lambda_function_arn_1 AS (
  function_name text,
  region text
);

CREATE FUNCTION aws_commons.create_lambda_function_arn(
  function_name text,
  region text DEFAULT NULL
)
RETURNS aws_commons._lambda_function_arn_1
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
  SELECT ROW(function_name, region)::aws_commons._lambda_function_arn_1
$$;

-- As on RDS, a role needs USAGE on the schema and EXECUTE granted explicitly.
REVOKE ALL ON FUNCTION aws_commons.create_lambda_function_arn(text, text) FROM PUBLIC;
