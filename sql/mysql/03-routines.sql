-- Stored routines of the Fibonacci kit. The trigger in 04-trigger.sql calls
-- fib.fibonacci_lambda; fib.fibonacci_lambda_v1 is the same for Aurora MySQL v1 (MySQL 5.6),
-- which has no JSON functions. All routines run as fib_owner (05-grants.sql).
--
-- Every failure raises SQLSTATE '45000' with a message that starts with the fib index and
-- carries the Lambda function's own message, e.g.
--   fib -1: Invalid request payload: /fib must be >= 0. Expected ...
-- so the statement fails and, on InnoDB, writes no row.

DELIMITER //

-- Largest fib whose value fits fib.fibonacci.value DECIMAL(65,0): fib(312) has 65 digits.
DROP FUNCTION IF EXISTS fib.max_stored_fib //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.max_stored_fib() RETURNS INT
  DETERMINISTIC
  NO SQL
  RETURN 312 //

-- ARN of the Lambda function, from fib.settings.
DROP FUNCTION IF EXISTS fib.function_arn //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.function_arn() RETURNS VARCHAR(512)
  NOT DETERMINISTIC
  READS SQL DATA
BEGIN
  DECLARE arn VARCHAR(512);
  DECLARE problem VARCHAR(128) DEFAULT 'missing setting: INSERT the function ARN into fib.settings as name function_arn';
  SELECT value INTO arn FROM fib.settings WHERE name = 'function_arn';
  IF arn IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = problem;
  END IF;
  RETURN arn;
END //

-- Payload {"fib": n} with n a JSON number, or null for a NULL n so that the function
-- reports the missing value. Built with CONCAT because JSON_OBJECT('fib', n) with an INT
-- routine parameter yields "fib": "10", a string, on MariaDB 10.11.
DROP FUNCTION IF EXISTS fib.fibonacci_payload //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.fibonacci_payload(n INT) RETURNS VARCHAR(64)
  DETERMINISTIC
  NO SQL
  RETURN CONCAT('{"fib": ', IFNULL(n, 'null'), '}') //

-- Raises SQLSTATE '45000' with "fib <n>: <reason>", cut to the 128 characters that
-- MESSAGE_TEXT holds. The prefix of lambda_sync errors is dropped to keep the reason.
DROP PROCEDURE IF EXISTS fib.raise_fibonacci_error //
CREATE DEFINER = 'fib_owner'@'localhost' PROCEDURE fib.raise_fibonacci_error(n INT, reason TEXT)
  NO SQL
BEGIN
  DECLARE message VARCHAR(128);
  DECLARE prefix VARCHAR(32) DEFAULT 'Lambda API returned error: ';
  IF LEFT(reason, CHAR_LENGTH(prefix)) = prefix THEN
    SET reason = SUBSTRING(reason, CHAR_LENGTH(prefix) + 1);
  END IF;
  SET message = LEFT(CONCAT('fib ', IFNULL(n, 'NULL'), ': ', IFNULL(reason, 'unknown error')), 128);
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
END //

-- Invokes the function with {"fib": n} and returns its raw result. A failed invocation
-- (function error, unknown function, invalid payload, unreachable endpoint) raises
-- SQLSTATE '45000' with lambda_sync's reason.
DROP FUNCTION IF EXISTS fib.invoke_fibonacci //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.invoke_fibonacci(n INT) RETURNS LONGTEXT CHARACTER SET utf8mb4
  NOT DETERMINISTIC
  READS SQL DATA
BEGIN
  DECLARE result LONGTEXT CHARACTER SET utf8mb4;

  IF n > fib.max_stored_fib() THEN
    CALL fib.raise_fibonacci_error(n, CONCAT('fib must be at most ', fib.max_stored_fib(),
      ', because fib.fibonacci.value DECIMAL(65,0) cannot store a larger value'));
  END IF;

  -- The handler covers only the call, so errors raised above keep their message as is.
  BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
      DECLARE reason TEXT;
      GET DIAGNOSTICS CONDITION 1 reason = MESSAGE_TEXT;
      CALL fib.raise_fibonacci_error(n, reason);
    END;
    SET result = lambda_sync(fib.function_arn(), fib.fibonacci_payload(n));
  END;
  IF result IS NULL THEN
    CALL fib.raise_fibonacci_error(n, 'lambda_sync returned NULL');
  END IF;
  RETURN result;
END //

-- Checks the extracted value text and returns it as DECIMAL(65,0). Rejects anything but 1 to
-- 65 digits, so a wrong or missing value is never stored as a number.
DROP FUNCTION IF EXISTS fib.checked_value //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.checked_value(n INT, value_text LONGTEXT) RETURNS DECIMAL(65, 0)
  DETERMINISTIC
  NO SQL
