/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Remote processor resource table: the layout a firmware image (or a
 * running remote) uses to describe the memory, trace buffers and virtio
 * devices it expects from the host.
 *
 * Version 1 is the layout mainline Linux reads: 32-bit addresses and
 * features.  Version 2 adds a table size in the header and entry types
 * that carry 64-bit addresses and features.  A version 2 table may hold
 * version 1 entries too.  See
 * Documentation/driver-api/remoteproc-rsc-table.rst.
 *
 * Dual-licensed, so that firmware for the remote may include it.
 */

#ifndef _LINUX_RSC_TABLE_H
#define _LINUX_RSC_TABLE_H

#include <linux/dev_printk.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/types.h>

/**
 * struct resource_table - header of a resource table
 * @ver: layout version, 1 or 2
 * @num: number of entries, i.e. of elements in @offset
 * @reserved: must be zero in a version 1 table; in a version 2 table
 *	reserved[0] is the size of the whole table in bytes and
 *	reserved[1] must be zero
 * @offset: byte offset of each entry's &struct fw_rsc_hdr from the start
 *	of the table
 *
 * All fields are in the remote's native byte order, which must be the
 * host's.
 */
struct resource_table {
	u32 ver;
	u32 num;
	u32 reserved[2];
	u32 offset[];
} __packed;

/**
 * struct fw_rsc_hdr - header of one resource table entry
 * @type: an &enum fw_resource_type value
 * @data: the entry's payload, laid out as its type says
 */
struct fw_rsc_hdr {
	u32 type;
	u8 data[];
} __packed;

/**
 * enum fw_resource_type - types of resource table entries
 * @RSC_CARVEOUT: memory the host allocates (or reserves) for the remote,
 *	&struct fw_rsc_carveout
 * @RSC_DEVMEM: a device memory region the remote needs mapped,
 *	&struct fw_rsc_devmem
 * @RSC_TRACE: a trace buffer the remote writes text to,
 *	&struct fw_rsc_trace
 * @RSC_VDEV: a virtio device, &struct fw_rsc_vdev
 * @RSC_LAST: first type number after the version 1 types
 * @RSC_CARVEOUT64: carveout with 64-bit addresses (version 2 tables only),
 *	&struct fw_rsc_carveout64
 * @RSC_DEVMEM64: device memory with 64-bit addresses (version 2 tables
 *	only), &struct fw_rsc_devmem64
 * @RSC_TRACE64: trace buffer with a 64-bit address (version 2 tables
 *	only), &struct fw_rsc_trace64
 * @RSC_VDEV64: virtio device with 64-bit features and vring addresses
 *	(version 2 tables only), &struct fw_rsc_vdev64
 * @RSC_VENDOR_START: first type number handed to the platform driver's
 *	handle_rsc operation
 * @RSC_VENDOR_END: last type number handed to the platform driver
 *
 * Types between @RSC_LAST and @RSC_VENDOR_START that the host does not
 * know are ignored with a warning, as mainline does.  In a version 1
 * table the 64-bit types are such unknown types.
 */
enum fw_resource_type {
	RSC_CARVEOUT		= 0,
	RSC_DEVMEM		= 1,
	RSC_TRACE		= 2,
	RSC_VDEV		= 3,
	RSC_LAST		= 4,
	RSC_CARVEOUT64		= 16,
	RSC_DEVMEM64		= 17,
	RSC_TRACE64		= 18,
	RSC_VDEV64		= 19,
	RSC_VENDOR_START	= 128,
	RSC_VENDOR_END		= 512,
};

/* An address the remote leaves to the host to choose. */
#define FW_RSC_ADDR_ANY (-1)
/* The same for 64-bit address fields. */
#define FW_RSC_ADDR64_ANY (~0ULL)

/**
 * struct fw_rsc_carveout - physically contiguous memory for the remote
 * @da: device address the remote sees it at, or FW_RSC_ADDR_ANY
 * @pa: physical address, or FW_RSC_ADDR_ANY; the host writes back what
 *	it chose
 * @len: length in bytes
 * @flags: IOMMU protection flags
 * @reserved: must be zero
 * @name: NUL-terminated name, used to match a carveout the platform
 *	driver registered (e.g. from a DT memory-region)
 */
