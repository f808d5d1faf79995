// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the sysfs attributes of a remote processor: the strings
 * and errors of Linux 6.12, and read-only processors refusing writes; and
 * the debugfs files' formats, which are mainline's too.
 */

#include <kunit/test.h>
#include <linux/seq_file.h>
#include <linux/sysfs.h>

#include "rproc_kunit_fake.h"

static struct device_attribute *find_attr(struct kunit *test,
					  struct rproc *rproc, const char *name)
{
	const struct attribute_group **groups = rproc->dev.class->dev_groups;
	struct attribute **a;

	for (; groups && *groups; groups++)
		for (a = (*groups)->attrs; *a; a++)
			if (!strcmp((*a)->name, name))
				return container_of(*a, struct device_attribute, attr);
	KUNIT_FAIL(test, "no attribute %s", name);
	return NULL;
}

/* Reads an attribute into a test-owned page. */
static const char *show(struct kunit *test, struct rproc *rproc, const char *name)
{
	struct device_attribute *attr = find_attr(test, rproc, name);
	char *buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, attr);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_GT(test, attr->show(&rproc->dev, attr, buf), 0);
	return buf;
}

static ssize_t store(struct kunit *test, struct rproc *rproc, const char *name,
		     const char *val)
{
	struct device_attribute *attr = find_attr(test, rproc, name);

	KUNIT_ASSERT_NOT_NULL(test, attr);
	return attr->store(&rproc->dev, attr, val, strlen(val));
}

static void sysfs_state(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "offline\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "start\n"), 6);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "running\n");
	/* As mainline: a second start is one more user. */
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "start"), 5);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 2);
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "detach"), -EINVAL);
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "stop"), 4);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "running\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "stop"), 4);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "offline\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "stop"), -EINVAL);
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "bogus"), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->calls.start, 1);
}

static void sysfs_state_attached(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_DETACHED, &f);

	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "detached\n");
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "firmware"), "fake-fw.elf\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "start"), 5);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "attached\n");
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "firmware"), "unknown\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "state", "detach"), 6);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "detached\n");
}

static void sysfs_firmware(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_EXPECT_EQ(test, store(test, rproc, "firmware", "b.elf\n"), 6);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "firmware"), "b.elf\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "firmware", "\n"), -EINVAL);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, store(test, rproc, "firmware", "c.elf"), -EBUSY);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "firmware"), "b.elf\n");
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "name"), "fake\n");
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "mode"), "full\n");
}

static void sysfs_recovery_and_coredump(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_EXPECT_STREQ(test, show(test, rproc, "recovery"), "enabled\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "recovery", "disabled"), 8);
	KUNIT_EXPECT_TRUE(test, rproc->recovery_disabled);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "recovery"), "disabled\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "recovery", "sometimes"), -EINVAL);

	KUNIT_EXPECT_STREQ(test, show(test, rproc, "coredump"), "disabled\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "coredump", "inline\n"), 7);
	KUNIT_EXPECT_EQ(test, rproc->dump_conf, RPROC_COREDUMP_INLINE);
	KUNIT_EXPECT_EQ(test, store(test, rproc, "coredump", "maybe"), -EINVAL);

	/* Crashed, with recovery off: the dump setting is frozen. */
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	flush_work(&rproc->crash_handler);
	KUNIT_ASSERT_STREQ(test, show(test, rproc, "state"), "crashed\n");
	KUNIT_EXPECT_EQ(test, store(test, rproc, "coredump", "enabled"), -EBUSY);

	/* "recover" brings it back; here the firmware stub answers. */
	KUNIT_EXPECT_EQ(test, store(test, rproc, "recovery", "recover"), 7);
	KUNIT_EXPECT_STREQ(test, show(test, rproc, "state"), "running\n");
	KUNIT_EXPECT_EQ(test, f->calls.start, 2);
}

static void sysfs_read_only(struct kunit *test)
{
	static const char * const writable[] = { "state", "firmware", "recovery",
						 "coredump" };
	const struct attribute_group *grp;
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);
	unsigned int i;

	rproc->sysfs_read_only = true;
	grp = rproc->dev.class->dev_groups[0];
	for (i = 0; i < ARRAY_SIZE(writable); i++) {
		struct device_attribute *attr = find_attr(test, rproc, writable[i]);

		KUNIT_ASSERT_NOT_NULL(test, attr);
		KUNIT_EXPECT_EQ(test, grp->is_visible(&rproc->dev.kobj, &attr->attr, 0),
				(umode_t)0444);
		KUNIT_EXPECT_EQ(test, store(test, rproc, writable[i], "enabled"), -EPERM);
	}
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_FALSE(test, rproc->recovery_disabled);
}

/* Runs a debugfs show function into a test-owned page. */
static const char *debugfs_show(struct kunit *test, struct rproc *rproc,
				int (*show)(struct seq_file *, void *))
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	m->size = PAGE_SIZE;
	m->private = rproc;
	KUNIT_ASSERT_EQ(test, show(m, NULL), 0);
	KUNIT_ASSERT_FALSE(test, seq_has_overflowed(m));
	return m->buf;
}

static void debugfs_formats(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);
	char *want;
	const char *out;

	out = debugfs_show(test, rproc, rproc_rsc_table_show);
	KUNIT_EXPECT_STREQ(test, out, "No resource table found\n");

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	out = debugfs_show(test, rproc, rproc_rsc_table_show);
	want = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want);
	snprintf(want, 1024,
		 "Entry 0 is of type carveout\n"
		 "  Device Address 0x20000000\n"
		 "  Physical Address 0x%x\n"
		 "  Length 0x10000 Bytes\n"
		 "  Flags 0x0\n"
		 "  Reserved (should be zero) [0]\n"
		 "  Name fake-mem\n\n"
		 "Entry 1 is of type trace\n"
		 "  Device Address 0x20008000\n"
		 "  Length 0x100 Bytes\n"
		 "  Reserved (should be zero) [0]\n"
		 "  Name fake-trace\n\n",
		 (u32)virt_to_phys(f->mem));
	KUNIT_EXPECT_STREQ(test, out, want);

	out = debugfs_show(test, rproc, rproc_carveouts_show);
	KUNIT_EXPECT_NOT_NULL(test, strstr(out, "Carveout memory entry:\n\tName: fake-mem\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(out, "\tDevice address: 0x20000000\n"
					       "\tLength: 0x10000 Bytes\n\n"));
}

static struct kunit_case rproc_sysfs_cases[] = {
	KUNIT_CASE(debugfs_formats),
	KUNIT_CASE(sysfs_state),
	KUNIT_CASE(sysfs_state_attached),
	KUNIT_CASE(sysfs_firmware),
	KUNIT_CASE(sysfs_recovery_and_coredump),
	KUNIT_CASE(sysfs_read_only),
	{}
};

static struct kunit_suite rproc_sysfs_suite = {
	.name		= "rproc_sysfs",
	.test_cases	= rproc_sysfs_cases,
};

kunit_test_suite(rproc_sysfs_suite);

MODULE_DESCRIPTION("KUnit tests for remote processor sysfs attributes");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
