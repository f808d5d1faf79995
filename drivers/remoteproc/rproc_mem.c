// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: memory a processor shares with the host, and
 * translation between its device addresses, physical addresses and kernel
 * addresses.  Every translation is checked against a registered region,
 * so an address from firmware or from a remote never reaches memory that
 * is not the processor's.
 */

#include <linux/device.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rproc_internal.h"

/* Whether [@addr, @addr + @len) lies inside [@base, @base + @size). */
static bool rproc_range_inside(u64 addr, size_t len, u64 base, size_t size)
{
	u64 off;

	if (addr < base)
		return false;
	off = addr - base;
	return off < size && len <= size - off;
}

static __printf(5, 0) struct rproc_mem_entry *
rproc_mem_entry_vinit(void *va, dma_addr_t dma, size_t len, u64 da,
		      const char *name, va_list args)
{
	struct rproc_mem_entry *mem;

	mem = kzalloc(sizeof(*mem), GFP_KERNEL);
	if (!mem)
		return NULL;

	mem->va = va;
	mem->dma = dma;
	mem->len = len;
	mem->da = da;
	mem->rsc_offset = FW_RSC_ADDR_ANY;
	mem->of_resm_idx = -1;
	vsnprintf(mem->name, sizeof(mem->name), name, args);
	return mem;
}

/**
 * rproc_mem_entry_init() - describe a memory region of a processor
 * @dev: device for messages
 * @va: kernel address of the region, or NULL until @alloc maps it
 * @dma: DMA (or physical) address of the region
 * @len: length in bytes
 * @da: device address, as the processor sees the region
 * @alloc: maps or allocates the region at boot (optional)
 * @release: undoes @alloc, or frees the region (optional)
 * @name: printf format of the region's name, used to match table entries
 *
 * Return: the entry, to be passed to rproc_add_carveout(), or NULL.
 */
struct rproc_mem_entry *
rproc_mem_entry_init(struct device *dev,
		     void *va, dma_addr_t dma, size_t len, u64 da,
		     int (*alloc)(struct rproc *, struct rproc_mem_entry *),
		     int (*release)(struct rproc *, struct rproc_mem_entry *),
		     const char *name, ...)
{
	struct rproc_mem_entry *mem;
	va_list args;

	va_start(args, name);
	mem = rproc_mem_entry_vinit(va, dma, len, da, name, args);
	va_end(args);
	if (mem) {
		mem->alloc = alloc;
		mem->release = release;
	}
	return mem;
}
EXPORT_SYMBOL(rproc_mem_entry_init);

/**
 * rproc_of_resm_mem_entry_init() - describe a reserved-memory region
 * @dev: device for messages
 * @of_resm_idx: index of the region in the "memory-region" property
 * @len: length in bytes
 * @da: device address of the region
 * @name: printf format of the region's name
 *
 * The region is set up by whoever uses it (a virtio device's buffers,
 * for instance), so the entry has no alloc or release callback.
 *
 * Return: the entry, to be passed to rproc_add_carveout(), or NULL.
 */
struct rproc_mem_entry *
rproc_of_resm_mem_entry_init(struct device *dev, u32 of_resm_idx, size_t len,
			     u64 da, const char *name, ...)
{
	struct rproc_mem_entry *mem;
	va_list args;

	va_start(args, name);
	mem = rproc_mem_entry_vinit(NULL, 0, len, da, name, args);
	va_end(args);
	if (mem)
		mem->of_resm_idx = of_resm_idx;
	return mem;
}
EXPORT_SYMBOL(rproc_of_resm_mem_entry_init);

/**
 * rproc_add_carveout() - register a memory region of a processor
 * @rproc: the processor
 * @mem: an entry from rproc_mem_entry_init(); the core frees it when
 *	the processor's resources are cleaned up
 */
void rproc_add_carveout(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	list_add_tail(&mem->node, &rproc->carveouts);
}
EXPORT_SYMBOL(rproc_add_carveout);

/**
 * rproc_find_carveout_by_name() - a registered region, by name
 * @rproc: the processor
 * @name: the region's name
 *
 * Return: the entry, or NULL.
 */
struct rproc_mem_entry *rproc_find_carveout_by_name(struct rproc *rproc,
						    const char *name)
{
	struct rproc_mem_entry *mem;

	list_for_each_entry(mem, &rproc->carveouts, node)
		if (!strcmp(mem->name, name))
			return mem;
	return NULL;
}
EXPORT_SYMBOL(rproc_find_carveout_by_name);

/*
 * The kernel address of [@addr, @addr + @len) inside one mapped carveout,
 * @addr being a device address, or a physical one if @by_pa.
 */
static void *rproc_carveout_va(struct rproc *rproc, u64 addr, size_t len,
			       bool by_pa, bool *is_iomem)
{
	struct rproc_mem_entry *mem;
	u64 base;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		base = by_pa ? mem->dma : mem->da;
		if (!mem->va || !rproc_range_inside(addr, len, base, mem->len))
			continue;
		if (is_iomem)
			*is_iomem = mem->is_iomem;
		return (u8 __force *)mem->va + (addr - base);
	}
	return NULL;
}

