// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the lifecycle of a remote processor: boot, shutdown,
 * attach, detach, crash and both kinds of recovery, on a fake processor,
 * with every failure leaving the processor as it was.
 */

#include <kunit/test.h>
#include <linux/workqueue.h>

#include "rproc_kunit_fake.h"

static struct fake_table *loaded_table(struct fake_rproc *f)
{
	return (void *)(f->mem + (FAKE_TABLE_DA - FAKE_DA));
}

static struct fake_table *live_table(struct fake_rproc *f)
{
	return (void *)(f->mem + FAKE_LIVE_OFF);
}

/* Nothing of a boot is left: no table, memory or trace. */
static void expect_released(struct kunit *test, struct rproc *rproc)
{
	KUNIT_EXPECT_NULL(test, rproc->table_ptr);
	KUNIT_EXPECT_NULL(test, rproc->cached_table);
	KUNIT_EXPECT_NULL(test, rproc->clean_table);
	KUNIT_EXPECT_EQ(test, rproc->table_sz, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->traces));
	KUNIT_EXPECT_EQ(test, rproc->num_traces, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
}

static void rproc_boot_loads_and_starts(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);
	struct fake_table *t;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_TRUE(test, f->running);
	KUNIT_EXPECT_EQ(test, f->calls.prepare, 1);
	KUNIT_EXPECT_EQ(test, f->calls.start, 1);
	KUNIT_EXPECT_EQ(test, rproc->bootaddr, FAKE_DA + 0x10);

	/* The segment is in memory, and zeroed past its file size. */
	KUNIT_EXPECT_MEMEQ(test, f->mem, f->image.text, FAKE_TEXT_LEN);
	KUNIT_EXPECT_EQ(test, f->mem[f->image.ph.p_filesz + 1], 0);

	/* The table in effect is the loaded one, with the carveout filled. */
	t = loaded_table(f);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc->table_ptr, (void *)t);
	KUNIT_EXPECT_EQ(test, t->carveout.pa, (u32)virt_to_phys(f->mem));
	KUNIT_EXPECT_EQ(test, t->carveout.da, (u32)FAKE_DA);
	KUNIT_EXPECT_EQ(test, rproc->num_traces, 1);

	KUNIT_ASSERT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_FALSE(test, f->running);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 1);
	KUNIT_EXPECT_EQ(test, f->calls.unprepare, 1);
	KUNIT_EXPECT_EQ(test, f->calls.release_fw, 1);
	expect_released(test, rproc);
}

static void rproc_boot_counts_users(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, f->calls.start, 1);
	KUNIT_EXPECT_EQ(test, f->fw_requests, 1);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 0);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 1);

	/* Nobody booted it any more. */
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EINVAL);
}

/* A failed boot leaves the processor offline with nothing held. */
static void expect_boot_fails(struct kunit *test, struct rproc *rproc,
			      struct fake_rproc *f, int err)
{
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), err);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_FALSE(test, f->running);
	KUNIT_EXPECT_EQ(test, f->calls.prepare, f->calls.unprepare);
	expect_released(test, rproc);
}

static void rproc_boot_refuses_bad_table(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	f->image.table.hdr.reserved[1] = 1;
	expect_boot_fails(test, rproc, f, -EINVAL);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);

	/* The next, good, image boots. */
	fake_image_init(&f->image);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
}

static void rproc_boot_refuses_carveout_mismatch(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	/* More memory than the region has. */
	f->image.table.carveout.len = FAKE_MEM_LEN + 1;
	expect_boot_fails(test, rproc, f, -EINVAL);

	/* A device address that makes it run past the region. */
	fake_image_init(&f->image);
	f->image.table.carveout.da = FAKE_DA + 0x1000;
	expect_boot_fails(test, rproc, f, -EINVAL);

	/* One before the region. */
	fake_image_init(&f->image);
	f->image.table.carveout.da = FAKE_DA - 0x1000;
	f->image.table.carveout.len = 0x100;
	expect_boot_fails(test, rproc, f, -EINVAL);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);
}

