// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for crash dumps: the dump is an ELF core file of the class
 * and machine the driver set, with one program header (or section) per
 * segment whose bytes are the processor's memory or what the driver's
 * dump function wrote.
 */

#include <kunit/test.h>

#include "rproc_kunit_fake.h"

struct dump_ctx {
	struct rproc *rproc;
	struct fake_rproc *fake;
	u8 *data;
	size_t size;
	int dumps;
};

static struct dump_ctx *dump_current;

static void dump_capture(struct rproc *rproc, void *data, size_t size)
{
	struct dump_ctx *c = dump_current;

	vfree(c->data);
	c->data = data;
	c->size = size;
	c->dumps++;
}

static void dump_cleanup(void *data)
{
	struct dump_ctx *c = data;

	rproc_resource_cleanup(c->rproc);
	vfree(c->data);
}

static int dump_init(struct kunit *test)
{
	struct dump_ctx *c;
	unsigned int i;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->rproc = fake_rproc_new(test, &fake_ops, RPROC_OFFLINE, &c->fake);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, dump_cleanup, c));
	KUNIT_ASSERT_EQ(test, fake_prepare(c->rproc), 0);
	for (i = 0; i < FAKE_MEM_LEN; i++)
		c->fake->mem[i] = i * 7;

	kunit_activate_static_stub(test, rproc_coredump_submit, dump_capture);
	c->rproc->dump_conf = RPROC_COREDUMP_ENABLED;
	dump_current = c;
	test->priv = c;
	return 0;
}

static void fill_custom(struct rproc *rproc, struct rproc_dump_segment *seg,
			void *dest, size_t offset, size_t size)
{
	memset(dest, 0xc0 + (u8)offset, size);
}

static void dump_elf32_segments(struct kunit *test)
{
	struct dump_ctx *c = test->priv;
	struct elf32_phdr *ph;
	struct elf32_hdr *eh;
	size_t hdrs;

	KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(c->rproc, ELFCLASS32, EM_ARM), 0);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_segment(c->rproc, FAKE_DA + 0x100, 0x40), 0);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_custom_segment(c->rproc, 0x5000, 0x10,
								fill_custom, NULL), 0);
	c->rproc->bootaddr = 0x1234;

	rproc_coredump(c->rproc);
	KUNIT_ASSERT_EQ(test, c->dumps, 1);
	hdrs = sizeof(*eh) + 2 * sizeof(*ph);
	KUNIT_ASSERT_EQ(test, c->size, hdrs + 0x50);

	eh = (void *)c->data;
	KUNIT_EXPECT_MEMEQ(test, eh->e_ident, ELFMAG, SELFMAG);
	KUNIT_EXPECT_EQ(test, eh->e_ident[EI_CLASS], ELFCLASS32);
	KUNIT_EXPECT_EQ(test, eh->e_type, ET_CORE);
	KUNIT_EXPECT_EQ(test, eh->e_machine, EM_ARM);
	KUNIT_EXPECT_EQ(test, eh->e_entry, 0x1234);
	KUNIT_EXPECT_EQ(test, eh->e_phoff, sizeof(*eh));
	KUNIT_EXPECT_EQ(test, eh->e_phnum, 2);
	KUNIT_EXPECT_EQ(test, eh->e_phentsize, sizeof(*ph));

	ph = (void *)(c->data + sizeof(*eh));
	KUNIT_EXPECT_EQ(test, ph[0].p_type, PT_LOAD);
	KUNIT_EXPECT_EQ(test, ph[0].p_paddr, FAKE_DA + 0x100);
	KUNIT_EXPECT_EQ(test, ph[0].p_offset, hdrs);
	KUNIT_EXPECT_EQ(test, ph[0].p_filesz, 0x40);
	KUNIT_EXPECT_MEMEQ(test, c->data + hdrs, c->fake->mem + 0x100, 0x40);
	KUNIT_EXPECT_EQ(test, ph[1].p_offset, hdrs + 0x40);
	KUNIT_EXPECT_EQ(test, c->data[hdrs + 0x40], 0xc0);
}