/**
 * rproc_da_to_va() - the kernel address of a device address range
 * @rproc: the processor
 * @da: device address
 * @len: length of the range in bytes
 * @is_iomem: set to whether the result is I/O memory (optional)
 *
 * A range that wraps around the address space is refused.  Otherwise the
 * driver's &rproc_ops.da_to_va is asked first, then the range must lie
 * whole inside one mapped carveout.
 *
 * Return: the kernel address, or NULL if no region holds the range.
 */
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	void *va;

	/* A range that wraps is nowhere; drivers need not check it. */
	if (len && da > U64_MAX - (len - 1))
		return NULL;

	if (rproc->ops->da_to_va) {
		va = rproc->ops->da_to_va(rproc, da, len, is_iomem);
		if (va)
			return va;
	}

	return rproc_carveout_va(rproc, da, len, false, is_iomem);
}
EXPORT_SYMBOL(rproc_da_to_va);

/**
 * rproc_pa_to_va() - the kernel address of a physical address range
 * @rproc: the processor
 * @pa: physical address, as a secure monitor or boot loader reports it
 * @len: length of the range in bytes
 * @is_iomem: set to whether the result is I/O memory (optional)
 *
 * The range must lie whole inside one mapped carveout.  An addition to
 * Linux 6.12.
 *
 * Return: the kernel address, or NULL if no region holds the range.
 */
void *rproc_pa_to_va(struct rproc *rproc, phys_addr_t pa, size_t len,
		     bool *is_iomem)
{
	return rproc_carveout_va(rproc, pa, len, true, is_iomem);
}
EXPORT_SYMBOL(rproc_pa_to_va);

/**
 * rproc_va_to_pa() - the physical address of kernel memory
 * @cpu_addr: a linear-map or vmalloc address
 *
 * Return: the physical address.
 */
phys_addr_t rproc_va_to_pa(void *cpu_addr)
{
	if (is_vmalloc_addr(cpu_addr))
		return page_to_phys(vmalloc_to_page(cpu_addr)) +
		       offset_in_page(cpu_addr);

	WARN_ON(!virt_addr_valid(cpu_addr));
	return virt_to_phys(cpu_addr);
}
EXPORT_SYMBOL(rproc_va_to_pa);

/* Maps a reserved-memory carveout; its @dma is the physical address. */
int rproc_of_region_map(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	void *va = memremap(mem->dma, mem->len, MEMREMAP_WC);

	if (!va) {
		dev_err(&rproc->dev, "cannot map memory region %s at %pad\n",
			mem->name, &mem->dma);
		return -ENOMEM;
	}
	mem->va = va;
	mem->is_iomem = false;
	return 0;
}

int rproc_of_region_unmap(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	memunmap(mem->va);
	mem->va = NULL;
	return 0;
}

/**
 * rproc_of_add_carveouts() - register the processor's reserved memory
 * @rproc: the processor; its parent's device node is read
 * @pa_to_da: the device address of a physical address, or NULL when the
 *	processor sees memory at its physical address
 *
 * Each "memory-region" of the node becomes a carveout named after the
 * reserved-memory node (without its unit address), as mainline's drivers
 * name them, so resource table entries find them by name.  A region
 * named vdev<N>buffer is left to the virtio device that uses it
 * (rproc_of_resm_mem_entry_init()); every other one is mapped
 * write-combined when the processor boots or attaches.  Drivers call it
 * from &rproc_ops.prepare, since carveouts go when the processor stops.
 * An addition to Linux 6.12: every vendor driver had its own copy.
 *
 * Return: 0, or a negative error number naming the region that is not
 * reserved memory; on error no region was added.
 */
int rproc_of_add_carveouts(struct rproc *rproc,
			   u64 (*pa_to_da)(struct rproc *rproc, phys_addr_t pa))
{
	struct device *dev = rproc->dev.parent;
	struct rproc_mem_entry *mem, *tmp;
	struct of_phandle_iterator it;
	struct reserved_mem *rmem;
	LIST_HEAD(added);
	unsigned int i = 0;
	int ret = 0;
	u64 da;

	if (!dev->of_node)
		return 0;

	of_for_each_phandle(&it, ret, dev->of_node, "memory-region", NULL, 0) {
		if (!it.node) {
			dev_err(dev, "memory-region %u points to no node\n", i);
			ret = -EINVAL;
			goto undo;
		}
		rmem = of_reserved_mem_lookup(it.node);
		if (!rmem || !rmem->size) {
			dev_err(dev, "memory-region %u (%pOFn) is not reserved memory\n",
				i, it.node);
			of_node_put(it.node);
			ret = -EINVAL;
			goto undo;
		}
		da = pa_to_da ? pa_to_da(rproc, rmem->base) : rmem->base;
		if (!strncmp(it.node->name, "vdev", 4) &&
		    strstr(it.node->name, "buffer"))
			mem = rproc_of_resm_mem_entry_init(dev, i, rmem->size, da,
							   "%pOFn", it.node);
		else
			mem = rproc_mem_entry_init(dev, NULL, rmem->base,
						   rmem->size, da,
						   rproc_of_region_map,
						   rproc_of_region_unmap,
						   "%pOFn", it.node);
		if (!mem) {
			of_node_put(it.node);
			ret = -ENOMEM;
			goto undo;
		}
		list_add_tail(&mem->node, &added);
		i++;
	}
	if (ret == -ENOENT)
		ret = 0;
	if (ret)
		goto undo;

	list_splice_tail(&added, &rproc->carveouts);
	return 0;

undo:
	list_for_each_entry_safe(mem, tmp, &added, node)
		kfree(mem);
	return ret;
}
EXPORT_SYMBOL(rproc_of_add_carveouts);
