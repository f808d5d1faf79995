// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for ELF firmware parsing: ELF32 and ELF64 images built in
 * the test are read the same way, every malformed header, segment and
 * section is refused, and no truncation or corruption makes the parser
 * read outside the image.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/prandom.h>
#include <linux/rsc_table.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../rproc_internal.h"

/*
 * Image layout: ELF header, two program headers (a PT_LOAD and a
 * PT_NOTE), four section headers (null, .text, .resource_table,
 * .shstrtab), the section names, the loadable bytes and the table.
 */
#define IMG_PHNUM	2
#define IMG_SHNUM	4
#define IMG_TEXT_LEN	64
#define IMG_ENTRY	0x1000ULL
#define IMG_DA64	0x100000000ULL
#define IMG_DA32	0x20000000ULL

static const char img_names[] = "\0.text\0.resource_table\0.shstrtab";
#define NAME_TEXT	1
#define NAME_RSC	7
#define NAME_SHSTRTAB	23

/* An image and its ELF header fields, written by img_sync(). */
struct img {
	u8 *buf;
	size_t size;
	u8 class;
	size_t phoff, shoff, names, text, rsc, rsc_len;
	struct rproc_elf h;
};

static size_t ehdr_size(u8 class)
{
	return class == ELFCLASS32 ? sizeof(struct elf32_hdr) : sizeof(struct elf64_hdr);
}

static size_t phdr_size(u8 class)
{
	return class == ELFCLASS32 ? sizeof(struct elf32_phdr) : sizeof(struct elf64_phdr);
}

static size_t shdr_size(u8 class)
{
	return class == ELFCLASS32 ? sizeof(struct elf32_shdr) : sizeof(struct elf64_shdr);
}

static void img_phdr(struct img *im, unsigned int i, u32 type, u64 off,
		     u64 da, u64 filesz, u64 memsz)
{
	void *p = im->buf + im->phoff + i * phdr_size(im->class);

	if (im->class == ELFCLASS32) {
		struct elf32_phdr *ph = p;

		ph->p_type = type;
		ph->p_offset = off;
		ph->p_paddr = da;
		ph->p_vaddr = da;
		ph->p_filesz = filesz;
		ph->p_memsz = memsz;
		ph->p_flags = PF_R | PF_X;
	} else {
		struct elf64_phdr *ph = p;

		ph->p_type = type;
		ph->p_offset = off;
		ph->p_paddr = da;
		ph->p_vaddr = da;
		ph->p_filesz = filesz;
		ph->p_memsz = memsz;
		ph->p_flags = PF_R | PF_X;
	}
}

static void img_shdr(struct img *im, unsigned int i, u32 name, u32 type,
		     u64 addr, u64 off, u64 size)
{
	void *p = im->buf + im->shoff + i * shdr_size(im->class);

	if (im->class == ELFCLASS32) {
		struct elf32_shdr *sh = p;

		sh->sh_name = name;
		sh->sh_type = type;
		sh->sh_addr = addr;
		sh->sh_offset = off;
		sh->sh_size = size;
	} else {
		struct elf64_shdr *sh = p;

		sh->sh_name = name;
		sh->sh_type = type;
		sh->sh_addr = addr;
		sh->sh_offset = off;
		sh->sh_size = size;
	}
}

/* Write the ELF header from im->h. */
static void img_sync(struct img *im)
{
	const struct rproc_elf *h = &im->h;

	if (im->class == ELFCLASS32) {
		struct elf32_hdr e = {};

		memcpy(e.e_ident, im->buf, EI_NIDENT);
		e.e_type = h->type;
		e.e_machine = h->machine;
		e.e_version = h->version;
		e.e_entry = h->entry;
		e.e_phoff = h->phoff;
		e.e_shoff = h->shoff;
		e.e_ehsize = h->ehsize;
		e.e_phentsize = h->phentsize;
		e.e_phnum = h->phnum;
		e.e_shentsize = h->shentsize;
		e.e_shnum = h->shnum;
		e.e_shstrndx = h->shstrndx;
		memcpy(im->buf, &e, sizeof(e));
	} else {
		struct elf64_hdr e = {};

		memcpy(e.e_ident, im->buf, EI_NIDENT);
		e.e_type = h->type;
		e.e_machine = h->machine;
		e.e_version = h->version;
		e.e_entry = h->entry;
		e.e_phoff = h->phoff;
		e.e_shoff = h->shoff;
		e.e_ehsize = h->ehsize;
		e.e_phentsize = h->phentsize;
		e.e_phnum = h->phnum;
		e.e_shentsize = h->shentsize;
		e.e_shnum = h->shnum;
		e.e_shstrndx = h->shstrndx;
		memcpy(im->buf, &e, sizeof(e));
	}
}

