// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for memory regions and address translation: a range is
 * translated only when it lies whole inside one mapped region, at every
 * edge and with every overflow a device address can bring.
 */

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/vmalloc.h>

#include "rproc_kunit_fake.h"

#define REGION_DA	0x1000ULL
#define REGION_LEN	0x1000

struct mem_ctx {
	struct rproc *rproc;
	struct fake_rproc *fake;
	u8 *buf;
	u8 *io;
};

static void rmem_cleanup(void *rproc)
{
	rproc_resource_cleanup(rproc);
}

static int rmem_init(struct kunit *test)
{
	struct rproc_mem_entry *mem;
	struct mem_ctx *c;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &c->fake);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, rmem_cleanup, c->rproc));
	c->buf = kunit_kzalloc(test, REGION_LEN, GFP_KERNEL);
	c->io = kunit_kzalloc(test, REGION_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->buf);
	KUNIT_ASSERT_NOT_NULL(test, c->io);

	mem = rproc_mem_entry_init(c->rproc->dev.parent, c->buf, 0x80000000,
				   REGION_LEN, REGION_DA, NULL, NULL, "region");
	KUNIT_ASSERT_NOT_NULL(test, mem);
	rproc_add_carveout(c->rproc, mem);

	/* An I/O region right after it, and one not mapped yet. */
	mem = rproc_mem_entry_init(c->rproc->dev.parent, c->io, 0x80001000,
				   REGION_LEN, REGION_DA + REGION_LEN, NULL,
				   NULL, "io");
	KUNIT_ASSERT_NOT_NULL(test, mem);
	mem->is_iomem = true;
	rproc_add_carveout(c->rproc, mem);

	mem = rproc_mem_entry_init(c->rproc->dev.parent, NULL, 0x90000000,
				   REGION_LEN, 0x9000, NULL, NULL, "unmapped");
	KUNIT_ASSERT_NOT_NULL(test, mem);
	rproc_add_carveout(c->rproc, mem);

	test->priv = c;
	return 0;
}

static void mem_da_to_va_edges(struct kunit *test)
{
	struct mem_ctx *c = test->priv;
	struct rproc *r = c->rproc;
	bool io = true;

	KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(r, REGION_DA, REGION_LEN, &io),
			    (void *)c->buf);
	KUNIT_EXPECT_FALSE(test, io);
	KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(r, REGION_DA + REGION_LEN - 1, 1, NULL),
			    (void *)(c->buf + REGION_LEN - 1));
	KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(r, REGION_DA + 0x10, 0, NULL),
			    (void *)(c->buf + 0x10));

	/* Across the end, across two regions, before the start. */
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, REGION_DA, REGION_LEN + 1, NULL));
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, REGION_DA + REGION_LEN - 1, 2, NULL));
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, REGION_DA - 1, 1, NULL));
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, REGION_DA - 1, 2, NULL));

	/* Ranges whose end overflows. */
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, U64_MAX, 2, NULL));
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, REGION_DA + 1, SIZE_MAX, NULL));
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, REGION_DA + 2 * REGION_LEN, 0, NULL));

	/* The I/O region says so. */
	KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(r, REGION_DA + REGION_LEN, 4, &io),
			    (void *)c->io);
	KUNIT_EXPECT_TRUE(test, io);

	/* A region not mapped is not reachable. */
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, 0x9000, 4, NULL));
}

static u8 driver_window[64];

static void *driver_da_to_va(struct rproc *rproc, u64 da, size_t len,
			     bool *is_iomem)
{
	if (da >= 0x40 && da + len <= 0x40 + sizeof(driver_window))
		return driver_window + (da - 0x40);
	return NULL;
}

