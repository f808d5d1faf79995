// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: applying a resource table.
 *
 * A table is copied into kernel memory and checked whole before anything
 * in it is used (rproc_use_table()); the handlers then work on that copy
 * only, so a remote changing its table meanwhile changes nothing here.
 * Values the host chooses (carveout addresses) are written into the copy,
 * which the lifecycle code places where the processor reads it.
 */

#include <kunit/visibility.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>

#include "rproc_internal.h"

/**
 * rproc_use_table() - check a resource table and make a copy of it current
 * @rproc: the processor
 * @table: the table, in kernel or processor memory
 * @size: bytes available at @table
 * @live: @table is the table of a running processor; keep a copy of it as
 *	&rproc.clean_table, to restore when detaching
 *
 * The table is copied first and the copy checked, so a remote rewriting
 * its table cannot slip a change past the check.  On success the copy is
 * &rproc.cached_table and &rproc.table_ptr, and &rproc.table_sz is the
 * table's size; on failure nothing changed.
 *
 * Return: 0, -ENOMEM, or -EINVAL for a malformed table.
 */
int rproc_use_table(struct rproc *rproc, const struct resource_table *table,
		    size_t size, bool live)
{
	struct resource_table *copy, *clean = NULL;
	size_t table_sz;
	int ret;

	copy = kmemdup(table, size, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;

	ret = rproc_rsc_table_check(&rproc->dev, copy, size, &table_sz);
	if (ret)
		goto free;

	if (live) {
		clean = kmemdup(copy, table_sz, GFP_KERNEL);
		if (!clean) {
			ret = -ENOMEM;
			goto free;
		}
	}

	kfree(rproc->cached_table);
	kfree(rproc->clean_table);
	rproc->cached_table = copy;
	rproc->clean_table = clean;
	rproc->table_ptr = copy;
	rproc->table_sz = table_sz;
	return 0;

free:
	kfree(copy);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_use_table);

/**
 * rproc_free_tables() - forget the resource table
 * @rproc: the processor
 */
void rproc_free_tables(struct rproc *rproc)
{
	kfree(rproc->cached_table);
	kfree(rproc->clean_table);
	rproc->cached_table = NULL;
	rproc->clean_table = NULL;
	rproc->table_ptr = NULL;
	rproc->table_sz = 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_free_tables);

struct rsc_walk {
	struct rproc *rproc;
	unsigned int index;
};

static int rproc_carveout_alloc(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	struct device *dev = &rproc->dev;
	dma_addr_t dma;
	void *va;
	int ret;

	va = dma_alloc_coherent(dev->parent, mem->len, &dma, GFP_KERNEL);
	if (!va)
		return -ENOMEM;

	if (mem->da == FW_RSC_ADDR64_ANY) {
		mem->da = dma;
	} else if (rproc->domain && (mem->da > ULONG_MAX ||
				     mem->len > ULONG_MAX - mem->da)) {
		dev_err(dev, "carveout %s: device address 0x%llx is beyond the IOMMU's reach\n",
			mem->name, mem->da);
		ret = -EINVAL;
		goto free;
	} else if (rproc->domain) {
		ret = iommu_map(rproc->domain, mem->da, dma, mem->len,
				mem->flags, GFP_KERNEL);
		if (ret) {
			dev_err(dev, "carveout %s: cannot map device address 0x%llx: %d\n",
				mem->name, mem->da, ret);
			goto free;
		}
		/* Remember the mapping, for the release. */
		mem->priv = rproc->domain;
	} else if (mem->da != dma) {
		/* The processor would use memory that is not its own. */
		dev_err(dev, "carveout %s: firmware needs device address 0x%llx, memory is at %pad and there is no IOMMU\n",
			mem->name, mem->da, &dma);
		ret = -ENOMEM;
		goto free;
	}

	mem->va = va;
	mem->dma = dma;
	return 0;

free:
	dma_free_coherent(dev->parent, mem->len, va, dma);
	return ret;
}

static int rproc_carveout_release(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	if (mem->priv)
		iommu_unmap(rproc->domain, mem->da, mem->len);
	dma_free_coherent(rproc->dev.parent, mem->len, mem->va, mem->dma);
	return 0;
}

/**
 * rproc_carveout_new() - register a carveout the core allocates at boot
 * @rproc: the processor
 * @da: device address the processor needs, or FW_RSC_ADDR64_ANY
 * @len: length in bytes
 * @name: its name
 *
 * Return: the entry, or NULL if out of memory.
 */
struct rproc_mem_entry *rproc_carveout_new(struct rproc *rproc, u64 da,
					   size_t len, const char *name)
{
	struct rproc_mem_entry *mem;

	mem = rproc_mem_entry_init(&rproc->dev, NULL, 0, len, da,
				   rproc_carveout_alloc, rproc_carveout_release,
				   "%s", name);
	if (mem)
		rproc_add_carveout(rproc, mem);
	return mem;
}

static int rproc_handle_carveout(struct rsc_walk *w, const struct rproc_rsc_mem *rsc,
				 u32 offset)
{
	struct rproc *rproc = w->rproc;
	struct device *dev = &rproc->dev;
	struct rproc_mem_entry *mem;
	u64 start;

	mem = rproc_find_carveout_by_name(rproc, rsc->name);
	if (mem) {
		/* Memory the driver registered: it must match the request. */
		if (mem->rsc_offset != FW_RSC_ADDR_ANY) {
			dev_err(dev, "bad resource table: entry %u: carveout %s is named twice\n",
				w->index, rsc->name);
			return -EINVAL;
		}
		/* As mainline: the request must fit in the region. */
		if (rsc->da == FW_RSC_ADDR64_ANY)
			start = mem->da;
		else
			start = rsc->da;
		if (mem->da == FW_RSC_ADDR64_ANY && rsc->da != FW_RSC_ADDR64_ANY) {
			dev_err(dev, "bad resource table: entry %u: carveout %s: da 0x%llx, but the region has no device address\n",
				w->index, rsc->name, rsc->da);
			return -EINVAL;
		}
		if (start < mem->da || start - mem->da > mem->len ||
		    rsc->len > mem->len - (start - mem->da)) {
			dev_err(dev, "bad resource table: entry %u: carveout %s: 0x%llx, %llu bytes, is outside the region at 0x%llx, %zu bytes\n",
				w->index, rsc->name, start, rsc->len, mem->da,
				mem->len);
			return -EINVAL;
		}
		mem->flags = rsc->flags;
		mem->rsc_offset = offset;
		return 0;
	}

	if (rsc->len > SIZE_MAX) {
		dev_err(dev, "bad resource table: entry %u: carveout %s: len %llu is too large\n",
			w->index, rsc->name, rsc->len);
		return -EINVAL;
	}
	mem = rproc_carveout_new(rproc, rsc->da, rsc->len, rsc->name);
	if (!mem)
		return -ENOMEM;
	mem->flags = rsc->flags;
	mem->rsc_offset = offset;
	return 0;
}

static int rproc_handle_devmem(struct rsc_walk *w, const struct rproc_rsc_mem *rsc)
{
	struct rproc *rproc = w->rproc;
	struct device *dev = &rproc->dev;
	struct rproc_mem_entry *map;
	int ret;

	/* Without an IOMMU the processor reaches device memory as it is. */
	if (!rproc->domain)
		return 0;

	if (rsc->len > SIZE_MAX || rsc->pa > (phys_addr_t)~0ULL ||
	    rsc->da > ULONG_MAX || rsc->len > ULONG_MAX - rsc->da) {
		dev_err(dev, "bad resource table: entry %u: devmem %s does not fit this host\n",
			w->index, rsc->name);
		return -EINVAL;
	}

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;

	ret = iommu_map(rproc->domain, rsc->da, rsc->pa, rsc->len, rsc->flags,
			GFP_KERNEL);
	if (ret) {
		dev_err(dev, "devmem %s: cannot map 0x%llx to 0x%llx: %d\n",
			rsc->name, rsc->da, rsc->pa, ret);
		kfree(map);
		return ret;
	}
	map->da = rsc->da;
	map->len = rsc->len;
	list_add_tail(&map->node, &rproc->mappings);
	return 0;
}

static int rproc_handle_trace(struct rsc_walk *w, const struct rproc_rsc_mem *rsc)
{
	struct rproc *rproc = w->rproc;

	if (rsc->len > SIZE_MAX) {
		dev_err(&rproc->dev, "bad resource table: entry %u: trace %s: len %llu is too large\n",
			w->index, rsc->name, rsc->len);
		return -EINVAL;
	}
	return rproc_trace_add(rproc, rsc->da, rsc->len);
}

static int rproc_handle_rsc_entry(u32 type, void *rsc, int offset, int avail,
				  void *data)
{
	struct rsc_walk *w = data;
	struct rproc *rproc = w->rproc;
	struct device *dev = &rproc->dev;
	struct rproc_rsc_mem mem;
	int ret = 0;

	switch (type) {
	case RSC_CARVEOUT:
	case RSC_CARVEOUT64:
		rproc_rsc_mem_read(rsc - sizeof(struct fw_rsc_hdr), &mem);
		ret = rproc_handle_carveout(w, &mem, offset);
		break;
	case RSC_DEVMEM:
	case RSC_DEVMEM64:
		rproc_rsc_mem_read(rsc - sizeof(struct fw_rsc_hdr), &mem);
		ret = rproc_handle_devmem(w, &mem);
		break;
	case RSC_TRACE:
	case RSC_TRACE64:
		rproc_rsc_mem_read(rsc - sizeof(struct fw_rsc_hdr), &mem);
		ret = rproc_handle_trace(w, &mem);
		break;
	case RSC_VDEV:
	case RSC_VDEV64:
		ret = rproc_handle_vdev(rproc, type, rsc, offset, w->index);
		break;
	default:
		if (type < RSC_VENDOR_START || type > RSC_VENDOR_END) {
			dev_warn(dev, "entry %u: unknown resource type %u skipped\n",
				 w->index, type);
			break;
		}
		if (!rproc->ops->handle_rsc) {
			dev_dbg(dev, "entry %u: vendor resource %u skipped\n",
				w->index, type);
			break;
		}
		ret = rproc->ops->handle_rsc(rproc, type, rsc, offset, avail);
		if (ret == RSC_IGNORED) {
			dev_dbg(dev, "entry %u: vendor resource %u ignored\n",
				w->index, type);
			ret = 0;
		} else if (ret < 0) {
			dev_err(dev, "entry %u: vendor resource %u: %d\n",
				w->index, type, ret);
		}
		break;
	}
	w->index++;
	return ret;
}

/**
 * rproc_handle_resources() - apply the current resource table
 * @rproc: the processor; &rproc.table_ptr is a table rproc_use_table()
 *	accepted, or NULL
 *
 * Registers carveouts, maps device memory, creates trace files and hands
 * vendor entries to &rproc_ops.handle_rsc.  On failure the caller undoes
 * what was done with rproc_resource_cleanup().
 *
 * Return: 0, or a negative error number.
 */
int rproc_handle_resources(struct rproc *rproc)
{
	struct rsc_walk w = { .rproc = rproc };

	if (!rproc->table_ptr)
		return 0;
	return rsc_table_walk(rproc->table_ptr, rproc->table_sz, &rproc->dev,
			      rproc_handle_rsc_entry, &w);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_handle_resources);

/* Writes where a carveout ended up into its table entry. */
static int rproc_carveout_writeback(struct rproc *rproc,
				    struct rproc_mem_entry *mem, u64 pa)
{
	struct fw_rsc_hdr *hdr;

	hdr = (void *)rproc->table_ptr + mem->rsc_offset - sizeof(*hdr);
	if (hdr->type == RSC_CARVEOUT64) {
		struct fw_rsc_carveout64 *c = (void *)hdr->data;

		c->da = mem->da;
		c->pa = pa;
		c->len = mem->len;
		return 0;
	}

	if (upper_32_bits(mem->da) || upper_32_bits(pa) ||
	    upper_32_bits((u64)mem->len)) {
		dev_err(&rproc->dev, "carveout %s: da 0x%llx, pa 0x%llx or len %zu does not fit a 32-bit entry; firmware needs RSC_CARVEOUT64\n",
			mem->name, mem->da, pa, mem->len);
		return -EINVAL;
	}
	{
		struct fw_rsc_carveout *c = (void *)hdr->data;

		c->da = mem->da;
		c->pa = pa;
		c->len = mem->len;
	}
	return 0;
}

/**
 * rproc_alloc_registered_carveouts() - allocate or map every carveout
 * @rproc: the processor
 *
 * Calls each carveout's alloc callback, writes the addresses of carveouts
 * and vrings the table asked for into the table, and, with all memory in
 * place, makes the trace buffers readable.
 *
 * Return: 0, or a negative error number; rproc_resource_cleanup() undoes
 * what was done.
 */
int rproc_alloc_registered_carveouts(struct rproc *rproc)
{
	struct rproc_mem_entry *mem;
	u64 pa;
	int ret;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		/* A region the table locator needed is mapped already. */
		if (mem->alloc && !mem->va) {
			ret = mem->alloc(rproc, mem);
			if (ret) {
				dev_err(&rproc->dev, "cannot set up carveout %s: %d\n",
					mem->name, ret);
				return ret;
			}
		}
		if (mem->rsc_offset == FW_RSC_ADDR_ANY || !rproc->table_ptr)
			continue;

		if (mem->va && !mem->is_iomem)
			pa = rproc_va_to_pa(mem->va);
		else
			pa = mem->dma;
		ret = rproc_carveout_writeback(rproc, mem, pa);
		if (ret)
			return ret;
	}
	ret = rproc_vdev_writeback(rproc);
	if (ret)
		return ret;
	return rproc_trace_publish(rproc);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_alloc_registered_carveouts);

