/* Lambda Invoke API client: function name parsing, a pool of curl handles, one invocation. */
#include "lambda_invoke.h"

#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lambda_json_internal.h"

/* Idle handles kept for reuse. Each keeps its open connection, so this is also the maximum
 * number of idle keep-alive sockets; callers beyond it still work but close their socket. */
#define POOL_CAPACITY 64
#define USER_AGENT "uniform-lambda-invoke/1.0"

static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static int curl_ready = 0;
static CURL *idle_handles[POOL_CAPACITY];
static size_t idle_count = 0;

void write_error(char *error, size_t error_size, const char *format, ...) {
  if (error == NULL || error_size == 0) return;
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(error, error_size, format, arguments);
  va_end(arguments);
}

int lambda_invoke_global_init(void) {
  int status = 0;
  pthread_mutex_lock(&pool_mutex);
  if (!curl_ready) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) {
      curl_ready = 1;
    } else {
      status = -1;
    }
  }
  pthread_mutex_unlock(&pool_mutex);
  return status;
}

void lambda_invoke_global_cleanup(void) {
  pthread_mutex_lock(&pool_mutex);
  while (idle_count > 0) {
    curl_easy_cleanup(idle_handles[--idle_count]);
  }
  if (curl_ready) {
    curl_global_cleanup();
    curl_ready = 0;
  }
  pthread_mutex_unlock(&pool_mutex);
}

static CURL *acquire_handle(void) {
  CURL *handle = NULL;
  pthread_mutex_lock(&pool_mutex);
  if (idle_count > 0) handle = idle_handles[--idle_count];
  pthread_mutex_unlock(&pool_mutex);
  if (handle == NULL) return curl_easy_init();
  /* Clears the options but keeps the live connection, so the next call reuses it. */
  curl_easy_reset(handle);
  return handle;
}

static void release_handle(CURL *handle, int keep) {
  if (keep) {
    pthread_mutex_lock(&pool_mutex);
    if (idle_count < POOL_CAPACITY) {
      idle_handles[idle_count++] = handle;
      handle = NULL;
    }
    pthread_mutex_unlock(&pool_mutex);
  }
  if (handle != NULL) curl_easy_cleanup(handle);
}

/* ---- function names ---- */

static int is_name_char(char c) {
  return isalnum((unsigned char)c) || c == '-' || c == '_';
}

static int all_match(const char *s, size_t length, int (*predicate)(char)) {
  for (size_t i = 0; i < length; i++) {
    if (!predicate(s[i])) return 0;
  }
  return 1;
}

static int is_digit_char(char c) { return c >= '0' && c <= '9'; }

static int is_partition_char(char c) { return (c >= 'a' && c <= 'z') || c == '-'; }

