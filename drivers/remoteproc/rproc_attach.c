// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: finding the resource table of a processor that
 * runs already, shared by all drivers, and the device tree properties
 * that choose how a processor is attached.
 *
 * A locator says where the table is: the driver's callback, the start of
 * a memory region, a descriptor at the start of a region, or a register.
 * Whatever the remote writes there is only a hint: the table it points
 * to must lie inside memory registered for the processor, and the table
 * is copied and checked before use (rproc_use_table()).
 */

#include <kunit/static_stub.h>
#include <kunit/visibility.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/of.h>
#include <linux/remoteproc.h>

#include "rproc_internal.h"

/**
 * rproc_set_rsc_locator() - say where a running processor's table is
 * @rproc: the processor, not yet added
 * @loc: the locator; the core keeps a copy
 *
 * Return: 0, or -EINVAL naming what is missing from @loc.
 */
int rproc_set_rsc_locator(struct rproc *rproc,
			  const struct rproc_rsc_locator *loc)
{
	struct device *dev = rproc->dev.parent;

	switch (loc->kind) {
	case RPROC_RSC_IN_CALLBACK:
		break;
	case RPROC_RSC_IN_REGION:
	case RPROC_RSC_IN_DESCRIPTOR:
		if (!loc->region) {
			dev_err(dev, "resource table locator: no region name\n");
			return -EINVAL;
		}
		break;
	case RPROC_RSC_IN_REGISTER:
		if (!loc->reg || (loc->reg_width != 4 && loc->reg_width != 8) ||
		    !loc->size) {
			dev_err(dev, "resource table locator: register, width 4 or 8, and size needed\n");
			return -EINVAL;
		}
		break;
	default:
		dev_err(dev, "resource table locator: unknown kind %d\n",
			loc->kind);
		return -EINVAL;
	}
	rproc->rsc_locator = *loc;
	return 0;
}
EXPORT_SYMBOL(rproc_set_rsc_locator);

/* The mapped carveout @name, mapping it now if the driver left that. */
static struct rproc_mem_entry *rproc_locator_region(struct rproc *rproc,
						    const char *name)
{
	struct rproc_mem_entry *mem;
	int ret;

	mem = rproc_find_carveout_by_name(rproc, name);
	if (!mem) {
		dev_err(&rproc->dev, "resource table: no memory region %s\n",
			name);
		return ERR_PTR(-ENOENT);
	}
	if (!mem->va && mem->alloc) {
		ret = mem->alloc(rproc, mem);
		if (ret)
			return ERR_PTR(ret);
	}
	if (!mem->va) {
		dev_err(&rproc->dev, "resource table: memory region %s is not mapped\n",
			name);
		return ERR_PTR(-ENOENT);
	}
	return mem;
}

static struct resource_table *rproc_locate_descriptor(struct rproc *rproc,
						      struct rproc_mem_entry *mem,
						      size_t *size)
{
	struct rproc_rsc_descriptor desc;
	struct device *dev = &rproc->dev;
	struct resource_table *table;
	bool is_iomem;

	if (mem->len < sizeof(desc)) {
		dev_err(dev, "resource table descriptor: region %s is too small\n",
			mem->name);
		return ERR_PTR(-EINVAL);
	}
	/* One copy: the remote may rewrite the descriptor meanwhile. */
	if (mem->is_iomem)
		memcpy_fromio(&desc, (void __iomem *)mem->va, sizeof(desc));
	else
		memcpy(&desc, mem->va, sizeof(desc));

	if (desc.magic != RPROC_RSC_DESCRIPTOR_MAGIC ||
	    desc.comp_magic != (u32)~RPROC_RSC_DESCRIPTOR_MAGIC) {
		dev_dbg(dev, "resource table descriptor: no magic in %s\n",
			mem->name);
		return ERR_PTR(-EAGAIN);
	}
	if (desc.version != 1) {
		dev_err(dev, "resource table descriptor: unsupported version %u\n",
			desc.version);
		return ERR_PTR(-EINVAL);
	}
	if (!desc.size || desc.addr > (phys_addr_t)~0ULL) {
		dev_err(dev, "resource table descriptor: bad table 0x%llx, %u bytes\n",
			desc.addr, desc.size);
		return ERR_PTR(-EINVAL);
	}
	table = rproc_pa_to_va(rproc, desc.addr, desc.size, &is_iomem);
	if (!table) {
		dev_err(dev, "resource table descriptor: table 0x%llx, %u bytes, is outside the processor's memory\n",
			desc.addr, desc.size);
		return ERR_PTR(-EINVAL);
	}
	*size = desc.size;
	return table;
}