static void mem_da_to_va_asks_driver_first(struct kunit *test)
{
	struct mem_ctx *c = test->priv;
	struct rproc *r = c->rproc;

	r->ops->da_to_va = driver_da_to_va;
	KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(r, 0x48, 8, NULL),
			    (void *)(driver_window + 8));
	/* What the driver does not know falls back to the regions. */
	KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(r, REGION_DA, 8, NULL),
			    (void *)c->buf);
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, 0x40, sizeof(driver_window) + 1, NULL));
	/* A range that wraps never reaches a driver that adds naively. */
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(r, U64_MAX - 7, 16, NULL));
	r->ops->da_to_va = NULL;
}

static void mem_pa_to_va_edges(struct kunit *test)
{
	struct mem_ctx *c = test->priv;
	struct rproc *r = c->rproc;
	bool io = false;

	KUNIT_EXPECT_PTR_EQ(test, rproc_pa_to_va(r, 0x80000000, REGION_LEN, &io),
			    (void *)c->buf);
	KUNIT_EXPECT_PTR_EQ(test, rproc_pa_to_va(r, 0x80000ff0, 0x10, NULL),
			    (void *)(c->buf + 0xff0));
	KUNIT_EXPECT_PTR_EQ(test, rproc_pa_to_va(r, 0x80001000, 4, &io),
			    (void *)c->io);
	KUNIT_EXPECT_TRUE(test, io);
	KUNIT_EXPECT_NULL(test, rproc_pa_to_va(r, 0x80000ff0, 0x11, NULL));
	KUNIT_EXPECT_NULL(test, rproc_pa_to_va(r, 0x7fffffff, 2, NULL));
	KUNIT_EXPECT_NULL(test, rproc_pa_to_va(r, 0x90000000, 4, NULL));
	KUNIT_EXPECT_NULL(test, rproc_pa_to_va(r, (phys_addr_t)~0ULL, 2, NULL));
}

static void mem_entry_fields(struct kunit *test)
{
	struct mem_ctx *c = test->priv;
	struct device *dev = c->rproc->dev.parent;
	struct rproc_mem_entry *mem;

	mem = rproc_mem_entry_init(dev, NULL, 0, 16, FW_RSC_ADDR64_ANY, NULL,
				   NULL, "vdev%dvring%d", 0, 1);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	KUNIT_EXPECT_STREQ(test, mem->name, "vdev0vring1");
	KUNIT_EXPECT_EQ(test, mem->rsc_offset, (u32)FW_RSC_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, mem->da, FW_RSC_ADDR64_ANY);
	kfree(mem);

	/* A long name is cut, never overflows. */
	mem = rproc_mem_entry_init(dev, NULL, 0, 16, 0, NULL, NULL,
				   "%s", "a-name-much-longer-than-thirty-two-bytes");
	KUNIT_ASSERT_NOT_NULL(test, mem);
	KUNIT_EXPECT_EQ(test, strlen(mem->name), sizeof(mem->name) - 1);
	kfree(mem);

	mem = rproc_of_resm_mem_entry_init(dev, 3, 0x100, 0x2000, "vdev%dbuffer", 0);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	KUNIT_EXPECT_STREQ(test, mem->name, "vdev0buffer");
	KUNIT_EXPECT_EQ(test, mem->of_resm_idx, 3);
	KUNIT_EXPECT_NULL(test, mem->alloc);
	KUNIT_EXPECT_NULL(test, mem->va);
	kfree(mem);
}

static void mem_va_to_pa(struct kunit *test)
{
	struct mem_ctx *c = test->priv;
	u8 *v;

	KUNIT_EXPECT_EQ(test, rproc_va_to_pa(c->buf + 5), virt_to_phys(c->buf) + 5);

	v = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, rproc_va_to_pa(v + 7),
			page_to_phys(vmalloc_to_page(v)) + 7);
	vfree(v);
}

