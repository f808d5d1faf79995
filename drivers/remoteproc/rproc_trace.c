// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: trace buffers.
 *
 * A trace buffer is text the processor writes in a ring: after each write
 * it stores a NUL, which marks where the next write goes.  Once it has
 * wrapped, the text after that NUL is the oldest.  debugfs traceN shows
 * the buffer oldest text first; when the processor crashes the buffers
 * are saved and traceN_last shows what they held.
 */

#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rproc_internal.h"

/**
 * rproc_trace_unwrap() - put the text of a ring trace buffer in order
 * @buf: a copy of the buffer
 * @len: its length
 * @out: @len bytes for the text
 *
 * Without a NUL the buffer is all text.  Otherwise the text after the
 * first NUL (if the writer wrapped) comes first, then the text before it;
 * NUL bytes are dropped.
 *
 * Return: the length of the text in @out.
 */
size_t rproc_trace_unwrap(const char *buf, size_t len, char *out)
{
	const char *nul = memchr(buf, '\0', len);
	size_t head, n = 0, i;

	if (!nul) {
		memcpy(out, buf, len);
		return len;
	}

	head = nul - buf;
	for (i = head + 1; i < len; i++)
		if (buf[i])
			out[n++] = buf[i];
	memcpy(out + n, buf, head);
	return n + head;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trace_unwrap);

/* Copies the buffer out of processor memory once and puts it in order. */
static char *rproc_trace_snapshot(struct rproc_debug_trace *trace, size_t *len)
{
	struct rproc_mem_entry *mem = &trace->trace_mem;
	char *copy, *text;

	copy = kvmalloc(mem->len, GFP_KERNEL);
	text = kvmalloc(mem->len, GFP_KERNEL);
	if (!copy || !text) {
		kvfree(copy);
		kvfree(text);
		return ERR_PTR(-ENOMEM);
	}
	if (mem->is_iomem)
		memcpy_fromio(copy, (void __iomem *)mem->va, mem->len);
	else
		memcpy(copy, mem->va, mem->len);

	*len = rproc_trace_unwrap(copy, mem->len, text);
	kvfree(copy);
	return text;
}

/*
 * No lock: the buffer's memory stays until rproc_trace_remove_all(),
 * which removes this file, waiting for readers, before it goes.
 */
static ssize_t rproc_trace_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct rproc_debug_trace *trace = file->private_data;
	size_t len = 0;
	ssize_t ret;
	char *text;

	text = rproc_trace_snapshot(trace, &len);
	if (IS_ERR(text))
		return PTR_ERR(text);

	ret = simple_read_from_buffer(ubuf, count, ppos, text, len);
	kvfree(text);
	return ret;
}

static const struct file_operations rproc_trace_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= rproc_trace_read,
	.llseek	= generic_file_llseek,
};

static ssize_t rproc_trace_last_read(struct file *file, char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct rproc_debug_trace *trace = file->private_data;
	ssize_t ret;

	mutex_lock(&trace->last_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, trace->last,
				      trace->last_len);
	mutex_unlock(&trace->last_lock);
	return ret;
}

static const struct file_operations rproc_trace_last_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= rproc_trace_last_read,
	.llseek	= generic_file_llseek,
};

/**
 * rproc_trace_add() - register a trace buffer
 * @rproc: the processor
 * @da: device address of the buffer
 * @len: its length
 *
 * The buffer becomes readable once rproc_trace_publish() found it in
 * processor memory.
 *
 * Return: 0, or -ENOMEM.
 */
int rproc_trace_add(struct rproc *rproc, u64 da, size_t len)
{
	struct rproc_debug_trace *trace;

	trace = kzalloc(sizeof(*trace), GFP_KERNEL);
	if (!trace)
		return -ENOMEM;

	trace->rproc = rproc;
	trace->index = rproc->num_traces;
	trace->trace_mem.da = da;
	trace->trace_mem.len = len;
	trace->trace_mem.rsc_offset = FW_RSC_ADDR_ANY;
	snprintf(trace->trace_mem.name, sizeof(trace->trace_mem.name), "trace%u",
		 trace->index);
	mutex_init(&trace->last_lock);
	list_add_tail(&trace->node, &rproc->traces);
	rproc->num_traces++;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trace_add);

/**
 * rproc_trace_publish() - create the traceN files
 * @rproc: the processor, with all its memory set up
 *
 * Return: 0, or -EINVAL naming a buffer that is not inside one region of
 * processor memory.
 */
