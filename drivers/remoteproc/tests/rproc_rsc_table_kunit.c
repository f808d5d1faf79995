// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the resource table checks: every well-formed table of
 * either version is accepted, every malformed field is refused, and no
 * corruption makes the check read outside the table.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/rsc_table.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../rproc_internal.h"

#define TBL_BYTES	1024

/* A table under construction: entries are appended after the header. */
struct tbl {
	struct kunit *test;
	struct device *dev;
	struct resource_table *t;
	size_t used;
	u32 next;
};

static void tbl_init(struct kunit *test, struct tbl *b, u32 ver, u32 num)
{
	b->test = test;
	b->dev = test->priv;
	b->t = kunit_kzalloc(test, TBL_BYTES, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b->t);
	b->t->ver = ver;
	b->t->num = num;
	b->used = struct_size(b->t, offset, num);
	b->next = 0;
}

/* Append an entry of @type with @len payload bytes; returns the payload. */
static void *tbl_add(struct tbl *b, u32 type, size_t len)
{
	struct fw_rsc_hdr *hdr;

	b->used = ALIGN(b->used, 8);
	KUNIT_ASSERT_LE(b->test, b->used + sizeof(*hdr) + len, TBL_BYTES);
	KUNIT_ASSERT_LT(b->test, b->next, b->t->num);
	b->t->offset[b->next++] = b->used;
	hdr = (void *)b->t + b->used;
	hdr->type = type;
	b->used += sizeof(*hdr) + len;
	return hdr->data;
}

/* Check the table; a version 2 table gets its size field set first. */
static int tbl_check(struct tbl *b, size_t *size)
{
	if (b->t->ver == 2 && !b->t->reserved[0])
		b->t->reserved[0] = b->used;
	return rproc_rsc_table_check(b->dev, b->t, b->used, size);
}

static struct fw_rsc_carveout *add_carveout(struct tbl *b, u32 da, u32 len)
{
	struct fw_rsc_carveout *c = tbl_add(b, RSC_CARVEOUT, sizeof(*c));

	c->da = da;
	c->pa = FW_RSC_ADDR_ANY;
	c->len = len;
	strscpy(c->name, "firmware", sizeof(c->name));
	return c;
}

static struct fw_rsc_vdev *add_vdev(struct tbl *b, u8 nvr, u32 config_len)
{
	struct fw_rsc_vdev *v;
	unsigned int i;

	v = tbl_add(b, RSC_VDEV, struct_size(v, vring, nvr) + config_len);
	v->id = 7;
	v->num_of_vrings = nvr;
	v->config_len = config_len;
	for (i = 0; i < nvr; i++) {
		v->vring[i].da = 0x10000 + i * 0x8000;
		v->vring[i].align = 0x1000;
		v->vring[i].num = 256;
		v->vring[i].notifyid = i;
	}
	return v;
}

static struct fw_rsc_vdev64 *add_vdev64(struct tbl *b, u8 nvr, u32 config_len)
{
	struct fw_rsc_vdev64 *v;
	unsigned int i;

	v = tbl_add(b, RSC_VDEV64, struct_size(v, vring, nvr) + config_len);
	v->id = 7;
	v->dfeatures = BIT_ULL(40) | BIT_ULL(1);
	v->num_of_vrings = nvr;
	v->config_len = config_len;
	for (i = 0; i < nvr; i++) {
		v->vring[i].da = 0x100000000ULL + i * 0x8000;
		v->vring[i].align = 0x1000;
		v->vring[i].num = 256;
		v->vring[i].notifyid = i;
	}
	return v;
}

/* A v1 table with one entry of every kind. */
static void build_full_v1(struct kunit *test, struct tbl *b)
{
	struct fw_rsc_devmem *d;
	struct fw_rsc_trace *tr;

	tbl_init(test, b, 1, 5);
	add_carveout(b, 0x1000000, 0x100000);
	d = tbl_add(b, RSC_DEVMEM, sizeof(*d));
	d->da = 0x20000000;
	d->pa = 0x40000000;
	d->len = 0x1000;
	strscpy(d->name, "regs", sizeof(d->name));
	tr = tbl_add(b, RSC_TRACE, sizeof(*tr));
	tr->da = 0x1100000;
	tr->len = 0x8000;
	strscpy(tr->name, "trace0", sizeof(tr->name));
	add_vdev(b, 2, 16);
	*(u32 *)tbl_add(b, RSC_VENDOR_START + 1, 4) = 0xdeadbeef;
}

