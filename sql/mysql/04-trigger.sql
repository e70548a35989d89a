-- The table is the invocation interface: INSERT INTO fib.fibonacci VALUES (10, NULL)
-- stores 55. A failed invocation fails the INSERT, and no row of it is written.

DROP TRIGGER IF EXISTS fib.fibonacci_before_insert;
CREATE DEFINER = 'fib_owner'@'localhost' TRIGGER fib.fibonacci_before_insert
  BEFORE INSERT ON fib.fibonacci
  FOR EACH ROW
  SET NEW.value = fib.fibonacci_lambda(NEW.fib);