static int is_region_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Copies input into a quoted, printable form for error messages, cut at 80 bytes. */
static void describe_input(const char *input, size_t length, char *out, size_t out_size) {
  size_t used = 0;
  size_t shown = length > 80 ? 80 : length;
  for (size_t i = 0; i < shown && used + 2 < out_size; i++) {
    unsigned char c = (unsigned char)input[i];
    out[used++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
  }
  if (shown < length && used + 4 < out_size) {
    memcpy(out + used, "...", 3);
    used += 3;
  }
  out[used] = '\0';
}

/* Copies part into out as a C string. Every caller checks that length is below out_size
 * first, so the guard only stops a future caller from writing past out. */
static void copy_part(const char *part, size_t length, char *out, size_t out_size) {
  if (length >= out_size) return;
  memcpy(out, part, length);
  out[length] = '\0';
}

static int check_name(const char *name, size_t length) {
  return length >= 1 && length <= LAMBDA_FUNCTION_NAME_MAX && all_match(name, length, is_name_char);
}

static int check_qualifier(const char *qualifier, size_t length) {
  if (length == 7 && memcmp(qualifier, "$LATEST", 7) == 0) return 1;
  return length >= 1 && length <= LAMBDA_QUALIFIER_MAX &&
         all_match(qualifier, length, is_name_char);
}

int lambda_parse_function_name(const char *input, size_t length, lambda_function_ref *out,
                               char *error, size_t error_size) {
  char shown[100];
  const char *parts[8];
  size_t part_lengths[8];
  size_t part_count = 0;

  if (error != NULL && error_size > 0) error[0] = '\0';
  out->name[0] = '\0';
  out->qualifier[0] = '\0';
  if (input == NULL || length == 0) {
    write_error(error, error_size, "missing function name: pass a name, a partial ARN or a full ARN");
    return -1;
  }
  describe_input(input, length, shown, sizeof shown);
  if (memchr(input, '\0', length) != NULL) {
    write_error(error, error_size, "invalid function name '%s': it contains a NUL byte", shown);
    return -1;
  }

  /* Split on ':'; more than 8 parts is never valid. */
  size_t start = 0;
  for (size_t i = 0; i <= length; i++) {
    if (i == length || input[i] == ':') {
      if (part_count == 8) {
        write_error(error, error_size,
                    "invalid function name '%s': too many ':'-separated parts", shown);
        return -1;
      }
      parts[part_count] = input + start;
      part_lengths[part_count] = i - start;
      part_count++;
      start = i + 1;
    }
  }

  size_t name_index;
  int is_arn = part_lengths[0] == 3 && memcmp(parts[0], "arn", 3) == 0;
  if (is_arn) {
    /* arn:partition:lambda:region:account:function:name[:qualifier] */
    if (part_count < 7 || part_lengths[1] == 0 ||
        !all_match(parts[1], part_lengths[1], is_partition_char) || part_lengths[2] != 6 ||
        memcmp(parts[2], "lambda", 6) != 0 || part_lengths[3] == 0 ||
        !all_match(parts[3], part_lengths[3], is_region_char) || part_lengths[4] != 12 ||
        !all_match(parts[4], 12, is_digit_char) || part_lengths[5] != 8 ||
        memcmp(parts[5], "function", 8) != 0) {
      write_error(error, error_size,
                  "invalid function ARN '%s': expected "
                  "arn:<partition>:lambda:<region>:<12-digit account>:function:<name>[:<qualifier>]",
                  shown);
      return -1;
    }
    name_index = 6;
  } else if (part_count >= 3 && part_lengths[1] == 8 && memcmp(parts[1], "function", 8) == 0) {
    /* account:function:name[:qualifier] */
    if (part_lengths[0] != 12 || !all_match(parts[0], 12, is_digit_char) || part_count > 4) {
      write_error(error, error_size,
                  "invalid partial function ARN '%s': expected "
                  "<12-digit account>:function:<name>[:<qualifier>]",
                  shown);
      return -1;
    }
    name_index = 2;
  } else {
    /* name[:qualifier] */
    if (part_count > 2) {
      write_error(error, error_size,
                  "invalid function name '%s': expected a name, a partial ARN or a full ARN",
                  shown);
      return -1;
    }
    name_index = 0;
  }

  if (!check_name(parts[name_index], part_lengths[name_index])) {
    write_error(error, error_size,
                "invalid function name '%s': the name must be 1 to 64 characters "
                "from A-Z, a-z, 0-9, '-' and '_'",
                shown);
    return -1;
  }
  copy_part(parts[name_index], part_lengths[name_index], out->name, sizeof out->name);

  if (part_count == name_index + 2) {
    const char *qualifier = parts[name_index + 1];
    size_t qualifier_length = part_lengths[name_index + 1];
    if (!check_qualifier(qualifier, qualifier_length)) {
      write_error(error, error_size,
                  "invalid qualifier in '%s': expected $LATEST, a version number or an alias "
                  "of 1 to 128 characters from A-Z, a-z, 0-9, '-' and '_'",
                  shown);
      return -1;
    }
    copy_part(qualifier, qualifier_length, out->qualifier, sizeof out->qualifier);
  }
  return 0;
}

/* ---- one invocation ---- */

typedef struct transfer_state {
  lambda_invoke_result *result;
  size_t body_capacity;
  int too_large;
  int out_of_memory;
  const lambda_invoke_request *request;
  int aborted;
} transfer_state;

static size_t on_body(char *data, size_t size, size_t count, void *user) {
  transfer_state *state = user;
  lambda_invoke_result *result = state->result;
  size_t bytes = size * count;
  if (result->body_length + bytes > LAMBDA_MAX_RESPONSE_BYTES) {
    state->too_large = 1;
    return 0; /* makes curl stop with CURLE_WRITE_ERROR */
  }
  if (result->body_length + bytes + 1 > state->body_capacity) {
    size_t capacity = state->body_capacity == 0 ? 4096 : state->body_capacity;
    while (capacity < result->body_length + bytes + 1) capacity *= 2;
    if (capacity > LAMBDA_MAX_RESPONSE_BYTES + 1) capacity = LAMBDA_MAX_RESPONSE_BYTES + 1;
    char *grown = realloc(result->body, capacity);
    if (grown == NULL) {
      state->out_of_memory = 1;
      return 0;
    }
    result->body = grown;
    state->body_capacity = capacity;
  }
  memcpy(result->body + result->body_length, data, bytes);
  result->body_length += bytes;
  result->body[result->body_length] = '\0';
  return bytes;
}

/* Stores the value of header line into out when its name is name (case-insensitive). */
static void match_header(const char *line, size_t length, const char *name, char *out,
                         size_t out_size) {
  size_t name_length = strlen(name);
  if (length <= name_length || line[name_length] != ':' ||
      strncasecmp(line, name, name_length) != 0) {
    return;
  }
  const char *value = line + name_length + 1;
  const char *end = line + length;
  while (value < end && (*value == ' ' || *value == '\t')) value++;
  while (end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
  size_t value_length = (size_t)(end - value);
  if (value_length >= out_size) value_length = out_size - 1;
  memcpy(out, value, value_length);
  out[value_length] = '\0';
}

static size_t on_header(char *data, size_t size, size_t count, void *user) {
  transfer_state *state = user;
  size_t bytes = size * count;
  if (bytes >= 5 && strncmp(data, "HTTP/", 5) == 0) {
    /* A new response starts, e.g. after a redirect or an interim status. */
    state->result->function_error[0] = '\0';
    state->result->executed_version[0] = '\0';
    state->result->log_result[0] = '\0';
  }
  match_header(data, bytes, "x-amz-function-error", state->result->function_error,
               sizeof state->result->function_error);
  match_header(data, bytes, "x-amz-executed-version", state->result->executed_version,
               sizeof state->result->executed_version);
  match_header(data, bytes, "x-amz-log-result", state->result->log_result,
               sizeof state->result->log_result);
  return bytes;
}

static int on_progress(void *user, curl_off_t download_total, curl_off_t downloaded,
                       curl_off_t upload_total, curl_off_t uploaded) {
  (void)download_total;
  (void)downloaded;
  (void)upload_total;
  (void)uploaded;
  transfer_state *state = user;
  if (state->request->abort_callback != NULL &&
      state->request->abort_callback(state->request->abort_context)) {
    state->aborted = 1;
    return 1;
  }
  return 0;
}

/* Percent-encodes every byte outside RFC 3986's unreserved set. */
static void append_encoded(char *out, size_t out_size, size_t *used, const char *text) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *c = (const unsigned char *)text; *c != '\0'; c++) {
    int unreserved = isalnum(*c) || *c == '-' || *c == '_' || *c == '.' || *c == '~';
    if (unreserved && *used + 1 < out_size) {
      out[(*used)++] = (char)*c;
    } else if (!unreserved && *used + 3 < out_size) {
      out[(*used)++] = '%';
      out[(*used)++] = hex[*c >> 4];
      out[(*used)++] = hex[*c & 0x0F];
    }
  }
  out[*used] = '\0';
}