static void img_build(struct kunit *test, struct img *im, u8 class)
{
	struct resource_table *t;
	struct fw_rsc_carveout *c;
	u64 da = class == ELFCLASS32 ? IMG_DA32 : IMG_DA64;
	size_t off;

	im->class = class;
	im->phoff = ALIGN(ehdr_size(class), 8);
	im->shoff = im->phoff + IMG_PHNUM * phdr_size(class);
	im->names = im->shoff + IMG_SHNUM * shdr_size(class);
	im->text = ALIGN(im->names + sizeof(img_names), 8);
	im->rsc = im->text + IMG_TEXT_LEN;
	im->rsc_len = struct_size(t, offset, 1) + sizeof(struct fw_rsc_hdr) + sizeof(*c);
	im->size = im->rsc + im->rsc_len;
	im->buf = kunit_kzalloc(test, im->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, im->buf);

	memcpy(im->buf, ELFMAG, SELFMAG);
	im->buf[EI_CLASS] = class;
	im->buf[EI_DATA] = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB : ELFDATA2LSB;
	im->buf[EI_VERSION] = EV_CURRENT;
	im->h = (struct rproc_elf) {
		.type = ET_EXEC, .machine = EM_X86_64, .version = EV_CURRENT,
		.entry = IMG_ENTRY, .phoff = im->phoff, .shoff = im->shoff,
		.ehsize = ehdr_size(class), .phentsize = phdr_size(class),
		.phnum = IMG_PHNUM, .shentsize = shdr_size(class),
		.shnum = IMG_SHNUM, .shstrndx = 3,
	};
	img_sync(im);

	img_phdr(im, 0, PT_LOAD, im->text, da, IMG_TEXT_LEN + im->rsc_len,
		 0x10000);
	img_phdr(im, 1, PT_NOTE, im->names, 0, 4, 4);

	img_shdr(im, 1, NAME_TEXT, SHT_PROGBITS, da, im->text, IMG_TEXT_LEN);
	img_shdr(im, 2, NAME_RSC, SHT_PROGBITS, da + IMG_TEXT_LEN, im->rsc,
		 im->rsc_len);
	img_shdr(im, 3, NAME_SHSTRTAB, SHT_STRTAB, 0, im->names,
		 sizeof(img_names));
	memcpy(im->buf + im->names, img_names, sizeof(img_names));
	memset(im->buf + im->text, 0x90, IMG_TEXT_LEN);

	t = (void *)(im->buf + im->rsc);
	t->ver = 1;
	t->num = 1;
	off = struct_size(t, offset, 1);
	t->offset[0] = off;
	((struct fw_rsc_hdr *)((u8 *)t + off))->type = RSC_CARVEOUT;
	c = (void *)((u8 *)t + off + sizeof(struct fw_rsc_hdr));
	c->da = 0x30000000;
	c->pa = FW_RSC_ADDR_ANY;
	c->len = 0x1000;
	strscpy(c->name, "mem", sizeof(c->name));
}

static int img_open(struct kunit *test, struct img *im, struct rproc_elf *elf)
{
	return rproc_elf_open(test->priv, im->buf, im->size, EM_X86_64, elf);
}