/* A v2 table mixing both widths. */
static void build_full_v2(struct kunit *test, struct tbl *b)
{
	struct fw_rsc_carveout64 *c;
	struct fw_rsc_trace64 *tr;

	tbl_init(test, b, 2, 4);
	c = tbl_add(b, RSC_CARVEOUT64, sizeof(*c));
	c->da = 0x100000000ULL;
	c->pa = FW_RSC_ADDR64_ANY;
	c->len = 0x200000;
	strscpy(c->name, "fw64", sizeof(c->name));
	tr = tbl_add(b, RSC_TRACE64, sizeof(*tr));
	tr->da = 0x100200000ULL;
	tr->len = 0x1000;
	strscpy(tr->name, "trace64", sizeof(tr->name));
	add_vdev64(b, 3, 8);
	add_carveout(b, 0x3000000, 0x1000);
}

static void rsc_valid_v1(struct kunit *test)
{
	struct tbl b;
	size_t size = 0;

	build_full_v1(test, &b);
	KUNIT_EXPECT_EQ(test, tbl_check(&b, &size), 0);
	KUNIT_EXPECT_EQ(test, size, b.used);
}

static void rsc_valid_v2_size_from_header(struct kunit *test)
{
	struct tbl b;
	size_t size = 0;

	build_full_v2(test, &b);
	b.t->reserved[0] = b.used;
	/* More readable bytes than the table: the header's size counts. */
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(b.dev, b.t, TBL_BYTES, &size), 0);
	KUNIT_EXPECT_EQ(test, size, b.used);
}

static void rsc_empty_tables(struct kunit *test)
{
	struct tbl b;

	tbl_init(test, &b, 1, 0);
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
	tbl_init(test, &b, 2, 0);
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
}

static void rsc_bad_header(struct kunit *test)
{
	struct tbl b;

	tbl_init(test, &b, 1, 0);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(b.dev, NULL, 64, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(b.dev, b.t, 15, NULL), -EINVAL);

	b.t->ver = 0;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->ver = 3;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);

	b.t->ver = 1;
	b.t->reserved[1] = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->reserved[1] = 0;
	b.t->reserved[0] = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

