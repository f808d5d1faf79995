/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interfaces between the parts of the remote processor core.
 */

#ifndef RPROC_INTERNAL_H
#define RPROC_INTERNAL_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/types.h>

#include "remoteproc_internal.h"

struct class;
struct dentry;
struct seq_file;
struct device;
struct firmware;
struct fw_rsc_hdr;
struct resource_table;
struct rproc;
struct rproc_mem_entry;
struct rproc_vdev;

/*
 * Stem of the names the core gives its class, devices, character devices
 * and debugfs directory.  An out-of-tree build sets another one so the
 * tree's core can live beside a kernel's own remoteproc core.
 */
#ifndef RPROC_DEV_NAME
#define RPROC_DEV_NAME "remoteproc"
#endif

/*
 * Name of the platform devices of virtio devices, which the virtio
 * transport binds to, and the compatible of their device tree nodes.
 */
#ifndef RPROC_VIRTIO_NAME
#define RPROC_VIRTIO_NAME "rproc-virtio"
#endif
#define RPROC_VIRTIO_COMPATIBLE "rproc-virtio"

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

/**
 * struct rproc_elf - an ELF firmware image and its header, either class
 * @data: the image
 * @size: its size in bytes
 * @class: ELFCLASS32 or ELFCLASS64
 * @type: e_type
 * @machine: e_machine
 * @version: e_version
 * @entry: e_entry, the boot address
 * @phoff: e_phoff
 * @shoff: e_shoff
 * @ehsize: e_ehsize
 * @phentsize: e_phentsize
 * @phnum: e_phnum
 * @shentsize: e_shentsize
 * @shnum: e_shnum
 * @shstrndx: e_shstrndx
 */
struct rproc_elf {
	const u8 *data;
	size_t size;
	u8 class;
	u16 type;
	u16 machine;
	u32 version;
	u64 entry;
	u64 phoff;
	u64 shoff;
	u16 ehsize;
	u16 phentsize;
	u16 phnum;
	u16 shentsize;
	u16 shnum;
	u16 shstrndx;
};

/**
 * struct rproc_elf_seg - a program header, either class
 * @type: p_type
 * @flags: p_flags
 * @offset: p_offset, where the file part starts in the image
 * @da: p_paddr, the device address the segment is loaded at
 * @filesz: p_filesz
 * @memsz: p_memsz; bytes past @filesz are zeroed
 */
struct rproc_elf_seg {
	u32 type;
	u32 flags;
	u64 offset;
	u64 da;
	u64 filesz;
	u64 memsz;
};

/**
 * struct rproc_elf_sect - a section header, either class
 * @name: sh_name, offset in the section name table
 * @type: sh_type
 * @addr: sh_addr, the device address of the section
 * @offset: sh_offset
 * @size: sh_size
 */
struct rproc_elf_sect {
	u32 name;
	u32 type;
	u64 addr;
	u64 offset;
	u64 size;
};

int rproc_elf_open(struct device *dev, const void *data, size_t size,
		   u16 machine, struct rproc_elf *elf);
int rproc_elf_segment(struct device *dev, const struct rproc_elf *elf,
		      unsigned int i, struct rproc_elf_seg *seg);
int rproc_elf_find_section(struct device *dev, const struct rproc_elf *elf,
			   const char *name, struct rproc_elf_sect *sect);
int rproc_elf_rsc_table(struct device *dev, const struct rproc_elf *elf,
			const struct resource_table **table, size_t *size);

int rproc_rsc_table_check(struct device *dev,
			  const struct resource_table *table, size_t size,
			  size_t *table_size);
void rproc_rsc_mem_read(const struct fw_rsc_hdr *hdr,
			struct rproc_rsc_mem *mem);

/* rproc_lifecycle.c */
extern const struct device_type rproc_type;
extern struct workqueue_struct *rproc_recovery_wq;
int rproc_trigger_recovery(struct rproc *rproc);
void rproc_vq_sync(void);
int rproc_request_firmware(struct rproc *rproc, const struct firmware **fw);
void rproc_detach_all(void);
const char *rproc_state_name(unsigned int state);
int rproc_core_init(void);
void rproc_core_exit(void);

/* rproc_attach.c */
struct resource_table *rproc_locate_table(struct rproc *rproc, size_t *size);
u64 rproc_read_rsc_register(struct rproc *rproc);

/* rproc_resources.c */
int rproc_use_table(struct rproc *rproc, const struct resource_table *table,
		    size_t size, bool live);
int rproc_handle_resources(struct rproc *rproc);
int rproc_alloc_registered_carveouts(struct rproc *rproc);
void rproc_free_tables(struct rproc *rproc);
struct rproc_mem_entry *rproc_carveout_new(struct rproc *rproc, u64 da,
					   size_t len, const char *name);

/* rproc_vdev.c */
int rproc_handle_vdev(struct rproc *rproc, u32 type, const void *rsc,
		      u32 offset, unsigned int entry);
int rproc_vdev_writeback(struct rproc *rproc);
void rproc_vdev_remove_all(struct rproc *rproc);

/* rproc_mem.c */
struct rproc_mem_entry *rproc_find_carveout_by_name(struct rproc *rproc,
						    const char *name);
int rproc_of_region_map(struct rproc *rproc, struct rproc_mem_entry *mem);
int rproc_of_region_unmap(struct rproc *rproc, struct rproc_mem_entry *mem);

/* rproc_coredump.c */
void rproc_coredump_submit(struct rproc *rproc, void *data, size_t size);

/* rproc_sysfs.c */
extern struct class rproc_class;
int rproc_sysfs_init(void);
int rproc_recovery_command(struct rproc *rproc, const char *cmd);
const char *rproc_dump_conf_name(struct rproc *rproc);
int rproc_set_dump_conf(struct rproc *rproc, const char *conf);
void rproc_sysfs_exit(void);

/* rproc_cdev.c */
int rproc_cdev_init(void);
void rproc_cdev_exit(void);
int rproc_char_device_add(struct rproc *rproc);
void rproc_char_device_remove(struct rproc *rproc);

/* rproc_debugfs.c */
void rproc_debugfs_init(void);
void rproc_debugfs_exit(void);
void rproc_create_debug_dir(struct rproc *rproc);
void rproc_delete_debug_dir(struct rproc *rproc);
int rproc_rsc_table_show(struct seq_file *seq, void *p);
int rproc_carveouts_show(struct seq_file *seq, void *p);

/* rproc_trace.c */
size_t rproc_trace_unwrap(const char *buf, size_t len, char *out);
int rproc_trace_add(struct rproc *rproc, u64 da, size_t len);
int rproc_trace_publish(struct rproc *rproc);
void rproc_trace_save(struct rproc *rproc);
void rproc_trace_keep_last(struct rproc *rproc);
void rproc_trace_restore_last(struct rproc *rproc);
void rproc_trace_remove_all(struct rproc *rproc);

#endif /* RPROC_INTERNAL_H */
