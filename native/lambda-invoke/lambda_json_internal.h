/* Helpers shared between the files of the Lambda Invoke client; not part of its interface. */
#ifndef LAMBDA_JSON_INTERNAL_H
#define LAMBDA_JSON_INTERNAL_H

#include <stddef.h>

/* Formats a message into error, cut to error_size - 1 bytes, and does nothing when error is
 * NULL or error_size is 0. Hidden, so the short name is not exported from the database
 * modules, where it could bind to a function of the same name in another loaded library. */
__attribute__((visibility("hidden"), format(printf, 3, 4))) void write_error(
    char *error, size_t error_size, const char *format, ...);

/* Copies the decoded value of the string member key of the top-level JSON object in text
 * into out, cut to out_size - 1 bytes. Returns 0 when found, -1 when text is not an object,
 * the member is missing or its value is not a string. */
int lambda_json_top_level_string(const char *text, size_t length, const char *key, char *out,
                                 size_t out_size);

/* Does the same lookup as lambda_json_top_level_string without validating text again, so a
 * caller that looks up several members validates a large body once. Precondition: text has
 * passed lambda_json_validate, because on invalid text the lookup may read past its end. */
int lambda_json_find_top_level_string(const char *text, size_t length, const char *key,
                                      char *out, size_t out_size);

#endif /* LAMBDA_JSON_INTERNAL_H */
