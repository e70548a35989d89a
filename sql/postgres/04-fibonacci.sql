-- Creates the fibonacci table, whose BEFORE INSERT trigger computes each row's value by
-- invoking the Fibonacci Lambda function. Run as the owner role in database fib:
--   psql -U fibonacci_app -d fib -f 04-fibonacci.sql
-- Every statement can run again: the script replaces its own objects and keeps the rows.

-- numeric has no fixed precision, so value stores every result the function returns exactly
-- (fib(10000) has 2090 digits).
CREATE TABLE IF NOT EXISTS public.fibonacci (
  fib integer,
  value numeric
);

-- The Lambda function the trigger invokes, as a name, partial ARN or full ARN. This is the
-- only place that names it.
CREATE OR REPLACE FUNCTION public.fibonacci_function_name()
RETURNS text
LANGUAGE sql
IMMUTABLE
AS $$
  SELECT 'fibonacci-dev-fibonacci'
$$;

-- Sets NEW.value to fib(NEW.fib) as the function computes it. A function error, e.g. for a
-- negative or NULL fib, raises "lambda invocation failed" and aborts the whole statement.
-- SECURITY DEFINER runs the call with the owner's grants, so a role that may only insert
-- rows cannot call aws_lambda.invoke for any other function.
CREATE OR REPLACE FUNCTION public.fibonacci_set_value()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  reply record;
BEGIN
  -- json_build_object returns json, which picks the json overload of invoke. An untyped
  -- literal payload would match both the json and the jsonb overload, so cast literals.
  SELECT invoked.status_code, invoked.payload
  INTO STRICT reply
  FROM aws_lambda.invoke(
    public.fibonacci_function_name(),
    json_build_object('fib', NEW.fib)
  ) AS invoked;

  IF reply.payload ->> 'value' IS NULL THEN
    RAISE EXCEPTION 'function % returned no value for fib %',
      public.fibonacci_function_name(), NEW.fib
      USING DETAIL = format('status %s, payload %s', reply.status_code, reply.payload),
            HINT = 'The function must return a JSON object {"fib": n, "value": "<digits>"}.';
  END IF;

  NEW.value := (reply.payload ->> 'value')::numeric;
  RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION public.fibonacci_set_value() FROM PUBLIC;

CREATE OR REPLACE TRIGGER fibonacci_set_value
BEFORE INSERT ON public.fibonacci
FOR EACH ROW
EXECUTE FUNCTION public.fibonacci_set_value();

-- The insert-only role: no SELECT, UPDATE or DELETE, and no grant on aws_lambda.
GRANT INSERT ON public.fibonacci TO fibonacci_writer;
