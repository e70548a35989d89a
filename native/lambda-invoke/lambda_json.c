/*
 * Strict JSON syntax checker (RFC 8259) and a reader for one top-level string member, used
 * to reject a payload before invoking and to pull errorMessage out of an error reply.
 */
#include "lambda_json_internal.h"

#include <string.h>

#include "lambda_invoke.h"

#define JSON_MAX_DEPTH 512

typedef struct json_cursor {
  const unsigned char *text;
  size_t length;
  size_t offset;
  const char *problem; /* set on the first error */
} json_cursor;

static int fail(json_cursor *cursor, const char *problem) {
  if (cursor->problem == NULL) {
    cursor->problem = problem;
  }
  return -1;
}

static void skip_whitespace(json_cursor *cursor) {
  while (cursor->offset < cursor->length) {
    unsigned char c = cursor->text[cursor->offset];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return;
    }
    cursor->offset++;
  }
}

static int at_end(const json_cursor *cursor) { return cursor->offset >= cursor->length; }

static unsigned char peek(const json_cursor *cursor) { return cursor->text[cursor->offset]; }

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Returns the length of the well-formed UTF-8 sequence at offset (2 to 4), or 0. Rejects
 * overlong forms, UTF-16 surrogates and code points above U+10FFFF. */
static size_t utf8_sequence_length(const unsigned char *s, size_t available) {
  unsigned char c = s[0];
  size_t length;
  unsigned int low = 0x80, high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (available < length) return 0;
  if (s[1] < low || s[1] > high) return 0;
  for (size_t i = 2; i < length; i++) {
    if (s[i] < 0x80 || s[i] > 0xBF) return 0;
  }
  return length;
}

static int parse_string(json_cursor *cursor) {
  cursor->offset++; /* opening quote */
  while (!at_end(cursor)) {
    unsigned char c = peek(cursor);
    if (c == '"') {
      cursor->offset++;
      return 0;
    }
    if (c < 0x20) {
      return fail(cursor, "unescaped control character in a string");
    }
    if (c == '\\') {
      cursor->offset++;
      if (at_end(cursor)) break;
      unsigned char escape = peek(cursor);
      if (escape == 'u') {
        if (cursor->length - cursor->offset < 5) {
          return fail(cursor, "incomplete \\u escape");
        }
        for (size_t i = 1; i <= 4; i++) {
          if (hex_value(cursor->text[cursor->offset + i]) < 0) {
            return fail(cursor, "invalid \\u escape, expected 4 hex digits");
          }
        }
        cursor->offset += 5;
        continue;
      }
      if (strchr("\"\\/bfnrt", escape) == NULL || escape == '\0') {
        return fail(cursor, "invalid escape in a string");
      }
      cursor->offset++;
      continue;
    }
    if (c < 0x80) {
      cursor->offset++;
      continue;
    }
    size_t sequence = utf8_sequence_length(cursor->text + cursor->offset,
                                           cursor->length - cursor->offset);
    if (sequence == 0) {
      return fail(cursor, "invalid UTF-8 in a string");
    }
    cursor->offset += sequence;
  }
  return fail(cursor, "unterminated string");
}

static int parse_number(json_cursor *cursor) {
  if (peek(cursor) == '-') cursor->offset++;
  if (at_end(cursor) || !is_digit(peek(cursor))) {
    return fail(cursor, "invalid number, expected a digit");
  }
  if (peek(cursor) == '0') {
    cursor->offset++;
    if (!at_end(cursor) && is_digit(peek(cursor))) {
      return fail(cursor, "invalid number, leading zeros are not allowed");
    }
  } else {
    while (!at_end(cursor) && is_digit(peek(cursor))) cursor->offset++;
  }
  if (!at_end(cursor) && peek(cursor) == '.') {
    cursor->offset++;
    if (at_end(cursor) || !is_digit(peek(cursor))) {
      return fail(cursor, "invalid number, expected a digit after the decimal point");
    }
    while (!at_end(cursor) && is_digit(peek(cursor))) cursor->offset++;
  }
  if (!at_end(cursor) && (peek(cursor) == 'e' || peek(cursor) == 'E')) {
    cursor->offset++;
    if (!at_end(cursor) && (peek(cursor) == '+' || peek(cursor) == '-')) cursor->offset++;
    if (at_end(cursor) || !is_digit(peek(cursor))) {
      return fail(cursor, "invalid number, expected a digit in the exponent");
    }
    while (!at_end(cursor) && is_digit(peek(cursor))) cursor->offset++;
  }
  return 0;
}

