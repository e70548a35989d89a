-- Schema of the Fibonacci kit for Aurora MySQL (v1, v2, v3) and MariaDB 10.11.
-- A row inserted into fib.fibonacci gets its value from the Lambda function (see the
-- trigger in 04-trigger.sql). Safe to run again: nothing that exists is dropped.

CREATE DATABASE IF NOT EXISTS fib CHARACTER SET utf8mb4;

-- Settings of the kit, one row per name. The function ARN is kept here only, so moving to
-- another stage or account means one UPDATE and no routine changes.
CREATE TABLE IF NOT EXISTS fib.settings (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value VARCHAR(512) NOT NULL
) ENGINE = InnoDB;

-- lambda_sync and lambda_async send only the function name, so the local stand-ins ignore
-- the region and account of this ARN. On Aurora, set the ARN of the deployed function
-- (stack output FibonacciFunctionArn).
INSERT IGNORE INTO fib.settings (name, value)
VALUES ('function_arn', 'arn:aws:lambda:us-east-1:000000000000:function:fibonacci-dev-fibonacci');

-- value is DECIMAL(65,0), the widest exact integer type of MySQL and MariaDB. It stores
-- fib(0) to fib(312), which has 65 digits, while BIGINT UNSIGNED would stop at fib(93).
-- fib.max_stored_fib() returns that limit and the routines reject a larger fib.
CREATE TABLE IF NOT EXISTS fib.fibonacci (
  fib INT NULL,
  value DECIMAL(65, 0) NULL
) ENGINE = InnoDB;