static void elf_valid_images(struct kunit *test)
{
	static const u8 classes[] = { ELFCLASS32, ELFCLASS64 };
	const struct resource_table *table;
	struct rproc_elf_sect sect;
	struct rproc_elf_seg seg;
	struct rproc_elf elf;
	unsigned int i;
	size_t size;
	struct img im;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		img_build(test, &im, classes[i]);
		KUNIT_ASSERT_EQ(test, img_open(test, &im, &elf), 0);
		KUNIT_EXPECT_EQ(test, elf.class, classes[i]);
		KUNIT_EXPECT_EQ(test, elf.entry, IMG_ENTRY);
		KUNIT_EXPECT_EQ(test, elf.phnum, IMG_PHNUM);

		KUNIT_ASSERT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), 0);
		KUNIT_EXPECT_EQ(test, seg.type, PT_LOAD);
		KUNIT_EXPECT_EQ(test, seg.da, classes[i] == ELFCLASS32 ? IMG_DA32 : IMG_DA64);
		KUNIT_EXPECT_EQ(test, seg.offset, (u64)im.text);
		KUNIT_EXPECT_EQ(test, seg.memsz, 0x10000ULL);
		KUNIT_ASSERT_EQ(test, rproc_elf_segment(test->priv, &elf, 1, &seg), 0);
		KUNIT_EXPECT_EQ(test, seg.type, PT_NOTE);
		KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 2, &seg), -EINVAL);

		KUNIT_ASSERT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".text", &sect), 0);
		KUNIT_EXPECT_EQ(test, sect.offset, (u64)im.text);
		KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".data", &sect),
				-ENOENT);
		/* A prefix of a name is not the name. */
		KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".tex", &sect),
				-ENOENT);

		KUNIT_ASSERT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), 0);
		KUNIT_EXPECT_PTR_EQ(test, (const void *)table, (const void *)(im.buf + im.rsc));
		KUNIT_EXPECT_EQ(test, size, im.rsc_len);
	}
}

static void elf_bad_ident(struct kunit *test)
{
	struct rproc_elf elf;
	struct img im;

	img_build(test, &im, ELFCLASS64);
	KUNIT_EXPECT_EQ(test, rproc_elf_open(test->priv, NULL, 64, EM_NONE, &elf), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_elf_open(test->priv, im.buf, EI_NIDENT - 1, EM_NONE, &elf),
			-EINVAL);
	/* Identification fine, header cut short. */
	KUNIT_EXPECT_EQ(test, rproc_elf_open(test->priv, im.buf, 40, EM_NONE, &elf), -EINVAL);

	im.buf[1] = 'X';
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.buf[1] = 'E';
	im.buf[EI_CLASS] = 3;
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.buf[EI_CLASS] = ELFCLASS64;
	im.buf[EI_DATA] = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2LSB : ELFDATA2MSB;
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.buf[EI_DATA] = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB : ELFDATA2LSB;
	im.buf[EI_VERSION] = 2;
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.buf[EI_VERSION] = EV_CURRENT;
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), 0);
}

static void elf_bad_header_fields(struct kunit *test)
{
	struct rproc_elf elf;
	struct img im;

	img_build(test, &im, ELFCLASS64);

	im.h.type = ET_REL;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.type = ET_DYN;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), 0);

	/* Wrong machine, unless any machine is accepted. */
	im.h.machine = EM_ARM;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_elf_open(test->priv, im.buf, im.size, EM_NONE, &elf), 0);
	im.h.machine = EM_X86_64;
	img_sync(&im);

	im.h.version = 0;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.version = EV_CURRENT;
	img_sync(&im);

	im.h.ehsize = 10;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.ehsize = ehdr_size(im.class);
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), 0);
}

static void elf_bad_program_headers(struct kunit *test)
{
	struct rproc_elf elf;
	struct img im;

	img_build(test, &im, ELFCLASS64);

	im.h.phnum = 0;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.phnum = PN_XNUM;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.phnum = 1000;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.phnum = IMG_PHNUM;
	img_sync(&im);

	im.h.phentsize = sizeof(struct elf32_phdr);
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.phentsize = phdr_size(im.class);
	img_sync(&im);

	im.h.phoff = U64_MAX - 8;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.phoff = im.size - 1;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.phoff = im.phoff;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), 0);
}

static void elf_bad_section_headers(struct kunit *test)
{
	struct rproc_elf elf;
	struct img im;

	img_build(test, &im, ELFCLASS32);

	im.h.shentsize = 12;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.shentsize = shdr_size(im.class);
	img_sync(&im);

	im.h.shoff = im.size - 8;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.shoff = U32_MAX;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.shoff = im.shoff;
	img_sync(&im);

	im.h.shstrndx = IMG_SHNUM;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	im.h.shstrndx = 3;
	img_sync(&im);

	/* Extended section numbering is refused. */
	im.h.shnum = 0;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), -EINVAL);
	/* No section headers at all: fine, and no resource table. */
	im.h.shoff = 0;
	img_sync(&im);
	KUNIT_EXPECT_EQ(test, img_open(test, &im, &elf), 0);
}

