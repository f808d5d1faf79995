/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote processor framework: the interface drivers of remote processors
 * use.  A platform driver describes how to power, load, start, stop and
 * kick one remote core (struct rproc_ops); the core runs the lifecycle,
 * loads firmware, applies the resource table and exposes the processor
 * to user space.
 *
 * The driver-facing interface is the one of Linux 6.12, so a driver
 * written for it builds unchanged.  Additions are marked as such.
 */

#ifndef REMOTEPROC_H
#define REMOTEPROC_H

#include <linux/bitops.h>
#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/rsc_table.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct dentry;
struct firmware;
struct iommu_domain;
struct platform_device;
struct rproc;
struct virtqueue;

/**
 * struct rproc_mem_entry - a memory region shared with a remote processor
 * @va: kernel virtual address of the region, NULL while it is not mapped
 * @is_iomem: @va is an I/O mapping, to be accessed with the *_toio() helpers
 * @dma: address of the region as the host's DMA API sees it
 * @len: length of the region in bytes
 * @da: address of the region as the remote processor sees it (64 bits
 *	here; 32 bits in Linux 6.12)
 * @priv: data owned by whoever registered the entry
 * @name: name of the region, matched against resource table entries
 * @node: link in one of the processor's lists of memory
 * @rsc_offset: offset of the resource table entry that describes the
 *	region, or FW_RSC_ADDR_ANY if none does
 * @flags: IOMMU protection flags of the entry
 * @of_resm_idx: index in the "memory-region" property of a region
 *	registered by rproc_of_resm_mem_entry_init()
 * @alloc: called to map or allocate the region before firmware is loaded
 * @release: called to unmap or free the region when it is no longer used
 *
 * A driver registers the memory its processor can reach with
 * rproc_mem_entry_init() and rproc_add_carveout(); the core adds entries
 * for carveouts the resource table asks for.  Only addresses inside a
 * registered entry (or accepted by &rproc_ops.da_to_va) are ever accessed.
 */
struct rproc_mem_entry {
	void *va;
	bool is_iomem;
	dma_addr_t dma;
	size_t len;
	u64 da;
	void *priv;
	char name[32];
	struct list_head node;
	u32 rsc_offset;
	u32 flags;
	u32 of_resm_idx;
	int (*alloc)(struct rproc *rproc, struct rproc_mem_entry *mem);
	int (*release)(struct rproc *rproc, struct rproc_mem_entry *mem);
};

/**
 * enum rsc_handling_status - what &rproc_ops.handle_rsc did with an entry
 * @RSC_HANDLED: the driver applied the entry
 * @RSC_IGNORED: the driver does not know the entry; it is skipped
 */
enum rsc_handling_status {
	RSC_HANDLED	= 0,
	RSC_IGNORED	= 1,
};

/**
 * struct rproc_ops - what a platform driver does for the core
 * @prepare: power and clock the processor's surroundings before anything
 *	is loaded or attached (optional)
 * @unprepare: undo @prepare (optional)
 * @start: start the processor on loaded firmware
 * @stop: stop the processor
 * @attach: take over a processor something else started (optional)
 * @detach: let go of a running processor without stopping it (optional)
 * @kick: notify the processor that virtqueue @vqid has work
 * @da_to_va: translate a device address range to a kernel address; set
 *	*@is_iomem when the result is I/O memory (optional)
 * @parse_fw: find the resource table of @fw and make &rproc.cached_table
 *	a kernel copy of it (optional)
 * @handle_rsc: apply a vendor resource (type %RSC_VENDOR_START to
 *	%RSC_VENDOR_END); return an &enum rsc_handling_status or an error
 * @find_loaded_rsc_table: where the table of @fw lives in processor memory
 *	once loaded (optional)
 * @get_loaded_rsc_table: the table of a processor that runs already, and
 *	its size (needed to attach to a table)
 * @load: copy @fw into processor memory
 * @sanity_check: refuse firmware this processor cannot run (optional)
 * @get_boot_addr: the address execution starts at (optional)
 * @panic: tell the processor the host panics; return how many milliseconds
 *	the host should wait before going on (optional)
 * @coredump: collect a dump after a crash (optional)
 * @release_fw: free what @parse_fw and @load set up, when booting fails or
 *	the processor was stopped (optional; an addition to Linux 6.12)
 *
 * rproc_alloc() keeps its own copy of the table, filling the ELF helpers
 * of this header in where @load is NULL.
 */
