/*
 * aws_lambda.invoke for a local PostgreSQL 15: the interface of the aws_lambda extension of
 * Aurora and RDS for PostgreSQL, calling the Lambda Invoke API through the shared libcurl
 * client in native/lambda-invoke.
 *
 * The endpoint comes from the setting aws_lambda.endpoint, which only a superuser may change,
 * so no ordinary SQL user can send calls elsewhere. The shared client keeps its connection
 * open between calls, so a backend reuses one socket for the whole session.
 *
 * Only functions that 15.0 already exported are used (no heap_getattr and the like), because
 * a module built against newer 15.x headers must still load into an older 15.x server.
 */
#include "postgres.h"

#include <string.h>

#include "access/htup_details.h"
#include "common/base64.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"

#include "lambda_invoke.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(aws_lambda_invoke_name_json);
PG_FUNCTION_INFO_V1(aws_lambda_invoke_name_jsonb);
PG_FUNCTION_INFO_V1(aws_lambda_invoke_arn_json);
PG_FUNCTION_INFO_V1(aws_lambda_invoke_arn_jsonb);

static char *endpoint_setting = NULL;
static char *region_setting = NULL;
static char *account_id_setting = NULL;

/* The arguments of one call, after the four overloads have been mapped onto them. */
typedef struct InvokeArguments
{
	char	   *function_identifier;	/* a name, partial ARN or full ARN */
	char	   *region;			/* NULL for the default */
	char	   *payload;		/* JSON text */
	char	   *invocation_type;
	char	   *log_type;
	char	   *client_context; /* JSON text, or NULL */
	char	   *qualifier;		/* NULL for the unqualified function */
} InvokeArguments;

void		_PG_init(void);

/* Rejects an endpoint by the same rule as the shared client, which checks it again per call. */
static bool
check_endpoint(char **newval, void **extra, GucSource source)
{
	char		error[LAMBDA_ERROR_MAX];

	if (*newval == NULL)
		return true;
	if (lambda_check_endpoint(*newval, error, sizeof(error)) != 0)
	{
		GUC_check_errmsg("invalid aws_lambda.endpoint \"%s\"", *newval);
		GUC_check_errdetail("%s", error);
		GUC_check_errhint("Use an http:// or https:// base URL, e.g. http://127.0.0.1:3002.");
		return false;
	}
	return true;
}

void
_PG_init(void)
{
	DefineCustomStringVariable("aws_lambda.endpoint",
							   "Base URL of the Lambda Invoke API that aws_lambda.invoke calls.",
							   "Only a superuser may change it.",
							   &endpoint_setting,
							   "http://127.0.0.1:3002",
							   PGC_SUSET,
							   0,
							   check_endpoint, NULL, NULL);
	DefineCustomStringVariable("aws_lambda.region",
							   "Region of a function given by name or partial ARN, when invoke gets no region.",
							   "It only names the function in error messages. The endpoint decides where calls go.",
							   &region_setting,
							   "us-east-1",
							   PGC_SUSET,
							   0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("aws_lambda.account_id",
							   "Account id in the ARN of a function given by name only.",
							   "It names the function in error messages.",
							   &account_id_setting,
							   "000000000000",
							   PGC_SUSET,
							   0,
							   NULL, NULL, NULL);
	MarkGUCPrefixReserved("aws_lambda");

	if (lambda_invoke_global_init() != 0)
		ereport(ERROR,
				(errcode(ERRCODE_SYSTEM_ERROR),
				 errmsg("aws_lambda could not initialise libcurl")));
}

static char *
text_argument_or_null(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return NULL;
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

/* Returns a json or jsonb argument as JSON text, or NULL for SQL NULL. */
static char *
json_argument_or_null(FunctionCallInfo fcinfo, int argno, bool is_jsonb)
{
	if (PG_ARGISNULL(argno))
		return NULL;
	if (is_jsonb)
		return DatumGetCString(DirectFunctionCall1(jsonb_out, PG_GETARG_DATUM(argno)));
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

/*
 * Maps the arguments of any overload onto InvokeArguments. The text overloads take
 * (function_name, payload, region, invocation_type, log_type, context, qualifier). The ARN
 * overloads take the region from the aws_commons._lambda_function_arn_1 value instead.
 */
static InvokeArguments
read_arguments(FunctionCallInfo fcinfo, bool function_is_arn, bool is_jsonb)
{
	InvokeArguments arguments;
	int			next;

	memset(&arguments, 0, sizeof(arguments));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("function_name must not be NULL"),
				 errhint("Pass a function name, a partial ARN or a full ARN.")));

	if (function_is_arn)
	{
		HeapTupleHeader arn = PG_GETARG_HEAPTUPLEHEADER(0);
		bool		isnull;
		Datum		value;

		value = GetAttributeByNum(arn, 1, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("function_name must not be NULL"),
					 errhint("Build the argument with aws_commons.create_lambda_function_arn(name, region).")));
		arguments.function_identifier = TextDatumGetCString(value);
		value = GetAttributeByNum(arn, 2, &isnull);
		arguments.region = isnull ? NULL : TextDatumGetCString(value);
		next = 2;
	}
	else
	{
		arguments.function_identifier = text_argument_or_null(fcinfo, 0);
		arguments.region = text_argument_or_null(fcinfo, 2);
		next = 3;
	}

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("payload must not be NULL"),
				 errhint("Pass '{}'::json for an empty event.")));
	arguments.payload = json_argument_or_null(fcinfo, 1, is_jsonb);
	arguments.invocation_type = text_argument_or_null(fcinfo, next);
	arguments.log_type = text_argument_or_null(fcinfo, next + 1);
	arguments.client_context = json_argument_or_null(fcinfo, next + 2, is_jsonb);
	arguments.qualifier = text_argument_or_null(fcinfo, next + 3);

	/* An explicit NULL means the default, as an omitted argument would. */
	if (arguments.invocation_type == NULL)
		arguments.invocation_type = "RequestResponse";
	if (arguments.log_type == NULL)
		arguments.log_type = "None";
	if (arguments.region != NULL && arguments.region[0] == '\0')
		arguments.region = NULL;
	return arguments;
}

