// SPDX-License-Identifier: GPL-2.0
/*
 * ELF32/ELF64 firmware image parsing.
 *
 * A firmware file is untrusted input.  rproc_elf_open() checks the ELF
 * header and that the program and section header tables lie inside the
 * file; rproc_elf_segment() and rproc_elf_find_section() check each
 * header they read before handing out a width-neutral copy of it.  No
 * field is read from the image twice, and headers are copied out rather
 * than dereferenced in place, so unaligned tables are fine.
 */

#include <linux/device.h>
#include <linux/elf.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include <linux/rsc_table.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "rproc_internal.h"

#define RPROC_ELF_DATA \
	(IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB : ELFDATA2LSB)

/* true if @len bytes at @off lie inside an image of @size bytes */
static bool elf_inside(u64 off, u64 len, size_t size)
{
	return off <= size && len <= size - off;
}

/* Last address an image of @class can express. */
static u64 elf_last_addr(u8 class)
{
	return class == ELFCLASS32 ? U32_MAX : U64_MAX;
}

static void elf_read_ehdr(const u8 *data, u8 class, struct rproc_elf *elf)
{
	if (class == ELFCLASS32) {
		struct elf32_hdr h;

		memcpy(&h, data, sizeof(h));
		elf->type = h.e_type;
		elf->machine = h.e_machine;
		elf->version = h.e_version;
		elf->entry = h.e_entry;
		elf->phoff = h.e_phoff;
		elf->shoff = h.e_shoff;
		elf->ehsize = h.e_ehsize;
		elf->phentsize = h.e_phentsize;
		elf->phnum = h.e_phnum;
		elf->shentsize = h.e_shentsize;
		elf->shnum = h.e_shnum;
		elf->shstrndx = h.e_shstrndx;
	} else {
		struct elf64_hdr h;

		memcpy(&h, data, sizeof(h));
		elf->type = h.e_type;
		elf->machine = h.e_machine;
		elf->version = h.e_version;
		elf->entry = h.e_entry;
		elf->phoff = h.e_phoff;
		elf->shoff = h.e_shoff;
		elf->ehsize = h.e_ehsize;
		elf->phentsize = h.e_phentsize;
		elf->phnum = h.e_phnum;
		elf->shentsize = h.e_shentsize;
		elf->shnum = h.e_shnum;
		elf->shstrndx = h.e_shstrndx;
	}
}

/**
 * rproc_elf_open() - check an ELF firmware image and read its header
 * @dev: device the image is for, for messages
 * @data: the image
 * @size: its size in bytes
 * @machine: the e_machine the remote runs (EM_*), or EM_NONE for any
 * @elf: filled with the image's header on success
 *
 * Accepts ELF32 and ELF64 images of type ET_EXEC or ET_DYN in the
 * host's byte order.  Checks the identification bytes, version, type,
 * machine, header sizes, that there is at least one program header, and
 * that the program and section header tables and the section name table
 * index lie inside the image.  Extended section numbering (e_shnum 0
 * with section headers present) is refused.
 *
 * Return: 0, or -EINVAL with one message naming what is wrong.
 */