struct rproc_ops {
	int (*prepare)(struct rproc *rproc);
	int (*unprepare)(struct rproc *rproc);
	int (*start)(struct rproc *rproc);
	int (*stop)(struct rproc *rproc);
	int (*attach)(struct rproc *rproc);
	int (*detach)(struct rproc *rproc);
	void (*kick)(struct rproc *rproc, int vqid);
	void * (*da_to_va)(struct rproc *rproc, u64 da, size_t len, bool *is_iomem);
	int (*parse_fw)(struct rproc *rproc, const struct firmware *fw);
	int (*handle_rsc)(struct rproc *rproc, u32 rsc_type, void *rsc,
			  int offset, int avail);
	struct resource_table *(*find_loaded_rsc_table)(struct rproc *rproc,
							const struct firmware *fw);
	struct resource_table *(*get_loaded_rsc_table)(struct rproc *rproc,
						       size_t *size);
	int (*load)(struct rproc *rproc, const struct firmware *fw);
	int (*sanity_check)(struct rproc *rproc, const struct firmware *fw);
	u64 (*get_boot_addr)(struct rproc *rproc, const struct firmware *fw);
	unsigned long (*panic)(struct rproc *rproc);
	void (*coredump)(struct rproc *rproc);
	void (*release_fw)(struct rproc *rproc);
};

/**
 * enum rproc_state - lifecycle states of a remote processor
 * @RPROC_OFFLINE: not running; firmware can be chosen and booted
 * @RPROC_SUSPENDED: kept for compatibility; the core never sets it
 * @RPROC_RUNNING: running firmware this host loaded
 * @RPROC_CRASHED: crashed; recovery is pending or disabled
 * @RPROC_ATTACHED: running firmware something else loaded, and attached
 * @RPROC_DETACHED: running, but this host is not attached to it
 * @RPROC_LAST: number of states
 */
enum rproc_state {
	RPROC_OFFLINE	= 0,
	RPROC_SUSPENDED	= 1,
	RPROC_RUNNING	= 2,
	RPROC_CRASHED	= 3,
	RPROC_ATTACHED	= 4,
	RPROC_DETACHED	= 5,
	RPROC_LAST	= 6,
};

/**
 * enum rproc_crash_type - why a processor is reported crashed
 * @RPROC_MMUFAULT: its memory management unit faulted
 * @RPROC_WATCHDOG: its watchdog fired
 * @RPROC_FATAL_ERROR: it reported an unrecoverable error itself
 */
enum rproc_crash_type {
	RPROC_MMUFAULT,
	RPROC_WATCHDOG,
	RPROC_FATAL_ERROR,
};

/**
 * enum rproc_dump_mechanism - how a crash dump reaches user space
 * @RPROC_COREDUMP_DISABLED: no dump is taken
 * @RPROC_COREDUMP_ENABLED: the segments are copied into one buffer that
 *	devcoredump hands out; recovery does not wait for the reader
 * @RPROC_COREDUMP_INLINE: devcoredump reads the segments in place, and
 *	recovery waits until user space has read the dump
 */
enum rproc_dump_mechanism {
	RPROC_COREDUMP_DISABLED,
	RPROC_COREDUMP_ENABLED,
	RPROC_COREDUMP_INLINE,
};

/**
 * struct rproc_dump_segment - one piece of a crash dump
 * @node: link in &rproc.dump_segments
 * @da: device address of the piece
 * @size: its size in bytes
 * @priv: data for @dump
 * @dump: copies @size bytes at @offset in the piece to @dest; NULL to read
 *	the piece through rproc_da_to_va()
 * @offset: where the piece starts in the dump file
 */
struct rproc_dump_segment {
	struct list_head node;

	dma_addr_t da;
	size_t size;

	void *priv;
	void (*dump)(struct rproc *rproc, struct rproc_dump_segment *segment,
		     void *dest, size_t offset, size_t size);
	loff_t offset;
};

/**
 * enum rproc_features - optional behaviours a driver turns on
 * @RPROC_FEAT_ATTACH_ON_RECOVERY: the processor restarts itself after a
 *	crash, so recovery detaches and attaches again instead of reloading
 * @RPROC_MAX_FEATURES: number of features
 */
enum rproc_features {
	RPROC_FEAT_ATTACH_ON_RECOVERY,
	RPROC_MAX_FEATURES,
};

/**
 * enum rproc_rsc_locator_kind - where a running processor's table is
 * @RPROC_RSC_IN_CALLBACK: &rproc_ops.get_loaded_rsc_table says
 * @RPROC_RSC_IN_REGION: at the start of a registered memory region
 * @RPROC_RSC_IN_DESCRIPTOR: a registered memory region starts with a
 *	&struct rproc_rsc_descriptor giving the table's physical address
 * @RPROC_RSC_IN_REGISTER: a register holds the table's device address
 */