int rproc_trace_publish(struct rproc *rproc)
{
	struct rproc_debug_trace *trace;

	list_for_each_entry(trace, &rproc->traces, node) {
		struct rproc_mem_entry *mem = &trace->trace_mem;

		if (mem->va)
			continue;
		mem->va = rproc_da_to_va(rproc, mem->da, mem->len, &mem->is_iomem);
		if (!mem->va || !mem->len) {
			dev_err(&rproc->dev, "bad resource table: trace%u: 0x%llx, %zu bytes, is not inside the processor's memory\n",
				trace->index, mem->da, mem->len);
			return -EINVAL;
		}
		trace->tfile = debugfs_create_file(mem->name, 0400, rproc->dbg_dir,
						   trace, &rproc_trace_fops);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trace_publish);

/* Makes the saved copy of @trace readable as traceN_last. */
static void rproc_trace_last_file(struct rproc *rproc, struct rproc_debug_trace *trace)
{
	char name[24];

	snprintf(name, sizeof(name), "trace%u_last", trace->index);
	trace->last_file = debugfs_create_file(name, 0400, rproc->dbg_dir, trace,
					       &rproc_trace_last_fops);
}

/**
 * rproc_trace_save() - keep what every trace buffer holds, after a crash
 * @rproc: the crashed processor
 *
 * The copies stay readable as traceN_last until the trace buffers go.
 */
void rproc_trace_save(struct rproc *rproc)
{
	struct rproc_debug_trace *trace;
	size_t len = 0;
	char *text;

	list_for_each_entry(trace, &rproc->traces, node) {
		if (!trace->trace_mem.va)
			continue;
		text = rproc_trace_snapshot(trace, &len);
		if (IS_ERR(text))
			continue;
		mutex_lock(&trace->last_lock);
		swap(trace->last, text);
		trace->last_len = len;
		mutex_unlock(&trace->last_lock);
		kvfree(text);
		if (!trace->last_file)
			rproc_trace_last_file(rproc, trace);
	}
}

static void rproc_trace_free(struct rproc_debug_trace *trace)
{
	debugfs_remove(trace->tfile);
	debugfs_remove(trace->last_file);
	list_del(&trace->node);
	mutex_destroy(&trace->last_lock);
	kvfree(trace->last);
	kfree(trace);
}

/**
 * rproc_trace_keep_last() - keep the saved traces across a re-attach
 * @rproc: the crashed processor, before its resources go
 *
 * The trace buffers with a saved copy move to &rproc.traces_last: their
 * traceN files go, their traceN_last files stay readable until
 * rproc_trace_restore_last().
 */
void rproc_trace_keep_last(struct rproc *rproc)
{
	struct rproc_debug_trace *trace, *tmp;

	list_for_each_entry_safe(trace, tmp, &rproc->traces, node) {
		if (!trace->last)
			continue;
		debugfs_remove(trace->tfile);
		trace->tfile = NULL;
		trace->trace_mem.va = NULL;
		list_move_tail(&trace->node, &rproc->traces_last);
	}
}

/**
 * rproc_trace_restore_last() - hand saved traces to the new buffers
 * @rproc: the processor, attached again, or going away
 *
 * The buffer of the same index gets the saved copy, as traceN_last;
 * copies without such a buffer go.  &rproc.traces_last is empty after.
 */
void rproc_trace_restore_last(struct rproc *rproc)
{
	struct rproc_debug_trace *old, *tmp, *trace;

	list_for_each_entry_safe(old, tmp, &rproc->traces_last, node) {
		list_for_each_entry(trace, &rproc->traces, node) {
			if (trace->index != old->index || trace->last)
				continue;
			/* The name is the old file's: it goes first. */
			debugfs_remove(old->last_file);
			old->last_file = NULL;
			swap(trace->last, old->last);
			trace->last_len = old->last_len;
			rproc_trace_last_file(rproc, trace);
			break;
		}
		rproc_trace_free(old);
	}
}

/**
 * rproc_trace_remove_all() - forget every trace buffer
 * @rproc: the processor
 */
void rproc_trace_remove_all(struct rproc *rproc)
{
	struct rproc_debug_trace *trace, *tmp;

	list_for_each_entry_safe(trace, tmp, &rproc->traces, node)
		rproc_trace_free(trace);
	rproc->num_traces = 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trace_remove_all);