static void append_text(char *out, size_t out_size, size_t *used, const char *text) {
  size_t length = strlen(text);
  if (*used + length >= out_size) length = out_size - *used - 1;
  memcpy(out + *used, text, length);
  *used += length;
  out[*used] = '\0';
}

int lambda_check_endpoint(const char *endpoint, char *error, size_t error_size) {
  if (error != NULL && error_size > 0) error[0] = '\0';
  if (endpoint == NULL || endpoint[0] == '\0') {
    write_error(error, error_size, "missing Lambda endpoint URL");
    return -1;
  }
  size_t length = strlen(endpoint);
  int http = strncasecmp(endpoint, "http://", 7) == 0;
  int https = strncasecmp(endpoint, "https://", 8) == 0;
  if ((!http && !https) || length > LAMBDA_ENDPOINT_MAX) {
    write_error(error, error_size,
                "invalid Lambda endpoint URL: expected http:// or https:// and at most %d "
                "characters",
                LAMBDA_ENDPOINT_MAX);
    return -1;
  }
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)endpoint[i];
    if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#') {
      write_error(error, error_size,
                  "invalid Lambda endpoint URL: it contains a space, a control character, "
                  "'?' or '#'");
      return -1;
    }
  }
  return 0;
}

static int is_base64_char(char c) {
  return isalnum((unsigned char)c) || c == '+' || c == '/' || c == '=';
}

