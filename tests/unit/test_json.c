/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the JSON writer (host/json.c): structure, escaping and
 * UTF-8 repair.  Every output is also parsed back with jansson, so "valid
 * JSON" is checked by a real parser, not by string comparison alone.
 */
#include <CUnit/CUnit.h>
#include <jansson.h>
#include <string.h>

#include "../../host/json.h"
#include "suites.h"

static struct json j;

static int setup(void)
{
	json_init(&j);
	return 0;
}

static int teardown(void)
{
	json_free(&j);
	return 0;
}

/* Escape RAW (N bytes) as a JSON string; compare with EXPECT; parse it. */
static void check_string(const char *raw, size_t n, const char *expect, const char *decoded)
{
	json_t *v;
	json_error_t e;

	json_reset(&j);
	json_strn(&j, raw, n);
	CU_ASSERT_STRING_EQUAL(j.buf, expect);
	v = json_loads(j.buf, JSON_DECODE_ANY, &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_STRING_EQUAL(json_string_value(v), decoded);
	json_decref(v);
}

static void test_plain_and_quotes(void)
{
	check_string("abc", 3, "\"abc\"", "abc");
	check_string("a\"b\\c", 5, "\"a\\\"b\\\\c\"", "a\"b\\c");
	check_string("a/b", 3, "\"a/b\"", "a/b");
	check_string("", 0, "\"\"", "");
}

static void test_control_characters(void)
{
	check_string("\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"", "\n\r\t\b\f");
	check_string("\x01\x1f", 2, "\"\\u0001\\u001f\"", "\x01\x1f");
	check_string("\x7f", 1, "\"\x7f\"", "\x7f"); /* DEL needs no escape */
}

static void test_embedded_nul(void)
{
	json_t *v;

	json_reset(&j);
	json_strn(&j, "a\0b", 3);
	CU_ASSERT_STRING_EQUAL(j.buf, "\"a\\u0000b\"");
	v = json_loads(j.buf, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(json_string_length(v), 3);
	json_decref(v);
}

static void test_utf8_kept(void)
{
	check_string("h\xc3\xa9", 3, "\"h\xc3\xa9\"", "h\xc3\xa9");          /* é */
	check_string("\xe2\x82\xac", 3, "\"\xe2\x82\xac\"", "\xe2\x82\xac"); /* € */
	check_string("\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\"", "\xf0\x9f\x98\x80");
}

static void test_invalid_utf8_replaced(void)
{
	const char *fffd = "\xef\xbf\xbd";

	check_string("\xff", 1, "\"\\ufffd\"", fffd);
	check_string("a\xc3", 2, "\"a\\ufffd\"", "a\xef\xbf\xbd"); /* truncated */
	check_string("\xc0\xaf", 2, "\"\\ufffd\\ufffd\"",
	             "\xef\xbf\xbd\xef\xbf\xbd"); /* overlong */
	check_string("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"",
	             "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
	check_string("\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"",
	             "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* > U+10FFFF */
}

static void test_structure(void)
{
	json_t *v;
	const uint8_t bytes[] = { 0x00, 0xab, 0xff };

	json_reset(&j);
	json_obj_begin(&j);
	json_kv_u64(&j, "seq", 9223372036854775807ULL); /* jansson: int64 max */
	json_kv_i64(&j, "neg", -42);
	json_kv_hex(&j, "rip", 0xffffffff80001000ULL);
	json_kv_bool(&j, "ok", true);
	json_key(&j, "none");
	json_null_value(&j);
	json_key(&j, "data");
	json_hexbytes(&j, bytes, sizeof(bytes));
	json_key(&j, "list");
	json_arr_begin(&j);
	json_u64(&j, 1);
	json_obj_begin(&j);
	json_obj_end(&j);
	json_arr_begin(&j);
	json_arr_end(&j);
	json_str(&j, "x");
	json_arr_end(&j);
	json_key(&j, "k\"ey");
	json_str(&j, NULL);
	json_obj_end(&j);
	CU_ASSERT_STRING_EQUAL(
		j.buf, "{\"seq\":9223372036854775807,\"neg\":-42,\"rip\":\"0xffffffff80001000\","
		       "\"ok\":true,\"none\":null,\"data\":\"00abff\",\"list\":[1,{},[],\"x\"],"
		       "\"k\\\"ey\":null}");
	v = json_loads(j.buf, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(v, "rip")), "0xffffffff80001000");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(v, "list")), 4);
	json_decref(v);
}

static void test_u64_max(void)
{
	json_reset(&j);
	json_u64(&j, UINT64_MAX);
	CU_ASSERT_STRING_EQUAL(j.buf, "18446744073709551615");
}

static void test_reset_reuses_buffer(void)
{
	json_reset(&j);
	json_obj_begin(&j);
	json_kv_str(&j, "a", "b");
	json_obj_end(&j);
	json_reset(&j);
	json_obj_begin(&j);
	json_kv_u64(&j, "n", 1);
	json_obj_end(&j);
	CU_ASSERT_STRING_EQUAL(j.buf, "{\"n\":1}");
}

static void test_large_growth(void)
{
	static char big[100000];
	json_t *v;

	memset(big, '"', sizeof(big) - 1);
	json_reset(&j);
	json_str(&j, big);
	CU_ASSERT_FALSE(j.oom);
	CU_ASSERT_EQUAL(j.len, 2 * (sizeof(big) - 1) + 2);
	v = json_loads(j.buf, JSON_DECODE_ANY, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(json_string_length(v), sizeof(big) - 1);
	json_decref(v);
}

int suite_json(void)
{
	static const struct unit_test tests[] = {
		{ "plain strings and quotes", test_plain_and_quotes },
		{ "control characters", test_control_characters },
		{ "embedded NUL", test_embedded_nul },
		{ "valid UTF-8 kept", test_utf8_kept },
		{ "invalid UTF-8 replaced", test_invalid_utf8_replaced },
		{ "objects, arrays, numbers", test_structure },
		{ "UINT64_MAX", test_u64_max },
		{ "reset reuses the buffer", test_reset_reuses_buffer },
		{ "large strings", test_large_growth },
	};

	return add_suite("json", setup, teardown, NULL, NULL, tests,
	                 sizeof(tests) / sizeof(tests[0]));
}