static int parse_literal(json_cursor *cursor, const char *literal) {
  size_t length = strlen(literal);
  if (cursor->length - cursor->offset < length ||
      memcmp(cursor->text + cursor->offset, literal, length) != 0) {
    return fail(cursor, "unexpected character, expected a JSON value");
  }
  cursor->offset += length;
  return 0;
}

static int parse_value(json_cursor *cursor, int depth);

static int parse_container(json_cursor *cursor, int depth, int is_object) {
  unsigned char close = is_object ? '}' : ']';
  if (depth >= JSON_MAX_DEPTH) {
    return fail(cursor, "nesting deeper than 512 levels");
  }
  cursor->offset++; /* opening bracket */
  skip_whitespace(cursor);
  if (!at_end(cursor) && peek(cursor) == close) {
    cursor->offset++;
    return 0;
  }
  for (;;) {
    if (is_object) {
      skip_whitespace(cursor);
      if (at_end(cursor) || peek(cursor) != '"') {
        return fail(cursor, "expected a string as object key");
      }
      if (parse_string(cursor) != 0) return -1;
      skip_whitespace(cursor);
      if (at_end(cursor) || peek(cursor) != ':') {
        return fail(cursor, "expected ':' after an object key");
      }
      cursor->offset++;
    }
    if (parse_value(cursor, depth + 1) != 0) return -1;
    skip_whitespace(cursor);
    if (at_end(cursor)) {
      return fail(cursor, is_object ? "unterminated object" : "unterminated array");
    }
    if (peek(cursor) == ',') {
      cursor->offset++;
      continue;
    }
    if (peek(cursor) == close) {
      cursor->offset++;
      return 0;
    }
    return fail(cursor, is_object ? "expected ',' or '}' in an object"
                                  : "expected ',' or ']' in an array");
  }
}

static int parse_value(json_cursor *cursor, int depth) {
  skip_whitespace(cursor);
  if (at_end(cursor)) {
    return fail(cursor, "unexpected end of input, expected a JSON value");
  }
  unsigned char c = peek(cursor);
  switch (c) {
    case '{':
      return parse_container(cursor, depth, 1);
    case '[':
      return parse_container(cursor, depth, 0);
    case '"':
      return parse_string(cursor);
    case 't':
      return parse_literal(cursor, "true");
    case 'f':
      return parse_literal(cursor, "false");
    case 'n':
      return parse_literal(cursor, "null");
    default:
      if (c == '-' || is_digit(c)) return parse_number(cursor);
      return fail(cursor, "unexpected character, expected a JSON value");
  }
}

int lambda_json_validate(const char *text, size_t length, char *error, size_t error_size) {
  if (error != NULL && error_size > 0) error[0] = '\0';
  if (text == NULL) {
    write_error(error, error_size, "missing JSON text");
    return -1;
  }
  json_cursor cursor = {(const unsigned char *)text, length, 0, NULL};
  if (parse_value(&cursor, 0) == 0) {
    skip_whitespace(&cursor);
    if (!at_end(&cursor)) {
      fail(&cursor, "unexpected text after the JSON value");
    }
  }
  if (cursor.problem == NULL) return 0;
  write_error(error, error_size, "%s at byte %zu", cursor.problem, cursor.offset);
  return -1;
}

