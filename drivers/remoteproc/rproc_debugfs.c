// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: debugfs, remoteproc/remoteprocN/ with the files
 * of Linux 6.12: name, recovery, crash, coredump, resource_table and
 * carveout_memories (the trace files are rproc_trace.c's).
 */

#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "rproc_internal.h"

static struct dentry *rproc_dbg;

/* Reads a short command from user space, without a trailing newline. */
static int rproc_dbg_cmd(const char __user *ubuf, size_t count, char *buf,
			 size_t size)
{
	if (!count || count > size - 1)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (buf[count - 1] == '\n')
		buf[count - 1] = '\0';
	return 0;
}

static ssize_t rproc_name_read(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct rproc *rproc = file->private_data;
	char buf[100];
	int n;

	n = scnprintf(buf, sizeof(buf), "%.98s\n", rproc->name);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static const struct file_operations rproc_name_fops = {
	.read	= rproc_name_read,
	.open	= simple_open,
	.llseek	= generic_file_llseek,
};

static ssize_t rproc_recovery_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct rproc *rproc = file->private_data;
	const char *s = rproc->recovery_disabled ? "disabled\n" : "enabled\n";

	return simple_read_from_buffer(ubuf, count, ppos, s, strlen(s));
}

static ssize_t rproc_recovery_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	char buf[10];
	int ret;

	ret = rproc_dbg_cmd(ubuf, count, buf, sizeof(buf));
	if (!ret)
		ret = rproc_recovery_command(file->private_data, buf);
	return ret ? ret : count;
}

static const struct file_operations rproc_recovery_fops = {
	.read	= rproc_recovery_read,
	.write	= rproc_recovery_write,
	.open	= simple_open,
	.llseek	= generic_file_llseek,
};

static ssize_t rproc_crash_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct rproc *rproc = file->private_data;
	unsigned int type;
	int ret;

	/* Any number, as mainline: an unknown type is reported as such. */
	ret = kstrtouint_from_user(ubuf, count, 0, &type);
	if (ret)
		return ret;

	rproc_report_crash(rproc, type);
	return count;
}

static const struct file_operations rproc_crash_fops = {
	.write	= rproc_crash_write,
	.open	= simple_open,
	.llseek	= generic_file_llseek,
};

static ssize_t rproc_coredump_read(struct file *file, char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	const char *name = rproc_dump_conf_name(file->private_data);
	char buf[20];
	int n;

	if (!name)
		return -EINVAL;
	n = scnprintf(buf, sizeof(buf), "%s\n", name);
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static ssize_t rproc_coredump_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	char buf[20];
	int ret;

	ret = rproc_dbg_cmd(ubuf, count, buf, sizeof(buf));
	if (!ret)
		ret = rproc_set_dump_conf(file->private_data, buf);
	return ret ? ret : count;
}

static const struct file_operations rproc_coredump_fops = {
	.read	= rproc_coredump_read,
	.write	= rproc_coredump_write,
	.open	= simple_open,
	.llseek	= generic_file_llseek,
};

struct rproc_dbg_walk {
	struct seq_file *seq;
	unsigned int index;
};

static const char * const rproc_rsc_names[] = {
	[RSC_CARVEOUT]		= "carveout",
	[RSC_DEVMEM]		= "devmem",
	[RSC_TRACE]		= "trace",
	[RSC_VDEV]		= "vdev",
	[RSC_CARVEOUT64]	= "carveout64",
	[RSC_DEVMEM64]		= "devmem64",
	[RSC_TRACE64]		= "trace64",
	[RSC_VDEV64]		= "vdev64",
};

/*
 * Carveout, devmem and trace entries, in either width, read through the
 * width-neutral view; the reserved field is where each layout has it.
 */
