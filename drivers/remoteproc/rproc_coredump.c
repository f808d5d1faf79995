// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: crash dumps.  The segments a driver registers
 * are written as an ELF core file of the processor's class and machine
 * and handed to devcoredump, either copied into one buffer or read in
 * place while recovery waits for the reader.
 */

#include <kunit/static_stub.h>
#include <kunit/visibility.h>
#include <linux/completion.h>
#include <linux/devcoredump.h>
#include <linux/elf.h>
#include <linux/io.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "rproc_internal.h"

/**
 * rproc_coredump_cleanup() - forget every registered dump segment
 * @rproc: the processor
 */
void rproc_coredump_cleanup(struct rproc *rproc)
{
	struct rproc_dump_segment *seg, *tmp;

	list_for_each_entry_safe(seg, tmp, &rproc->dump_segments, node) {
		list_del(&seg->node);
		kfree(seg);
	}
}
EXPORT_SYMBOL(rproc_coredump_cleanup);

/**
 * rproc_coredump_add_custom_segment() - add a dump segment read by a callback
 * @rproc: the processor
 * @da: device address of the segment
 * @size: its size in bytes
 * @dumpfn: copies part of the segment; NULL to read it through
 *	rproc_da_to_va()
 * @priv: for @dumpfn; with rproc_coredump_using_sections(), the
 *	segment's section name
 *
 * Return: 0, or -ENOMEM.
 */
int rproc_coredump_add_custom_segment(struct rproc *rproc,
				      dma_addr_t da, size_t size,
				      void (*dumpfn)(struct rproc *rproc,
						     struct rproc_dump_segment *segment,
						     void *dest, size_t offset,
						     size_t size),
				      void *priv)
{
	struct rproc_dump_segment *seg;

	seg = kzalloc(sizeof(*seg), GFP_KERNEL);
	if (!seg)
		return -ENOMEM;

	seg->da = da;
	seg->size = size;
	seg->priv = priv;
	seg->dump = dumpfn;
	list_add_tail(&seg->node, &rproc->dump_segments);
	return 0;
}
EXPORT_SYMBOL(rproc_coredump_add_custom_segment);

/**
 * rproc_coredump_add_segment() - add a dump segment of processor memory
 * @rproc: the processor
 * @da: device address of the segment
 * @size: its size in bytes
 *
 * Return: 0, or -ENOMEM.
 */
int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da, size_t size)
{
	return rproc_coredump_add_custom_segment(rproc, da, size, NULL, NULL);
}
EXPORT_SYMBOL(rproc_coredump_add_segment);

/**
 * rproc_coredump_set_elf_info() - the class and machine of crash dumps
 * @rproc: the processor
 * @class: ELFCLASS32 or ELFCLASS64
 * @machine: an EM_* value; also checked against firmware images
 *
 * Return: 0, or -EINVAL for another class.
 */
int rproc_coredump_set_elf_info(struct rproc *rproc, u8 class, u16 machine)
{
	if (class != ELFCLASS32 && class != ELFCLASS64)
		return -EINVAL;

	rproc->elf_class = class;
	rproc->elf_machine = machine;
	return 0;
}
EXPORT_SYMBOL(rproc_coredump_set_elf_info);

/* Layout of a dump: headers first, then the segments' bytes in order. */
struct rproc_dump {
	struct rproc *rproc;
	u8 class;
	bool sections;
	void *header;
	size_t header_size;
	size_t size;
	struct completion done;
};

static size_t dump_ehdr_size(u8 class)
{
	return class == ELFCLASS64 ? sizeof(struct elf64_hdr) :
				     sizeof(struct elf32_hdr);
}

static size_t dump_entry_size(const struct rproc_dump *d)
{
	if (d->class == ELFCLASS64)
		return d->sections ? sizeof(struct elf64_shdr) :
				     sizeof(struct elf64_phdr);
	return d->sections ? sizeof(struct elf32_shdr) :
			     sizeof(struct elf32_phdr);
}

