// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for applying resource tables: a table is copied before it
 * is checked, a refused table changes nothing, carveout addresses are
 * written back in the width of their entry, and vendor entries reach the
 * driver with their offset and room.
 */

#include <kunit/test.h>

#include "rproc_kunit_fake.h"

#define HIGH_DA		0x100000000ULL

/* A version 2 table: a 64-bit carveout, a vendor entry, an unknown one. */
struct table64 {
	struct resource_table hdr;
	u32 offset[3];
	u32 pad;		/* 64-bit entries start 8-byte aligned */
	struct fw_rsc_hdr c_hdr;
	struct fw_rsc_carveout64 c;
	struct fw_rsc_hdr v_hdr;
	u32 vendor[4];
	struct fw_rsc_hdr u_hdr;
	u32 unknown;
} __packed __aligned(8);

static void table64_init(struct table64 *t)
{
	memset(t, 0, sizeof(*t));
	t->hdr.ver = 2;
	t->hdr.num = 3;
	t->hdr.reserved[0] = sizeof(*t);
	t->offset[0] = offsetof(struct table64, c_hdr);
	t->offset[1] = offsetof(struct table64, v_hdr);
	t->offset[2] = offsetof(struct table64, u_hdr);
	t->c_hdr.type = RSC_CARVEOUT64;
	t->c.da = HIGH_DA;
	t->c.pa = FW_RSC_ADDR64_ANY;
	t->c.len = 0x100;
	strscpy(t->c.name, "high", sizeof(t->c.name));
	t->v_hdr.type = RSC_VENDOR_START + 1;
	t->vendor[0] = 0xabcd;
	t->u_hdr.type = 50;
}

struct res_ctx {
	struct rproc *rproc;
	struct fake_rproc *fake;
	u8 *buf;
	int vendor_calls;
	int vendor_offset, vendor_avail;
	u32 vendor_word;
	int vendor_ret;
};

static struct res_ctx *current_ctx;

static int res_handle_rsc(struct rproc *rproc, u32 type, void *rsc,
			  int offset, int avail)
{
	struct res_ctx *c = current_ctx;

	c->vendor_calls++;
	c->vendor_offset = offset;
	c->vendor_avail = avail;
	c->vendor_word = *(u32 *)rsc;
	return c->vendor_ret;
}

static void res_cleanup(void *rproc)
{
	rproc_resource_cleanup(rproc);
	rproc_free_tables(rproc);
}

static int res_init(struct kunit *test)
{
	struct rproc_mem_entry *mem;
	struct res_ctx *c;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &c->fake);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, res_cleanup, c->rproc));
	c->rproc->ops->handle_rsc = res_handle_rsc;
	c->buf = kunit_kzalloc(test, 0x100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->buf);

	mem = rproc_mem_entry_init(c->rproc->dev.parent, c->buf,
				   0x180000000ULL, 0x100, HIGH_DA, NULL, NULL,
				   "high");
	KUNIT_ASSERT_NOT_NULL(test, mem);
	rproc_add_carveout(c->rproc, mem);

	current_ctx = c;
	test->priv = c;
	return 0;
}

static void res_table_is_copied_first(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct table64 *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	table64_init(t);
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)t, sizeof(*t), true), 0);
	KUNIT_EXPECT_PTR_NE(test, (void *)c->rproc->cached_table, (void *)t);
	KUNIT_EXPECT_PTR_EQ(test, (void *)c->rproc->table_ptr,
			    (void *)c->rproc->cached_table);
	KUNIT_EXPECT_EQ(test, c->rproc->table_sz, sizeof(*t));
	KUNIT_ASSERT_NOT_NULL(test, c->rproc->clean_table);

	/* The remote rewriting its table changes neither copy. */
	t->hdr.num = 1000;
	KUNIT_EXPECT_EQ(test, c->rproc->cached_table->num, 3);
	KUNIT_EXPECT_EQ(test, c->rproc->clean_table->num, 3);
}

static void res_refused_table_changes_nothing(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct table64 *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct resource_table *before;

	KUNIT_ASSERT_NOT_NULL(test, t);
	table64_init(t);
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)t, sizeof(*t), false), 0);
	before = c->rproc->cached_table;

	t->c.reserved = 1;
	KUNIT_EXPECT_EQ(test, rproc_use_table(c->rproc, (void *)t, sizeof(*t), true),
			-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, (void *)c->rproc->cached_table, (void *)before);
	KUNIT_EXPECT_PTR_EQ(test, (void *)c->rproc->table_ptr, (void *)before);
	KUNIT_EXPECT_NULL(test, c->rproc->clean_table);

	/* The declared size must fit what is there. */
	t->c.reserved = 0;
	t->hdr.reserved[0] = sizeof(*t) + 4;
	KUNIT_EXPECT_EQ(test, rproc_use_table(c->rproc, (void *)t, sizeof(*t), false),
			-EINVAL);
}