static void
validate_arguments(const InvokeArguments *arguments)
{
	const char *invocation_type = arguments->invocation_type;
	const char *log_type = arguments->log_type;

	if (strcmp(invocation_type, "RequestResponse") != 0 &&
		strcmp(invocation_type, "Event") != 0 &&
		strcmp(invocation_type, "DryRun") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid invocation_type \"%s\"", invocation_type),
				 errhint("Use RequestResponse, Event or DryRun.")));

	if (strcmp(log_type, "None") != 0 && strcmp(log_type, "Tail") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid log_type \"%s\"", log_type),
				 errhint("Use None or Tail.")));
}

/*
 * Returns the full ARN of the function for messages. A full ARN is returned as given. A
 * partial ARN or a name is completed with the region and, for a name, the setting
 * aws_lambda.account_id. Raises when an explicit region contradicts a full ARN.
 */
static char *
function_arn_for_messages(const InvokeArguments *arguments)
{
	const char *identifier = arguments->function_identifier;
	const char *region = arguments->region ? arguments->region : region_setting;

	if (strncmp(identifier, "arn:", 4) == 0)
	{
		/* arn:partition:lambda:region:account:function:name[:qualifier] */
		const char *cursor = identifier;
		const char *arn_region = NULL;
		size_t		arn_region_length = 0;
		int			field;

		for (field = 0; field < 3 && cursor != NULL; field++)
		{
			cursor = strchr(cursor, ':');
			if (cursor != NULL)
				cursor++;
		}
		if (cursor != NULL)
		{
			arn_region = cursor;
			arn_region_length = strcspn(cursor, ":");
		}
		if (arguments->region != NULL && arn_region != NULL &&
			(strlen(arguments->region) != arn_region_length ||
			 strncmp(arguments->region, arn_region, arn_region_length) != 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("region \"%s\" does not match the region of function ARN \"%s\"",
							arguments->region, identifier),
					 errhint("Pass region NULL with a full ARN, or pass the function's name.")));
		return pstrdup(identifier);
	}
	if (strstr(identifier, ":function:") != NULL)
		return psprintf("arn:aws:lambda:%s:%s", region, identifier);
	return psprintf("arn:aws:lambda:%s:%s:function:%s", region, account_id_setting, identifier);
}