static void mem_of_carveouts(struct kunit *test)
{
	static const char * const phandle[] = { "phandle" };
	static const char * const region[] = { "memory-region" };
	static const u32 id = 0x7e570001;
	struct fake_dt_props target = { .u32s = phandle, .vals = &id, .nu32s = 1 };
	struct fake_dt_props user = { .u32s = region, .vals = &id, .nu32s = 1 };
	struct fake_dt_props none = {};
	struct mem_ctx *c = test->priv;
	struct device *parent = c->rproc->dev.parent;
	size_t before = list_count_nodes(&c->rproc->carveouts);

	/* No memory-region: nothing to add. */
	parent->of_node = fake_dt_node_add(test, "rproc-mem-none", &none);
	KUNIT_EXPECT_EQ(test, rproc_of_add_carveouts(c->rproc, NULL), 0);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&c->rproc->carveouts), before);

	/* A region that is not reserved memory is refused, nothing added. */
	fake_dt_node_add(test, "rproc-mem-plain", &target);
	parent->of_node = fake_dt_node_add(test, "rproc-mem-user", &user);
	KUNIT_EXPECT_EQ(test, rproc_of_add_carveouts(c->rproc, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&c->rproc->carveouts), before);
	parent->of_node = NULL;
}

/* The processor sees physical memory 0x20000000 lower. */
static u64 kunit_pa_to_da(struct rproc *rproc, phys_addr_t pa)
{
	return pa - 0x20000000;
}

/*
 * Real reserved memory, from the device tree of the KUnit boot
 * (kunit/dts/kunit.dts): each region is a carveout named after its node,
 * mapped when the processor boots; vdev0buffer is left to the vdev.
 */
static void mem_of_carveouts_reserved(struct kunit *test)
{
	struct device_node *np = of_find_node_by_path("/rproc-kunit");
	struct mem_ctx *c = test->priv;
	struct device *parent = c->rproc->dev.parent;
	size_t before = list_count_nodes(&c->rproc->carveouts);
	struct rproc_mem_entry *fw, *buf;

	if (!np)
		kunit_skip(test, "no /rproc-kunit node: booted without kunit/dts/kunit.dts");
	parent->of_node = np;
	KUNIT_EXPECT_EQ(test, rproc_of_add_carveouts(c->rproc, kunit_pa_to_da), 0);
	parent->of_node = NULL;
	of_node_put(np);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&c->rproc->carveouts), before + 2);

	fw = rproc_find_carveout_by_name(c->rproc, "rproc-kunit-fw");
	KUNIT_ASSERT_NOT_NULL(test, fw);
	KUNIT_EXPECT_EQ(test, fw->dma, 0x30000000);
	KUNIT_EXPECT_EQ(test, fw->da, 0x10000000);
	KUNIT_EXPECT_EQ(test, fw->len, 0x100000);
	KUNIT_EXPECT_NULL(test, fw->va);
	KUNIT_EXPECT_NOT_NULL(test, fw->alloc);
	KUNIT_EXPECT_NOT_NULL(test, fw->release);

	buf = rproc_find_carveout_by_name(c->rproc, "vdev0buffer");
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, buf->of_resm_idx, 1);
	KUNIT_EXPECT_EQ(test, buf->da, 0x10100000);
	KUNIT_EXPECT_EQ(test, buf->len, 0x100000);
	KUNIT_EXPECT_NULL(test, buf->alloc);
}

static struct kunit_case rproc_mem_cases[] = {
	KUNIT_CASE(mem_of_carveouts),
	KUNIT_CASE(mem_of_carveouts_reserved),
	KUNIT_CASE(mem_da_to_va_edges),
	KUNIT_CASE(mem_da_to_va_asks_driver_first),
	KUNIT_CASE(mem_pa_to_va_edges),
	KUNIT_CASE(mem_entry_fields),
	KUNIT_CASE(mem_va_to_pa),
	{}
};

static struct kunit_suite rproc_mem_suite = {
	.name		= "rproc_mem",
	.init		= rmem_init,
	.test_cases	= rproc_mem_cases,
};

kunit_test_suite(rproc_mem_suite);

MODULE_DESCRIPTION("KUnit tests for remote processor memory and address translation");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
