-- Creates the two roles of the kit and grants what each needs, in database fib.
--   fibonacci_app     owns the table and the trigger, the only role of the kit that may call
--                     aws_lambda.invoke.
--   fibonacci_writer  may only insert rows. The trigger calls Lambda on its behalf.
-- Run as a superuser locally, or as the master user on Aurora. Locally the server trusts
-- 127.0.0.1, so the roles log in without a password. On Aurora set one with ALTER ROLE.
SELECT format('CREATE ROLE %I LOGIN', role_name)
FROM (VALUES ('fibonacci_app'), ('fibonacci_writer')) AS wanted (role_name)
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = wanted.role_name)
\gexec

GRANT CONNECT ON DATABASE fib TO fibonacci_app, fibonacci_writer;
GRANT USAGE, CREATE ON SCHEMA public TO fibonacci_app;
GRANT USAGE ON SCHEMA public TO fibonacci_writer;

-- The extension revokes EXECUTE from PUBLIC, as on RDS, so the caller needs both grants.
GRANT USAGE ON SCHEMA aws_lambda, aws_commons TO fibonacci_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA aws_lambda TO fibonacci_app;
GRANT EXECUTE ON FUNCTION aws_commons.create_lambda_function_arn(text, text) TO fibonacci_app;
