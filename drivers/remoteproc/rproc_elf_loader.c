// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: the ELF firmware loader drivers get by default,
 * with the helpers' Linux 6.12 signatures, on top of the checked parser
 * of rproc_elf.c.
 */

#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rproc_internal.h"

static int rproc_fw_open(struct rproc *rproc, const struct firmware *fw,
			 struct rproc_elf *elf)
{
	return rproc_elf_open(&rproc->dev, fw->data, fw->size,
			      rproc->elf_machine, elf);
}

/**
 * rproc_elf_sanity_check() - refuse an ELF image the processor cannot run
 * @rproc: the processor
 * @fw: the image
 *
 * Checks the identification (class, byte order, version), the type, the
 * machine if &rproc.elf_machine is set, and that every header, segment
 * and section lies inside the image.  A processor whose dump class is not
 * set yet takes the image's.
 *
 * Return: 0, or -EINVAL with a message saying what is wrong.
 */
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf elf;
	int ret;

	ret = rproc_fw_open(rproc, fw, &elf);
	if (ret)
		return ret;
	if (rproc->elf_class == ELFCLASSNONE)
		rproc->elf_class = elf.class;
	return 0;
}
EXPORT_SYMBOL(rproc_elf_sanity_check);

/**
 * rproc_elf_get_boot_addr() - the entry point of an ELF image
 * @rproc: the processor
 * @fw: an image rproc_elf_sanity_check() accepted
 *
 * Return: e_entry, or 0 if the image is not valid.
 */
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf elf;

	if (rproc_fw_open(rproc, fw, &elf))
		return 0;
	return elf.entry;
}
EXPORT_SYMBOL(rproc_elf_get_boot_addr);

/**
 * rproc_elf_load_segments() - copy the loadable segments into memory
 * @rproc: the processor
 * @fw: the image
 *
 * Each PT_LOAD segment with a memory size is copied to its physical
 * address (p_paddr, a device address) and the rest of its memory size is
 * zeroed.  The whole memory size must lie inside one region of the
 * processor (rproc_da_to_va()).
 *
 * Return: 0, or -EINVAL naming the segment that does not fit.
 */
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	struct rproc_elf_seg seg;
	struct rproc_elf elf;
	bool is_iomem = false;
	unsigned int i;
	void *ptr;
	int ret;

	ret = rproc_fw_open(rproc, fw, &elf);
	if (ret)
		return ret;

	for (i = 0; i < elf.phnum; i++) {
		ret = rproc_elf_segment(dev, &elf, i, &seg);
		if (ret)
			return ret;
		if (seg.type != PT_LOAD || !seg.memsz)
			continue;

		if (seg.memsz > SIZE_MAX) {
			dev_err(dev, "bad firmware image: segment %u: memsz %llu is too large\n",
				i, seg.memsz);
			return -EINVAL;
		}
		ptr = rproc_da_to_va(rproc, seg.da, seg.memsz, &is_iomem);
		if (!ptr) {
			dev_err(dev, "bad firmware image: segment %u: 0x%llx, %llu bytes, is outside the processor's memory\n",
				i, seg.da, seg.memsz);
			return -EINVAL;
		}

		if (is_iomem) {
			memcpy_toio((void __iomem *)ptr, elf.data + seg.offset,
				    seg.filesz);
			memset_io((void __iomem *)ptr + seg.filesz, 0,
				  seg.memsz - seg.filesz);
		} else {
			memcpy(ptr, elf.data + seg.offset, seg.filesz);
			memset(ptr + seg.filesz, 0, seg.memsz - seg.filesz);
		}
	}
	return 0;
}
EXPORT_SYMBOL(rproc_elf_load_segments);

/**
 * rproc_elf_load_rsc_table() - take the resource table of an ELF image
 * @rproc: the processor
 * @fw: the image
 *
 * The ".resource_table" section is checked whole and copied into
 * &rproc.cached_table.  An image without the section boots without a
 * table (Linux 6.12 refuses it).
 *
 * Return: 0, -ENOMEM, or -EINVAL for a malformed image or table.
 */
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	const struct resource_table *table;
	struct rproc_elf elf;
	size_t size;
	int ret;

	ret = rproc_fw_open(rproc, fw, &elf);
	if (ret)
		return ret;
	ret = rproc_elf_rsc_table(&rproc->dev, &elf, &table, &size);
	if (ret)
		return ret;
	if (!table) {
		dev_info(&rproc->dev, "firmware %s has no resource table\n",
			 rproc->firmware);
		return 0;
	}

	kfree(rproc->cached_table);
	rproc->cached_table = kmemdup(table, size, GFP_KERNEL);
	if (!rproc->cached_table)
		return -ENOMEM;
	rproc->table_ptr = rproc->cached_table;
	rproc->table_sz = size;
	return 0;
}
EXPORT_SYMBOL(rproc_elf_load_rsc_table);

/**
 * rproc_elf_find_loaded_rsc_table() - where the loaded image's table is
 * @rproc: the processor
 * @fw: the image rproc_elf_load_segments() loaded
 *
 * Return: the kernel address of the ".resource_table" section in
 * processor memory, or NULL if the image has none or the whole table
 * does not lie inside one region.
 */
struct resource_table *rproc_elf_find_loaded_rsc_table(struct rproc *rproc,
						       const struct firmware *fw)
{
	struct rproc_elf_sect sect;
	struct rproc_elf elf;

	if (rproc_fw_open(rproc, fw, &elf))
		return NULL;
	if (rproc_elf_find_section(&rproc->dev, &elf, ".resource_table", &sect))
		return NULL;
	return rproc_da_to_va(rproc, sect.addr, rproc->table_sz, NULL);
}
EXPORT_SYMBOL(rproc_elf_find_loaded_rsc_table);
