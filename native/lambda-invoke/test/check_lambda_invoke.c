/* Unit checks of the name parser and the JSON reader, built with AddressSanitizer and
 * UndefinedBehaviorSanitizer by `make check`. Prints one line per failure, exits 1 on any. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lambda_invoke.h"
#include "lambda_json_internal.h"

static int failures = 0;

/* The Makefile links with --wrap=curl_slist_append, so the client's calls arrive here. When
 * appends_until_failure is n > 0, the nth call from then on returns NULL without appending. */
static int appends_until_failure = 0;
struct curl_slist *__real_curl_slist_append(struct curl_slist *list, const char *data);
struct curl_slist *__wrap_curl_slist_append(struct curl_slist *list, const char *data);

struct curl_slist *__wrap_curl_slist_append(struct curl_slist *list, const char *data) {
  if (appends_until_failure > 0) {
    appends_until_failure--;
    if (appends_until_failure == 0) return NULL;
  }
  return __real_curl_slist_append(list, data);
}

#define CHECK(condition, ...)                         \
  do {                                                \
    if (!(condition)) {                               \
      failures++;                                     \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);     \
      printf(__VA_ARGS__);                            \
      printf("\n");                                   \
    }                                                 \
  } while (0)

static void check_valid_name(const char *input, const char *name, const char *qualifier) {
  lambda_function_ref ref;
  char error[256];
  int status = lambda_parse_function_name(input, strlen(input), &ref, error, sizeof error);
  CHECK(status == 0, "'%s' rejected: %s", input, error);
  if (status != 0) return;
  CHECK(strcmp(ref.name, name) == 0, "'%s' gave name '%s', expected '%s'", input, ref.name, name);
  CHECK(strcmp(ref.qualifier, qualifier) == 0, "'%s' gave qualifier '%s', expected '%s'", input,
        ref.qualifier, qualifier);
}

static void check_invalid_name(const char *input, size_t length, const char *reason) {
  lambda_function_ref ref;
  char error[256];
  int status = lambda_parse_function_name(input, length, &ref, error, sizeof error);
  CHECK(status == -1, "'%s' accepted as name '%s'", input, ref.name);
  CHECK(strstr(error, reason) != NULL, "'%s' gave error '%s', expected it to contain '%s'", input,
        error, reason);
}

static void check_names(void) {
  char long_name[80];
  char long_qualifier[200];

  check_valid_name("fibonacci-dev-fibonacci", "fibonacci-dev-fibonacci", "");
  check_valid_name("my_function:v1", "my_function", "v1");
  check_valid_name("my-function:$LATEST", "my-function", "$LATEST");
  check_valid_name("123456789012:function:my-function", "my-function", "");
  check_valid_name("123456789012:function:my-function:7", "my-function", "7");
  check_valid_name("arn:aws:lambda:us-east-1:123456789012:function:my-function", "my-function", "");
  check_valid_name("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:prod", "f", "prod");
  memset(long_name, 'a', 64);
  long_name[64] = '\0';
  check_valid_name(long_name, long_name, "");

  check_invalid_name("", 0, "missing function name");
  check_invalid_name("bad name", 8, "invalid function name");
  check_invalid_name("a/b", 3, "invalid function name");
  memset(long_name, 'a', 65);
  long_name[65] = '\0';
  check_invalid_name(long_name, 65, "1 to 64 characters");
  check_invalid_name("f:", 2, "invalid qualifier");
  check_invalid_name("f:$latest", 9, "invalid qualifier");
  check_invalid_name("f:a:b", 5, "invalid function name");
  check_invalid_name("12345:function:f", 16, "invalid partial function ARN");
  check_invalid_name("123456789012:function:f:1:2", 27, "invalid partial function ARN");
  check_invalid_name("arn:aws:s3:us-east-1:123456789012:function:f", 44, "invalid function ARN");
  check_invalid_name("arn:aws:lambda:us-east-1:123456789012:layer:f", 45, "invalid function ARN");
  check_invalid_name("arn:aws:lambda:us-east-1:123456789012:function", 46, "invalid function ARN");
  check_invalid_name("arn:aws:lambda:us-east-1:123456789012:function:f:1:2", 52, "too many");
  check_invalid_name("f\0g", 3, "NUL byte");
  /* "f:" and a qualifier of 129 characters, one above the limit. */
  memset(long_qualifier, 'q', 131);
  memcpy(long_qualifier, "f:", 2);
  long_qualifier[131] = '\0';
  check_invalid_name(long_qualifier, 131, "invalid qualifier");
}

static void check_json_valid(const char *text) {
  char error[256];
  int status = lambda_json_validate(text, strlen(text), error, sizeof error);
  CHECK(status == 0, "'%s' rejected: %s", text, error);
}

