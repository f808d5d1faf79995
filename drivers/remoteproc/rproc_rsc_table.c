// SPDX-License-Identifier: GPL-2.0
/*
 * Resource table validation and decoding.
 *
 * A resource table comes from a firmware file or from the memory of a
 * running remote: both are untrusted.  rproc_rsc_table_check() looks at
 * every byte of it before anything else does, so that the handlers that
 * apply entries can rely on their layout, and so that a bad table is
 * refused whole instead of being half applied.  Each field is read once:
 * the check and what follows it must work on a copy the remote cannot
 * write to meanwhile.
 */

#include <linux/device.h>
#include <linux/export.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/rsc_table.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "rproc_internal.h"

/* Where the check is, for the one message a bad table gets. */
struct rsc_ctx {
	struct device *dev;
	const struct resource_table *table;
	size_t size;		/* bytes of the table that count */
	unsigned int index;	/* entry being checked */
	u32 offset;		/* of the entry's header */
	bool have_type;		/* the header lies inside the table */
	u32 type;
	u32 num;		/* entries */
	u32 ver;
	size_t extent;		/* bytes the entry covers from its header */
};

/* Where an entry lies in the table, to find entries that overlap. */
struct rsc_extent {
	size_t start;
	size_t end;
	u32 index;
	u32 type;
};

/* Largest ring a split virtqueue may have. */
#define RSC_VRING_MAX_NUM	32768

static const char *rsc_type_name(u32 type)
{
	switch (type) {
	case RSC_CARVEOUT:
		return "carveout";
	case RSC_DEVMEM:
		return "devmem";
	case RSC_TRACE:
		return "trace";
	case RSC_VDEV:
		return "vdev";
	case RSC_CARVEOUT64:
		return "carveout64";
	case RSC_DEVMEM64:
		return "devmem64";
	case RSC_TRACE64:
		return "trace64";
	case RSC_VDEV64:
		return "vdev64";
	}
	if (type >= RSC_VENDOR_START && type <= RSC_VENDOR_END)
		return "vendor";
	return "unknown";
}

static bool rsc_is_64(u32 type)
{
	return type >= RSC_CARVEOUT64 && type <= RSC_VDEV64;
}

static __printf(2, 3) int rsc_bad(const struct rsc_ctx *c, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (c->have_type)
		dev_err(c->dev,
			"bad resource table: entry %u (%s, type %u, at offset %u): %pV\n",
			c->index, rsc_type_name(c->type), c->type, c->offset,
			&vaf);
	else
		dev_err(c->dev,
			"bad resource table: entry %u (at offset %u): %pV\n",
			c->index, c->offset, &vaf);
	va_end(args);
	return -EINVAL;
}

/*
 * @len bytes at @addr must not run past @last, the last address the
 * entry's field width can express (a 32-bit entry describes a 32-bit
 * address space).
 */
static bool rsc_range_overflows(u64 addr, u64 len, u64 last)
{
	u64 end;

	if (addr == FW_RSC_ADDR64_ANY || !len)
		return false;
	return check_add_overflow(addr, len - 1, &end) || end > last;
}

static int rsc_check_name(const struct rsc_ctx *c, const u8 *name, size_t len)
{
	if (!memchr(name, '\0', len))
		return rsc_bad(c, "name is not NUL-terminated within %zu bytes",
			       len);
	return 0;
}

/* Decode a memory entry of @type; @rsc is its payload. */
static void rsc_mem_read(u32 type, const void *rsc, struct rproc_rsc_mem *mem)
{
	memset(mem, 0, sizeof(*mem));
	mem->pa = FW_RSC_ADDR64_ANY;
	switch (type) {
	case RSC_CARVEOUT:
	case RSC_DEVMEM: {
		const struct fw_rsc_carveout *r = rsc;

		mem->da = r->da == (u32)FW_RSC_ADDR_ANY ? FW_RSC_ADDR64_ANY : r->da;
		mem->pa = r->pa == (u32)FW_RSC_ADDR_ANY ? FW_RSC_ADDR64_ANY : r->pa;
		mem->len = r->len;
		mem->flags = r->flags;
		mem->name = (const char *)r->name;
		break;
	}
	case RSC_TRACE: {
		const struct fw_rsc_trace *r = rsc;

		mem->da = r->da == (u32)FW_RSC_ADDR_ANY ? FW_RSC_ADDR64_ANY : r->da;
		mem->len = r->len;
		mem->name = (const char *)r->name;
		break;
	}
	case RSC_CARVEOUT64:
	case RSC_DEVMEM64: {
		const struct fw_rsc_carveout64 *r = rsc;

		mem->da = r->da;
		mem->pa = r->pa;
		mem->len = r->len;
		mem->flags = r->flags;
		mem->name = (const char *)r->name;
		break;
	}
	case RSC_TRACE64: {
		const struct fw_rsc_trace64 *r = rsc;

		mem->da = r->da;
		mem->len = r->len;
		mem->name = (const char *)r->name;
		break;
	}
	}
}

