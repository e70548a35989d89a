-- Registers the local lambda_sync and lambda_async UDFs (MariaDB only: Aurora MySQL has
-- them built in). Needs lambda_udf.so in the server's plugin directory.
CREATE FUNCTION IF NOT EXISTS lambda_sync RETURNS STRING SONAME 'lambda_udf.so';
CREATE FUNCTION IF NOT EXISTS lambda_async RETURNS STRING SONAME 'lambda_udf.so';
