/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What remote processor drivers take from the core beyond
 * <linux/remoteproc.h>.  Linux 6.12's drivers include this header by this
 * name, so it keeps the helpers and types they use.
 */

#ifndef REMOTEPROC_INTERNAL_H
#define REMOTEPROC_INTERNAL_H

#include <linux/firmware.h>
#include <linux/irqreturn.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>

/**
 * struct rproc_debug_trace - a trace buffer the resource table declared
 * @rproc: the processor
 * @tfile: debugfs file traceN
 * @node: link in &rproc.traces
 * @trace_mem: the buffer: device address, length, and once published its
 *	kernel address; @trace_mem.name is traceN
 * @index: N of the debugfs files traceN and traceN_last
 * @last_lock: protects @last and @last_len
 * @last: what the buffer held when the processor last crashed, or NULL
 * @last_len: length of @last
 * @last_file: debugfs file traceN_last
 */
struct rproc_debug_trace {
	struct rproc *rproc;
	struct dentry *tfile;
	struct list_head node;
	struct rproc_mem_entry trace_mem;
	unsigned int index;
	struct mutex last_lock;		/* for @last, @last_len */
	char *last;
	size_t last_len;
	struct dentry *last_file;
};

/**
 * rproc_load_segments() - load firmware with the processor's loader
 * @rproc: the processor
 * @fw: the firmware
 *
 * Return: what &rproc_ops.load returned, or -EINVAL without a loader.
 */
static inline int rproc_load_segments(struct rproc *rproc,
				      const struct firmware *fw)
{
	if (!rproc->ops->load)
		return -EINVAL;
	return rproc->ops->load(rproc, fw);
}

/**
 * rproc_u64_fit_in_size_t() - whether a 64-bit size fits a size_t
 * @val: the size
 *
 * Return: true if @val is at most SIZE_MAX.
 */
static inline bool rproc_u64_fit_in_size_t(u64 val)
{
	return val <= SIZE_MAX;
}

#endif /* REMOTEPROC_INTERNAL_H */