/* Checks common to carveouts, devmem and trace, in normalised form. */
static int rsc_check_mem(const struct rsc_ctx *c, const struct fw_rsc_hdr *hdr)
{
	u64 last = rsc_is_64(c->type) ? U64_MAX : U32_MAX;
	struct rproc_rsc_mem mem;
	bool devmem, trace;

	rsc_mem_read(c->type, hdr->data, &mem);
	trace = c->type == RSC_TRACE || c->type == RSC_TRACE64;
	devmem = c->type == RSC_DEVMEM || c->type == RSC_DEVMEM64;

	if (!mem.len)
		return rsc_bad(c, "len is 0");
	if (mem.len > SIZE_MAX)
		return rsc_bad(c, "len 0x%llx is too large for this host", mem.len);
	if ((trace || devmem) && mem.da == FW_RSC_ADDR64_ANY)
		return rsc_bad(c, "da may not be FW_RSC_ADDR_ANY here");
	if (devmem && mem.pa == FW_RSC_ADDR64_ANY)
		return rsc_bad(c, "pa may not be FW_RSC_ADDR_ANY here");
	if (rsc_range_overflows(mem.da, mem.len, last))
		return rsc_bad(c, "da 0x%llx + len 0x%llx runs past the address space",
			       mem.da, mem.len);
	/* A carveout's pa is the host's to choose; a devmem's is used. */
	if (devmem && (rsc_range_overflows(mem.pa, mem.len, last) ||
		       (phys_addr_t)(mem.pa + mem.len - 1) != mem.pa + mem.len - 1))
		return rsc_bad(c, "pa 0x%llx + len 0x%llx runs past the physical address space",
			       mem.pa, mem.len);
	return rsc_check_name(c, (const u8 *)mem.name, RPROC_RSC_NAME_LEN);
}

/* Bytes a split vring of @num descriptors occupies with @align. */
static u64 rsc_vring_bytes(u32 num, u32 align)
{
	u64 avail_end = 16ULL * num + 6 + 2ULL * num;

	return round_up(avail_end, (u64)align) + 6 + 8ULL * num;
}

static int rsc_check_vring(const struct rsc_ctx *c, unsigned int i, u64 da,
			   u32 align, u32 num, u64 last)
{
	if (!num || num > RSC_VRING_MAX_NUM || !is_power_of_2(num))
		return rsc_bad(c, "vring[%u].num %u is not a power of two up to %u",
			       i, num, RSC_VRING_MAX_NUM);
	if (!align || !is_power_of_2(align))
		return rsc_bad(c, "vring[%u].align %u is not a power of two",
			       i, align);
	if (da != FW_RSC_ADDR64_ANY && !IS_ALIGNED(da, align))
		return rsc_bad(c, "vring[%u].da 0x%llx is not aligned to %u",
			       i, da, align);
	if (rsc_range_overflows(da, rsc_vring_bytes(num, align), last))
		return rsc_bad(c, "vring[%u] at da 0x%llx runs past the address space",
			       i, da);
	return 0;
}

static int rsc_check_vdev(struct rsc_ctx *c, const void *rsc, size_t avail)
{
	const struct fw_rsc_vdev *v = rsc;
	unsigned int i, nvr = v->num_of_vrings;
	u32 config_len = v->config_len;
	size_t need;
	int ret;

	if (v->reserved[0] || v->reserved[1])
		return rsc_bad(c, "reserved bytes are not 0");
	need = size_add(struct_size(v, vring, nvr), config_len);
	if (need > avail)
		return rsc_bad(c, "%u vrings and config_len %u need %zu bytes, the table has %zu",
			       nvr, config_len, need, avail);
	c->extent = sizeof(struct fw_rsc_hdr) + need;
	for (i = 0; i < nvr; i++) {
		const struct fw_rsc_vdev_vring *r = &v->vring[i];
		u64 da = r->da == (u32)FW_RSC_ADDR_ANY ? FW_RSC_ADDR64_ANY : r->da;

		ret = rsc_check_vring(c, i, da, r->align, r->num, U32_MAX);
		if (ret)
			return ret;
	}
	return 0;
}