int rproc_elf_open(struct device *dev, const void *data, size_t size,
		   u16 machine, struct rproc_elf *elf)
{
	const u8 *ident = data;
	size_t ehsize, phentsize, shentsize;
	u8 class;

	memset(elf, 0, sizeof(*elf));
	if (!data || size < EI_NIDENT || memcmp(ident, ELFMAG, SELFMAG)) {
		dev_err(dev, "bad firmware image: not an ELF file\n");
		return -EINVAL;
	}
	class = ident[EI_CLASS];
	if (class == ELFCLASS32) {
		ehsize = sizeof(struct elf32_hdr);
		phentsize = sizeof(struct elf32_phdr);
		shentsize = sizeof(struct elf32_shdr);
	} else if (class == ELFCLASS64) {
		ehsize = sizeof(struct elf64_hdr);
		phentsize = sizeof(struct elf64_phdr);
		shentsize = sizeof(struct elf64_shdr);
	} else {
		dev_err(dev, "bad firmware image: unsupported ELF class %u\n",
			class);
		return -EINVAL;
	}
	if (ident[EI_DATA] != RPROC_ELF_DATA) {
		dev_err(dev, "bad firmware image: ELF data encoding %u is not the host's byte order (%u)\n",
			ident[EI_DATA], RPROC_ELF_DATA);
		return -EINVAL;
	}
	if (ident[EI_VERSION] != EV_CURRENT) {
		dev_err(dev, "bad firmware image: ELF version %u\n",
			ident[EI_VERSION]);
		return -EINVAL;
	}
	if (size < ehsize) {
		dev_err(dev, "bad firmware image: %zu bytes, smaller than the ELF header\n",
			size);
		return -EINVAL;
	}

	elf->data = data;
	elf->size = size;
	elf->class = class;
	elf_read_ehdr(data, class, elf);

	if (elf->version != EV_CURRENT || elf->ehsize < ehsize) {
		dev_err(dev, "bad firmware image: e_version %u, e_ehsize %u\n",
			elf->version, elf->ehsize);
		return -EINVAL;
	}
	if (elf->type != ET_EXEC && elf->type != ET_DYN) {
		dev_err(dev, "bad firmware image: ELF type %u is not an executable\n",
			elf->type);
		return -EINVAL;
	}
	if (machine != EM_NONE && elf->machine != machine) {
		dev_err(dev, "bad firmware image: built for ELF machine %u, this remote is %u\n",
			elf->machine, machine);
		return -EINVAL;
	}
	if (!elf->phnum || elf->phnum == PN_XNUM ||
	    elf->phentsize != phentsize) {
		dev_err(dev, "bad firmware image: %u program headers of %u bytes (need 1..%u of %zu)\n",
			elf->phnum, elf->phentsize, PN_XNUM - 1, phentsize);
		return -EINVAL;
	}
	if (!elf_inside(elf->phoff, (u64)elf->phnum * phentsize, size)) {
		dev_err(dev, "bad firmware image: program headers at 0x%llx run past the end of the file (%zu bytes)\n",
			elf->phoff, size);
		return -EINVAL;
	}
	if (!elf->shnum) {
		if (!elf->shoff)
			return 0;
		dev_err(dev, "bad firmware image: extended section numbering is not supported\n");
		return -EINVAL;
	}
	if (elf->shentsize != shentsize || elf->shnum >= SHN_LORESERVE) {
		dev_err(dev, "bad firmware image: %u section headers of %u bytes (need fewer than %u of %zu)\n",
			elf->shnum, elf->shentsize, SHN_LORESERVE, shentsize);
		return -EINVAL;
	}
	if (!elf_inside(elf->shoff, (u64)elf->shnum * shentsize, size)) {
		dev_err(dev, "bad firmware image: section headers at 0x%llx run past the end of the file (%zu bytes)\n",
			elf->shoff, size);
		return -EINVAL;
	}
	if (elf->shstrndx >= elf->shnum) {
		dev_err(dev, "bad firmware image: section name table index %u, only %u sections\n",
			elf->shstrndx, elf->shnum);
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_elf_open);

/**
 * rproc_elf_segment() - read and check one program header
 * @dev: device for messages
 * @elf: an image rproc_elf_open() accepted
 * @i: index of the program header; -EINVAL without a message if it is
 *	not below @elf->phnum
 * @seg: filled with the program header
 *
 * For a PT_LOAD segment, checks that its file part lies inside the
 * image, is no larger than its memory size, that its memory range does
 * not run past the address space of the image's class, and that its
 * memory size fits the host's size_t.
 *
 * Return: 0, or -EINVAL with one message naming the segment and field.
 */
int rproc_elf_segment(struct device *dev, const struct rproc_elf *elf,
		      unsigned int i, struct rproc_elf_seg *seg)
{
	const u8 *ph;
	u64 end;

	if (i >= elf->phnum)
		return -EINVAL;
	ph = elf->data + elf->phoff + (size_t)i * elf->phentsize;
	if (elf->class == ELFCLASS32) {
		struct elf32_phdr p;

		memcpy(&p, ph, sizeof(p));
		seg->type = p.p_type;
		seg->flags = p.p_flags;
		seg->offset = p.p_offset;
		seg->da = p.p_paddr;
		seg->filesz = p.p_filesz;
		seg->memsz = p.p_memsz;
	} else {
		struct elf64_phdr p;

		memcpy(&p, ph, sizeof(p));
		seg->type = p.p_type;
		seg->flags = p.p_flags;
		seg->offset = p.p_offset;
		seg->da = p.p_paddr;
		seg->filesz = p.p_filesz;
		seg->memsz = p.p_memsz;
	}
	if (seg->type != PT_LOAD)
		return 0;

	if (seg->filesz > seg->memsz) {
		dev_err(dev, "bad firmware image: segment %u: p_filesz 0x%llx exceeds p_memsz 0x%llx\n",
			i, seg->filesz, seg->memsz);
		return -EINVAL;
	}
	if (!elf_inside(seg->offset, seg->filesz, elf->size)) {
		dev_err(dev, "bad firmware image: segment %u: 0x%llx bytes at offset 0x%llx run past the end of the file (%zu bytes)\n",
			i, seg->filesz, seg->offset, elf->size);
		return -EINVAL;
	}
	if (seg->memsz &&
	    (check_add_overflow(seg->da, seg->memsz - 1, &end) ||
	     end > elf_last_addr(elf->class))) {
		dev_err(dev, "bad firmware image: segment %u: p_paddr 0x%llx + p_memsz 0x%llx runs past the address space\n",
			i, seg->da, seg->memsz);
		return -EINVAL;
	}
	if (seg->memsz > SIZE_MAX) {
		dev_err(dev, "bad firmware image: segment %u: p_memsz 0x%llx is too large for this host\n",
			i, seg->memsz);
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_elf_segment);

static void elf_read_shdr(const struct rproc_elf *elf, unsigned int i,
			  struct rproc_elf_sect *s)
{
	const u8 *sh = elf->data + elf->shoff + (size_t)i * elf->shentsize;

	if (elf->class == ELFCLASS32) {
		struct elf32_shdr h;

		memcpy(&h, sh, sizeof(h));
		s->name = h.sh_name;
		s->type = h.sh_type;
		s->addr = h.sh_addr;
		s->offset = h.sh_offset;
		s->size = h.sh_size;
	} else {
		struct elf64_shdr h;

		memcpy(&h, sh, sizeof(h));
		s->name = h.sh_name;
		s->type = h.sh_type;
		s->addr = h.sh_addr;
		s->offset = h.sh_offset;
		s->size = h.sh_size;
	}
}

/**
 * rproc_elf_find_section() - find a section by name
 * @dev: device for messages
 * @elf: an image rproc_elf_open() accepted
 * @name: the section's name
 * @sect: filled with the section's header if it is found
 *
 * Checks the section name table and, for the section found, that its
 * contents (unless SHT_NOBITS) lie inside the image.  An image whose
 * e_shstrndx is SHN_UNDEF has no section names, so no section is found.
 *
 * Return: 0 if found, -ENOENT if the image has no such section (no
 * message), -EINVAL with one message if the image is malformed.
 */
int rproc_elf_find_section(struct device *dev, const struct rproc_elf *elf,
			   const char *name, struct rproc_elf_sect *sect)
{
	struct rproc_elf_sect strtab, s;
	size_t len = strlen(name) + 1;
	unsigned int i;

	if (!elf->shnum || elf->shstrndx == SHN_UNDEF)
		return -ENOENT;
	elf_read_shdr(elf, elf->shstrndx, &strtab);
	if (strtab.type != SHT_STRTAB ||
	    !elf_inside(strtab.offset, strtab.size, elf->size)) {
		dev_err(dev, "bad firmware image: section name table (section %u) is not a string table inside the file\n",
			elf->shstrndx);
		return -EINVAL;
	}
	for (i = 0; i < elf->shnum; i++) {
		elf_read_shdr(elf, i, &s);
		if (s.name >= strtab.size)
			continue;
		/* The name must end inside the table to match. */
		if (len > strtab.size - s.name ||
		    memcmp(elf->data + strtab.offset + s.name, name, len))
			continue;
		if (s.type != SHT_NOBITS &&
		    !elf_inside(s.offset, s.size, elf->size)) {
			dev_err(dev, "bad firmware image: section %s: 0x%llx bytes at offset 0x%llx run past the end of the file (%zu bytes)\n",
				name, s.size, s.offset, elf->size);
			return -EINVAL;
		}
		*sect = s;
		return 0;
	}
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_elf_find_section);

/**
 * rproc_elf_rsc_table() - find and check the resource table of an image
 * @dev: device for messages
 * @elf: an image rproc_elf_open() accepted
 * @table: set to the table inside the image, or NULL if it has none
 * @size: set to the table's size
 *
 * The table is the contents of the ".resource_table" section; it is
 * checked whole with rproc_rsc_table_check().  A version 2 table must
 * sit at an 8-byte aligned device address, so that the remote can reach
 * its 64-bit fields with plain loads and stores.
 *
 * Return: 0 (also when there is no table), or -EINVAL.
 */
int rproc_elf_rsc_table(struct device *dev, const struct rproc_elf *elf,
			const struct resource_table **table, size_t *size)
{
	const struct resource_table *t;
	struct rproc_elf_sect s;
	int ret;

	*table = NULL;
	*size = 0;
	ret = rproc_elf_find_section(dev, elf, ".resource_table", &s);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	if (s.type == SHT_NOBITS) {
		dev_err(dev, "bad firmware image: .resource_table has no contents\n");
		return -EINVAL;
	}
	t = (const struct resource_table *)(elf->data + s.offset);
	ret = rproc_rsc_table_check(dev, t, s.size, size);
	if (ret)
		return ret;
	if (t->ver >= 2 && !IS_ALIGNED(s.addr, 8)) {
		dev_err(dev, "bad firmware image: version 2 resource table at unaligned address 0x%llx\n",
			s.addr);
		return -EINVAL;
	}
	*table = t;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_elf_rsc_table);
