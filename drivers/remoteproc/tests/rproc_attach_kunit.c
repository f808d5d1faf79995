// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for attaching to running processors: the table locators
 * (region, descriptor, register, callback) trust nothing the remote
 * wrote, rpmsg-only processors refuse what is not this host's to do and
 * attach again after the remote restarts, and processors that must
 * outlive Linux are detached when it goes down.
 */

#include <kunit/test.h>
#include <linux/workqueue.h>

#include "rproc_kunit_fake.h"

/* The descriptor opens the region. */
#define DESC_OFF	0

static struct rproc_rsc_descriptor *fake_desc(struct fake_rproc *f)
{
	return (void *)(f->mem + DESC_OFF);
}

/* The remote publishes its live table through the descriptor. */
static void publish(struct fake_rproc *f)
{
	struct rproc_rsc_descriptor *d = fake_desc(f);

	d->version = 1;
	d->magic = RPROC_RSC_DESCRIPTOR_MAGIC;
	d->comp_magic = ~RPROC_RSC_DESCRIPTOR_MAGIC;
	d->size = sizeof(struct fake_table);
	d->addr = virt_to_phys(f->mem + FAKE_LIVE_OFF);
}

static const struct rproc_rsc_locator desc_locator = {
	.kind = RPROC_RSC_IN_DESCRIPTOR,
	.region = FAKE_MEM_NAME,
};

/* A processor whose locator only runs after prepare: clean up after. */
static void locator_cleanup(void *rproc)
{
	rproc_resource_cleanup(rproc);
}

static struct rproc *prepared_fake(struct kunit *test, struct fake_rproc **f)
{
	struct rproc *rproc = fake_rproc_new(test, &fake_ops, RPROC_DETACHED, f);

	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, locator_cleanup, rproc));
	KUNIT_ASSERT_EQ(test, fake_prepare(rproc), 0);
	return rproc;
}

static void attach_locator_rules(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_alloc(test, &fake_ops, RPROC_DETACHED, &f);
	struct rproc_rsc_locator loc = { .kind = RPROC_RSC_IN_REGION };

	KUNIT_EXPECT_EQ(test, rproc_set_rsc_locator(rproc, &loc), -EINVAL);
	loc = (struct rproc_rsc_locator){ .kind = RPROC_RSC_IN_REGISTER,
					  .reg = (void __iomem *)f->mem,
					  .reg_width = 3, .size = 64 };
	KUNIT_EXPECT_EQ(test, rproc_set_rsc_locator(rproc, &loc), -EINVAL);
	loc.kind = 42;
	KUNIT_EXPECT_EQ(test, rproc_set_rsc_locator(rproc, &loc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->rsc_locator.kind, RPROC_RSC_IN_CALLBACK);
	KUNIT_EXPECT_EQ(test, rproc_set_rsc_locator(rproc, &desc_locator), 0);
	KUNIT_EXPECT_EQ(test, rproc->rsc_locator.kind, RPROC_RSC_IN_DESCRIPTOR);
	/* Without a device node there is nothing to read. */
	KUNIT_EXPECT_EQ(test, rproc_of_parse_attach(rproc), 0);
	KUNIT_EXPECT_FALSE(test, rproc->rpmsg_only);
}

static void attach_locate_region(struct kunit *test)
{
	struct rproc_rsc_locator loc = { .kind = RPROC_RSC_IN_REGION,
					 .region = FAKE_MEM_NAME };
	struct fake_rproc *f;
	struct rproc *rproc = prepared_fake(test, &f);
	size_t size;

	KUNIT_ASSERT_EQ(test, rproc_set_rsc_locator(rproc, &loc), 0);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc_locate_table(rproc, &size), (void *)f->mem);
	KUNIT_EXPECT_EQ(test, size, FAKE_MEM_LEN);

	loc.region = "no-such-region";
	KUNIT_ASSERT_EQ(test, rproc_set_rsc_locator(rproc, &loc), 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -ENOENT);
}

