// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module that commits the fault it is asked for, so
 * the harness can show that each kind of kernel report fails a run.
 * Never loaded outside kunit/selftest.sh.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *fault = "";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "kasan, ubsan, leak, lockdep, kunit, or empty");

static DEFINE_MUTEX(rps_selftest_a);
static DEFINE_MUTEX(rps_selftest_b);
static void *rps_selftest_lost;

static noinline void rps_selftest_kasan(void)
{
	char *p = kmalloc(8, GFP_KERNEL);
	int i = 8;

	OPTIMIZER_HIDE_VAR(i);
	if (p)
		pr_info("rps_selftest: read past the end: %d\n",
			READ_ONCE(p[i]));
	kfree(p);
}

static noinline void rps_selftest_ubsan(void)
{
	int a[4] = { 0 };
	int i = 4;

	OPTIMIZER_HIDE_VAR(i);
	pr_info("rps_selftest: index out of bounds: %d\n", a[i]);
}

static noinline void rps_selftest_leak(void)
{
	WRITE_ONCE(rps_selftest_lost, kmalloc(64, GFP_KERNEL));
	/* Forget the only reference. */
	WRITE_ONCE(rps_selftest_lost, NULL);
}

static noinline void rps_selftest_lockdep(void)
{
	mutex_lock(&rps_selftest_a);
	mutex_lock(&rps_selftest_b);
	mutex_unlock(&rps_selftest_b);
	mutex_unlock(&rps_selftest_a);

	mutex_lock(&rps_selftest_b);
	mutex_lock(&rps_selftest_a);
	mutex_unlock(&rps_selftest_a);
	mutex_unlock(&rps_selftest_b);
}

static void rps_selftest_case(struct kunit *test)
{
	if (!strcmp(fault, "kunit"))
		KUNIT_FAIL(test, "failing on purpose");
	KUNIT_EXPECT_EQ(test, 1, 1);
}

static struct kunit_case rps_selftest_cases[] = {
	KUNIT_CASE(rps_selftest_case),
	{}
};

static struct kunit_suite rps_selftest_suite = {
	.name = "rps_harness_selftest",
	.test_cases = rps_selftest_cases,
};

kunit_test_suite(rps_selftest_suite);

static int __init rps_selftest_init(void)
{
	if (!strcmp(fault, "kasan"))
		rps_selftest_kasan();
	else if (!strcmp(fault, "ubsan"))
		rps_selftest_ubsan();
	else if (!strcmp(fault, "leak"))
		rps_selftest_leak();
	else if (!strcmp(fault, "lockdep"))
		rps_selftest_lockdep();
	return 0;
}
module_init(rps_selftest_init);

MODULE_DESCRIPTION("Test harness self-test: faults on request");
MODULE_LICENSE("GPL");