static void dump_write_ehdr(const struct rproc_dump *d, u16 num)
{
	struct rproc *rproc = d->rproc;
	u64 off = dump_ehdr_size(d->class);
	u8 *ident = d->header;

	memcpy(ident, ELFMAG, SELFMAG);
	ident[EI_CLASS] = d->class;
	ident[EI_DATA] = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB :
							    ELFDATA2LSB;
	ident[EI_VERSION] = EV_CURRENT;
	ident[EI_OSABI] = ELFOSABI_NONE;

	if (d->class == ELFCLASS64) {
		struct elf64_hdr *e = d->header;

		e->e_type = ET_CORE;
		e->e_machine = rproc->elf_machine;
		e->e_version = EV_CURRENT;
		e->e_entry = rproc->bootaddr;
		e->e_ehsize = sizeof(*e);
		if (d->sections) {
			e->e_shoff = off;
			e->e_shentsize = sizeof(struct elf64_shdr);
			e->e_shnum = num;
			e->e_shstrndx = 1;
		} else {
			e->e_phoff = off;
			e->e_phentsize = sizeof(struct elf64_phdr);
			e->e_phnum = num;
		}
	} else {
		struct elf32_hdr *e = d->header;

		e->e_type = ET_CORE;
		e->e_machine = rproc->elf_machine;
		e->e_version = EV_CURRENT;
		e->e_entry = rproc->bootaddr;
		e->e_ehsize = sizeof(*e);
		if (d->sections) {
			e->e_shoff = off;
			e->e_shentsize = sizeof(struct elf32_shdr);
			e->e_shnum = num;
			e->e_shstrndx = 1;
		} else {
			e->e_phoff = off;
			e->e_phentsize = sizeof(struct elf32_phdr);
			e->e_phnum = num;
		}
	}
}

/* One program header (PT_LOAD) or section header, at index @i. */
static void dump_write_entry(const struct rproc_dump *d, unsigned int i,
			     u32 name, u32 type, u64 addr, u64 offset, u64 size)
{
	void *p = d->header + dump_ehdr_size(d->class) + i * dump_entry_size(d);

	if (d->class == ELFCLASS64 && d->sections) {
		struct elf64_shdr *s = p;

		s->sh_name = name;
		s->sh_type = type;
		s->sh_flags = type == SHT_PROGBITS ? SHF_WRITE : 0;
		s->sh_addr = addr;
		s->sh_offset = offset;
		s->sh_size = size;
	} else if (d->class == ELFCLASS64) {
		struct elf64_phdr *ph = p;

		ph->p_type = PT_LOAD;
		ph->p_flags = PF_R | PF_W | PF_X;
		ph->p_offset = offset;
		ph->p_vaddr = addr;
		ph->p_paddr = addr;
		ph->p_filesz = size;
		ph->p_memsz = size;
		ph->p_align = 0;
	} else if (d->sections) {
		struct elf32_shdr *s = p;

		s->sh_name = name;
		s->sh_type = type;
		s->sh_flags = type == SHT_PROGBITS ? SHF_WRITE : 0;
		s->sh_addr = addr;
		s->sh_offset = offset;
		s->sh_size = size;
	} else {
		struct elf32_phdr *ph = p;

		ph->p_type = PT_LOAD;
		ph->p_flags = PF_R | PF_W | PF_X;
		ph->p_offset = offset;
		ph->p_vaddr = addr;
		ph->p_paddr = addr;
		ph->p_filesz = size;
		ph->p_memsz = size;
	}
}

/* Copies @size bytes at @offset in @seg; unreadable memory reads as 0xff. */
static void dump_copy_segment(struct rproc *rproc, struct rproc_dump_segment *seg,
			      void *dest, size_t offset, size_t size)
{
	bool is_iomem = false;
	void *ptr;

	if (seg->dump) {
		seg->dump(rproc, seg, dest, offset, size);
		return;
	}

	ptr = rproc_da_to_va(rproc, seg->da + offset, size, &is_iomem);
	if (!ptr) {
		dev_err(&rproc->dev, "coredump: segment %pad+%zu is outside the processor's memory\n",
			&seg->da, offset);
		memset(dest, 0xff, size);
	} else if (is_iomem) {
		memcpy_fromio(dest, (void __iomem *)ptr, size);
	} else {
		memcpy(dest, ptr, size);
	}
}

/*
 * Builds the headers of a dump in @d; the file is the headers followed
 * by every segment.  Section dumps add a null section and a string table
 * of the segments' names.
 */
static int dump_build_header(struct rproc_dump *d)
{
	struct rproc *rproc = d->rproc;
	struct rproc_dump_segment *seg;
	size_t strtab = 0, nsegs = 0, offset;
	unsigned int i = 0, num;
	char *names = NULL;
	u32 name = 1;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		nsegs++;
		if (d->sections)
			strtab += strlen(seg->priv ?: "") + 1;
	}
	num = nsegs + (d->sections ? 2 : 0);
	if (num > U16_MAX - 1)
		return -E2BIG;
	if (d->sections)
		strtab += sizeof(".shstrtab") + 1;

	d->header_size = dump_ehdr_size(d->class) + num * dump_entry_size(d) +
			 strtab;
	d->header = vzalloc(d->header_size);
	if (!d->header)
		return -ENOMEM;

	dump_write_ehdr(d, num);
	offset = d->header_size;
	if (d->sections) {
		names = d->header + d->header_size - strtab;
		/* names[0] is the empty name of the null section. */
		memcpy(names + name, ".shstrtab", sizeof(".shstrtab"));
		dump_write_entry(d, 1, name, SHT_STRTAB, 0,
				 names - (char *)d->header, strtab);
		name += sizeof(".shstrtab");
		i = 2;
	}

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		if (d->sections) {
			const char *s = seg->priv ?: "";
			size_t n = strlen(s) + 1;

			memcpy(names + name, s, n);
			dump_write_entry(d, i, name, SHT_PROGBITS, seg->da,
					 offset, seg->size);
			name += n;
		} else {
			dump_write_entry(d, i, 0, PT_LOAD, seg->da, offset,
					 seg->size);
		}
		seg->offset = offset;
		/* Sizes may come from firmware: the file must stay addressable. */
		if (check_add_overflow(offset, seg->size, &offset)) {
			vfree(d->header);
			return -E2BIG;
		}
		i++;
	}
	d->size = offset;
	return 0;
}

