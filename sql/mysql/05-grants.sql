-- Least-privilege accounts of the kit on MariaDB (run as an administrator after the other
-- files). The Aurora MySQL grants for invoking Lambda are shown at the end, because they
-- exist only on Aurora.
--
-- fib_owner    definer of the routines and the trigger, with a locked account (no logins).
-- fib_inserter may only insert into fib.fibonacci; the trigger computes value for it.
--
-- NOTE: fib_inserter has no password, which suits only this local test set-up. On a real
-- server, create it IDENTIFIED BY a secret or with IAM database authentication.

CREATE USER IF NOT EXISTS 'fib_owner'@'localhost' ACCOUNT LOCK;
CREATE USER IF NOT EXISTS 'fib_inserter'@'localhost';

-- The routines read the function ARN.
GRANT SELECT ON fib.settings TO 'fib_owner'@'localhost';
-- The trigger runs with its definer's privileges when it fires: TRIGGER on the table,
-- SELECT on the column it reads (NEW.fib) and UPDATE on the column it sets (NEW.value).
GRANT TRIGGER ON fib.fibonacci TO 'fib_owner'@'localhost';
GRANT SELECT (fib), UPDATE (value) ON fib.fibonacci TO 'fib_owner'@'localhost';
-- The trigger and the routines call each other as fib_owner.
GRANT EXECUTE ON fib.* TO 'fib_owner'@'localhost';
-- MariaDB checks no privilege for calling a UDF, so lambda_sync needs no grant here.

GRANT INSERT ON fib.fibonacci TO 'fib_inserter'@'localhost';

-- Aurora MySQL: the definer that calls lambda_sync or lambda_async also needs
--   v3 (8.0):      GRANT AWS_LAMBDA_ACCESS TO 'fib_owner'@'%';
--                  and the role active in its routines, e.g.
--                  SET DEFAULT ROLE AWS_LAMBDA_ACCESS TO 'fib_owner'@'%';
--                  (or SET GLOBAL activate_all_roles_on_login = ON in the parameter group)
--   v1, v2 (5.6, 5.7): GRANT INVOKE LAMBDA ON *.* TO 'fib_owner'@'%';
-- The cluster itself needs an IAM role that may invoke the function, set as
-- aws_default_lambda_role; docs/aurora.md shows the steps.
