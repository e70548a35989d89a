/* Helpers shared between the files of the Lambda Invoke client; not part of its interface. */
#ifndef LAMBDA_JSON_INTERNAL_H
#define LAMBDA_JSON_INTERNAL_H

#include <stddef.h>

/* Copies the decoded value of the string member key of the top-level JSON object in text
 * into out, cut to out_size - 1 bytes. Returns 0 when found, -1 when text is not an object,
 * the member is missing or its value is not a string. */
int lambda_json_top_level_string(const char *text, size_t length, const char *key, char *out,
                                 size_t out_size);

#endif /* LAMBDA_JSON_INTERNAL_H */
