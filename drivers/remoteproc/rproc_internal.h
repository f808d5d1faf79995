/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interfaces between the parts of the remote processor core.
 */

#ifndef RPROC_INTERNAL_H
#define RPROC_INTERNAL_H

#include <linux/types.h>

struct device;
struct fw_rsc_hdr;
struct resource_table;

/* Size of the name field of carveout, devmem and trace entries. */
#define RPROC_RSC_NAME_LEN	32

/**
 * struct rproc_rsc_mem - a carveout, devmem or trace entry of either width
 * @da: device address, FW_RSC_ADDR64_ANY if the host chooses
 * @pa: physical address, FW_RSC_ADDR64_ANY if the host chooses or for a
 *	trace buffer
 * @len: length in bytes
 * @flags: IOMMU protection flags (0 for a trace buffer)
 * @name: the entry's NUL-terminated name, inside the table
 */
struct rproc_rsc_mem {
	u64 da;
	u64 pa;
	u64 len;
	u32 flags;
	const char *name;
};

int rproc_rsc_table_check(struct device *dev,
			  const struct resource_table *table, size_t size,
			  size_t *table_size);
void rproc_rsc_mem_read(const struct fw_rsc_hdr *hdr,
			struct rproc_rsc_mem *mem);

#endif /* RPROC_INTERNAL_H */