static void rproc_show_mem(struct seq_file *seq, u32 type, void *rsc)
{
	struct fw_rsc_hdr *hdr = rsc - sizeof(*hdr);
	bool trace = type == RSC_TRACE || type == RSC_TRACE64;
	struct rproc_rsc_mem mem;
	u32 reserved;

	rproc_rsc_mem_read(hdr, &mem);
	switch (type) {
	case RSC_TRACE:
		reserved = ((struct fw_rsc_trace *)rsc)->reserved;
		break;
	case RSC_TRACE64:
		reserved = ((struct fw_rsc_trace64 *)rsc)->reserved;
		break;
	case RSC_CARVEOUT:
	case RSC_DEVMEM:
		reserved = ((struct fw_rsc_carveout *)rsc)->reserved;
		break;
	default:
		reserved = ((struct fw_rsc_carveout64 *)rsc)->reserved;
		break;
	}

	/* Version 1 fields print as the 32-bit values they are. */
	if (type < RSC_LAST) {
		mem.da = lower_32_bits(mem.da);
		mem.pa = lower_32_bits(mem.pa);
	}
	seq_printf(seq, "  Device Address 0x%llx\n", mem.da);
	if (!trace)
		seq_printf(seq, "  Physical Address 0x%llx\n", mem.pa);
	seq_printf(seq, "  Length 0x%llx Bytes\n", mem.len);
	if (!trace)
		seq_printf(seq, "  Flags 0x%x\n", mem.flags);
	seq_printf(seq, "  Reserved (should be zero) [%d]\n", reserved);
	seq_printf(seq, "  Name %s\n\n", mem.name);
}

static void rproc_show_vring(struct seq_file *seq, unsigned int i, u64 da,
			     u32 align, u32 num, u32 notifyid, u64 pa)
{
	seq_printf(seq, "  Vring %u\n", i);
	seq_printf(seq, "    Device Address 0x%llx\n", da);
	seq_printf(seq, "    Alignment %u\n", align);
	seq_printf(seq, "    Number of buffers %u\n", num);
	seq_printf(seq, "    Notify ID %u\n", notifyid);
	seq_printf(seq, "    Physical Address 0x%llx\n\n", pa);
}

static void rproc_show_vdev(struct seq_file *seq, u32 type, const void *rsc)
{
	unsigned int i;

	if (type == RSC_VDEV) {
		const struct fw_rsc_vdev *v = rsc;

		seq_printf(seq, "  ID %u\n  Notify ID %u\n", v->id, v->notifyid);
		seq_printf(seq, "  Device features 0x%x\n", v->dfeatures);
		seq_printf(seq, "  Guest features 0x%x\n", v->gfeatures);
		seq_printf(seq, "  Config length 0x%x\n  Status 0x%x\n",
			   v->config_len, v->status);
		seq_printf(seq, "  Number of vrings %u\n", v->num_of_vrings);
		seq_printf(seq, "  Reserved (should be zero) [%d][%d]\n\n",
			   v->reserved[0], v->reserved[1]);
		for (i = 0; i < v->num_of_vrings; i++)
			rproc_show_vring(seq, i, v->vring[i].da, v->vring[i].align,
					 v->vring[i].num, v->vring[i].notifyid,
					 v->vring[i].pa);
	} else {
		const struct fw_rsc_vdev64 *v = rsc;

		seq_printf(seq, "  ID %u\n  Notify ID %u\n", v->id, v->notifyid);
		seq_printf(seq, "  Device features 0x%llx\n", v->dfeatures);
		seq_printf(seq, "  Guest features 0x%llx\n", v->gfeatures);
		seq_printf(seq, "  Config length 0x%x\n  Status 0x%x\n",
			   v->config_len, v->status);
		seq_printf(seq, "  Number of vrings %u\n", v->num_of_vrings);
		seq_puts(seq, "  Reserved (should be zero) [0][0]\n\n");
		for (i = 0; i < v->num_of_vrings; i++)
			rproc_show_vring(seq, i, v->vring[i].da, v->vring[i].align,
					 v->vring[i].num, v->vring[i].notifyid,
					 v->vring[i].pa);
	}
}

/* Prints an entry the way mainline's resource_table file does. */
static int rproc_show_entry(u32 type, void *rsc, int offset, int avail,
			    void *data)
{
	struct rproc_dbg_walk *w = data;
	struct seq_file *seq = w->seq;
	unsigned int i = w->index++;

	if (type >= ARRAY_SIZE(rproc_rsc_names) || !rproc_rsc_names[type]) {
		seq_printf(seq, "Unknown resource type found: %u\n", type);
		return 0;
	}
	seq_printf(seq, "Entry %u is of type %s\n", i, rproc_rsc_names[type]);
	switch (type) {
	case RSC_CARVEOUT:
	case RSC_CARVEOUT64:
	case RSC_DEVMEM:
	case RSC_DEVMEM64:
	case RSC_TRACE:
	case RSC_TRACE64:
		rproc_show_mem(seq, type, rsc);
		break;
	default:
		rproc_show_vdev(seq, type, rsc);
		break;
	}
	return 0;
}

