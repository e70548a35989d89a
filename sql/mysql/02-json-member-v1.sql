-- fib.json_member_text(document, member_name): the value of one top-level member of a JSON
-- object, for Aurora MySQL v1 (MySQL 5.6), which has lambda_sync but no JSON functions.
-- Uses only MySQL 5.6 string functions, so the same routine runs on every line.
--
-- Returns a string member decoded (escapes resolved), a number, true or false as its text,
-- an object or array as its JSON text, and NULL for a JSON null or a missing member.
-- Raises SQLSTATE '45000' when document is not a JSON object. Member names are compared
-- byte for byte, so 'Value' does not match "value".

DELIMITER //

DROP FUNCTION IF EXISTS fib.json_member_text //
CREATE DEFINER = 'fib_owner'@'localhost' FUNCTION fib.json_member_text(
  document LONGTEXT CHARACTER SET utf8mb4,
  member_name VARCHAR(255) CHARACTER SET utf8mb4
) RETURNS LONGTEXT CHARACTER SET utf8mb4
  DETERMINISTIC
  NO SQL
  SQL SECURITY INVOKER
BEGIN
  DECLARE position INT DEFAULT 1;
  DECLARE document_length INT DEFAULT CHAR_LENGTH(document);
  -- VARCHAR, not CHAR, because a CHAR(1) variable would turn ' ' into ''.
  DECLARE current VARCHAR(1) CHARACTER SET utf8mb4;
  DECLARE member_key LONGTEXT CHARACTER SET utf8mb4;
  DECLARE value_start INT;
  DECLARE depth INT;
  DECLARE in_string BOOLEAN;
  DECLARE decoded LONGTEXT CHARACTER SET utf8mb4;
  DECLARE escape_code VARCHAR(1) CHARACTER SET utf8mb4;
  DECLARE high_hex CHAR(4);
  DECLARE low_hex CHAR(4);
  DECLARE problem VARCHAR(128);

  IF document IS NULL OR member_name IS NULL THEN
    RETURN NULL;
  END IF;

  -- Skip whitespace, then expect the opening brace.
  WHILE position <= document_length AND SUBSTRING(document, position, 1) IN (' ', '\t', '\n', '\r') DO
    SET position = position + 1;
  END WHILE;
  IF SUBSTRING(document, position, 1) <> '{' THEN
    SET problem = 'json_member_text: the document is not a JSON object';
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = problem;
  END IF;
  SET position = position + 1;

  members: LOOP
    WHILE position <= document_length AND SUBSTRING(document, position, 1) IN (' ', '\t', '\n', '\r') DO
      SET position = position + 1;
    END WHILE;
    IF position > document_length OR SUBSTRING(document, position, 1) <> '"' THEN
      RETURN NULL; -- '}' of an empty or finished object
    END IF;

    -- Read the member key. An escaped character is kept as is (\n stays n), which is
    -- enough for the plain keys looked up here.
    SET decoded = '';
    SET position = position + 1;
    key_characters: LOOP
      IF position > document_length THEN
        SET problem = 'json_member_text: unterminated string in the document';
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = problem;
      END IF;
      SET current = SUBSTRING(document, position, 1);
      IF current = '"' THEN
        LEAVE key_characters;
      END IF;
      IF current = '\\' THEN
        SET position = position + 1;
        SET current = SUBSTRING(document, position, 1);
      END IF;
      SET decoded = CONCAT(decoded, current);
      SET position = position + 1;
    END LOOP key_characters;
    SET member_key = decoded;
    SET position = position + 1;

    -- Skip the ':' and the whitespace around it.
    WHILE position <= document_length AND SUBSTRING(document, position, 1) IN (' ', '\t', '\n', '\r', ':') DO
      SET position = position + 1;
    END WHILE;
    SET value_start = position;

    IF BINARY member_key = BINARY member_name THEN
      SET current = SUBSTRING(document, position, 1);
      IF current = '"' THEN
        -- Decode the string: \" \\ \/ \b \f \n \r \t and \uXXXX, with surrogate pairs.
        SET decoded = '';
        SET position = position + 1;
        WHILE SUBSTRING(document, position, 1) <> '"' AND position <= document_length DO
          SET current = SUBSTRING(document, position, 1);
          IF current <> '\\' THEN
            SET decoded = CONCAT(decoded, current);
            SET position = position + 1;
          ELSE
            SET escape_code = SUBSTRING(document, position + 1, 1);
            SET position = position + 2;
            IF BINARY escape_code = 'u' THEN
              SET high_hex = SUBSTRING(document, position, 4);
              SET position = position + 4;
              IF CONV(high_hex, 16, 10) BETWEEN 55296 AND 56319
                 AND SUBSTRING(document, position, 2) = '\\u' THEN
                SET low_hex = SUBSTRING(document, position + 2, 4);
                SET position = position + 6;
                SET decoded = CONCAT(decoded,
                  CONVERT(CONVERT(UNHEX(CONCAT(high_hex, low_hex)) USING utf16) USING utf8mb4));
              ELSE
                SET decoded = CONCAT(decoded,
                  CONVERT(CONVERT(UNHEX(high_hex) USING utf16) USING utf8mb4));
              END IF;
            ELSE
              SET decoded = CONCAT(decoded, CASE BINARY escape_code
                WHEN 'b' THEN CHAR(8)
                WHEN 'f' THEN CHAR(12)
                WHEN 'n' THEN '\n'
                WHEN 'r' THEN '\r'
                WHEN 't' THEN '\t'
                ELSE escape_code
              END);
            END IF;
          END IF;
        END WHILE;
        RETURN decoded;
      END IF;
    END IF;

    -- Skip the value: strings may contain brackets and commas, nested values end at depth 0.
    SET depth = 0;
    SET in_string = FALSE;
    value_characters: WHILE position <= document_length DO
      SET current = SUBSTRING(document, position, 1);
      IF in_string THEN
        IF current = '\\' THEN
          SET position = position + 1;
        ELSEIF current = '"' THEN
          SET in_string = FALSE;
        END IF;
      ELSEIF current = '"' THEN
        SET in_string = TRUE;
      ELSEIF current IN ('{', '[') THEN
        SET depth = depth + 1;
      ELSEIF current IN ('}', ']') THEN
        IF depth = 0 THEN
          LEAVE value_characters;
        END IF;
        SET depth = depth - 1;
      ELSEIF current = ',' AND depth = 0 THEN
        LEAVE value_characters;
      END IF;
      SET position = position + 1;
    END WHILE value_characters;

    IF BINARY member_key = BINARY member_name THEN
      SET decoded = TRIM(TRAILING '\r' FROM TRIM(TRAILING '\n' FROM TRIM(TRAILING '\t' FROM
        TRIM(TRAILING ' ' FROM SUBSTRING(document, value_start, position - value_start)))));
      IF decoded = 'null' THEN
        RETURN NULL;
      END IF;
      RETURN decoded;
    END IF;

    IF SUBSTRING(document, position, 1) <> ',' THEN
      RETURN NULL;
    END IF;
    SET position = position + 1;
  END LOOP members;
END //

DELIMITER ;