/**
 * rproc_read_rsc_register() - read the register a table's address is in
 * @rproc: the processor, with a %RPROC_RSC_IN_REGISTER locator
 *
 * KUnit tests replace it: UML has no registers.
 *
 * Return: the register's value.
 */
u64 rproc_read_rsc_register(struct rproc *rproc)
{
	const struct rproc_rsc_locator *loc = &rproc->rsc_locator;

	KUNIT_STATIC_STUB_REDIRECT(rproc_read_rsc_register, rproc);
	if (loc->reg_width == 8)
		return lo_hi_readq(loc->reg);
	return readl(loc->reg);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_read_rsc_register);

static struct resource_table *rproc_locate_register(struct rproc *rproc,
						    size_t *size)
{
	const struct rproc_rsc_locator *loc = &rproc->rsc_locator;
	struct resource_table *table;
	u64 da;

	da = rproc_read_rsc_register(rproc);
	if (!da)
		return ERR_PTR(-EAGAIN);

	table = rproc_da_to_va(rproc, da, loc->size, NULL);
	if (!table) {
		dev_err(&rproc->dev, "resource table: register gives 0x%llx, outside the processor's memory\n",
			da);
		return ERR_PTR(-EINVAL);
	}
	*size = loc->size;
	return table;
}

/**
 * rproc_locate_table() - the table of a running processor
 * @rproc: the processor, prepared (its memory registered)
 * @size: set to the bytes available at the table
 *
 * Return: the table in processor memory, NULL if the processor has none,
 * ERR_PTR(-EAGAIN) if the remote has not published it yet, or another
 * ERR_PTR().
 */
struct resource_table *rproc_locate_table(struct rproc *rproc, size_t *size)
{
	const struct rproc_rsc_locator *loc = &rproc->rsc_locator;
	struct rproc_mem_entry *mem;

	*size = 0;
	switch (loc->kind) {
	case RPROC_RSC_IN_REGION:
		mem = rproc_locator_region(rproc, loc->region);
		if (IS_ERR(mem))
			return ERR_CAST(mem);
		*size = mem->len;
		return mem->va;
	case RPROC_RSC_IN_DESCRIPTOR:
		mem = rproc_locator_region(rproc, loc->region);
		if (IS_ERR(mem))
			return ERR_CAST(mem);
		return rproc_locate_descriptor(rproc, mem, size);
	case RPROC_RSC_IN_REGISTER:
		return rproc_locate_register(rproc, size);
	default:
		if (!rproc->ops->get_loaded_rsc_table)
			return NULL;
		return rproc->ops->get_loaded_rsc_table(rproc, size);
	}
}
EXPORT_SYMBOL_IF_KUNIT(rproc_locate_table);

/**
 * rproc_of_parse_attach() - read how to attach a processor from its node
 * @rproc: the processor, not yet added; its parent's device node is read
 *
 * Properties (see Documentation/driver-api/remoteproc-core.rst):
 * "rpmsg-only" sets &rproc.rpmsg_only, "detach-on-shutdown" sets
 * &rproc.detach_on_shutdown, and a "memory-region-names" entry
 * "rsc-table" or "rsc-table-descriptor" makes the carveout of that name
 * hold the table or its descriptor.
 *
 * Return: 0, also without a device node.
 */
int rproc_of_parse_attach(struct rproc *rproc)
{
	struct device_node *np = rproc->dev.parent->of_node;
	struct rproc_rsc_locator loc = {};

	if (!np)
		return 0;

	rproc->rpmsg_only = of_property_read_bool(np, "rpmsg-only");
	rproc->detach_on_shutdown = of_property_read_bool(np, "detach-on-shutdown");

	if (of_property_match_string(np, "memory-region-names", "rsc-table") >= 0) {
		loc.kind = RPROC_RSC_IN_REGION;
		loc.region = "rsc-table";
	} else if (of_property_match_string(np, "memory-region-names",
					    "rsc-table-descriptor") >= 0) {
		loc.kind = RPROC_RSC_IN_DESCRIPTOR;
		loc.region = "rsc-table-descriptor";
	} else {
		return 0;
	}
	return rproc_set_rsc_locator(rproc, &loc);
}
EXPORT_SYMBOL(rproc_of_parse_attach);
