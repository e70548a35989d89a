/*
 * Client of the AWS Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations) for
 * database plug-ins: the MariaDB UDFs lambda_sync and lambda_async, and the PostgreSQL
 * aws_lambda.invoke equivalent. Plain C with libcurl and pthreads, no database types.
 *
 * Thread safety: every function may be called from several threads at once, after
 * lambda_invoke_global_init() has returned 0. Idle connections are kept in a pool shared by
 * all threads of the process, so a trigger that invokes once per row reuses one socket.
 */
#ifndef LAMBDA_INVOKE_H
#define LAMBDA_INVOKE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Lambda limits (Lambda quotas page): a function name has at most 64 characters, a
 * qualifier (version or alias) at most 128, and a synchronous request or response at most
 * 6 MB, which Lambda counts as 6,291,456 bytes. */
#define LAMBDA_FUNCTION_NAME_MAX 64
#define LAMBDA_QUALIFIER_MAX 128
#define LAMBDA_MAX_PAYLOAD_BYTES ((size_t)6 * 1024 * 1024)
#define LAMBDA_MAX_RESPONSE_BYTES ((size_t)6 * 1024 * 1024)

/* Lambda returns at most the last 4 KB of the execution log, base64-encoded: 5,464
 * characters. A client context may have at most 3,583 characters of base64. */
#define LAMBDA_LOG_RESULT_MAX 5464
#define LAMBDA_CLIENT_CONTEXT_MAX 3583

/* Maximum length in bytes of the endpoint URL that lambda_invoke accepts. */
#define LAMBDA_ENDPOINT_MAX 2048

/* Size of the error buffer in a result; longer messages are cut. */
#define LAMBDA_ERROR_MAX 1024

/* Default transfer timeout when a request leaves timeout_ms at 0: Lambda's maximum function
 * timeout of 15 minutes, so a running function is never cut off by the client first. */
#define LAMBDA_DEFAULT_TIMEOUT_MS (15L * 60L * 1000L)

/* Value of the X-Amz-Invocation-Type header. */
typedef enum lambda_invocation_type {
  LAMBDA_INVOCATION_REQUEST_RESPONSE = 0, /* wait for the result (HTTP 200) */
  LAMBDA_INVOCATION_EVENT = 1,            /* queue and return at once (HTTP 202, no body) */
  LAMBDA_INVOCATION_DRY_RUN = 2           /* check the call only (HTTP 204) */
} lambda_invocation_type;

/* How an invocation ended; the first three mean the request was sent. */
typedef enum lambda_invoke_outcome {
  LAMBDA_OUTCOME_OK = 0,             /* 2xx without x-amz-function-error */
  LAMBDA_OUTCOME_FUNCTION_ERROR = 1, /* 2xx with x-amz-function-error; body has errorMessage */
  LAMBDA_OUTCOME_HTTP_ERROR = 2,     /* non-2xx status from the Invoke API, e.g. 404 */
  LAMBDA_OUTCOME_INVALID_REQUEST = 3,   /* bad name, qualifier, endpoint or JSON; not sent */
  LAMBDA_OUTCOME_TRANSPORT_ERROR = 4,   /* connect, send or receive failed, or timed out */
  LAMBDA_OUTCOME_ABORTED = 5,           /* the abort callback returned nonzero */
  LAMBDA_OUTCOME_RESPONSE_TOO_LARGE = 6 /* body above LAMBDA_MAX_RESPONSE_BYTES */
} lambda_invoke_outcome;

/* A function name split from a name, partial ARN or full ARN. */
typedef struct lambda_function_ref {
  char name[LAMBDA_FUNCTION_NAME_MAX + 1];
  char qualifier[LAMBDA_QUALIFIER_MAX + 1]; /* empty when the input names no version or alias */
} lambda_function_ref;

/* Polled during the transfer, at least about once a second while waiting for data (libcurl
 * progress callback). Returns nonzero to abort, e.g. on KILL QUERY or a query cancel. */
typedef int (*lambda_abort_callback)(void *context);