static char *
encode_client_context(const char *context)
{
	int			length = strlen(context);
	int			encoded_capacity = pg_b64_enc_len(length) + 1;
	char	   *encoded = palloc(encoded_capacity);
	int			encoded_length = pg_b64_encode(context, length, encoded, encoded_capacity);

	if (encoded_length < 0 || encoded_length > LAMBDA_CLIENT_CONTEXT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("context is too large: %d characters in base64, Lambda accepts at most %d",
						encoded_length, LAMBDA_CLIENT_CONTEXT_MAX)));
	encoded[encoded_length] = '\0';
	return encoded;
}

/*
 * Abort callback of the transfer: stops waiting on a query cancel (including
 * statement_timeout) or a backend shutdown. It only reads flags, because raising an error
 * from inside libcurl would jump over its cleanup. The caller raises the error afterwards.
 */
static int
interrupt_requested(void *context)
{
	return QueryCancelPending || ProcDiePending;
}

/* The parts of a lambda_invoke_result the reply needs, copied into palloc'd memory. */
typedef struct InvokeReply
{
	lambda_invoke_outcome outcome;
	long		http_status;
	char	   *function_error;
	char	   *executed_version;
	char	   *body;			/* NULL when the response had no body */
	size_t		body_length;
	char	   *error;
	char	   *log_result;
} InvokeReply;

/*
 * Sends the request through the shared client and copies what came back, so that the
 * client's malloc'd result is freed before any error is raised.
 */
static InvokeReply
send_invoke_request(const lambda_invoke_request *request)
{
	lambda_invoke_result result;
	InvokeReply reply;

	lambda_invoke_result_init(&result);
	lambda_invoke(request, &result);

	reply.outcome = result.outcome;
	reply.http_status = result.http_status;
	reply.function_error = pstrdup(result.function_error);
	reply.executed_version = pstrdup(result.executed_version);
	reply.body = NULL;
	reply.body_length = 0;
	if (result.body != NULL)
	{
		/* memcpy rather than pnstrdup, which would stop at a NUL byte inside the body. */
		reply.body = palloc(result.body_length + 1);
		memcpy(reply.body, result.body, result.body_length);
		reply.body[result.body_length] = '\0';
		reply.body_length = result.body_length;
	}
	reply.error = pstrdup(result.error);
	reply.log_result = pstrdup(result.log_result);
	lambda_invoke_result_free(&result);
	return reply;
}

static lambda_invocation_type
invocation_type_from_name(const char *name)
{
	if (strcmp(name, "Event") == 0)
		return LAMBDA_INVOCATION_EVENT;
	if (strcmp(name, "DryRun") == 0)
		return LAMBDA_INVOCATION_DRY_RUN;
	return LAMBDA_INVOCATION_REQUEST_RESPONSE;
}

/* Raises the error for every outcome but LAMBDA_OUTCOME_OK. */
static void
raise_for_failed_reply(const InvokeReply *reply, const char *function_arn)
{
	switch (reply->outcome)
	{
		case LAMBDA_OUTCOME_OK:
			return;

		case LAMBDA_OUTCOME_FUNCTION_ERROR:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("lambda invocation failed"),
					 errdetail("\"%s\" returned error \"%s\", details: \"%s\".",
							   function_arn, reply->function_error,
							   reply->body ? reply->body : "")));
			break;

		case LAMBDA_OUTCOME_HTTP_ERROR:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION),
					 errmsg("invoke API failed"),
					 errdetail("The Lambda Invoke API at %s rejected the call to \"%s\": %s",
							   endpoint_setting, function_arn, reply->error)));
			break;

		case LAMBDA_OUTCOME_INVALID_REQUEST:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid argument to aws_lambda.invoke: %s", reply->error)));
			break;

		case LAMBDA_OUTCOME_ABORTED:
			/* Raises the cancel or shutdown error that made the callback abort. */
			CHECK_FOR_INTERRUPTS();
			ereport(ERROR,
					(errcode(ERRCODE_QUERY_CANCELED),
					 errmsg("invoke API failed"),
					 errdetail("The call to \"%s\" was interrupted.", function_arn)));
			break;

		case LAMBDA_OUTCOME_RESPONSE_TOO_LARGE:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("invoke API failed"),
					 errdetail("The response of \"%s\" was cut off: %s.", function_arn, reply->error)));
			break;

		case LAMBDA_OUTCOME_TRANSPORT_ERROR:
		default:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION),
					 errmsg("invoke API failed"),
					 errdetail("Could not call \"%s\": %s.", function_arn, reply->error),
					 errhint("Check that the service is running and that the superuser setting aws_lambda.endpoint points to it.")));
			break;
	}
}