static void attach_locate_descriptor(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = prepared_fake(test, &f);
	struct rproc_rsc_descriptor *d = fake_desc(f);
	size_t size;

	KUNIT_ASSERT_EQ(test, rproc_set_rsc_locator(rproc, &desc_locator), 0);

	/* Nothing published yet. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EAGAIN);

	publish(f);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc_locate_table(rproc, &size),
			    (void *)(f->mem + FAKE_LIVE_OFF));
	KUNIT_EXPECT_EQ(test, size, sizeof(struct fake_table));

	d->comp_magic = RPROC_RSC_DESCRIPTOR_MAGIC;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EAGAIN);

	publish(f);
	d->version = 2;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EINVAL);

	/* A table that runs out of the processor's memory, or none at all. */
	publish(f);
	d->size = FAKE_MEM_LEN;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EINVAL);
	publish(f);
	d->addr = 0x1000;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EINVAL);
	publish(f);
	d->size = 0;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EINVAL);
}

static u64 register_value;

static u64 fake_read_register(struct rproc *rproc)
{
	return register_value;
}

static void attach_locate_register(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = prepared_fake(test, &f);
	struct rproc_rsc_locator loc = { .kind = RPROC_RSC_IN_REGISTER,
					 .reg_width = 4,
					 .size = sizeof(struct fake_table) };
	size_t size;

	/* UML has no registers: the read is answered by the test. */
	loc.reg = (void __iomem *)f->mem;
	kunit_activate_static_stub(test, rproc_read_rsc_register, fake_read_register);
	KUNIT_ASSERT_EQ(test, rproc_set_rsc_locator(rproc, &loc), 0);

	register_value = 0;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EAGAIN);
	register_value = FAKE_DA + FAKE_LIVE_OFF;
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc_locate_table(rproc, &size),
			    (void *)(f->mem + FAKE_LIVE_OFF));
	KUNIT_EXPECT_EQ(test, size, sizeof(struct fake_table));
	register_value = FAKE_DA + FAKE_MEM_LEN - 8;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EINVAL);
	register_value = U64_MAX - 4;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rproc_locate_table(rproc, &size)), -EINVAL);
}

/* An rpmsg-only fake whose table is published through the descriptor. */
static struct rproc *rpmsg_only_fake(struct kunit *test, struct fake_rproc **f)
{
	struct rproc *rproc = fake_rproc_alloc(test, &fake_ops, RPROC_OFFLINE, f);

	rproc->rpmsg_only = true;
	KUNIT_ASSERT_EQ(test, rproc_set_rsc_locator(rproc, &desc_locator), 0);
	fake_table_init((void *)((*f)->mem + FAKE_LIVE_OFF));
	(*f)->running = true;
	fake_rproc_add(test, rproc);
	return rproc;
}

static void attach_rpmsg_only_refusals(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = rpmsg_only_fake(test, &f);

	/* Never this host's to boot: it waits, detached. */
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EAGAIN);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);

	publish(f);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, f->calls.start, 0);
	KUNIT_EXPECT_EQ(test, f->fw_requests, 0);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EPERM);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "x.elf"), -EPERM);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "other.elf"), -EPERM);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, f->calls.stop, 0);

	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_TRUE(test, f->running);
}

static void attach_rpmsg_only_reattaches(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = rpmsg_only_fake(test, &f);

	struct rproc_debug_trace *trace;

	publish(f);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	strscpy((char *)f->mem + FAKE_TRACE_OFF, "first run", FAKE_TRACE_LEN);

	/* The remote restarts: its descriptor is gone for a while. */
	memset(fake_desc(f), 0, sizeof(struct rproc_rsc_descriptor));
	rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	flush_work(&rproc->crash_handler);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
	KUNIT_EXPECT_EQ(test, f->calls.detach, 1);
	/* Meanwhile the saved trace stays readable. */
	trace = list_first_entry_or_null(&rproc->traces_last, struct rproc_debug_trace, node);
	KUNIT_ASSERT_NOT_NULL(test, trace);
	KUNIT_EXPECT_NOT_NULL(test, trace->last_file);

	/* Still nothing: it keeps looking. */
	flush_delayed_work(&rproc->reattach_work);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&rproc->reattach_work));

	/* Up again: attached without anyone asking. */
	publish(f);
	flush_delayed_work(&rproc->reattach_work);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);
	KUNIT_EXPECT_EQ(test, f->calls.attach, 2);
	KUNIT_EXPECT_EQ(test, f->calls.start + f->calls.stop, 0);

	/* The new trace buffer has the copy of the first run's. */
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->traces_last));
	trace = list_first_entry_or_null(&rproc->traces, struct rproc_debug_trace, node);
	KUNIT_ASSERT_NOT_NULL(test, trace);
	KUNIT_ASSERT_NOT_NULL(test, trace->last);
	KUNIT_EXPECT_EQ(test, trace->last_len, strlen("first run"));
	KUNIT_EXPECT_MEMEQ(test, trace->last, "first run", trace->last_len);
}