static void rsc_bad_count(struct kunit *test)
{
	struct tbl b;

	build_full_v1(test, &b);
	b.t->num = U32_MAX;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	/* The offsets array alone is larger than the table. */
	b.t->num = (b.used - sizeof(*b.t)) / 4 + 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

static void rsc_bad_v2_size(struct kunit *test)
{
	struct tbl b;

	build_full_v2(test, &b);
	b.t->reserved[0] = b.used + 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->reserved[0] = sizeof(*b.t) + 4;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	/* Large enough for the offsets, too small for the last entry. */
	b.t->reserved[0] = b.used - 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->reserved[0] = b.used;
	b.t->reserved[1] = 4;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

static void rsc_bad_offsets(struct kunit *test)
{
	struct tbl b;
	u32 good;

	build_full_v1(test, &b);
	good = b.t->offset[0];
	/* Inside the header and offsets array. */
	b.t->offset[0] = 4;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->offset[0] = struct_size(b.t, offset, b.t->num) - 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	/* Past the end, and too close to it for a header. */
	b.t->offset[0] = b.used;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->offset[0] = b.used - 3;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->offset[0] = U32_MAX;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	b.t->offset[0] = good;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
}

static void rsc_truncated_entries(struct kunit *test)
{
	struct tbl b;

	/* A carveout cut short by the end of the table. */
	tbl_init(test, &b, 1, 1);
	add_carveout(&b, 0x1000, 0x1000);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(b.dev, b.t, b.used - 1, NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(b.dev, b.t, b.used, NULL), 0);

	/* A vdev whose vrings or config space run past the end. */
	tbl_init(test, &b, 1, 1);
	add_vdev(&b, 2, 8);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(b.dev, b.t, b.used - 1, NULL),
			-EINVAL);
	((struct fw_rsc_vdev *)((void *)b.t + b.t->offset[0] + 4))->num_of_vrings = 3;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

static void rsc_bad_carveout_fields(struct kunit *test)
{
	struct fw_rsc_carveout *c;
	struct tbl b;

	tbl_init(test, &b, 1, 1);
	c = add_carveout(&b, 0x1000, 0x1000);
	KUNIT_ASSERT_EQ(test, tbl_check(&b, NULL), 0);

	c->reserved = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	c->reserved = 0;

	memset(c->name, 'x', sizeof(c->name));
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	c->name[sizeof(c->name) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);

	c->len = 0;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	c->len = 0x1000;

	c->da = 0xfffff001;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	c->da = 0xfffff000;	/* ends at the last byte: allowed */
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
	c->da = FW_RSC_ADDR_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);

	/* A carveout's pa is the host's to choose: not checked. */
	c->pa = 0xffffff00;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
}

static void rsc_bad_devmem_fields(struct kunit *test)
{
	struct fw_rsc_devmem64 *d64;
	struct fw_rsc_devmem *d;
	struct tbl b;

	tbl_init(test, &b, 2, 2);
	d = tbl_add(&b, RSC_DEVMEM, sizeof(*d));
	d->da = 0x1000;
	d->pa = 0x40000000;
	d->len = 0x1000;
	d64 = tbl_add(&b, RSC_DEVMEM64, sizeof(*d64));
	d64->da = 0x200000000ULL;
	d64->pa = 0x400000000ULL;
	d64->len = 0x1000;
	KUNIT_ASSERT_EQ(test, tbl_check(&b, NULL), 0);

	/* Device memory is mapped where the entry says: no ANY. */
	d->da = FW_RSC_ADDR_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	d->da = 0x1000;
	d->pa = FW_RSC_ADDR_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	d->pa = 0xfffff800;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	d->pa = 0x40000000;
	d64->pa = FW_RSC_ADDR64_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	d64->pa = 0x400000000ULL;
	d64->len = 0;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	d64->len = 0x1000;
	memset(d64->name, 'n', sizeof(d64->name));
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

/* The iterator of rsc_table.h walks checked tables as mainline's does. */
static int count_entry(u32 type, void *rsc, int offset, int avail, void *data)
{
	(*(unsigned int *)data)++;
	return 0;
}

static void rsc_walk_entries(struct kunit *test)
{
	unsigned int n = 0;
	struct tbl b;

	build_full_v1(test, &b);
	KUNIT_EXPECT_EQ(test, rsc_table_for_each_entry(b.t, b.used, b.dev, count_entry, &n), 0);
	KUNIT_EXPECT_EQ(test, n, 5U);
	b.t->offset[4] = b.used - 2;
	KUNIT_EXPECT_EQ(test, rsc_table_for_each_entry(b.t, b.used, b.dev, count_entry, &n),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rsc_table_for_each_entry(b.t, 8, b.dev, count_entry, &n), -EINVAL);
}

static void rsc_bad_trace_fields(struct kunit *test)
{
	struct fw_rsc_trace *tr;
	struct tbl b;

	tbl_init(test, &b, 1, 1);
	tr = tbl_add(&b, RSC_TRACE, sizeof(*tr));
	tr->da = 0x1000;
	tr->len = 0x100;
	KUNIT_ASSERT_EQ(test, tbl_check(&b, NULL), 0);

	tr->da = FW_RSC_ADDR_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	tr->da = 0x1000;
	tr->reserved = 2;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

static void rsc_bad_vdev_fields(struct kunit *test)
{
	struct fw_rsc_vdev *v;
	struct tbl b;

	tbl_init(test, &b, 1, 1);
	v = add_vdev(&b, 2, 0);
	KUNIT_ASSERT_EQ(test, tbl_check(&b, NULL), 0);

	v->reserved[1] = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->reserved[1] = 0;

	v->config_len = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->config_len = U32_MAX;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->config_len = 0;

	v->vring[1].num = 0;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[1].num = 300;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[1].num = 65536;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	/* The largest ring and alignment are fine. */
	v->vring[1].num = 32768;
	v->vring[1].da = FW_RSC_ADDR_ANY;
	v->vring[1].align = 0x80000000;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
	v->vring[1].num = 256;
	v->vring[1].da = 0x18000;
	v->vring[1].align = 0x1000;

	v->vring[0].align = 0;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[0].align = 48;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[0].align = 0x1000;

	v->vring[0].da = 0x10010;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[0].da = 0xfffff000;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[0].da = FW_RSC_ADDR_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
}

static void rsc_bad_vdev64_fields(struct kunit *test)
{
	struct fw_rsc_vdev64 *v;
	struct tbl b;

	tbl_init(test, &b, 2, 1);
	v = add_vdev64(&b, 4, 0);
	KUNIT_ASSERT_EQ(test, tbl_check(&b, NULL), 0);

	v->reserved[5] = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->reserved[5] = 0;
	v->vring[3].reserved = 1;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[3].reserved = 0;
	v->vring[3].da = U64_MAX - 0x1fff;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	v->vring[3].da = FW_RSC_ADDR64_ANY;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
}

static void rsc_64bit_rules(struct kunit *test)
{
	struct fw_rsc_carveout64 *c;
	struct tbl b;

	/*
	 * In a version 1 table a 64-bit type is an unknown type, left to
	 * the core to skip as mainline does, whatever its contents.
	 */
	tbl_init(test, &b, 1, 1);
	c = tbl_add(&b, RSC_CARVEOUT64, sizeof(*c));
	c->da = 0x1000;
	c->len = 0;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
	b.t->ver = 2;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
	c->len = 0x1000;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);

	/* Their header must be 8-byte aligned. */
	memmove((void *)b.t + b.t->offset[0] + 4, (void *)b.t + b.t->offset[0],
		sizeof(*c) + 4);
	b.t->offset[0] += 4;
	b.used += 4;
	b.t->reserved[0] = b.used;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);

	/* A range ending past 2^64 wraps. */
	tbl_init(test, &b, 2, 1);
	c = tbl_add(&b, RSC_CARVEOUT64, sizeof(*c));
	c->da = U64_MAX - 0xfff;
	c->pa = FW_RSC_ADDR64_ANY;
	c->len = 0x1000;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
	c->len = 0x1001;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);
}