static void check_json_invalid(const char *text, size_t length, const char *reason) {
  char error[256];
  int status = lambda_json_validate(text, length, error, sizeof error);
  CHECK(status == -1, "'%s' accepted", text);
  CHECK(strstr(error, reason) != NULL, "'%s' gave error '%s', expected '%s'", text, error, reason);
}

static void check_json(void) {
  const char *valid[] = {
      "{}", "[]", "0", "-0", "1.5e-3", "-12E+4", "\"text\"", "true", "false", "null",
      " \t\r\n{\"fib\": 5} \n", "{\"a\": [1, {\"b\": null}, \"\\u00e9\\n\\\"\"]}",
      "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "{\"a\":1,\"a\":2}",
  };
  for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) check_json_valid(valid[i]);

  check_json_invalid("", 0, "unexpected end of input");
  check_json_invalid("   ", 3, "unexpected end of input");
  check_json_invalid("{\"fib\": 1", 9, "unterminated object");
  check_json_invalid("{fib: 1}", 8, "expected a string as object key");
  check_json_invalid("{\"a\" 1}", 7, "expected ':'");
  check_json_invalid("[1,]", 4, "expected a JSON value");
  check_json_invalid("{\"a\":1,}", 8, "expected a string as object key");
  check_json_invalid("01", 2, "leading zeros");
  check_json_invalid("1.", 2, "after the decimal point");
  check_json_invalid("1e", 2, "in the exponent");
  check_json_invalid("-", 1, "expected a digit");
  check_json_invalid("+1", 2, "expected a JSON value");
  check_json_invalid("NaN", 3, "expected a JSON value");
  check_json_invalid("tru", 3, "expected a JSON value");
  check_json_invalid("{} {}", 5, "unexpected text after");
  check_json_invalid("\"a\tb\"", 5, "unescaped control character");
  check_json_invalid("\"\\x\"", 4, "invalid escape");
  check_json_invalid("\"\\u12\"", 6, "\\u escape");
  check_json_invalid("\"abc", 4, "unterminated string");
  check_json_invalid("\"\xc0\xaf\"", 4, "invalid UTF-8");     /* overlong '/' */
  check_json_invalid("\"\xed\xa0\x80\"", 5, "invalid UTF-8"); /* UTF-16 surrogate */
  check_json_invalid("\"\xf4\x90\x80\x80\"", 6, "invalid UTF-8"); /* above U+10FFFF */
  check_json_invalid("\"\xe2\x82\"", 4, "invalid UTF-8");     /* cut sequence */
  check_json_invalid("{\"a\":1}\0", 8, "unexpected text after");

  /* 512 nested arrays are accepted, 513 are not. */
  char deep[1100];
  memset(deep, '[', 512);
  memset(deep + 512, ']', 512);
  check_json_valid((deep[1024] = '\0', deep));
  memset(deep, '[', 513);
  memset(deep + 513, ']', 513);
  deep[1026] = '\0';
  check_json_invalid(deep, 1026, "nesting deeper than 512 levels");
}

static void check_member(const char *document, const char *key, const char *expected) {
  char out[128];
  int status = lambda_json_top_level_string(document, strlen(document), key, out, sizeof out);
  if (expected == NULL) {
    CHECK(status == -1, "member %s of '%s' found as '%s'", key, document, out);
  } else {
    CHECK(status == 0, "member %s of '%s' not found", key, document);
    if (status == 0) {
      CHECK(strcmp(out, expected) == 0, "member %s of '%s' is '%s', expected '%s'", key, document,
            out, expected);
    }
  }

  /* The lookup without validation must give the same result on valid JSON. */
  if (lambda_json_validate(document, strlen(document), NULL, 0) != 0) return;
  char found[128];
  int find_status =
      lambda_json_find_top_level_string(document, strlen(document), key, found, sizeof found);
  CHECK(find_status == status, "find of member %s in '%s' returned %d, expected %d", key, document,
        find_status, status);
  if (find_status == 0 && status == 0) {
    CHECK(strcmp(found, out) == 0, "find of member %s in '%s' gave '%s', expected '%s'", key,
          document, found, out);
  }
}