static void attach_detach_all_on_shutdown(struct kunit *test)
{
	struct fake_rproc *fa, *fb;
	struct rproc *a = fake_rproc_alloc(test, &fake_ops, RPROC_DETACHED, &fa);
	struct rproc *b;
	struct fake_table before;

	a->detach_on_shutdown = true;
	fake_rproc_add(test, a);
	b = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &fb);
	before = *(struct fake_table *)(fa->mem + FAKE_LIVE_OFF);

	KUNIT_ASSERT_EQ(test, rproc_boot(a), 0);
	KUNIT_ASSERT_EQ(test, rproc_boot(b), 0);
	rproc_detach_all();

	KUNIT_EXPECT_EQ(test, a->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, fa->calls.detach, 1);
	KUNIT_EXPECT_TRUE(test, fa->running);
	KUNIT_EXPECT_MEMEQ(test, fa->mem + FAKE_LIVE_OFF, &before, sizeof(before));
	KUNIT_EXPECT_EQ(test, atomic_read(&a->power), 0);
	/* Processors without the flag are left to the usual shutdown. */
	KUNIT_EXPECT_EQ(test, b->state, RPROC_RUNNING);
}

static void attach_of_properties(struct kunit *test)
{
	static const char * const bools[] = { "rpmsg-only", "detach-on-shutdown" };
	static const char * const regions[] = { "vdev0buffer", "rsc-table-descriptor" };
	static const char * const table[] = { "rsc-table" };
	struct fake_rproc *f;
	struct rproc *rproc = fake_rproc_alloc(test, &fake_ops, RPROC_OFFLINE, &f);
	struct device *parent = rproc->dev.parent;

	struct fake_dt_props pa = { .bools = bools, .nbools = 2,
				    .names = regions, .nnames = 2 };
	struct fake_dt_props pb = { .names = table, .nnames = 1 };

	parent->of_node = fake_dt_node_add(test, "rproc-attach-a", &pa);
	KUNIT_EXPECT_EQ(test, rproc_of_parse_attach(rproc), 0);
	KUNIT_EXPECT_TRUE(test, rproc->rpmsg_only);
	KUNIT_EXPECT_TRUE(test, rproc->detach_on_shutdown);
	KUNIT_EXPECT_EQ(test, rproc->rsc_locator.kind, RPROC_RSC_IN_DESCRIPTOR);
	KUNIT_EXPECT_STREQ(test, rproc->rsc_locator.region, "rsc-table-descriptor");

	parent->of_node = fake_dt_node_add(test, "rproc-attach-b", &pb);
	KUNIT_EXPECT_EQ(test, rproc_of_parse_attach(rproc), 0);
	KUNIT_EXPECT_FALSE(test, rproc->rpmsg_only);
	KUNIT_EXPECT_FALSE(test, rproc->detach_on_shutdown);
	KUNIT_EXPECT_EQ(test, rproc->rsc_locator.kind, RPROC_RSC_IN_REGION);
	KUNIT_EXPECT_STREQ(test, rproc->rsc_locator.region, "rsc-table");
	parent->of_node = NULL;
}

static struct kunit_case rproc_attach_cases[] = {
	KUNIT_CASE(attach_of_properties),
	KUNIT_CASE(attach_locator_rules),
	KUNIT_CASE(attach_locate_region),
	KUNIT_CASE(attach_locate_descriptor),
	KUNIT_CASE(attach_locate_register),
	KUNIT_CASE(attach_rpmsg_only_refusals),
	KUNIT_CASE(attach_rpmsg_only_reattaches),
	KUNIT_CASE(attach_detach_all_on_shutdown),
	{}
};

static struct kunit_suite rproc_attach_suite = {
	.name		= "rproc_attach",
	.test_cases	= rproc_attach_cases,
};

kunit_test_suite(rproc_attach_suite);

MODULE_DESCRIPTION("KUnit tests for attaching to running remote processors");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