enum rproc_rsc_locator_kind {
	RPROC_RSC_IN_CALLBACK,
	RPROC_RSC_IN_REGION,
	RPROC_RSC_IN_DESCRIPTOR,
	RPROC_RSC_IN_REGISTER,
};

/**
 * struct rproc_rsc_locator - how the core finds a running processor's table
 * @kind: an &enum rproc_rsc_locator_kind
 * @region: name of the carveout holding the table or its descriptor; the
 *	string must live as long as the processor
 * @reg: the register, for %RPROC_RSC_IN_REGISTER
 * @reg_width: its width in bytes, 4 or 8
 * @size: largest table size, for %RPROC_RSC_IN_REGISTER
 *
 * Whatever the kind, the table must lie inside memory registered for the
 * processor, and it is checked before it is used.  An addition to Linux
 * 6.12, shared by all drivers.
 */
struct rproc_rsc_locator {
	enum rproc_rsc_locator_kind kind;
	const char *region;
	void __iomem *reg;
	unsigned int reg_width;
	size_t size;
};

/* "xamp": the magic of a &struct rproc_rsc_descriptor. */
#define RPROC_RSC_DESCRIPTOR_MAGIC	0x78616d70

/**
 * struct rproc_rsc_descriptor - where a remote published its table
 * @version: 1
 * @magic: %RPROC_RSC_DESCRIPTOR_MAGIC
 * @comp_magic: the bitwise complement of @magic
 * @size: size of the table in bytes
 * @addr: physical address of the table
 *
 * Written by the remote at the start of a memory region (the layout AMD's
 * firmware uses).
 */
struct rproc_rsc_descriptor {
	u32 version;
	u32 magic;
	u32 comp_magic;
	u32 size;
	u64 addr;
} __packed;

/**
 * struct rproc - one remote processor
 * @node: link in the core's list of processors
 * @domain: IOMMU domain of the processor, if it sits behind one
 * @name: human-readable name
 * @firmware: name of the firmware file to boot
 * @priv: the platform driver's data, allocated with the processor
 * @ops: the core's copy of the driver's operations
 * @dev: the processor's device; its parent is the platform device
 * @power: how many users have booted the processor
 * @state: an &enum rproc_state
 * @dump_conf: an &enum rproc_dump_mechanism
 * @lock: serialises lifecycle operations
 * @dbg_dir: debugfs directory of the processor
 * @traces: trace buffers the resource table declared
 * @num_traces: how many there are
 * @traces_last: trace buffers of a crashed run, kept for their saved copy
 *	(traceN_last) until the processor is attached again
 * @carveouts: memory regions the processor uses
 * @mappings: IOMMU mappings made for devmem entries
 * @bootaddr: where firmware execution starts
 * @rvdevs: virtio devices the resource table declared
 * @subdevs: subdevices started and stopped with the processor
 * @notifyids: virtqueue notification ids in use
 * @index: number of the processor, used in its device name
 * @attach_work: attaches at registration when the processor runs already
 * @crash_handler: handles a crash report in process context
 * @crash_handler_lock: orders crash reports against removal
 * @deleting: rproc_del() has begun
 * @crash_cnt: how many crashes were reported
 * @recovery_disabled: leave a crashed processor crashed
 * @max_notifyid: highest notification id handed out
 * @table_ptr: the resource table in effect
 * @clean_table: the attached table as it was before this host changed it,
 *	written back when detaching
 * @cached_table: the kernel's copy of the table
 * @table_sz: size of the table in bytes
 * @has_iommu: the processor sits behind an IOMMU
 * @auto_boot: boot (or attach) as soon as the processor is registered
 * @sysfs_read_only: user space may read but not change the processor
 * @subdevs_started: the subdevices run
 * @dump_segments: pieces of the crash dump
 * @nb_vdev: number of virtio devices in the table
 * @elf_class: ELF class of crash dumps
 * @elf_machine: ELF machine of crash dumps
 * @cdev: character device /dev/remoteprocN
 * @cdev_put_on_release: stop or detach the processor when the character
 *	device is closed
 * @features: &enum rproc_features bits
 * @fw_loaded: &rproc_ops.parse_fw or &rproc_ops.load ran and
 *	&rproc_ops.release_fw has not yet undone them
 * @rpmsg_only: the processor's lifecycle is not this host's: the core
 *	only attaches, refuses to start, stop or load it, and after a crash
 *	waits for the remote's table to be valid again and re-attaches
 * @detach_on_shutdown: detach, rather than stop, when Linux shuts down or
 *	reboots, so the processor keeps running across the restart
 * @rsc_locator: where the table of a running processor is
 * @reattach_ms: how often an rpmsg-only processor's table is looked at
 *	while it is not valid
 * @reattach_work: looks at it
 *
 * The members from @fw_loaded on are additions to Linux 6.12.
 */