static void rsc_unknown_and_vendor_types(struct kunit *test)
{
	struct tbl b;

	tbl_init(test, &b, 1, 3);
	tbl_add(&b, RSC_LAST, 0);	/* unknown: left to the core to warn */
	tbl_add(&b, RSC_VENDOR_END, 0);
	tbl_add(&b, 1000, 0);
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
}

static void rsc_mem_read_normalises(struct kunit *test)
{
	struct rproc_rsc_mem mem;
	struct fw_rsc_hdr *hdr;
	struct tbl b;

	build_full_v1(test, &b);
	hdr = (void *)b.t + b.t->offset[0];
	rproc_rsc_mem_read(hdr, &mem);
	KUNIT_EXPECT_EQ(test, mem.da, 0x1000000ULL);
	KUNIT_EXPECT_EQ(test, mem.pa, FW_RSC_ADDR64_ANY);
	KUNIT_EXPECT_EQ(test, mem.len, 0x100000ULL);
	KUNIT_EXPECT_STREQ(test, mem.name, "firmware");

	hdr = (void *)b.t + b.t->offset[2];
	rproc_rsc_mem_read(hdr, &mem);
	KUNIT_EXPECT_EQ(test, mem.da, 0x1100000ULL);
	KUNIT_EXPECT_EQ(test, mem.pa, FW_RSC_ADDR64_ANY);
	KUNIT_EXPECT_STREQ(test, mem.name, "trace0");

	build_full_v2(test, &b);
	hdr = (void *)b.t + b.t->offset[0];
	rproc_rsc_mem_read(hdr, &mem);
	KUNIT_EXPECT_EQ(test, mem.da, 0x100000000ULL);
	KUNIT_EXPECT_EQ(test, mem.len, 0x200000ULL);
	KUNIT_EXPECT_STREQ(test, mem.name, "fw64");
}

/*
 * Every table the check accepts must have all its entries inside it; the
 * check itself must never read past the table (KASAN watches the exact
 * sized copy) nor write to it.
 */
