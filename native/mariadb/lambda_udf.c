/*
 * MariaDB UDFs lambda_sync(function, payload) and lambda_async(function, payload), the local
 * stand-ins for Aurora MySQL's native functions of the same names.
 *
 * The endpoint comes only from the server's environment (LAMBDA_INVOKE_ENDPOINT, default
 * http://127.0.0.1:3002), read once when the library loads, so no SQL user can redirect a
 * call. Failures raise "Lambda API returned error: <reason>" through the server's own error
 * reporting, so the statement fails with a readable message instead of returning NULL.
 *
 * Built against the server's headers (libmariadbd-dev), not the client library's: the UDF
 * structs and the exported server functions called below come from the server.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <mysql/plugin.h>
#include <mysqld_error.h>

#include "lambda_invoke.h"

#define DEFAULT_ENDPOINT "http://127.0.0.1:3002"
#define ENDPOINT_VARIABLE "LAMBDA_INVOKE_ENDPOINT"
#define TIMEOUT_VARIABLE "LAMBDA_INVOKE_TIMEOUT_MS"

/* The library is built with hidden visibility, so only the UDF entry points are exported. */
#define UDF_EXPORT __attribute__((visibility("default")))

/* Exported by mariadbd (sql/sql_class.cc); my_pthread.h declares it only for server code. */
MYSQL_THD _current_thd(void);

static char endpoint[LAMBDA_ENDPOINT_MAX + 1] = DEFAULT_ENDPOINT;
/* Reason LAMBDA_INVOKE_ENDPOINT was rejected, empty when it is valid or unset. When set, every
 * call fails at init, so a bad value never sends calls to the default endpoint. The reasons of
 * lambda_check_endpoint are below 100 characters, and 256 leaves room for them in the UDF's
 * 512-byte message. */
static char endpoint_error[256] = "";
static long timeout_ms = 0; /* 0 selects LAMBDA_DEFAULT_TIMEOUT_MS */

/* Reads the endpoint and the timeout from the environment. An empty value counts as unset.
 * Messages go to stderr, which mariadbd sends to its error log file when log_error is set. */
static void read_environment(void) {
  const char *configured = getenv(ENDPOINT_VARIABLE);
  if (configured != NULL && configured[0] != '\0') {
    if (lambda_check_endpoint(configured, endpoint_error, sizeof endpoint_error) == 0) {
      strcpy(endpoint, configured); /* the check bounds it by LAMBDA_ENDPOINT_MAX */
    } else {
      /* The value is not logged, because a URL may contain a password. */
      fprintf(stderr,
              "lambda_udf: %s (from %s). lambda_sync and lambda_async fail until it is fixed and "
              "the server is restarted\n",
              endpoint_error, ENDPOINT_VARIABLE);
    }
  }

  const char *timeout_text = getenv(TIMEOUT_VARIABLE);
  if (timeout_text != NULL && timeout_text[0] != '\0') {
    char *end;
    errno = 0;
    long parsed = strtol(timeout_text, &end, 10);
    if (errno == 0 && *end == '\0' && parsed > 0) {
      timeout_ms = parsed;
    } else {
      fprintf(stderr,
              "lambda_udf: ignoring invalid %s '%.40s': expected a whole number of milliseconds "
              "above 0, so the default of %ld ms is used\n",
              TIMEOUT_VARIABLE, timeout_text, LAMBDA_DEFAULT_TIMEOUT_MS);
    }
  }
}

__attribute__((constructor)) static void load_library(void) {
  read_environment();
  lambda_invoke_global_init();
}

__attribute__((destructor)) static void unload_library(void) { lambda_invoke_global_cleanup(); }

/* State of one lambda_sync or lambda_async call site, kept in UDF_INIT.ptr. */
typedef struct call_state {
  lambda_invoke_result result;
} call_state;