struct rproc {
	struct list_head node;
	struct iommu_domain *domain;
	const char *name;
	const char *firmware;
	void *priv;
	struct rproc_ops *ops;
	struct device dev;
	atomic_t power;
	unsigned int state;
	enum rproc_dump_mechanism dump_conf;
	struct mutex lock;		/* serialises transitions */
	struct dentry *dbg_dir;
	struct list_head traces;
	int num_traces;
	struct list_head traces_last;
	struct list_head carveouts;
	struct list_head mappings;
	u64 bootaddr;
	struct list_head rvdevs;
	struct list_head subdevs;
	struct idr notifyids;
	int index;
	struct work_struct attach_work;
	struct work_struct crash_handler;
	spinlock_t crash_handler_lock;	/* crash reports vs removal */
	bool deleting;
	unsigned int crash_cnt;
	bool recovery_disabled;
	int max_notifyid;
	struct resource_table *table_ptr;
	struct resource_table *clean_table;
	struct resource_table *cached_table;
	size_t table_sz;
	bool has_iommu;
	bool auto_boot;
	bool sysfs_read_only;
	bool subdevs_started;
	struct list_head dump_segments;
	int nb_vdev;
	u8 elf_class;
	u16 elf_machine;
	struct cdev cdev;
	bool cdev_put_on_release;
	DECLARE_BITMAP(features, RPROC_MAX_FEATURES);
	bool fw_loaded;
	bool rpmsg_only;
	bool detach_on_shutdown;
	struct rproc_rsc_locator rsc_locator;
	unsigned int reattach_ms;
	struct delayed_work reattach_work;
};

/**
 * struct rproc_subdev - a function that lives and dies with its processor
 * @node: link in &rproc.subdevs
 * @prepare: called before the processor starts (optional)
 * @start: called once it runs (optional)
 * @stop: called before it stops; @crashed tells whether it crashed
 *	(optional)
 * @unprepare: called once it stopped (optional)
 */
struct rproc_subdev {
	struct list_head node;

	int (*prepare)(struct rproc_subdev *subdev);
	int (*start)(struct rproc_subdev *subdev);
	void (*stop)(struct rproc_subdev *subdev, bool crashed);
	void (*unprepare)(struct rproc_subdev *subdev);
};

/* Most virtqueues a virtio device of a resource table has (2 in Linux 6.12). */
#define RVDEV_NUM_VRINGS 8

/**
 * struct rproc_vring - one virtqueue ring shared with the processor
 * @va: kernel address of the ring
 * @num: number of descriptors
 * @da: device address of the ring (64 bits here; 32 in Linux 6.12)
 * @align: alignment of the used ring
 * @notifyid: id the processor and host notify each other with
 * @rvdev: the virtio device the ring belongs to
 * @vq: the virtqueue built on the ring; read under SRCU by
 *	rproc_vq_interrupt()
 * @pa: physical address of the ring (an addition to Linux 6.12)
 * @size: bytes of memory the ring has (an addition to Linux 6.12)
 */
struct rproc_vring {
	void *va;
	int num;
	u64 da;
	u32 align;
	int notifyid;
	struct rproc_vdev *rvdev;
	struct virtqueue *vq;
	u64 pa;
	size_t size;
};

/**
 * struct rproc_vdev - a virtio device a resource table declares
 * @subdev: starts and stops the device with the processor
 * @pdev: platform device the virtio transport binds to
 * @id: virtio device id
 * @node: link in &rproc.rvdevs
 * @rproc: the processor
 * @vring: its rings
 * @rsc_offset: offset of its entry in the resource table
 * @index: its number among the processor's virtio devices
 *
 * The members below are additions to Linux 6.12, read once from the
 * checked copy of the table:
 *
 * @num_vrings: how many elements of @vring the entry declares
 * @wide: the entry is a &struct fw_rsc_vdev64
 * @dfeatures: features the device offers
 * @config_len: bytes of config space after the vrings
 * @of_node: the device tree node describing the device, or NULL
 * @ops: what the bound transport does when the processor starts and
 *	stops, or NULL while none is bound
 */
struct rproc_vdev {
	struct rproc_subdev subdev;
	struct platform_device *pdev;

	unsigned int id;
	struct list_head node;
	struct rproc *rproc;
	struct rproc_vring vring[RVDEV_NUM_VRINGS];
	u32 rsc_offset;
	u32 index;