struct fw_rsc_carveout {
	u32 da;
	u32 pa;
	u32 len;
	u32 flags;
	u32 reserved;
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_devmem - device memory the remote needs mapped
 * @da: device address to map it at
 * @pa: physical address of the device memory
 * @len: length in bytes
 * @flags: IOMMU protection flags
 * @reserved: must be zero
 * @name: NUL-terminated name, for messages
 */
struct fw_rsc_devmem {
	u32 da;
	u32 pa;
	u32 len;
	u32 flags;
	u32 reserved;
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_trace - trace buffer of the remote
 * @da: device address of the buffer
 * @len: length in bytes
 * @reserved: must be zero
 * @name: NUL-terminated name, for messages
 */
struct fw_rsc_trace {
	u32 da;
	u32 len;
	u32 reserved;
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_vdev_vring - one vring of a virtio device
 * @da: device address of the ring, or FW_RSC_ADDR_ANY
 * @align: alignment of the ring's used area, a power of two
 * @num: number of descriptors, a power of two
 * @notifyid: id the remote and the host use to kick this ring
 * @pa: physical address; not used by Linux
 */
struct fw_rsc_vdev_vring {
	u32 da;
	u32 align;
	u32 num;
	u32 notifyid;
	u32 pa;
} __packed;

/**
 * struct fw_rsc_vdev - a virtio device of the remote
 * @id: virtio device id (VIRTIO_ID_*)
 * @notifyid: id of the device's own notifications
 * @dfeatures: features the device offers
 * @gfeatures: features the driver accepted, written by the host
 * @config_len: length of the config space after @vring
 * @status: virtio status, written by the host
 * @num_of_vrings: number of elements in @vring
 * @reserved: must be zero
 * @vring: the vrings, followed by @config_len bytes of config space
 */
struct fw_rsc_vdev {
	u32 id;
	u32 notifyid;
	u32 dfeatures;
	u32 gfeatures;
	u32 config_len;
	u8 status;
	u8 num_of_vrings;
	u8 reserved[2];
	struct fw_rsc_vdev_vring vring[];
} __packed;

/*
 * 64-bit entries.  Each starts with a 32-bit field so that, with the
 * entry header at an 8-byte aligned offset (required for these types),
 * every 64-bit field is naturally aligned.
 */

/**
 * struct fw_rsc_carveout64 - carveout with 64-bit addresses
 * @flags: IOMMU protection flags
 * @da: device address, or FW_RSC_ADDR64_ANY
 * @pa: physical address, or FW_RSC_ADDR64_ANY; the host writes back
 *	what it chose
 * @len: length in bytes
 * @reserved: must be zero
 * @name: NUL-terminated name, as in &struct fw_rsc_carveout
 */
struct fw_rsc_carveout64 {
	u32 flags;
	u64 da;
	u64 pa;
	u64 len;
	u32 reserved;
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_devmem64 - device memory with 64-bit addresses
 * @flags: IOMMU protection flags
 * @da: device address to map it at
 * @pa: physical address of the device memory
 * @len: length in bytes
 * @reserved: must be zero
 * @name: NUL-terminated name, for messages
 */
struct fw_rsc_devmem64 {
	u32 flags;
	u64 da;
	u64 pa;
	u64 len;
	u32 reserved;
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_trace64 - trace buffer with a 64-bit address
 * @reserved: must be zero
 * @da: device address of the buffer
 * @len: length in bytes
 * @name: NUL-terminated name, for messages
 */
struct fw_rsc_trace64 {
	u32 reserved;
	u64 da;
	u64 len;
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_vdev_vring64 - one vring with 64-bit addresses
 * @da: device address of the ring, or FW_RSC_ADDR64_ANY
 * @pa: physical address; not used by Linux
 * @align: alignment of the ring's used area, a power of two
 * @num: number of descriptors, a power of two
 * @notifyid: id the remote and the host use to kick this ring
 * @reserved: must be zero
 */
struct fw_rsc_vdev_vring64 {
	u64 da;
	u64 pa;
	u32 align;
	u32 num;
	u32 notifyid;
	u32 reserved;
} __packed;

/**
 * struct fw_rsc_vdev64 - virtio device with 64-bit features
 * @id: virtio device id (VIRTIO_ID_*)
 * @dfeatures: features the device offers
 * @gfeatures: features the driver accepted, written by the host
 * @notifyid: id of the device's own notifications
 * @config_len: length of the config space after @vring
 * @status: virtio status, written by the host
 * @num_of_vrings: number of elements in @vring
 * @reserved: must be zero
 * @vring: the vrings, followed by @config_len bytes of config space
 */
struct fw_rsc_vdev64 {
	u32 id;
	u64 dfeatures;
	u64 gfeatures;
	u32 notifyid;
	u32 config_len;
	u8 status;
	u8 num_of_vrings;
	u8 reserved[6];
	struct fw_rsc_vdev_vring64 vring[];
} __packed;

/**
 * rsc_table_walk() - call a function for every table entry
 * @table: the table
 * @table_sz: its size in bytes
 * @dev: device for messages
 * @cb: called with each entry's type, payload, the payload's offset in
 *	the table and the bytes available from there to the end of it;
 *	a non-zero return stops the walk
 * @data: passed to @cb
 *
 * Only checks that each entry header lies inside the table; the payload
 * is @cb's to check against @avail.
 *
 * Return: 0, -EINVAL if the table is truncated, or what @cb returned.
 */
static inline int rsc_table_walk(struct resource_table *table,
				 size_t table_sz, struct device *dev,
				 int (*cb)(u32 type, void *rsc, int offset,
					   int avail, void *data),
				 void *data)
{
	size_t hdr_end, avail;
	u32 i, num, off;
	int ret;

	if (table_sz < sizeof(*table) || table_sz > INT_MAX)
		goto truncated;
	num = table->num;
	hdr_end = struct_size(table, offset, num);
	if (hdr_end > table_sz)
		goto truncated;
	for (i = 0; i < num; i++) {
		struct fw_rsc_hdr *hdr;

		off = table->offset[i];
		if (off < hdr_end || off > table_sz ||
		    table_sz - off < sizeof(*hdr))
			goto truncated;
		hdr = (void *)table + off;
		avail = table_sz - off - sizeof(*hdr);
		ret = cb(hdr->type, hdr->data, off + sizeof(*hdr), avail, data);
		if (ret)
			return ret;
	}
	return 0;

truncated:
	dev_err(dev, "resource table is truncated\n");
	return -EINVAL;
}

/* The name mainline 6.12.y gives rsc_table_walk(). */
#define rsc_table_for_each_entry rsc_table_walk

#endif /* _LINUX_RSC_TABLE_H */