static void dump_elf64_sections(struct kunit *test)
{
	struct dump_ctx *c = test->priv;
	struct elf64_shdr *sh;
	struct elf64_hdr *eh;
	const char *names;

	KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(c->rproc, ELFCLASS64, EM_AARCH64), 0);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_custom_segment(c->rproc, FAKE_DA, 0x20,
								NULL, "ram"), 0);

	rproc_coredump_using_sections(c->rproc);
	KUNIT_ASSERT_EQ(test, c->dumps, 1);
	eh = (void *)c->data;
	KUNIT_EXPECT_EQ(test, eh->e_ident[EI_CLASS], ELFCLASS64);
	KUNIT_EXPECT_EQ(test, eh->e_machine, EM_AARCH64);
	KUNIT_ASSERT_EQ(test, eh->e_shnum, 3);
	KUNIT_EXPECT_EQ(test, eh->e_shstrndx, 1);
	KUNIT_EXPECT_EQ(test, eh->e_phnum, 0);

	sh = (void *)(c->data + eh->e_shoff);
	KUNIT_EXPECT_EQ(test, sh[0].sh_type, SHT_NULL);
	KUNIT_EXPECT_EQ(test, sh[1].sh_type, SHT_STRTAB);
	KUNIT_ASSERT_LE(test, sh[1].sh_offset + sh[1].sh_size, (u64)c->size);
	names = (const char *)c->data + sh[1].sh_offset;
	KUNIT_EXPECT_STREQ(test, names + sh[1].sh_name, ".shstrtab");
	KUNIT_EXPECT_STREQ(test, names + sh[2].sh_name, "ram");
	KUNIT_EXPECT_EQ(test, sh[2].sh_addr, FAKE_DA);
	KUNIT_ASSERT_EQ(test, sh[2].sh_offset + 0x20, (u64)c->size);
	KUNIT_EXPECT_MEMEQ(test, c->data + sh[2].sh_offset, c->fake->mem, 0x20);
}

static void dump_outside_memory_reads_ff(struct kunit *test)
{
	struct dump_ctx *c = test->priv;
	size_t hdrs = sizeof(struct elf32_hdr) + sizeof(struct elf32_phdr);

	KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(c->rproc, ELFCLASS32, EM_NONE), 0);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_segment(c->rproc,
							 FAKE_DA + FAKE_MEM_LEN - 8, 16), 0);
	rproc_coredump(c->rproc);
	KUNIT_ASSERT_EQ(test, c->size, hdrs + 16);
	KUNIT_EXPECT_EQ(test, c->data[hdrs], 0xff);
	KUNIT_EXPECT_EQ(test, c->data[hdrs + 15], 0xff);
}

static void dump_not_taken(struct kunit *test)
{
	struct dump_ctx *c = test->priv;

	/* No segment. */
	KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(c->rproc, ELFCLASS32, EM_ARM), 0);
	rproc_coredump(c->rproc);
	KUNIT_EXPECT_EQ(test, c->dumps, 0);

	/* Disabled. */
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_segment(c->rproc, FAKE_DA, 16), 0);
	c->rproc->dump_conf = RPROC_COREDUMP_DISABLED;
	rproc_coredump(c->rproc);
	KUNIT_EXPECT_EQ(test, c->dumps, 0);

	/* No class. */
	c->rproc->dump_conf = RPROC_COREDUMP_ENABLED;
	c->rproc->elf_class = ELFCLASSNONE;
	rproc_coredump(c->rproc);
	KUNIT_EXPECT_EQ(test, c->dumps, 0);

	/* Sizes whose sum does not fit a file offset. */
	c->rproc->elf_class = ELFCLASS32;
	rproc_coredump_cleanup(c->rproc);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_custom_segment(c->rproc, 0, SIZE_MAX - 8,
								fill_custom, NULL), 0);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_custom_segment(c->rproc, 0, SIZE_MAX - 8,
								fill_custom, NULL), 0);
	rproc_coredump(c->rproc);
	KUNIT_EXPECT_EQ(test, c->dumps, 0);
	c->rproc->elf_class = ELFCLASSNONE;

	KUNIT_EXPECT_EQ(test, rproc_coredump_set_elf_info(c->rproc, 7, EM_ARM), -EINVAL);
	KUNIT_EXPECT_EQ(test, c->rproc->elf_class, ELFCLASSNONE);

	rproc_coredump_cleanup(c->rproc);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->rproc->dump_segments));
}

static struct kunit_case rproc_coredump_cases[] = {
	KUNIT_CASE(dump_elf32_segments),
	KUNIT_CASE(dump_elf64_sections),
	KUNIT_CASE(dump_outside_memory_reads_ff),
	KUNIT_CASE(dump_not_taken),
	{}
};

static struct kunit_suite rproc_coredump_suite = {
	.name		= "rproc_coredump",
	.init		= dump_init,
	.test_cases	= rproc_coredump_cases,
};

kunit_test_suite(rproc_coredump_suite);

MODULE_DESCRIPTION("KUnit tests for remote processor crash dumps");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