/*
 * The table in effect may be in memory the processor writes: it is
 * copied and checked before it is shown.
 */
/**
 * rproc_rsc_table_show() - print the table in effect, as mainline does
 * @seq: the output; its private data is the processor
 * @p: unused
 *
 * Return: 0, or a negative error number.
 */
int rproc_rsc_table_show(struct seq_file *seq, void *p)
{
	struct rproc *rproc = seq->private;
	struct rproc_dbg_walk w = { .seq = seq };
	struct resource_table *copy = NULL;
	size_t size = 0;
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	if (rproc->table_ptr) {
		size = rproc->table_sz;
		copy = kmemdup(rproc->table_ptr, size, GFP_KERNEL);
	}
	mutex_unlock(&rproc->lock);

	if (!size) {
		seq_puts(seq, "No resource table found\n");
		return 0;
	}
	if (!copy)
		return -ENOMEM;

	if (rproc_rsc_table_check(&rproc->dev, copy, size, &size)) {
		seq_puts(seq, "The resource table is no longer valid\n");
		goto out;
	}
	rsc_table_walk(copy, size, &rproc->dev, rproc_show_entry, &w);
out:
	kfree(copy);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_rsc_table_show);
DEFINE_SHOW_ATTRIBUTE(rproc_rsc_table);

/**
 * rproc_carveouts_show() - print the processor's memory regions
 * @seq: the output; its private data is the processor
 * @p: unused
 *
 * Return: 0, or a negative error number.
 */
int rproc_carveouts_show(struct seq_file *seq, void *p)
{
	struct rproc *rproc = seq->private;
	struct rproc_mem_entry *mem;
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	list_for_each_entry(mem, &rproc->carveouts, node) {
		seq_puts(seq, "Carveout memory entry:\n");
		seq_printf(seq, "\tName: %s\n", mem->name);
		seq_printf(seq, "\tVirtual address: %pK\n", mem->va);
		seq_printf(seq, "\tDMA address: %pad\n", &mem->dma);
		seq_printf(seq, "\tDevice address: 0x%llx\n", mem->da);
		seq_printf(seq, "\tLength: 0x%zx Bytes\n\n", mem->len);
	}
	mutex_unlock(&rproc->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_carveouts_show);
DEFINE_SHOW_ATTRIBUTE(rproc_carveouts);

/**
 * rproc_create_debug_dir() - create the processor's debugfs directory
 * @rproc: the processor
 */
void rproc_create_debug_dir(struct rproc *rproc)
{
	struct dentry *dir;

	dir = debugfs_create_dir(dev_name(&rproc->dev), rproc_dbg);
	rproc->dbg_dir = dir;
	debugfs_create_file("name", 0400, dir, rproc, &rproc_name_fops);
	debugfs_create_file("recovery", 0600, dir, rproc, &rproc_recovery_fops);
	debugfs_create_file("crash", 0200, dir, rproc, &rproc_crash_fops);
	debugfs_create_file("resource_table", 0400, dir, rproc,
			    &rproc_rsc_table_fops);
	debugfs_create_file("carveout_memories", 0400, dir, rproc,
			    &rproc_carveouts_fops);
	debugfs_create_file("coredump", 0600, dir, rproc, &rproc_coredump_fops);
}

/**
 * rproc_delete_debug_dir() - remove the processor's debugfs directory
 * @rproc: the processor
 */
void rproc_delete_debug_dir(struct rproc *rproc)
{
	debugfs_remove_recursive(rproc->dbg_dir);
	rproc->dbg_dir = NULL;
}

/**
 * rproc_debugfs_init() - create the debugfs root of all processors
 */
void rproc_debugfs_init(void)
{
	rproc_dbg = debugfs_create_dir(RPROC_DEV_NAME, NULL);
}

/**
 * rproc_debugfs_exit() - remove the debugfs root
 */
void rproc_debugfs_exit(void)
{
	debugfs_remove(rproc_dbg);
}