static int rsc_check_vdev64(struct rsc_ctx *c, const void *rsc,
			    size_t avail)
{
	const struct fw_rsc_vdev64 *v = rsc;
	unsigned int i, nvr = v->num_of_vrings;
	u32 config_len = v->config_len;
	size_t need;
	int ret;

	if (memchr_inv(v->reserved, 0, sizeof(v->reserved)))
		return rsc_bad(c, "reserved bytes are not 0");
	need = size_add(struct_size(v, vring, nvr), config_len);
	if (need > avail)
		return rsc_bad(c, "%u vrings and config_len %u need %zu bytes, the table has %zu",
			       nvr, config_len, need, avail);
	c->extent = sizeof(struct fw_rsc_hdr) + need;
	for (i = 0; i < nvr; i++) {
		const struct fw_rsc_vdev_vring64 *r = &v->vring[i];

		if (r->reserved)
			return rsc_bad(c, "vring[%u].reserved is not 0", i);
		ret = rsc_check_vring(c, i, r->da, r->align, r->num, U64_MAX);
		if (ret)
			return ret;
	}
	return 0;
}

/* Fixed payload size of each known type; 0 for variable or unknown. */
static size_t rsc_fixed_size(u32 type)
{
	switch (type) {
	case RSC_CARVEOUT:
		return sizeof(struct fw_rsc_carveout);
	case RSC_DEVMEM:
		return sizeof(struct fw_rsc_devmem);
	case RSC_TRACE:
		return sizeof(struct fw_rsc_trace);
	case RSC_VDEV:
		return sizeof(struct fw_rsc_vdev);
	case RSC_CARVEOUT64:
		return sizeof(struct fw_rsc_carveout64);
	case RSC_DEVMEM64:
		return sizeof(struct fw_rsc_devmem64);
	case RSC_TRACE64:
		return sizeof(struct fw_rsc_trace64);
	case RSC_VDEV64:
		return sizeof(struct fw_rsc_vdev64);
	}
	return 0;
}

static int rsc_check_entry(struct rsc_ctx *c, size_t hdr_end)
{
	const struct fw_rsc_hdr *hdr;
	size_t avail, fixed;
	u32 reserved;

	c->offset = c->table->offset[c->index];
	c->have_type = false;
	if (c->offset < hdr_end || c->offset > c->size ||
	    c->size - c->offset < sizeof(*hdr))
		return rsc_bad(c, "offset is outside the entry area %zu..%zu of the table",
			       hdr_end, c->size - sizeof(*hdr));
	hdr = (const void *)c->table + c->offset;
	c->type = hdr->type;
	c->have_type = true;
	avail = c->size - c->offset - sizeof(*hdr);
	/* Vendor and unknown types: their header, at least. */
	c->extent = sizeof(*hdr);

	/*
	 * A version 1 table is read as mainline reads it: there, the 64-bit
	 * types are unknown types, which the core skips with a warning.
	 */
	if (c->ver < 2) {
		if (rsc_is_64(c->type))
			return 0;
	} else if (!IS_ALIGNED(c->offset, rsc_is_64(c->type) ? 8 : 4)) {
		return rsc_bad(c, "offset is not aligned to %u bytes",
			       rsc_is_64(c->type) ? 8 : 4);
	}

	fixed = rsc_fixed_size(c->type);
	if (fixed > avail)
		return rsc_bad(c, "entry needs %zu bytes, the table has %zu",
			       fixed, avail);
	c->extent = sizeof(*hdr) + fixed;

	switch (c->type) {
	case RSC_CARVEOUT:
	case RSC_DEVMEM:
		/* Both have the same layout. */
		reserved = ((const struct fw_rsc_carveout *)hdr->data)->reserved;
		break;
	case RSC_TRACE:
		reserved = ((const struct fw_rsc_trace *)hdr->data)->reserved;
		break;
	case RSC_CARVEOUT64:
	case RSC_DEVMEM64:
		reserved = ((const struct fw_rsc_carveout64 *)hdr->data)->reserved;
		break;
	case RSC_TRACE64:
		reserved = ((const struct fw_rsc_trace64 *)hdr->data)->reserved;
		break;
	case RSC_VDEV:
		return rsc_check_vdev(c, hdr->data, avail);
	case RSC_VDEV64:
		return rsc_check_vdev64(c, hdr->data, avail);
	default:
		/* Vendor and unknown types: their handler checks them. */
		return 0;
	}
	if (reserved)
		return rsc_bad(c, "reserved is 0x%x, must be 0", reserved);
	return rsc_check_mem(c, hdr);
}

static int rsc_extent_cmp(const void *a, const void *b)
{
	const struct rsc_extent *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->index < y->index ? -1 : (x->index > y->index);
}

/*
 * Entries must not share bytes: the host writes into some of them, and a
 * write to one would change another behind the checks.
 */