static void res_carveout64_written_back(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct table64 t, *applied;

	table64_init(&t);
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)&t, sizeof(t), false), 0);
	KUNIT_ASSERT_EQ(test, rproc_handle_resources(c->rproc), 0);
	KUNIT_ASSERT_EQ(test, rproc_alloc_registered_carveouts(c->rproc), 0);

	applied = (void *)c->rproc->table_ptr;
	KUNIT_EXPECT_EQ(test, applied->c.da, HIGH_DA);
	KUNIT_EXPECT_EQ(test, applied->c.pa, (u64)virt_to_phys(c->buf));
	KUNIT_EXPECT_EQ(test, applied->c.len, 0x100);
}

static void res_vendor_entry_reaches_driver(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct table64 t;

	table64_init(&t);
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)&t, sizeof(t), false), 0);
	c->vendor_ret = RSC_IGNORED;
	KUNIT_EXPECT_EQ(test, rproc_handle_resources(c->rproc), 0);
	KUNIT_EXPECT_EQ(test, c->vendor_calls, 1);
	KUNIT_EXPECT_EQ(test, c->vendor_word, 0xabcd);
	KUNIT_EXPECT_EQ(test, c->vendor_offset,
			(int)(offsetof(struct table64, v_hdr) + sizeof(struct fw_rsc_hdr)));
	KUNIT_EXPECT_EQ(test, c->vendor_avail,
			(int)(sizeof(t) - offsetof(struct table64, vendor)));

	/* A driver error stops the walk. */
	rproc_resource_cleanup(c->rproc);
	c->vendor_ret = -EPERM;
	KUNIT_EXPECT_EQ(test, rproc_handle_resources(c->rproc), -EPERM);
}

static void res_v1_carveout_needs_32_bits(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct fake_table t;

	/* The fake's v1 table asks for "high", which sits above 4 GiB. */
	fake_table_init(&t);
	strscpy(t.carveout.name, "high", sizeof(t.carveout.name));
	t.carveout.da = FW_RSC_ADDR_ANY;
	t.carveout.len = 0x100;
	t.hdr.num = 1;
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)&t, sizeof(t), false), 0);
	KUNIT_ASSERT_EQ(test, rproc_handle_resources(c->rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_alloc_registered_carveouts(c->rproc), -EINVAL);
	/* Nothing truncated reached the table. */
	KUNIT_EXPECT_EQ(test, ((struct fake_table *)c->rproc->table_ptr)->carveout.da,
			(u32)FW_RSC_ADDR_ANY);
}

static void res_carveout_named_twice(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct {
		struct resource_table hdr;
		u32 offset[2];
		struct fw_rsc_hdr h1;
		struct fw_rsc_carveout64 c1;
		u32 pad;
		struct fw_rsc_hdr h2;
		struct fw_rsc_carveout64 c2;
	} __packed __aligned(8) t = {};

	/* Two entries, each asking for the region "high". */
	t.hdr.ver = 2;
	t.hdr.num = 2;
	t.hdr.reserved[0] = sizeof(t);
	t.offset[0] = offsetof(typeof(t), h1);
	t.offset[1] = offsetof(typeof(t), h2);
	t.h1.type = RSC_CARVEOUT64;
	t.h2.type = RSC_CARVEOUT64;
	t.c1.da = HIGH_DA;
	t.c1.pa = FW_RSC_ADDR64_ANY;
	t.c1.len = 0x10;
	strscpy(t.c1.name, "high", sizeof(t.c1.name));
	t.c2 = t.c1;
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)&t, sizeof(t), false), 0);
	KUNIT_EXPECT_EQ(test, rproc_handle_resources(c->rproc), -EINVAL);
}

static void res_devmem_needs_iommu(struct kunit *test)
{
	struct res_ctx *c = test->priv;
	struct table64 t;

	table64_init(&t);
	t.c_hdr.type = RSC_DEVMEM64;
	t.c.pa = 0x40000000;
	KUNIT_ASSERT_EQ(test, rproc_use_table(c->rproc, (void *)&t, sizeof(t), false), 0);
	c->vendor_ret = RSC_HANDLED;
	KUNIT_EXPECT_EQ(test, rproc_handle_resources(c->rproc), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->rproc->mappings));
}

static struct kunit_case rproc_resources_cases[] = {
	KUNIT_CASE(res_table_is_copied_first),
	KUNIT_CASE(res_refused_table_changes_nothing),
	KUNIT_CASE(res_carveout64_written_back),
	KUNIT_CASE(res_vendor_entry_reaches_driver),
	KUNIT_CASE(res_v1_carveout_needs_32_bits),
	KUNIT_CASE(res_carveout_named_twice),
	KUNIT_CASE(res_devmem_needs_iommu),
	{}
};

static struct kunit_suite rproc_resources_suite = {
	.name		= "rproc_resources",
	.init		= res_init,
	.test_cases	= rproc_resources_cases,
};

kunit_test_suite(rproc_resources_suite);

MODULE_DESCRIPTION("KUnit tests for applying remote processor resource tables");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