static void check_members(void) {
  check_member("{\"errorMessage\":\"bad /fib\",\"errorType\":\"Error\"}", "errorMessage", "bad /fib");
  check_member("{\"errorMessage\":\"bad\",\"errorType\":\"Error\"}", "errorType", "Error");
  check_member("{\"nested\":{\"message\":\"no\"},\"message\":\"yes\"}", "message", "yes");
  check_member("{\"m\":\"q\\\"b\\\\s\\/n\\nt\\t\"}", "m", "q\"b\\s/n\nt\t");
  check_member("{\"m\":\"\\u00e9\\ud83d\\ude00\"}", "m", "\xc3\xa9\xf0\x9f\x98\x80");
  check_member("{\"m\":\"\\ud83d\"}", "m", "\xef\xbf\xbd"); /* lone surrogate */
  check_member("{\"m\":1}", "m", NULL);
  check_member("{\"other\":\"x\"}", "m", NULL);
  check_member("[\"m\"]", "m", NULL);
  check_member("{\"m\":\"x\"", "m", NULL); /* invalid JSON */

  /* A long value is cut at a character boundary inside the buffer. */
  char document[400];
  char out[8];
  snprintf(document, sizeof document, "{\"m\":\"%s\"}", "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9");
  CHECK(lambda_json_top_level_string(document, strlen(document), "m", out, sizeof out) == 0,
        "cut value not found");
  CHECK(strcmp(out, "\xc3\xa9\xc3\xa9\xc3\xa9") == 0, "cut value is '%s'", out);
}

static void check_valid_endpoint(const char *endpoint) {
  char error[256] = "stale";
  int status = lambda_check_endpoint(endpoint, error, sizeof error);
  CHECK(status == 0, "endpoint '%s' rejected: %s", endpoint, error);
  CHECK(error[0] == '\0', "endpoint '%s' left error '%s'", endpoint, error);
}

static void check_invalid_endpoint(const char *endpoint, const char *reason) {
  char error[256] = "";
  int status = lambda_check_endpoint(endpoint, error, sizeof error);
  CHECK(status == -1, "endpoint '%s' accepted", endpoint != NULL ? endpoint : "(null)");
  CHECK(strstr(error, reason) != NULL, "endpoint '%s' gave error '%s', expected '%s'",
        endpoint != NULL ? endpoint : "(null)", error, reason);
}

/* lambda_check_endpoint gives one reason for every rejected byte. */
#define CHARACTER_REASON "it contains a space, a control character, '?' or '#'"

static void check_endpoints(void) {
  check_valid_endpoint("http://127.0.0.1:3002");
  check_valid_endpoint("https://localhost:3002/base/");
  check_valid_endpoint("HTTP://127.0.0.1:3002");
  check_valid_endpoint("Https://localhost");

  check_invalid_endpoint(NULL, "missing Lambda endpoint URL");
  check_invalid_endpoint("", "missing Lambda endpoint URL");
  check_invalid_endpoint("ftp://127.0.0.1", "expected http:// or https://");
  check_invalid_endpoint("127.0.0.1:3002", "expected http:// or https://");
  check_invalid_endpoint("http:/127.0.0.1", "expected http:// or https://");
  check_invalid_endpoint("http://127.0.0.1 :3002", CHARACTER_REASON);
  check_invalid_endpoint("http://127.0.0.1:3002/?x=1", CHARACTER_REASON);
  check_invalid_endpoint("http://127.0.0.1:3002/#x", CHARACTER_REASON);
  check_invalid_endpoint("http://127.0.0.1:3002/\t", CHARACTER_REASON);
  check_invalid_endpoint("http://127.0.0.1:3002/\x7f", CHARACTER_REASON);
  check_invalid_endpoint("http://127.0.0.1:3002/\xc3\xa9", CHARACTER_REASON);

  /* The limit counts the whole URL, scheme included. */
  char endpoint[LAMBDA_ENDPOINT_MAX + 2];
  memcpy(endpoint, "http://", 7);
  memset(endpoint + 7, 'a', LAMBDA_ENDPOINT_MAX - 7);
  endpoint[LAMBDA_ENDPOINT_MAX] = '\0';
  check_valid_endpoint(endpoint);
  endpoint[LAMBDA_ENDPOINT_MAX] = 'a';
  endpoint[LAMBDA_ENDPOINT_MAX + 1] = '\0';
  check_invalid_endpoint(endpoint, "at most 2048 characters");

  /* No error buffer, or one of size 0, is allowed. */
  CHECK(lambda_check_endpoint("ftp://127.0.0.1", NULL, 0) == -1, "ftp accepted without a buffer");
  char untouched[4] = "abc";
  CHECK(lambda_check_endpoint("ftp://127.0.0.1", untouched, 0) == -1,
        "ftp accepted with a buffer of size 0");
  CHECK(strcmp(untouched, "abc") == 0, "a buffer of size 0 was written: '%s'", untouched);
}

/* Requests that lambda_invoke must reject before sending anything, so no server is needed. */
static void check_rejected_request(lambda_invoke_request request, const char *reason) {
  lambda_invoke_result result;
  lambda_invoke_result_init(&result);
  int status = lambda_invoke(&request, &result);
  CHECK(status == -1, "request for '%s' was not rejected", reason);
  CHECK(result.outcome == LAMBDA_OUTCOME_INVALID_REQUEST, "outcome %d for '%s'", result.outcome,
        reason);
  CHECK(strstr(result.error, reason) != NULL, "error '%s', expected '%s'", result.error, reason);
  CHECK(result.body == NULL, "a body was set for '%s'", reason);
  lambda_invoke_result_free(&result);
}