static void elf_section_names(struct kunit *test)
{
	const struct resource_table *table;
	struct rproc_elf_sect sect;
	struct rproc_elf elf;
	struct img im;
	size_t size;

	/* Without a name table no section is found, and there is no table. */
	img_build(test, &im, ELFCLASS64);
	im.h.shstrndx = SHN_UNDEF;
	img_sync(&im);
	KUNIT_ASSERT_EQ(test, img_open(test, &im, &elf), 0);
	KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".text", &sect), -ENOENT);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), 0);
	KUNIT_EXPECT_NULL(test, table);

	/* A version 2 table must sit at an 8-byte aligned address. */
	img_build(test, &im, ELFCLASS64);
	((struct resource_table *)(im.buf + im.rsc))->ver = 2;
	((struct resource_table *)(im.buf + im.rsc))->reserved[0] = im.rsc_len;
	KUNIT_ASSERT_EQ(test, img_open(test, &im, &elf), 0);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), 0);
	img_shdr(&im, 2, NAME_RSC, SHT_PROGBITS, IMG_DA64 + IMG_TEXT_LEN + 4, im.rsc,
		 im.rsc_len);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), -EINVAL);
}

static void elf_bad_segments(struct kunit *test)
{
	struct rproc_elf_seg seg;
	struct rproc_elf elf;
	struct img im;

	img_build(test, &im, ELFCLASS32);
	KUNIT_ASSERT_EQ(test, img_open(test, &im, &elf), 0);

	img_phdr(&im, 0, PT_LOAD, im.text, IMG_DA32, 0x100, 0x80);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), -EINVAL);
	img_phdr(&im, 0, PT_LOAD, im.text, IMG_DA32, im.size, im.size);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), -EINVAL);
	img_phdr(&im, 0, PT_LOAD, U32_MAX, IMG_DA32, 2, 2);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), -EINVAL);
	/* Memory past 4 GiB in a 32-bit image. */
	img_phdr(&im, 0, PT_LOAD, im.text, 0xfffff000, 0x10, 0x2000);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), -EINVAL);
	img_phdr(&im, 0, PT_LOAD, im.text, 0xfffff000, 0x10, 0x1000);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), 0);
	/* Only PT_LOAD segments are loaded, so only they are checked. */
	img_phdr(&im, 0, PT_NOTE, U32_MAX, 0, 0x100, 0x80);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), 0);

	img_build(test, &im, ELFCLASS64);
	KUNIT_ASSERT_EQ(test, img_open(test, &im, &elf), 0);
	img_phdr(&im, 0, PT_LOAD, im.text, U64_MAX - 0xfff, 0x10, 0x1001);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), -EINVAL);
	img_phdr(&im, 0, PT_LOAD, im.text, U64_MAX - 0xfff, 0x10, 0x1000);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), 0);
	img_phdr(&im, 0, PT_LOAD, U64_MAX, 0, 1, 1);
	KUNIT_EXPECT_EQ(test, rproc_elf_segment(test->priv, &elf, 0, &seg), -EINVAL);
}

static void elf_bad_sections(struct kunit *test)
{
	const struct resource_table *table;
	struct rproc_elf_sect sect;
	struct rproc_elf elf;
	size_t size;
	struct img im;

	img_build(test, &im, ELFCLASS64);
	KUNIT_ASSERT_EQ(test, img_open(test, &im, &elf), 0);

	/* The name table must be a string table inside the file. */
	img_shdr(&im, 3, NAME_SHSTRTAB, SHT_PROGBITS, 0, im.names, sizeof(img_names));
	KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".text", &sect), -EINVAL);
	img_shdr(&im, 3, NAME_SHSTRTAB, SHT_STRTAB, 0, im.names, im.size);
	KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".text", &sect), -EINVAL);
	img_shdr(&im, 3, NAME_SHSTRTAB, SHT_STRTAB, 0, im.names, sizeof(img_names));

	/* A name offset past the name table matches nothing. */
	img_shdr(&im, 1, 1000, SHT_PROGBITS, 0, im.text, IMG_TEXT_LEN);
	KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".text", &sect), -ENOENT);
	/* Nor does a name that would end past the table. */
	img_shdr(&im, 3, NAME_SHSTRTAB, SHT_STRTAB, 0, im.names, sizeof(img_names) - 1);
	KUNIT_EXPECT_EQ(test, rproc_elf_find_section(test->priv, &elf, ".shstrtab", &sect),
			-ENOENT);
	img_shdr(&im, 3, NAME_SHSTRTAB, SHT_STRTAB, 0, im.names, sizeof(img_names));

	/* The table's contents run past the file. */
	img_shdr(&im, 2, NAME_RSC, SHT_PROGBITS, 0, im.rsc, im.rsc_len + 1);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), -EINVAL);
	img_shdr(&im, 2, NAME_RSC, SHT_NOBITS, 0, im.rsc, im.rsc_len);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), -EINVAL);
	img_shdr(&im, 2, NAME_RSC, SHT_PROGBITS, 0, im.rsc, im.rsc_len);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), 0);

	/* A bad table inside a good image. */
	((struct resource_table *)(im.buf + im.rsc))->ver = 7;
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), -EINVAL);
	KUNIT_EXPECT_NULL(test, table);

	/* No table at all is not an error. */
	img_shdr(&im, 2, NAME_TEXT, SHT_PROGBITS, 0, im.rsc, im.rsc_len);
	KUNIT_EXPECT_EQ(test, rproc_elf_rsc_table(test->priv, &elf, &table, &size), 0);
	KUNIT_EXPECT_NULL(test, table);
}