static void rproc_boot_refuses_trace_outside_memory(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	f->image.table.trace.da = FAKE_DA + FAKE_MEM_LEN - 8;
	expect_boot_fails(test, rproc, f, -EINVAL);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);
}

static void rproc_boot_refuses_segment_outside_memory(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	f->image.ph.p_memsz = FAKE_MEM_LEN + 1;
	expect_boot_fails(test, rproc, f, -EINVAL);

	fake_image_init(&f->image);
	f->image.ph.p_paddr = FAKE_DA - 4;
	expect_boot_fails(test, rproc, f, -EINVAL);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);
}

static void rproc_boot_unwinds_failures(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	f->fail.prepare = -EIO;
	expect_boot_fails(test, rproc, f, -EIO);
	f->fail.prepare = 0;

	f->fail.start = -ETIMEDOUT;
	expect_boot_fails(test, rproc, f, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, f->calls.start, 1);
	f->fail.start = 0;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
}

static void rproc_set_firmware_rules(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "other.elf\n"), 0);
	KUNIT_EXPECT_STREQ(test, rproc->firmware, "other.elf");
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "\n"), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, ""), -EINVAL);
	KUNIT_EXPECT_STREQ(test, rproc->firmware, "other.elf");

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "third.elf"), -EBUSY);
	KUNIT_EXPECT_STREQ(test, rproc->firmware, "other.elf");
}

static void rproc_add_checks_ops(struct kunit *test)
{
	struct rproc_ops no_start = fake_ops, no_attach = fake_ops;
	struct device *parent;
	struct rproc *rproc;

	no_start.start = NULL;
	no_attach.attach = NULL;
	parent = kunit_device_register(test, "rproc-fake-ops");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, parent);

	rproc = rproc_alloc(parent, "no-start", &no_start, NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	KUNIT_EXPECT_STREQ(test, rproc->firmware, "rproc-no-start-fw");
	KUNIT_EXPECT_EQ(test, rproc_add(rproc), -EINVAL);
	rproc_free(rproc);

	rproc = rproc_alloc(parent, "no-attach", &no_attach, NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	rproc->state = RPROC_DETACHED;
	KUNIT_EXPECT_EQ(test, rproc_add(rproc), -EINVAL);
	rproc_free(rproc);

	KUNIT_EXPECT_NULL(test, rproc_alloc(parent, NULL, &fake_ops, NULL, 0));
	KUNIT_EXPECT_NULL(test, rproc_alloc(parent, "x", NULL, NULL, 0));
}

static void rproc_attach_and_detach(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_DETACHED, &f);
	struct fake_table before;

	before = *live_table(f);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, f->calls.attach, 1);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);
	KUNIT_EXPECT_EQ(test, f->fw_requests, 0);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc->table_ptr, (void *)live_table(f));
	/* The host's choices reached the live table. */
	KUNIT_EXPECT_EQ(test, live_table(f)->carveout.pa, (u32)virt_to_phys(f->mem));

	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, f->calls.detach, 1);
	/* Nothing was loaded, so nothing is released. */
	KUNIT_EXPECT_EQ(test, f->calls.release_fw, 0);
	KUNIT_EXPECT_TRUE(test, f->running);
	/* The live table is as the remote wrote it. */
	KUNIT_EXPECT_MEMEQ(test, live_table(f), &before, sizeof(before));
	expect_released(test, rproc);

	/* And it attaches again. */
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, f->calls.attach, 2);
}

static void rproc_attach_refuses_bad_live_table(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_DETACHED, &f);
	struct fake_table before;

	live_table(f)->hdr.num = 1000;
	before = *live_table(f);

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, f->calls.attach, 0);
	KUNIT_EXPECT_EQ(test, f->calls.prepare, f->calls.unprepare);
	KUNIT_EXPECT_MEMEQ(test, live_table(f), &before, sizeof(before));
	expect_released(test, rproc);
}

static void rproc_attach_unwinds_failure(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_DETACHED, &f);
	struct fake_table before;

	before = *live_table(f);
	f->fail.attach = -EIO;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EIO);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_MEMEQ(test, live_table(f), &before, sizeof(before));
	expect_released(test, rproc);
}