/* Appends code point to out as UTF-8, keeping room for the terminating NUL. */
static void append_code_point(char *out, size_t out_size, size_t *used, unsigned long point) {
  unsigned char bytes[4];
  size_t count;
  if (point < 0x80) {
    bytes[0] = (unsigned char)point;
    count = 1;
  } else if (point < 0x800) {
    bytes[0] = (unsigned char)(0xC0 | (point >> 6));
    bytes[1] = (unsigned char)(0x80 | (point & 0x3F));
    count = 2;
  } else if (point < 0x10000) {
    bytes[0] = (unsigned char)(0xE0 | (point >> 12));
    bytes[1] = (unsigned char)(0x80 | ((point >> 6) & 0x3F));
    bytes[2] = (unsigned char)(0x80 | (point & 0x3F));
    count = 3;
  } else {
    bytes[0] = (unsigned char)(0xF0 | (point >> 18));
    bytes[1] = (unsigned char)(0x80 | ((point >> 12) & 0x3F));
    bytes[2] = (unsigned char)(0x80 | ((point >> 6) & 0x3F));
    bytes[3] = (unsigned char)(0x80 | (point & 0x3F));
    count = 4;
  }
  if (*used + count >= out_size) return; /* cut whole characters only */
  memcpy(out + *used, bytes, count);
  *used += count;
}

static unsigned long read_hex4(const unsigned char *s) {
  unsigned long value = 0;
  for (int i = 0; i < 4; i++) value = value * 16 + (unsigned long)hex_value(s[i]);
  return value;
}

/* Decodes the string token at cursor (already validated) into out, cut to out_size - 1. */
static void decode_string(json_cursor *cursor, char *out, size_t out_size) {
  size_t used = 0;
  cursor->offset++;
  while (peek(cursor) != '"') {
    unsigned char c = peek(cursor);
    if (c != '\\') {
      if (used + 1 < out_size) out[used++] = (char)c;
      cursor->offset++;
      continue;
    }
    unsigned char escape = cursor->text[cursor->offset + 1];
    cursor->offset += 2;
    unsigned long point;
    switch (escape) {
      case 'b': point = '\b'; break;
      case 'f': point = '\f'; break;
      case 'n': point = '\n'; break;
      case 'r': point = '\r'; break;
      case 't': point = '\t'; break;
      case 'u':
        point = read_hex4(cursor->text + cursor->offset);
        cursor->offset += 4;
        /* A high surrogate followed by a low one encodes a code point above U+FFFF. */
        if (point >= 0xD800 && point <= 0xDBFF && cursor->length - cursor->offset >= 6 &&
            cursor->text[cursor->offset] == '\\' && cursor->text[cursor->offset + 1] == 'u') {
          unsigned long low = read_hex4(cursor->text + cursor->offset + 2);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            point = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00);
            cursor->offset += 6;
          }
        }
        if (point >= 0xD800 && point <= 0xDFFF) point = 0xFFFD; /* lone surrogate */
        break;
      default: point = escape; break; /* \" \\ \/ */
    }
    append_code_point(out, out_size, &used, point);
  }
  cursor->offset++;
  out[used] = '\0';
}

int lambda_json_top_level_string(const char *text, size_t length, const char *key, char *out,
                                 size_t out_size) {
  if (lambda_json_validate(text, length, NULL, 0) != 0) return -1;
  return lambda_json_find_top_level_string(text, length, key, out, out_size);
}

int lambda_json_find_top_level_string(const char *text, size_t length, const char *key,
                                      char *out, size_t out_size) {
  if (out_size == 0) return -1;
  json_cursor cursor = {(const unsigned char *)text, length, 0, NULL};
  skip_whitespace(&cursor);
  if (peek(&cursor) != '{') return -1;
  cursor.offset++;
  size_t key_length = strlen(key);
  for (;;) {
    skip_whitespace(&cursor);
    if (peek(&cursor) != '"') return -1; /* '}' of an empty or finished object */
    size_t key_start = cursor.offset + 1;
    parse_string(&cursor);
    size_t key_end = cursor.offset - 1;
    skip_whitespace(&cursor);
    cursor.offset++; /* ':' */
    skip_whitespace(&cursor);
    /* Keys with escapes never match, which is fine for the plain ASCII keys looked up. */
    int matches = key_end - key_start == key_length &&
                  memcmp(cursor.text + key_start, key, key_length) == 0;
    if (matches && peek(&cursor) == '"') {
      decode_string(&cursor, out, out_size);
      return 0;
    }
    parse_value(&cursor, 0);
    skip_whitespace(&cursor);
    if (peek(&cursor) != ',') return -1;
    cursor.offset++;
  }
}