/* Converts the response body into the json or jsonb OUT value, or NULL for an empty body. */
static Datum
payload_datum(const InvokeReply *reply, const char *function_arn, bool is_jsonb, bool *isnull)
{
	char		error[LAMBDA_ERROR_MAX];

	*isnull = reply->body == NULL || reply->body_length == 0;
	if (*isnull)
		return (Datum) 0;

	if (lambda_json_validate(reply->body, reply->body_length, error, sizeof(error)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invoke API failed"),
				 errdetail("\"%s\" returned a payload that is not valid JSON: %s",
						   function_arn, error)));
	if (is_jsonb)
		return DirectFunctionCall1(jsonb_in, CStringGetDatum(reply->body));
	return PointerGetDatum(cstring_to_text_with_len(reply->body, reply->body_length));
}

/* Invokes the function and returns the (status_code, payload, executed_version, log_result) row. */
static Datum
invoke_and_build_row(FunctionCallInfo fcinfo, bool function_is_arn, bool is_jsonb)
{
	InvokeArguments arguments = read_arguments(fcinfo, function_is_arn, is_jsonb);
	lambda_function_ref function_ref;
	char		parse_error[LAMBDA_ERROR_MAX];
	char	   *function_arn;
	lambda_invoke_request request;
	InvokeReply reply;
	TupleDesc	result_descriptor;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	validate_arguments(&arguments);
	if (lambda_parse_function_name(arguments.function_identifier,
								   strlen(arguments.function_identifier),
								   &function_ref, parse_error, sizeof(parse_error)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid function_name \"%s\"", arguments.function_identifier),
				 errdetail("%s", parse_error),
				 errhint("Pass a function name, a partial ARN or a full ARN.")));
	function_arn = function_arn_for_messages(&arguments);

	if (get_call_result_type(fcinfo, NULL, &result_descriptor) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("aws_lambda.invoke must be called where a record is accepted")));
	result_descriptor = BlessTupleDesc(result_descriptor);

	memset(&request, 0, sizeof(request));
	request.endpoint = endpoint_setting;
	request.function = arguments.function_identifier;
	request.function_length = strlen(arguments.function_identifier);
	request.qualifier = arguments.qualifier;
	request.invocation_type = invocation_type_from_name(arguments.invocation_type);
	/*
	 * NOTE: the payload is sent in the server encoding and the reply is read back without
	 * conversion, so non-ASCII text in a database that is not UTF8 is rejected or garbled.
	 */
	request.payload = arguments.payload;
	request.payload_length = strlen(arguments.payload);
	request.abort_callback = interrupt_requested;
	request.log_tail = strcmp(arguments.log_type, "Tail") == 0;
	if (arguments.client_context != NULL)
		request.client_context = encode_client_context(arguments.client_context);

	reply = send_invoke_request(&request);
	raise_for_failed_reply(&reply, function_arn);

	values[0] = Int32GetDatum((int32) reply.http_status);
	values[1] = payload_datum(&reply, function_arn, is_jsonb, &nulls[1]);
	nulls[2] = reply.executed_version[0] == '\0';
	values[2] = nulls[2] ? (Datum) 0 : CStringGetTextDatum(reply.executed_version);
	nulls[3] = reply.log_result[0] == '\0';
	values[3] = nulls[3] ? (Datum) 0 : CStringGetTextDatum(reply.log_result);

	return HeapTupleGetDatum(heap_form_tuple(result_descriptor, values, nulls));
}

Datum
aws_lambda_invoke_name_json(PG_FUNCTION_ARGS)
{
	return invoke_and_build_row(fcinfo, false, false);
}

Datum
aws_lambda_invoke_name_jsonb(PG_FUNCTION_ARGS)
{
	return invoke_and_build_row(fcinfo, false, true);
}

Datum
aws_lambda_invoke_arn_json(PG_FUNCTION_ARGS)
{
	return invoke_and_build_row(fcinfo, true, false);
}

Datum
aws_lambda_invoke_arn_jsonb(PG_FUNCTION_ARGS)
{
	return invoke_and_build_row(fcinfo, true, true);
}