static void rproc_shutdown_attached_without_stop(struct kunit *test)
{
	struct rproc_ops ops = fake_ops;
	struct fake_rproc *f;
	struct rproc *rproc;

	ops.stop = NULL;
	rproc = fake_rproc_new(test, &ops, RPROC_DETACHED, &f);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);
}

static void crash_and_wait(struct rproc *rproc)
{
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	flush_work(&rproc->crash_handler);
}

static void rproc_crash_reloads(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);
	struct rproc_debug_trace *trace;
	char *buf;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	buf = (char *)f->mem + FAKE_TRACE_OFF;
	strscpy(buf, "before the crash", FAKE_TRACE_LEN);
	/* The crashing remote scribbles on its table. */
	loaded_table(f)->carveout.pa = 0xdead;

	/*
	 * The firmware stub answers the test's thread only: recovery runs
	 * here rather than on the recovery workqueue.
	 */
	rproc->recovery_disabled = true;
	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	rproc->recovery_disabled = false;
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 1);
	KUNIT_EXPECT_EQ(test, f->calls.start, 2);
	KUNIT_EXPECT_EQ(test, f->fw_requests, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);
	KUNIT_EXPECT_EQ(test, f->calls.release_fw, 1);
	/* The reloaded table is the one the host checked, not the scribble. */
	KUNIT_EXPECT_EQ(test, loaded_table(f)->carveout.pa, (u32)virt_to_phys(f->mem));

	/* The trace of the crashed run was kept. */
	trace = list_first_entry_or_null(&rproc->traces, struct rproc_debug_trace, node);
	KUNIT_ASSERT_NOT_NULL(test, trace);
	KUNIT_ASSERT_NOT_NULL(test, trace->last);
	KUNIT_EXPECT_EQ(test, trace->last_len, strlen("before the crash"));
	KUNIT_EXPECT_MEMEQ(test, trace->last, "before the crash", trace->last_len);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_released(test, rproc);
}

/* Recovery on the workqueue finds no firmware: offline, nothing held. */
static void rproc_crash_recovery_fails(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 1);
	KUNIT_EXPECT_EQ(test, f->calls.unprepare, 1);
	expect_released(test, rproc);

	/* A new boot really boots. */
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, f->calls.start, 2);
}

static void rproc_crash_without_recovery(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	rproc->recovery_disabled = true;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 0);

	/* A second report of the same crash changes nothing. */
	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1);

	/* Recovery by hand. */
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, f->calls.start, 2);

	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	expect_released(test, rproc);
}

static void rproc_crash_reattaches(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_DETACHED, &f);
	struct rproc_debug_trace *trace;

	rproc_set_feature(rproc, RPROC_FEAT_ATTACH_ON_RECOVERY);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	strscpy((char *)f->mem + FAKE_TRACE_OFF, "attached run", FAKE_TRACE_LEN);
	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, f->calls.detach, 1);
	KUNIT_EXPECT_EQ(test, f->calls.attach, 2);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc->table_ptr, (void *)live_table(f));
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);

	/* The trace of the run before the crash is kept across the re-attach. */
	trace = list_first_entry_or_null(&rproc->traces, struct rproc_debug_trace, node);
	KUNIT_ASSERT_NOT_NULL(test, trace);
	KUNIT_ASSERT_NOT_NULL(test, trace->last);
	KUNIT_EXPECT_EQ(test, trace->last_len, strlen("attached run"));
	KUNIT_EXPECT_MEMEQ(test, trace->last, "attached run", trace->last_len);
	KUNIT_EXPECT_NOT_NULL(test, trace->last_file);
}

/* A carveout inside the registered region is accepted, as mainline. */
static void rproc_boot_carveout_subrange(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	f->image.table.carveout.da = FAKE_DA + 0x1000;
	f->image.table.carveout.len = FAKE_MEM_LEN - 0x1000;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
}

static void rproc_crash_ignored_when_offline(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	crash_and_wait(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 0);
}