/* One invocation. Strings are NUL-terminated unless a length is given. */
typedef struct lambda_invoke_request {
  /* Base URL of the Invoke API, http:// or https://, e.g. "http://127.0.0.1:3002". */
  const char *endpoint;
  /* Name, partial ARN or full ARN, as lambda_parse_function_name() accepts. */
  const char *function;
  size_t function_length;
  /* Version or alias, or NULL. When the function ARN carries one too, both must match. */
  const char *qualifier;
  lambda_invocation_type invocation_type;
  /* Request body; checked with lambda_json_validate() before anything is sent. */
  const char *payload;
  size_t payload_length;
  /* Whole-transfer timeout in milliseconds; 0 means LAMBDA_DEFAULT_TIMEOUT_MS. */
  long timeout_ms;
  /* Optional; NULL means the call cannot be aborted early. */
  lambda_abort_callback abort_callback;
  void *abort_context;
  /* Nonzero sends X-Amz-Log-Type: Tail, which requests the log tail in result.log_result. */
  int log_tail;
  /* X-Amz-Client-Context: base64 of a JSON object, at most LAMBDA_CLIENT_CONTEXT_MAX
   * characters, or NULL to send none. */
  const char *client_context;
} lambda_invoke_request;

/* What came back. Initialise with lambda_invoke_result_init(), release with
 * lambda_invoke_result_free(). */
typedef struct lambda_invoke_result {
  lambda_invoke_outcome outcome;
  long http_status; /* 0 when no response arrived */
  /* x-amz-function-error header, e.g. "Unhandled"; empty when absent. */
  char function_error[64];
  /* x-amz-executed-version header, e.g. "$LATEST"; empty when absent. */
  char executed_version[LAMBDA_QUALIFIER_MAX + 1];
  /* Response body, malloc'd and NUL-terminated (the NUL is not counted in body_length);
   * NULL when there was no body. */
  char *body;
  size_t body_length;
  /* Readable reason when outcome is not LAMBDA_OUTCOME_OK; empty otherwise. For a function
   * error or an HTTP error it starts with the errorMessage or message from the body. */
  char error[LAMBDA_ERROR_MAX];
  /* x-amz-log-result header, the base64 log tail when log_tail was set; empty when absent. */
  char log_result[LAMBDA_LOG_RESULT_MAX + 1];
} lambda_invoke_result;

/* Initialises libcurl and the connection pool once per process. Returns 0 on success, -1
 * when libcurl could not be initialised. Safe to call repeatedly and from several threads. */
int lambda_invoke_global_init(void);

/* Closes pooled connections and releases libcurl. Call only when no invocation is running,
 * e.g. when the library is unloaded. */
void lambda_invoke_global_cleanup(void);

/*
 * Splits a function reference into name and qualifier. Accepted forms:
 *   my-function                                         (name)
 *   my-function:v1                                      (name with version or alias)
 *   123456789012:function:my-function[:v1]              (partial ARN)
 *   arn:aws:lambda:us-east-1:123456789012:function:my-function[:v1]   (full ARN)
 * The name is 1 to 64 characters from [A-Za-z0-9_-]. A qualifier is $LATEST, a version
 * number or an alias of 1 to 128 characters from [A-Za-z0-9_-]. Returns 0 on success, or -1
 * with a readable reason in error (always NUL-terminated when error_size > 0).
 */
int lambda_parse_function_name(const char *input, size_t length, lambda_function_ref *out,
                               char *error, size_t error_size);

/*
 * Checks an endpoint URL by the rule lambda_invoke applies before sending: it starts with
 * http:// or https:// in any letter case, has at most LAMBDA_ENDPOINT_MAX bytes, and contains
 * only printable ASCII other than space, '?' and '#'. Returns 0 when valid, or -1 with a
 * readable reason in error (always NUL-terminated when error_size > 0).
 */
int lambda_check_endpoint(const char *endpoint, char *error, size_t error_size);

/*
 * Checks that text is exactly one JSON value (RFC 8259) in UTF-8, with optional whitespace
 * around it, nesting at most 512 levels deep. Syntax only: duplicate object keys pass.
 * Returns 0 when valid, or -1 with the reason and byte offset in error.
 */
int lambda_json_validate(const char *text, size_t length, char *error, size_t error_size);

void lambda_invoke_result_init(lambda_invoke_result *result);
void lambda_invoke_result_free(lambda_invoke_result *result);

/*
 * Sends one Invoke API request and fills result. Returns 0 when outcome is
 * LAMBDA_OUTCOME_OK and -1 otherwise. The URL path carries only the URL-encoded function
 * name; the qualifier goes into the Qualifier query parameter. No AWS signature is sent,
 * so the endpoint must be a local emulator or a proxy that signs requests.
 */
int lambda_invoke(const lambda_invoke_request *request, lambda_invoke_result *result);

#ifdef __cplusplus
}
#endif

#endif /* LAMBDA_INVOKE_H */