	unsigned int num_vrings;
	bool wide;
	u64 dfeatures;
	u32 config_len;
	struct device_node *of_node;
	const struct rproc_vdev_ops *ops;
};

/**
 * struct rproc_vdev_ops - a virtio transport's part in a processor's life
 * @start: the processor runs: register the virtio device
 * @stop: the processor stops (or crashed): remove it
 *
 * The core calls them with the transport device's lock held.
 */
struct rproc_vdev_ops {
	int (*start)(struct rproc_vdev *rvdev);
	void (*stop)(struct rproc_vdev *rvdev, bool crashed);
};

struct rproc *rproc_get_by_phandle(phandle phandle);
struct rproc *rproc_get_by_child(struct device *dev);

struct rproc *rproc_alloc(struct device *dev, const char *name,
			  const struct rproc_ops *ops,
			  const char *firmware, int len);
void rproc_put(struct rproc *rproc);
int rproc_add(struct rproc *rproc);
int rproc_del(struct rproc *rproc);
void rproc_free(struct rproc *rproc);
void rproc_resource_cleanup(struct rproc *rproc);

struct rproc *devm_rproc_alloc(struct device *dev, const char *name,
			       const struct rproc_ops *ops,
			       const char *firmware, int len);
int devm_rproc_add(struct device *dev, struct rproc *rproc);

void rproc_add_carveout(struct rproc *rproc, struct rproc_mem_entry *mem);

__printf(8, 9) struct rproc_mem_entry *
rproc_mem_entry_init(struct device *dev,
		     void *va, dma_addr_t dma, size_t len, u64 da,
		     int (*alloc)(struct rproc *, struct rproc_mem_entry *),
		     int (*release)(struct rproc *, struct rproc_mem_entry *),
		     const char *name, ...);

__printf(5, 6) struct rproc_mem_entry *
rproc_of_resm_mem_entry_init(struct device *dev, u32 of_resm_idx, size_t len,
			     u64 da, const char *name, ...);

int rproc_boot(struct rproc *rproc);
int rproc_shutdown(struct rproc *rproc);
int rproc_detach(struct rproc *rproc);
int rproc_set_firmware(struct rproc *rproc, const char *fw_name);
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type);
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem);
void *rproc_vdev_rsc(struct rproc_vdev *rvdev);
void *rproc_pa_to_va(struct rproc *rproc, phys_addr_t pa, size_t len,
		     bool *is_iomem);
int rproc_of_parse_firmware(struct device *dev, int index,
			    const char **fw_name);
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);
phys_addr_t rproc_va_to_pa(void *cpu_addr);

void rproc_coredump_cleanup(struct rproc *rproc);
void rproc_coredump(struct rproc *rproc);
void rproc_coredump_using_sections(struct rproc *rproc);
int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da, size_t size);
int rproc_coredump_add_custom_segment(struct rproc *rproc,
				      dma_addr_t da, size_t size,
				      void (*dumpfn)(struct rproc *rproc,
						     struct rproc_dump_segment *segment,
						     void *dest, size_t offset,
						     size_t size),
				      void *priv);
int rproc_coredump_set_elf_info(struct rproc *rproc, u8 class, u16 machine);

void rproc_add_subdev(struct rproc *rproc, struct rproc_subdev *subdev);
void rproc_remove_subdev(struct rproc *rproc, struct rproc_subdev *subdev);

int rproc_of_add_carveouts(struct rproc *rproc,
			   u64 (*pa_to_da)(struct rproc *rproc, phys_addr_t pa));
int rproc_set_rsc_locator(struct rproc *rproc,
			  const struct rproc_rsc_locator *loc);
int rproc_of_parse_attach(struct rproc *rproc);

int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw);
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw);

/**
 * rproc_has_feature() - whether a processor has a feature turned on
 * @rproc: the processor
 * @feature: an &enum rproc_features value
 *
 * Return: true if rproc_set_feature() turned @feature on.
 */
static inline bool rproc_has_feature(struct rproc *rproc, unsigned int feature)
{
	return test_bit(feature, rproc->features);
}

/**
 * rproc_set_feature() - turn a feature of a processor on
 * @rproc: the processor
 * @feature: an &enum rproc_features value
 *
 * Return: 0, or -EINVAL if @feature is not a feature.
 */
static inline int rproc_set_feature(struct rproc *rproc, unsigned int feature)
{
	if (feature >= RPROC_MAX_FEATURES)
		return -EINVAL;

	set_bit(feature, rproc->features);
	return 0;
}

#endif /* REMOTEPROC_H */