/* Accepts NULL or base64 text, which also keeps line breaks out of the header. */
static int check_client_context(const char *context, char *error, size_t error_size) {
  if (context == NULL) return 0;
  size_t length = strlen(context);
  if (length > LAMBDA_CLIENT_CONTEXT_MAX || !all_match(context, length, is_base64_char)) {
    write_error(error, error_size,
                "invalid client context: expected base64 text of at most %d characters",
                LAMBDA_CLIENT_CONTEXT_MAX);
    return -1;
  }
  return 0;
}

static const char *invocation_type_header(lambda_invocation_type type) {
  switch (type) {
    case LAMBDA_INVOCATION_EVENT:
      return "X-Amz-Invocation-Type: Event";
    case LAMBDA_INVOCATION_DRY_RUN:
      return "X-Amz-Invocation-Type: DryRun";
    default:
      return "X-Amz-Invocation-Type: RequestResponse";
  }
}

/* Appends header to *headers and returns 0. A failed curl_slist_append leaves the list as it
 * was, so this frees it, sets *headers to NULL and returns -1. */
static int append_header(struct curl_slist **headers, const char *header) {
  struct curl_slist *appended = curl_slist_append(*headers, header);
  if (appended == NULL) {
    curl_slist_free_all(*headers);
    *headers = NULL;
    return -1;
  }
  *headers = appended;
  return 0;
}

/* Builds the request's header list, or returns NULL when out of memory. A request must not
 * go out without them, because an Event call without X-Amz-Invocation-Type runs synchronously. */
static struct curl_slist *build_headers(const lambda_invoke_request *request) {
  const char *log_type_header = request->log_tail ? "X-Amz-Log-Type: Tail" : "X-Amz-Log-Type: None";
  struct curl_slist *headers = NULL;
  if (append_header(&headers, "Content-Type: application/json") != 0 ||
      append_header(&headers, invocation_type_header(request->invocation_type)) != 0 ||
      append_header(&headers, log_type_header) != 0) {
    return NULL;
  }
  if (request->client_context != NULL) {
    char context_header[sizeof "X-Amz-Client-Context: " + LAMBDA_CLIENT_CONTEXT_MAX];
    snprintf(context_header, sizeof context_header, "X-Amz-Client-Context: %s",
             request->client_context);
    if (append_header(&headers, context_header) != 0) return NULL;
  }
  /* An empty Expect: header stops curl from waiting for a 100-continue reply. */
  if (append_header(&headers, "Expect:") != 0) return NULL;
  return headers;
}

/* Copies the first string member of errorMessage, message and Message that the reply body
 * has into out. The body must have passed lambda_json_validate. Returns -1 when none is set. */
static int find_reply_message(const char *body, size_t length, char *out, size_t out_size) {
  static const char *const keys[] = {"errorMessage", "message", "Message"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    if (lambda_json_find_top_level_string(body, length, keys[i], out, out_size) == 0) return 0;
  }
  return -1;
}