static void rproc_subdevs_follow_processor(struct kunit *test);

static struct kunit_case rproc_lifecycle_cases[] = {
	KUNIT_CASE(rproc_boot_loads_and_starts),
	KUNIT_CASE(rproc_boot_counts_users),
	KUNIT_CASE(rproc_boot_refuses_bad_table),
	KUNIT_CASE(rproc_boot_refuses_carveout_mismatch),
	KUNIT_CASE(rproc_boot_carveout_subrange),
	KUNIT_CASE(rproc_boot_refuses_trace_outside_memory),
	KUNIT_CASE(rproc_boot_refuses_segment_outside_memory),
	KUNIT_CASE(rproc_boot_unwinds_failures),
	KUNIT_CASE(rproc_set_firmware_rules),
	KUNIT_CASE(rproc_add_checks_ops),
	KUNIT_CASE(rproc_attach_and_detach),
	KUNIT_CASE(rproc_attach_refuses_bad_live_table),
	KUNIT_CASE(rproc_attach_unwinds_failure),
	KUNIT_CASE(rproc_shutdown_attached_without_stop),
	KUNIT_CASE(rproc_crash_reloads),
	KUNIT_CASE(rproc_crash_recovery_fails),
	KUNIT_CASE(rproc_crash_without_recovery),
	KUNIT_CASE(rproc_crash_reattaches),
	KUNIT_CASE(rproc_crash_ignored_when_offline),
	KUNIT_CASE(rproc_subdevs_follow_processor),
	{}
};

/* Subdevices: order of calls, recorded as letters. */
struct fake_subdev {
	struct rproc_subdev subdev;
	char id;
	char *log;
	int fail_start;
};

static void subdev_log(struct rproc_subdev *s, char what)
{
	struct fake_subdev *fs = container_of(s, struct fake_subdev, subdev);
	size_t n = strlen(fs->log);

	fs->log[n] = what;
	fs->log[n + 1] = fs->id;
}

static int subdev_prepare(struct rproc_subdev *s)
{
	subdev_log(s, 'p');
	return 0;
}

static int subdev_start(struct rproc_subdev *s)
{
	struct fake_subdev *fs = container_of(s, struct fake_subdev, subdev);

	subdev_log(s, 's');
	return fs->fail_start;
}

static void subdev_stop(struct rproc_subdev *s, bool crashed)
{
	subdev_log(s, crashed ? 'C' : 't');
}

static void subdev_unprepare(struct rproc_subdev *s)
{
	subdev_log(s, 'u');
}

static void rproc_subdevs_follow_processor(struct kunit *test)
{
	struct fake_subdev a = { .id = 'a' }, b = { .id = 'b' };
	char *log = kunit_kzalloc(test, 64, GFP_KERNEL);
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &f);

	KUNIT_ASSERT_NOT_NULL(test, log);
	a.log = log;
	b.log = log;
	a.subdev = (struct rproc_subdev){ .prepare = subdev_prepare,
		.start = subdev_start, .stop = subdev_stop,
		.unprepare = subdev_unprepare };
	b.subdev = a.subdev;
	rproc_add_subdev(rproc, &a.subdev);
	rproc_add_subdev(rproc, &b.subdev);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_STREQ(test, log, "papbsasb");
	KUNIT_ASSERT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_STREQ(test, log, "papbsasbtbtaubua");

	/* b fails to start: a is stopped, both unprepared, nothing runs. */
	memset(log, 0, 64);
	b.fail_start = -EIO;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EIO);
	KUNIT_EXPECT_STREQ(test, log, "papbsasbCaubua");
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_FALSE(test, f->running);

	rproc_remove_subdev(rproc, &b.subdev);
	rproc_remove_subdev(rproc, &a.subdev);
}

static struct kunit_suite rproc_lifecycle_suite = {
	.name		= "rproc_lifecycle",
	.test_cases	= rproc_lifecycle_cases,
};

kunit_test_suite(rproc_lifecycle_suite);

MODULE_DESCRIPTION("KUnit tests for the remote processor lifecycle");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
