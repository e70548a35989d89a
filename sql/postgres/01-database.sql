-- Creates the database fib unless it exists. Run in any database as a role that may create
-- databases (locally the superuser postgres, on Aurora the master user):
--   psql -d postgres -f 01-database.sql
SELECT 'CREATE DATABASE fib'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'fib')
\gexec