/* Writes the reason for a function error or an HTTP error from the reply body. */
static void describe_failed_reply(lambda_invoke_result *result) {
  char message[LAMBDA_ERROR_MAX / 2] = "";
  char type[128] = "";
  const char *body = result->body != NULL ? result->body : "";
  size_t length = result->body_length;

  /* The body may be up to 6 MB, so it is validated once for all the lookups below. */
  int is_json = lambda_json_validate(body, length, NULL, 0) == 0;
  if (!is_json || find_reply_message(body, length, message, sizeof message) != 0) {
    describe_input(body, length, message, sizeof message);
  }
  if (!is_json ||
      lambda_json_find_top_level_string(body, length, "errorType", type, sizeof type) != 0) {
    type[0] = '\0';
  }

  /* The function's own message comes first, because callers often keep only the start. */
  if (result->outcome == LAMBDA_OUTCOME_FUNCTION_ERROR) {
    write_error(result->error, sizeof result->error, "%s (function error %s%s%s)", message,
                result->function_error, type[0] != '\0' ? ", errorType " : "", type);
  } else {
    write_error(result->error, sizeof result->error, "%s (HTTP %ld)",
                message[0] != '\0' ? message : "no message in the reply", result->http_status);
  }
}

void lambda_invoke_result_init(lambda_invoke_result *result) {
  memset(result, 0, sizeof *result);
  result->outcome = LAMBDA_OUTCOME_INVALID_REQUEST;
}

void lambda_invoke_result_free(lambda_invoke_result *result) {
  free(result->body);
  result->body = NULL;
  result->body_length = 0;
}

static int reject_request(lambda_invoke_result *result) {
  result->outcome = LAMBDA_OUTCOME_INVALID_REQUEST;
  return -1;
}