static void check_requests(void) {
  lambda_invoke_request base = {
      .endpoint = "http://127.0.0.1:9",
      .function = "f",
      .function_length = 1,
      .payload = "{}",
      .payload_length = 2,
  };
  lambda_invoke_request request;

  request = base;
  request.endpoint = "ftp://127.0.0.1";
  check_rejected_request(request, "invalid Lambda endpoint URL");
  request = base;
  request.endpoint = "http://127.0.0.1:3002/?x";
  check_rejected_request(request, "invalid Lambda endpoint URL");
  request = base;
  request.endpoint = NULL;
  check_rejected_request(request, "missing Lambda endpoint URL");
  request = base;
  request.function = "arn:aws:lambda:us-east-1:123456789012:function:f:1";
  request.function_length = strlen(request.function);
  request.qualifier = "2";
  check_rejected_request(request, "does not match the qualifier");
  request = base;
  request.payload = NULL;
  request.payload_length = 10;
  check_rejected_request(request, "Could not parse request body into json");
  request = base;
  request.payload = "{\"fib\": 1";
  request.payload_length = strlen(request.payload);
  check_rejected_request(request, "Invalid Request Content. Could not parse request body into json");
  request = base;
  request.payload_length = LAMBDA_MAX_PAYLOAD_BYTES + 1;
  check_rejected_request(request, "exceeds the Lambda limit");
}

/* Fails each of the five header appends of an Event call in turn. The call must fail before
 * anything is sent, and LeakSanitizer reports any header list that is not freed. */
static void check_header_out_of_memory(void) {
  lambda_invoke_request request = {
      .endpoint = "http://127.0.0.1:9",
      .function = "f",
      .function_length = 1,
      .invocation_type = LAMBDA_INVOCATION_EVENT,
      .payload = "{}",
      .payload_length = 2,
      .client_context = "e30=",
  };
  for (int failing_append = 1; failing_append <= 5; failing_append++) {
    lambda_invoke_result result;
    lambda_invoke_result_init(&result);
    appends_until_failure = failing_append;
    int status = lambda_invoke(&request, &result);
    appends_until_failure = 0;
    CHECK(status == -1, "call with append %d failing was not rejected", failing_append);
    CHECK(result.outcome == LAMBDA_OUTCOME_TRANSPORT_ERROR, "outcome %d with append %d failing",
          result.outcome, failing_append);
    CHECK(result.http_status == 0, "HTTP status %ld with append %d failing", result.http_status,
          failing_append);
    CHECK(strstr(result.error, "out of memory") != NULL, "error '%s' with append %d failing",
          result.error, failing_append);
    lambda_invoke_result_free(&result);
  }
}

/* Feeds mutated and random inputs to the readers; the sanitizers report any memory error. */
static void check_random_inputs(void) {
  const char *seeds[] = {"{\"errorMessage\":\"a\\u00e9\",\"x\":[1,2.5e3,{\"y\":null}]}",
                         "[true,false,\"\\\"\"]", "\"\xf0\x9f\x98\x80\""};
  const char alphabet[] = "{}[]\":,\\u0123456789eE+-.tfnrul ae\x80\xc3\xa9\xf0\xed";
  unsigned int state = 12345;
  char buffer[96];
  char out[16];
  char error[64];
  lambda_function_ref ref;

  for (int round = 0; round < 200000; round++) {
    const char *seed = seeds[round % 3];
    size_t length = strlen(seed);
    memcpy(buffer, seed, length);
    for (int edit = 0; edit < 1 + round % 4; edit++) {
      state = state * 1103515245u + 12345u;
      size_t at = (state >> 8) % length;
      buffer[at] = alphabet[(state >> 20) % (sizeof alphabet - 1)];
    }
    state = state * 1103515245u + 12345u;
    size_t cut = (state >> 8) % (length + 1);
    lambda_json_validate(buffer, cut, error, sizeof error);
    lambda_json_top_level_string(buffer, cut, "errorMessage", out, sizeof out);
    lambda_parse_function_name(buffer, cut, &ref, error, sizeof error);
  }
}

int main(void) {
  check_names();
  check_json();
  check_members();
  check_endpoints();
  check_requests();
  check_header_out_of_memory();
  check_random_inputs();
  if (failures > 0) {
    printf("%d checks failed\n", failures);
    return 1;
  }
  printf("all checks passed\n");
  return 0;
}