static int rsc_check_overlaps(struct rsc_ctx *c, struct rsc_extent *ext)
{
	unsigned int i;

	if (c->num < 2)
		return 0;
	sort(ext, c->num, sizeof(*ext), rsc_extent_cmp, NULL);
	for (i = 1; i < c->num; i++) {
		if (ext[i].start >= ext[i - 1].end)
			continue;
		c->index = ext[i].index;
		c->offset = ext[i].start;
		c->type = ext[i].type;
		c->have_type = true;
		return rsc_bad(c, "overlaps entry %u", ext[i - 1].index);
	}
	return 0;
}

/**
 * rproc_rsc_table_check() - validate a whole resource table
 * @dev: device the table belongs to, for messages
 * @table: the table
 * @size: bytes readable at @table
 * @table_size: set to the size of the table on success: @size for a
 *	version 1 table, the size the header gives for version 2
 *
 * Checks the header (version, reserved fields, entry count), that every
 * entry lies inside the table, is large enough for its type and shares
 * no byte with another entry, and the
 * fields of every entry type the core knows: reserved fields, names,
 * vring counts and geometry, config space length, and that no address
 * range runs past the address space its fields can express.  Vendor and
 * unknown entry types are only checked for their header.  The table is
 * only read, each field once; a table in memory the remote can write
 * must be copied first, and the copy used after the check.
 *
 * Return: 0 if the table may be used, -EINVAL (with one message naming
 * the entry and field) if not, -ENOMEM if the check could not run.
 */
int rproc_rsc_table_check(struct device *dev,
			  const struct resource_table *table, size_t size,
			  size_t *table_size)
{
	struct rsc_ctx c = { .dev = dev, .table = table, .size = size };
	struct rsc_extent *ext;
	u32 tsize;
	size_t hdr_end;
	int ret;

	if (!table) {
		dev_err(dev, "bad resource table: there is none\n");
		return -EINVAL;
	}
	if (size < sizeof(*table)) {
		dev_err(dev, "bad resource table: %zu bytes, smaller than its %zu-byte header\n",
			size, sizeof(*table));
		return -EINVAL;
	}
	c.ver = table->ver;
	if (c.ver != 1 && c.ver != 2) {
		dev_err(dev, "bad resource table: unsupported version %u\n",
			c.ver);
		return -EINVAL;
	}
	c.num = table->num;
	hdr_end = struct_size(table, offset, c.num);
	if (hdr_end > size) {
		dev_err(dev, "bad resource table: %u entries do not fit in %zu bytes\n",
			c.num, size);
		return -EINVAL;
	}
	if (c.ver == 1) {
		if (table->reserved[0] || table->reserved[1]) {
			dev_err(dev, "bad resource table: reserved header fields are not 0\n");
			return -EINVAL;
		}
	} else {
		if (table->reserved[1]) {
			dev_err(dev, "bad resource table: reserved[1] is not 0\n");
			return -EINVAL;
		}
		tsize = table->reserved[0];
		if (tsize < hdr_end || tsize > size) {
			dev_err(dev, "bad resource table: size %u is outside %zu..%zu\n",
				tsize, hdr_end, size);
			return -EINVAL;
		}
		c.size = tsize;
	}

	ext = kmalloc_array(c.num, sizeof(*ext), GFP_KERNEL);
	if (c.num && !ext)
		return -ENOMEM;
	for (c.index = 0; c.index < c.num; c.index++) {
		ret = rsc_check_entry(&c, hdr_end);
		if (ret)
			goto out;
		ext[c.index] = (struct rsc_extent){ .start = c.offset,
			.end = c.offset + c.extent, .index = c.index,
			.type = c.type };
	}
	ret = rsc_check_overlaps(&c, ext);
	if (!ret && table_size)
		*table_size = c.size;
out:
	kfree(ext);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_rsc_table_check);

/**
 * rproc_rsc_mem_read() - read a memory entry in a width-neutral form
 * @hdr: header of an RSC_CARVEOUT, RSC_DEVMEM, RSC_TRACE entry or of
 *	their 64-bit forms, in a table rproc_rsc_table_check() accepted
 * @mem: filled with the entry's fields; a version 1 FW_RSC_ADDR_ANY
 *	becomes FW_RSC_ADDR64_ANY, a trace buffer's @pa is
 *	FW_RSC_ADDR64_ANY
 *
 * Lets the handlers treat both widths with one code path.
 */
void rproc_rsc_mem_read(const struct fw_rsc_hdr *hdr, struct rproc_rsc_mem *mem)
{
	rsc_mem_read(hdr->type, hdr->data, mem);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_rsc_mem_read);