/* Parse everything the image offers; all it points at must be inside. */
static void elf_walk(struct kunit *test, const u8 *data, size_t size)
{
	const struct resource_table *table;
	struct rproc_elf_seg seg;
	struct rproc_elf elf;
	size_t tsize;
	unsigned int i;

	if (rproc_elf_open(test->priv, data, size, EM_NONE, &elf))
		return;
	for (i = 0; i < elf.phnum; i++) {
		if (rproc_elf_segment(test->priv, &elf, i, &seg) || seg.type != PT_LOAD)
			continue;
		KUNIT_EXPECT_LE(test, seg.offset + seg.filesz, (u64)size);
	}
	if (!rproc_elf_rsc_table(test->priv, &elf, &table, &tsize) && table) {
		KUNIT_EXPECT_GE(test, (uintptr_t)table, (uintptr_t)data);
		KUNIT_EXPECT_LE(test, (uintptr_t)table + tsize, (uintptr_t)data + size);
	}
}

/* Every prefix of a valid image, in an exactly sized buffer. */
static void elf_truncation_never_escapes(struct kunit *test)
{
	struct img im;
	size_t len;
	u8 *copy;

	img_build(test, &im, ELFCLASS64);
	for (len = 0; len <= im.size; len++) {
		copy = kmemdup(im.buf, len ? len : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		elf_walk(test, copy, len);
		kfree(copy);
	}
}

static void elf_corruption_never_escapes(struct kunit *test)
{
	struct rnd_state rnd;
	struct img im[2];
	unsigned int round, i;
	u8 *copy;

	img_build(test, &im[0], ELFCLASS32);
	img_build(test, &im[1], ELFCLASS64);
	prandom_seed_state(&rnd, 0xe1f);
	for (round = 0; round < 1000; round++) {
		const struct img *r = &im[round & 1];

		copy = kmemdup(r->buf, r->size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		/* Headers are where damage matters: aim there mostly. */
		for (i = 0; i < 1 + prandom_u32_state(&rnd) % 3; i++)
			copy[prandom_u32_state(&rnd) % (round % 4 ? r->text : r->size)] =
				prandom_u32_state(&rnd);
		elf_walk(test, copy, r->size);
		kfree(copy);
	}
}

static int elf_test_init(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "elf-test");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	test->priv = dev;
	return 0;
}

static struct kunit_case rproc_elf_cases[] = {
	KUNIT_CASE(elf_valid_images),
	KUNIT_CASE(elf_bad_ident),
	KUNIT_CASE(elf_bad_header_fields),
	KUNIT_CASE(elf_bad_program_headers),
	KUNIT_CASE(elf_bad_section_headers),
	KUNIT_CASE(elf_section_names),
	KUNIT_CASE(elf_bad_segments),
	KUNIT_CASE(elf_bad_sections),
	KUNIT_CASE(elf_truncation_never_escapes),
	KUNIT_CASE_SLOW(elf_corruption_never_escapes),
	{}
};

static struct kunit_suite rproc_elf_suite = {
	.name = "rproc_elf",
	.init = elf_test_init,
	.test_cases = rproc_elf_cases,
};

kunit_test_suite(rproc_elf_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for remote processor ELF firmware parsing");
MODULE_LICENSE("GPL");