/**
 * rproc_resource_cleanup() - free everything a resource table set up
 * @rproc: the processor
 *
 * Removes virtio devices, releases carveouts (the driver's too: drivers
 * register theirs again at each boot), IOMMU mappings, trace files and
 * coredump segments.
 */
void rproc_resource_cleanup(struct rproc *rproc)
{
	struct rproc_mem_entry *mem, *tmp;

	rproc_vdev_remove_all(rproc);
	rproc_trace_remove_all(rproc);

	list_for_each_entry_safe(mem, tmp, &rproc->mappings, node) {
		size_t unmapped = iommu_unmap(rproc->domain, mem->da, mem->len);

		if (unmapped != mem->len)
			dev_err(&rproc->dev, "unmapped %zu of %zu bytes at 0x%llx\n",
				unmapped, mem->len, mem->da);
		list_del(&mem->node);
		kfree(mem);
	}

	/* An entry whose alloc did not run (or failed) has nothing to free. */
	list_for_each_entry_safe(mem, tmp, &rproc->carveouts, node) {
		if (mem->release && (!mem->alloc || mem->va))
			mem->release(rproc, mem);
		list_del(&mem->node);
		kfree(mem);
	}

	rproc_coredump_cleanup(rproc);
}
EXPORT_SYMBOL(rproc_resource_cleanup);