BEGIN
  IF value_text IS NULL OR value_text NOT REGEXP '^[0-9]{1,65}$' THEN
    CALL fib.raise_fibonacci_error(n, CONCAT('the result has no decimal value of at most 65 digits: ',
      IFNULL(LEFT(value_text, 40), 'NULL')));
  END IF;
  RETURN CAST(value_text AS DECIMAL(65, 0));
END //

-- fib(n) from the Lambda function, read with the JSON functions of Aurora MySQL v2 (5.7)
-- and v3 (8.0), which MariaDB 10.11 shares.
DROP FUNCTION IF EXISTS fib.fibonacci_lambda //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.fibonacci_lambda(n INT) RETURNS DECIMAL(65, 0)
  NOT DETERMINISTIC
  READS SQL DATA
BEGIN
  DECLARE result LONGTEXT CHARACTER SET utf8mb4 DEFAULT fib.invoke_fibonacci(n);
  IF JSON_VALID(result) = 0 OR JSON_TYPE(result) <> 'OBJECT' THEN
    CALL fib.raise_fibonacci_error(n, CONCAT('the result is not a JSON object: ', LEFT(result, 60)));
  END IF;
  -- A function may also report failure in its result instead of as a function error.
  IF JSON_CONTAINS_PATH(result, 'one', '$.errorMessage') THEN
    CALL fib.raise_fibonacci_error(n, JSON_UNQUOTE(JSON_EXTRACT(result, '$.errorMessage')));
  END IF;
  RETURN fib.checked_value(n, JSON_UNQUOTE(JSON_EXTRACT(result, '$.value')));
END //

-- fib(n) from the Lambda function, read with fib.json_member_text for Aurora MySQL v1.
DROP FUNCTION IF EXISTS fib.fibonacci_lambda_v1 //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.fibonacci_lambda_v1(n INT) RETURNS DECIMAL(65, 0)
  NOT DETERMINISTIC
  READS SQL DATA
BEGIN
  DECLARE result LONGTEXT CHARACTER SET utf8mb4 DEFAULT fib.invoke_fibonacci(n);
  DECLARE error_message LONGTEXT CHARACTER SET utf8mb4;
  DECLARE value_text LONGTEXT CHARACTER SET utf8mb4;

  -- json_member_text raises SQLSTATE '45000' without the fib index, e.g. when the result is
  -- not a JSON object, so the handler adds it. It covers only the lookups, because the
  -- errors raised below already carry the index.
  BEGIN
    DECLARE EXIT HANDLER FOR SQLSTATE '45000'
    BEGIN
      DECLARE reason TEXT;
      GET DIAGNOSTICS CONDITION 1 reason = MESSAGE_TEXT;
      CALL fib.raise_fibonacci_error(n, reason);
    END;
    SET error_message = fib.json_member_text(result, 'errorMessage');
    IF error_message IS NULL THEN
      SET value_text = fib.json_member_text(result, 'value');
    END IF;
  END;
  IF error_message IS NOT NULL THEN
    CALL fib.raise_fibonacci_error(n, error_message);
  END IF;
  RETURN fib.checked_value(n, value_text);
END //

-- Fire and forget: queues one invocation with {"fib": n} and returns at once (HTTP 202),
-- for callers that do not need the value. Failing to queue raises SQLSTATE '45000'.
DROP PROCEDURE IF EXISTS fib.request_fibonacci_async //
CREATE DEFINER = 'fib_owner'@'localhost' PROCEDURE fib.request_fibonacci_async(n INT)
  READS SQL DATA
BEGIN
  DECLARE ignored LONGTEXT;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DECLARE reason TEXT;
    GET DIAGNOSTICS CONDITION 1 reason = MESSAGE_TEXT;
    CALL fib.raise_fibonacci_error(n, reason);
  END;
  SET ignored = lambda_async(fib.function_arn(), fib.fibonacci_payload(n));
END //

-- Reference fib(n) in plain SQL, iterative, for comparison with the Lambda function.
DROP FUNCTION IF EXISTS fib.fibonacci_iterative //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.fibonacci_iterative(n INT) RETURNS DECIMAL(65, 0)
  DETERMINISTIC
  NO SQL
BEGIN
  DECLARE previous DECIMAL(65, 0) DEFAULT 0;
  DECLARE current DECIMAL(65, 0) DEFAULT 1;
  DECLARE following DECIMAL(65, 0);
  DECLARE i INT DEFAULT 1;
  IF n IS NULL OR n < 0 OR n > fib.max_stored_fib() THEN
    CALL fib.raise_fibonacci_error(n, CONCAT('fib must be an integer from 0 to ', fib.max_stored_fib()));
  END IF;
  IF n = 0 THEN
    RETURN 0;
  END IF;
  -- Stops at fib(n), never computing fib(n + 1), which may not fit DECIMAL(65,0).
  WHILE i < n DO
    SET following = previous + current;
    SET previous = current;
    SET current = following;
    SET i = i + 1;
  END WHILE;
  RETURN current;
END //

DELIMITER ;