static my_bool init_call(UDF_INIT *initid, UDF_ARGS *args, char *message, const char *name,
                         unsigned long max_length) {
  if (args->arg_count != 2) {
    snprintf(message, MYSQL_ERRMSG_SIZE,
             "%s() takes 2 arguments: the function name or ARN, and a JSON payload", name);
    return 1;
  }
  /* Numbers and JSON values arrive as their text. */
  args->arg_type[0] = STRING_RESULT;
  args->arg_type[1] = STRING_RESULT;
  if (endpoint_error[0] != '\0') {
    snprintf(message, MYSQL_ERRMSG_SIZE,
             "%s(): %s (from the server's environment variable %s). Fix it and restart the "
             "server",
             name, endpoint_error, ENDPOINT_VARIABLE);
    return 1;
  }

  call_state *state = malloc(sizeof *state);
  if (state == NULL) {
    snprintf(message, MYSQL_ERRMSG_SIZE, "%s(): out of memory", name);
    return 1;
  }
  lambda_invoke_result_init(&state->result);
  initid->ptr = (char *)state;
  initid->maybe_null = 1;
  /* Every call invokes the function again, even with constant arguments. */
  initid->const_item = 0;
  initid->max_length = max_length;
  return 0;
}

static void deinit_call(UDF_INIT *initid) {
  call_state *state = (call_state *)initid->ptr;
  if (state == NULL) return;
  lambda_invoke_result_free(&state->result);
  free(state);
  initid->ptr = NULL;
}

/* Polled by libcurl during the transfer: KILL QUERY or KILL CONNECTION ends the wait. */
static int statement_killed(void *context) {
  (void)context;
  MYSQL_THD thd = _current_thd();
  return thd != NULL && thd_kill_level(thd) != THD_IS_NOT_KILLED;
}

/* Invokes the function and returns 0, or raises the statement's error and returns -1. */
static int invoke(UDF_ARGS *args, call_state *state, lambda_invocation_type type) {
  lambda_invoke_request request = {
      .endpoint = endpoint,
      .function = args->args[0],
      .function_length = args->lengths[0],
      .qualifier = NULL,
      .invocation_type = type,
      .payload = args->args[1],
      .payload_length = args->lengths[1],
      .timeout_ms = timeout_ms,
      .abort_callback = statement_killed,
      .abort_context = NULL,
  };
  if (lambda_invoke(&request, &state->result) == 0) return 0;

  if (state->result.outcome == LAMBDA_OUTCOME_ABORTED) {
    my_error(ER_QUERY_INTERRUPTED, 0);
  } else {
    my_printf_error(ER_UNKNOWN_ERROR, "Lambda API returned error: %s", 0,
                    state->result.error);
  }
  return -1;
}

UDF_EXPORT my_bool lambda_sync_init(UDF_INIT *initid, UDF_ARGS *args, char *message) {
  return init_call(initid, args, message, "lambda_sync", (unsigned long)LAMBDA_MAX_RESPONSE_BYTES);
}

UDF_EXPORT void lambda_sync_deinit(UDF_INIT *initid) { deinit_call(initid); }

/* Returns the function's response body from the call state's own buffer, which stays valid
 * until the next call or deinit (the server's result buffer is only about 255 bytes). */
UDF_EXPORT char *lambda_sync(UDF_INIT *initid, UDF_ARGS *args, char *result, unsigned long *length,
                  char *is_null, char *error) {
  (void)result;
  call_state *state = (call_state *)initid->ptr;
  if (args->args[0] == NULL || args->args[1] == NULL) {
    *is_null = 1;
    return NULL;
  }
  if (invoke(args, state, LAMBDA_INVOCATION_REQUEST_RESPONSE) != 0) {
    *is_null = 1;
    *error = 1;
    return NULL;
  }
  if (state->result.body == NULL) {
    /* A 200 with an empty body: the function returned nothing. */
    *length = 0;
    return (char *)"";
  }
  *length = (unsigned long)state->result.body_length;
  return state->result.body;
}

UDF_EXPORT my_bool lambda_async_init(UDF_INIT *initid, UDF_ARGS *args, char *message) {
  return init_call(initid, args, message, "lambda_async", 0);
}

UDF_EXPORT void lambda_async_deinit(UDF_INIT *initid) { deinit_call(initid); }

/* Queues the invocation (HTTP 202) and returns NULL without waiting for the function. */
UDF_EXPORT char *lambda_async(UDF_INIT *initid, UDF_ARGS *args, char *result, unsigned long *length,
                   char *is_null, char *error) {
  (void)result;
  (void)length;
  call_state *state = (call_state *)initid->ptr;
  *is_null = 1;
  if (args->args[0] == NULL || args->args[1] == NULL) return NULL;
  if (invoke(args, state, LAMBDA_INVOCATION_EVENT) != 0) *error = 1;
  return NULL;
}