int lambda_invoke(const lambda_invoke_request *request, lambda_invoke_result *result) {
  lambda_function_ref function;
  char json_error[256];

  lambda_invoke_result_free(result);
  lambda_invoke_result_init(result);

  if (lambda_invoke_global_init() != 0) {
    write_error(result->error, sizeof result->error, "libcurl could not be initialised");
    result->outcome = LAMBDA_OUTCOME_TRANSPORT_ERROR;
    return -1;
  }
  if (lambda_check_endpoint(request->endpoint, result->error, sizeof result->error) != 0) {
    return reject_request(result);
  }
  if (lambda_parse_function_name(request->function, request->function_length, &function,
                                 result->error, sizeof result->error) != 0) {
    return reject_request(result);
  }
  if (request->qualifier != NULL && request->qualifier[0] != '\0') {
    size_t length = strlen(request->qualifier);
    if (!check_qualifier(request->qualifier, length)) {
      write_error(result->error, sizeof result->error,
                  "invalid qualifier: expected $LATEST, a version number or an alias of 1 to "
                  "128 characters from A-Z, a-z, 0-9, '-' and '_'");
      return reject_request(result);
    }
    if (function.qualifier[0] != '\0' && strcmp(function.qualifier, request->qualifier) != 0) {
      write_error(result->error, sizeof result->error,
                  "the qualifier '%s' in the function ARN does not match the qualifier '%s'",
                  function.qualifier, request->qualifier);
      return reject_request(result);
    }
    copy_part(request->qualifier, length, function.qualifier, sizeof function.qualifier);
  }
  if (check_client_context(request->client_context, result->error, sizeof result->error) != 0) {
    return reject_request(result);
  }
  if (request->payload_length > LAMBDA_MAX_PAYLOAD_BYTES) {
    write_error(result->error, sizeof result->error,
                "payload of %zu bytes exceeds the Lambda limit of %zu bytes",
                request->payload_length, LAMBDA_MAX_PAYLOAD_BYTES);
    return reject_request(result);
  }
  /* A NULL payload is an empty body whatever its length, and the check below rejects it. */
  const char *payload = request->payload != NULL ? request->payload : "";
  size_t payload_length = request->payload != NULL ? request->payload_length : 0;
  if (lambda_json_validate(payload, payload_length, json_error, sizeof json_error) != 0) {
    write_error(result->error, sizeof result->error,
                "Invalid Request Content. Could not parse request body into json: %s",
                json_error);
    return reject_request(result);
  }

  char url[LAMBDA_ENDPOINT_MAX + 512];
  size_t used = 0;
  url[0] = '\0';
  append_text(url, sizeof url, &used, request->endpoint);
  while (used > 0 && url[used - 1] == '/') url[--used] = '\0';
  append_text(url, sizeof url, &used, "/2015-03-31/functions/");
  append_encoded(url, sizeof url, &used, function.name);
  append_text(url, sizeof url, &used, "/invocations");
  if (function.qualifier[0] != '\0') {
    append_text(url, sizeof url, &used, "?Qualifier=");
    append_encoded(url, sizeof url, &used, function.qualifier);
  }

  struct curl_slist *headers = build_headers(request);
  if (headers == NULL) {
    write_error(result->error, sizeof result->error,
                "could not build the request headers: out of memory");
    result->outcome = LAMBDA_OUTCOME_TRANSPORT_ERROR;
    return -1;
  }

  CURL *handle = acquire_handle();
  if (handle == NULL) {
    curl_slist_free_all(headers);
    write_error(result->error, sizeof result->error, "libcurl could not create a handle");
    result->outcome = LAMBDA_OUTCOME_TRANSPORT_ERROR;
    return -1;
  }

  transfer_state state = {result, 0, 0, 0, request, 0};
  char curl_error[CURL_ERROR_SIZE] = "";
  long timeout_ms = request->timeout_ms > 0 ? request->timeout_ms : LAMBDA_DEFAULT_TIMEOUT_MS;

  curl_easy_setopt(handle, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L); /* signals belong to the host process */
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, payload);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)payload_length);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, USER_AGENT);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms < 10000 ? timeout_ms : 10000L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &state);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &state);
  curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &state);
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, curl_error);

  CURLcode code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result->http_status);
  /* Detach curl_error, which lives on this stack frame, before pooling the handle. The handle
   * still points at state and at the header list freed below, which only curl_easy_perform
   * reads, and acquire_handle resets every option before the next transfer. */
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, NULL);
  curl_slist_free_all(headers);
  release_handle(handle, code == CURLE_OK);

  if (code != CURLE_OK) {
    if (state.aborted) {
      result->outcome = LAMBDA_OUTCOME_ABORTED;
      write_error(result->error, sizeof result->error, "the invocation was aborted by the caller");
    } else if (state.too_large) {
      result->outcome = LAMBDA_OUTCOME_RESPONSE_TOO_LARGE;
      write_error(result->error, sizeof result->error,
                  "the response exceeds the Lambda limit of %zu bytes", LAMBDA_MAX_RESPONSE_BYTES);
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      result->outcome = LAMBDA_OUTCOME_TRANSPORT_ERROR;
      write_error(result->error, sizeof result->error,
                  "the invocation timed out after %ld ms at %s", timeout_ms, request->endpoint);
    } else {
      result->outcome = LAMBDA_OUTCOME_TRANSPORT_ERROR;
      write_error(result->error, sizeof result->error, "request to %s failed: %s",
                  request->endpoint,
                  state.out_of_memory ? "out of memory"
                  : curl_error[0] != '\0' ? curl_error
                                          : curl_easy_strerror(code));
    }
    lambda_invoke_result_free(result);
    return -1;
  }

  if (result->http_status < 200 || result->http_status > 299) {
    result->outcome = LAMBDA_OUTCOME_HTTP_ERROR;
    describe_failed_reply(result);
    return -1;
  }
  if (result->function_error[0] != '\0') {
    result->outcome = LAMBDA_OUTCOME_FUNCTION_ERROR;
    describe_failed_reply(result);
    return -1;
  }
  result->outcome = LAMBDA_OUTCOME_OK;
  return 0;
}
