-- Installs aws_lambda and the aws_commons extension it requires into the current database.
-- Locally this needs a superuser. On Aurora and RDS a member of rds_superuser runs the same line.
CREATE EXTENSION IF NOT EXISTS aws_lambda CASCADE;