static void rsc_corruption_never_escapes(struct kunit *test)
{
	struct tbl ref[2];
	struct rnd_state rnd;
	unsigned int round, i;
	u8 *copy, *before;
	size_t size;

	build_full_v1(test, &ref[0]);
	build_full_v2(test, &ref[1]);
	ref[1].t->reserved[0] = ref[1].used;

	prandom_seed_state(&rnd, 0x5eed);
	for (round = 0; round < 1000; round++) {
		const struct tbl *r = &ref[round & 1];
		struct resource_table *t;

		copy = kmemdup(r->t, r->used, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		/* Every other round, hit the header and offsets. */
		for (i = 0; i < 1 + prandom_u32_state(&rnd) % 3; i++)
			copy[prandom_u32_state(&rnd) % (round & 2 ? 40 : r->used)] =
				prandom_u32_state(&rnd);
		before = kmemdup(copy, r->used, GFP_KERNEL);
		if (!before)
			kfree(copy);
		KUNIT_ASSERT_NOT_NULL(test, before);

		t = (void *)copy;
		if (!rproc_rsc_table_check(r->dev, t, r->used, &size)) {
			KUNIT_EXPECT_LE(test, size, r->used);
			for (i = 0; i < t->num; i++) {
				KUNIT_EXPECT_GE(test, t->offset[i],
						struct_size(t, offset, t->num));
				KUNIT_EXPECT_LE(test, t->offset[i] + 4ULL, size);
			}
		}
		KUNIT_EXPECT_EQ(test, memcmp(copy, before, r->used), 0);
		kfree(before);
		kfree(copy);
	}
}

/* Entries sharing bytes are refused: the host writes into entries. */
static void rsc_overlapping_entries(struct kunit *test)
{
	struct fw_rsc_carveout *c;
	struct tbl b;

	/* Two offsets to one entry. */
	tbl_init(test, &b, 1, 2);
	add_carveout(&b, 0x1000, 0x100);
	b.t->offset[1] = b.t->offset[0];
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);

	/* An entry starting inside a carveout. */
	tbl_init(test, &b, 1, 2);
	c = add_carveout(&b, 0x1000, 0x100);
	b.t->offset[1] = b.t->offset[0] + offsetof(struct fw_rsc_carveout, name) + 4;
	*(u32 *)((void *)b.t + b.t->offset[1]) = RSC_VENDOR_START;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);

	/* A vdev's config space reaching into the next entry. */
	tbl_init(test, &b, 1, 2);
	add_vdev(&b, 2, 8);
	add_carveout(&b, 0x1000, 0x100);
	b.t->offset[1] -= 8;
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), -EINVAL);

	/* Back to back is fine. */
	tbl_init(test, &b, 1, 2);
	add_vdev(&b, 2, 8);
	add_carveout(&b, 0x1000, 0x100);
	KUNIT_EXPECT_EQ(test, tbl_check(&b, NULL), 0);
	KUNIT_EXPECT_NOT_NULL(test, c);
}

static struct kunit_case rproc_rsc_table_cases[] = {
	KUNIT_CASE(rsc_overlapping_entries),
	KUNIT_CASE(rsc_valid_v1),
	KUNIT_CASE(rsc_valid_v2_size_from_header),
	KUNIT_CASE(rsc_empty_tables),
	KUNIT_CASE(rsc_bad_header),
	KUNIT_CASE(rsc_bad_count),
	KUNIT_CASE(rsc_bad_v2_size),
	KUNIT_CASE(rsc_bad_offsets),
	KUNIT_CASE(rsc_truncated_entries),
	KUNIT_CASE(rsc_bad_carveout_fields),
	KUNIT_CASE(rsc_bad_devmem_fields),
	KUNIT_CASE(rsc_bad_trace_fields),
	KUNIT_CASE(rsc_walk_entries),
	KUNIT_CASE(rsc_bad_vdev_fields),
	KUNIT_CASE(rsc_bad_vdev64_fields),
	KUNIT_CASE(rsc_64bit_rules),
	KUNIT_CASE(rsc_unknown_and_vendor_types),
	KUNIT_CASE(rsc_mem_read_normalises),
	KUNIT_CASE_SLOW(rsc_corruption_never_escapes),
	{}
};

/* Messages about bad tables name this device. */
static int rsc_test_init(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "rsc-table-test");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	test->priv = dev;
	return 0;
}

static struct kunit_suite rproc_rsc_table_suite = {
	.name = "rproc_rsc_table",
	.init = rsc_test_init,
	.test_cases = rproc_rsc_table_cases,
};

kunit_test_suite(rproc_rsc_table_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for remote processor resource table checks");
MODULE_LICENSE("GPL");
