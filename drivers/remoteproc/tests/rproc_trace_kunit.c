// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for trace buffers: the text of a ring buffer comes out
 * oldest first whether or not the writer wrapped, and a buffer outside
 * processor memory is refused before anything can read it.
 */

#include <kunit/test.h>

#include "rproc_kunit_fake.h"

struct unwrap_case {
	const char *desc;
	const char *buf;
	size_t len;
	const char *text;
};

static const struct unwrap_case unwrap_cases[] = {
	{ "empty", "\0\0\0\0\0\0\0\0", 8, "" },
	{ "not wrapped", "hello\0\0\0", 8, "hello" },
	{ "full, no terminator", "abcdefgh", 8, "abcdefgh" },
	{ "wrapped", "rld\0o wo", 8, "o world" },
	{ "terminator last", "1234567\0", 8, "1234567" },
	{ "terminator first", "\0bcdefgh", 8, "bcdefgh" },
	{ "one byte", "x", 1, "x" },
};

static void unwrap_desc(const struct unwrap_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(unwrap, unwrap_cases, unwrap_desc);

static void trace_unwrap_orders_text(struct kunit *test)
{
	const struct unwrap_case *c = test->param_value;
	char *buf = kunit_kzalloc(test, c->len, GFP_KERNEL);
	char *out = kunit_kzalloc(test, c->len, GFP_KERNEL);
	size_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, out);
	/* Exactly len bytes, so KASAN catches a read past the buffer. */
	memcpy(buf, c->buf, c->len);
	n = rproc_trace_unwrap(buf, c->len, out);
	KUNIT_EXPECT_EQ(test, n, strlen(c->text));
	KUNIT_EXPECT_MEMEQ(test, out, c->text, n);
}

static void trace_cleanup(void *rproc)
{
	rproc_resource_cleanup(rproc);
}

static void trace_publish_checks_memory(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);
	struct rproc_debug_trace *trace;

	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, trace_cleanup, rproc));
	KUNIT_ASSERT_EQ(test, fake_prepare(rproc), 0);

	KUNIT_ASSERT_EQ(test, rproc_trace_add(rproc, FAKE_DA, 64), 0);
	KUNIT_ASSERT_EQ(test, rproc_trace_publish(rproc), 0);
	trace = list_first_entry(&rproc->traces, struct rproc_debug_trace, node);
	KUNIT_EXPECT_PTR_EQ(test, trace->trace_mem.va, (void *)f->mem);
	KUNIT_EXPECT_EQ(test, trace->index, 0);
	KUNIT_EXPECT_EQ(test, rproc->num_traces, 1);

	/* One byte too long, or empty. */
	KUNIT_ASSERT_EQ(test, rproc_trace_add(rproc, FAKE_DA + FAKE_MEM_LEN - 64, 65), 0);
	KUNIT_EXPECT_EQ(test, rproc_trace_publish(rproc), -EINVAL);
	rproc_trace_remove_all(rproc);
	KUNIT_EXPECT_EQ(test, rproc->num_traces, 0);

	KUNIT_ASSERT_EQ(test, rproc_trace_add(rproc, FAKE_DA, 0), 0);
	KUNIT_EXPECT_EQ(test, rproc_trace_publish(rproc), -EINVAL);
}

static struct kunit_case rproc_trace_cases[] = {
	KUNIT_CASE_PARAM(trace_unwrap_orders_text, unwrap_gen_params),
	KUNIT_CASE(trace_publish_checks_memory),
	{}
};

static struct kunit_suite rproc_trace_suite = {
	.name		= "rproc_trace",
	.test_cases	= rproc_trace_cases,
};

kunit_test_suite(rproc_trace_suite);

MODULE_DESCRIPTION("KUnit tests for remote processor trace buffers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