static ssize_t dump_read(char *buffer, loff_t offset, size_t count,
			 void *data, size_t datalen)
{
	struct rproc_dump *d = data;
	struct rproc_dump_segment *seg;
	size_t done = 0, n, in;

	if (offset < 0 || offset >= d->size)
		return 0;
	count = min_t(size_t, count, d->size - offset);

	if (offset < d->header_size) {
		n = min_t(size_t, count, d->header_size - offset);
		memcpy(buffer, d->header + offset, n);
		done = n;
	}

	list_for_each_entry(seg, &d->rproc->dump_segments, node) {
		loff_t pos = offset + done;

		if (done == count)
			break;
		if (pos < seg->offset || pos >= seg->offset + seg->size)
			continue;
		in = pos - seg->offset;
		n = min_t(size_t, count - done, seg->size - in);
		dump_copy_segment(d->rproc, seg, buffer + done, in, n);
		done += n;
	}
	return done;
}

static void dump_free(void *data)
{
	struct rproc_dump *d = data;

	vfree(d->header);
	complete(&d->done);
}

/**
 * rproc_coredump_submit() - hand a dump copied into one buffer to devcoredump
 * @rproc: the processor
 * @data: the dump, vmalloc()ed; devcoredump frees it
 * @size: its size
 *
 * KUnit tests replace it to look at the dump.
 */
void rproc_coredump_submit(struct rproc *rproc, void *data, size_t size)
{
	KUNIT_STATIC_STUB_REDIRECT(rproc_coredump_submit, rproc, data, size);
	dev_coredumpv(&rproc->dev, data, size, GFP_KERNEL);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_coredump_submit);

static void rproc_dump(struct rproc *rproc, bool sections)
{
	struct rproc_dump d = { .rproc = rproc, .sections = sections };
	enum rproc_dump_mechanism conf = rproc->dump_conf;
	struct rproc_dump_segment *seg;
	void *data;

	if (conf == RPROC_COREDUMP_DISABLED ||
	    list_empty(&rproc->dump_segments))
		return;

	d.class = rproc->elf_class;
	if (d.class != ELFCLASS32 && d.class != ELFCLASS64) {
		dev_err(&rproc->dev, "coredump: ELF class is not set\n");
		return;
	}
	if (dump_build_header(&d)) {
		dev_err(&rproc->dev, "coredump: cannot build the dump headers\n");
		return;
	}

	if (conf == RPROC_COREDUMP_ENABLED) {
		data = vmalloc(d.size);
		if (!data) {
			vfree(d.header);
			return;
		}
		memcpy(data, d.header, d.header_size);
		list_for_each_entry(seg, &rproc->dump_segments, node)
			dump_copy_segment(rproc, seg, data + seg->offset, 0,
					  seg->size);
		vfree(d.header);
		rproc_coredump_submit(rproc, data, d.size);
		return;
	}

	/* Inline: the segments stay in place until user space read them. */
	init_completion(&d.done);
	dev_coredumpm(&rproc->dev, NULL, &d, d.size, GFP_KERNEL, dump_read,
		      dump_free);
	wait_for_completion(&d.done);
}

/**
 * rproc_coredump() - dump the registered segments as program headers
 * @rproc: the processor, crashed and stopped
 *
 * Does nothing when dumps are disabled or no segment is registered.
 * With %RPROC_COREDUMP_INLINE it returns once user space has read the
 * dump or devcoredump dropped it.
 */
void rproc_coredump(struct rproc *rproc)
{
	rproc_dump(rproc, false);
}
EXPORT_SYMBOL(rproc_coredump);

/**
 * rproc_coredump_using_sections() - dump the segments as named sections
 * @rproc: the processor, crashed and stopped
 *
 * Like rproc_coredump(), but each segment becomes a section named by its
 * &rproc_dump_segment.priv string.
 */
void rproc_coredump_using_sections(struct rproc *rproc)
{
	rproc_dump(rproc, true);
}
EXPORT_SYMBOL(rproc_coredump_using_sections);
