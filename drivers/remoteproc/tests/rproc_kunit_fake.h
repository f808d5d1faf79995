/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake remote processor for the KUnit suites of the core: memory the
 * fake owns, operations that count their calls and fail on request, an
 * ELF32 firmware image built in memory, and a firmware request the test
 * answers itself.
 */

#ifndef RPROC_KUNIT_FAKE_H
#define RPROC_KUNIT_FAKE_H

#include <kunit/device.h>
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../rproc_internal.h"

/* The fake's memory, and where the processor sees it. */
#define FAKE_DA		0x20000000ULL
#define FAKE_MEM_LEN	0x10000
#define FAKE_MEM_NAME	"fake-mem"
#define FAKE_TRACE_OFF	0x8000
#define FAKE_TRACE_LEN	256
/* Where the attach tests put the running processor's table. */
#define FAKE_LIVE_OFF	0xc000

/**
 * struct fake_table - the resource table of the fake's firmware
 * @hdr: version 1 header with two entries
 * @offset: entry offsets
 * @carveout_hdr: header of entry 0
 * @carveout: the fake's memory, by name
 * @trace_hdr: header of entry 1
 * @trace: a trace buffer inside that memory
 */
struct fake_table {
	struct resource_table hdr;
	u32 offset[2];
	struct fw_rsc_hdr carveout_hdr;
	struct fw_rsc_carveout carveout;
	struct fw_rsc_hdr trace_hdr;
	struct fw_rsc_trace trace;
} __packed;

#define FAKE_TEXT_LEN	64

/**
 * struct fake_image - an ELF32 firmware image with one loadable segment
 *	holding its text and its resource table
 * @eh: ELF header
 * @ph: the PT_LOAD program header
 * @sh: null, .resource_table and .shstrtab section headers
 * @names: section names
 * @text: segment bytes before the table
 * @table: the table, also the .resource_table section
 */
struct fake_image {
	struct elf32_hdr eh;
	struct elf32_phdr ph;
	struct elf32_shdr sh[3];
	char names[32];
	u8 text[FAKE_TEXT_LEN];
	struct fake_table table;
} __packed;

/**
 * struct fake_rproc - state of the fake driver
 * @test: the running test
 * @mem: the processor's memory
 * @calls: how many times each operation ran (prepare: succeeded)
 * @fail: error each operation returns instead of succeeding
 * @image: the firmware the next request gets
 * @fw_requests: how many firmware requests there were
 * @running: the fake processor runs
 * @kicks: how many kicks it got
 */
struct fake_rproc {
	struct kunit *test;
	u8 *mem;
	struct {
		int prepare, unprepare, start, stop, attach, detach, release_fw;
	} calls, fail;
	struct fake_image image;
	int fw_requests;
	bool running;
	int kicks;
};

static inline struct fake_rproc *fake_of(struct rproc *rproc)
{
	return rproc->priv;
}

static inline int fake_prepare(struct rproc *rproc)
{
	struct fake_rproc *f = fake_of(rproc);
	struct rproc_mem_entry *mem;

	if (f->fail.prepare)
		return f->fail.prepare;
	f->calls.prepare++;

	/* Like a real driver: register the memory at every boot. */
	mem = rproc_mem_entry_init(rproc->dev.parent, f->mem, virt_to_phys(f->mem),
				   FAKE_MEM_LEN, FAKE_DA, NULL, NULL,
				   FAKE_MEM_NAME);
	if (!mem)
		return -ENOMEM;
	rproc_add_carveout(rproc, mem);
	return 0;
}

static inline int fake_unprepare(struct rproc *rproc)
{
	fake_of(rproc)->calls.unprepare++;
	return 0;
}

static inline int fake_start(struct rproc *rproc)
{
	struct fake_rproc *f = fake_of(rproc);

	f->calls.start++;
	if (f->fail.start)
		return f->fail.start;
	f->running = true;
	return 0;
}

static inline int fake_stop(struct rproc *rproc)
{
	struct fake_rproc *f = fake_of(rproc);

	f->calls.stop++;
	if (f->fail.stop)
		return f->fail.stop;
	f->running = false;
	return 0;
}

static inline int fake_attach(struct rproc *rproc)
{
	struct fake_rproc *f = fake_of(rproc);

	f->calls.attach++;
	return f->fail.attach;
}

static inline int fake_detach(struct rproc *rproc)
{
	struct fake_rproc *f = fake_of(rproc);

	f->calls.detach++;
	return f->fail.detach;
}

static inline void fake_release_fw(struct rproc *rproc)
{
	fake_of(rproc)->calls.release_fw++;
}

static inline void fake_kick(struct rproc *rproc, int vqid)
{
	fake_of(rproc)->kicks++;
}

static inline struct resource_table *fake_get_loaded_rsc_table(struct rproc *rproc,
							       size_t *size)
{
	*size = sizeof(struct fake_table);
	return (void *)(fake_of(rproc)->mem + FAKE_LIVE_OFF);
}

static const struct rproc_ops fake_ops __maybe_unused = {
	.prepare		= fake_prepare,
	.unprepare		= fake_unprepare,
	.start			= fake_start,
	.stop			= fake_stop,
	.attach			= fake_attach,
	.detach			= fake_detach,
	.kick			= fake_kick,
	.release_fw		= fake_release_fw,
	.get_loaded_rsc_table	= fake_get_loaded_rsc_table,
};

/* A valid table: the fake's memory as a carveout, and a trace buffer. */
static inline void fake_table_init(struct fake_table *t)
{
	memset(t, 0, sizeof(*t));
	t->hdr.ver = 1;
	t->hdr.num = 2;
	t->offset[0] = offsetof(struct fake_table, carveout_hdr);
	t->offset[1] = offsetof(struct fake_table, trace_hdr);
	t->carveout_hdr.type = RSC_CARVEOUT;
	t->carveout.da = FAKE_DA;
	t->carveout.pa = FW_RSC_ADDR_ANY;
	t->carveout.len = FAKE_MEM_LEN;
	strscpy(t->carveout.name, FAKE_MEM_NAME, sizeof(t->carveout.name));
	t->trace_hdr.type = RSC_TRACE;
	t->trace.da = FAKE_DA + FAKE_TRACE_OFF;
	t->trace.len = FAKE_TRACE_LEN;
	strscpy(t->trace.name, "fake-trace", sizeof(t->trace.name));
}

/* Where the image's segment starts in the file, and the table in memory. */
#define FAKE_SEG_OFF	offsetof(struct fake_image, text)
#define FAKE_TABLE_DA	(FAKE_DA + offsetof(struct fake_image, table) - FAKE_SEG_OFF)

static inline void fake_image_init(struct fake_image *im)
{
	static const char names[] = "\0.resource_table\0.shstrtab";
	unsigned int i;

	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELFMAG, SELFMAG);
	im->eh.e_ident[EI_CLASS] = ELFCLASS32;
	im->eh.e_ident[EI_DATA] = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ?
				  ELFDATA2MSB : ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_ARM;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = FAKE_DA + 0x10;
	im->eh.e_phoff = offsetof(struct fake_image, ph);
	im->eh.e_shoff = offsetof(struct fake_image, sh);
	im->eh.e_ehsize = sizeof(im->eh);
	im->eh.e_phentsize = sizeof(im->ph);
	im->eh.e_phnum = 1;
	im->eh.e_shentsize = sizeof(im->sh[0]);
	im->eh.e_shnum = 3;
	im->eh.e_shstrndx = 2;

	im->ph.p_type = PT_LOAD;
	im->ph.p_offset = FAKE_SEG_OFF;
	im->ph.p_paddr = FAKE_DA;
	im->ph.p_vaddr = FAKE_DA;
	im->ph.p_filesz = sizeof(*im) - FAKE_SEG_OFF;
	im->ph.p_memsz = im->ph.p_filesz + 0x100;
	im->ph.p_flags = PF_R | PF_W | PF_X;

	memcpy(im->names, names, sizeof(names));
	im->sh[1].sh_name = 1;
	im->sh[1].sh_type = SHT_PROGBITS;
	im->sh[1].sh_addr = FAKE_TABLE_DA;
	im->sh[1].sh_offset = offsetof(struct fake_image, table);
	im->sh[1].sh_size = sizeof(im->table);
	im->sh[2].sh_name = 17;
	im->sh[2].sh_type = SHT_STRTAB;
	im->sh[2].sh_offset = offsetof(struct fake_image, names);
	im->sh[2].sh_size = sizeof(names);

	for (i = 0; i < FAKE_TEXT_LEN; i++)
		im->text[i] = i ^ 0x5a;
	fake_table_init(&im->table);
}

/* Answers the core's firmware request with a copy of the fake's image. */
static inline int fake_request_firmware(struct rproc *rproc,
					const struct firmware **fw)
{
	struct fake_rproc *f = fake_of(rproc);
	struct firmware *img;
	void *data;

	f->fw_requests++;
	img = kzalloc(sizeof(*img), GFP_KERNEL);
	data = vmalloc(sizeof(f->image));
	if (!img || !data) {
		kfree(img);
		vfree(data);
		return -ENOMEM;
	}
	memcpy(data, &f->image, sizeof(f->image));
	img->data = data;
	img->size = sizeof(f->image);
	*fw = img;
	return 0;
}

static inline void fake_rproc_del(void *rproc)
{
	rproc_del(rproc);
}

static inline void fake_rproc_free(void *rproc)
{
	rproc_free(rproc);
}

/**
 * fake_rproc_alloc() - a fake processor, not yet added, freed after the test
 * @test: the test
 * @ops: its operations, fake_ops or a variant
 * @state: RPROC_OFFLINE, or RPROC_DETACHED for one that runs already
 * @fp: set to the fake's state
 *
 * Return: the processor.
 */
static inline struct rproc *fake_rproc_alloc(struct kunit *test,
					     const struct rproc_ops *ops,
					     unsigned int state,
					     struct fake_rproc **fp)
{
	static atomic_t fakes = ATOMIC_INIT(0);
	struct device *parent;
	struct fake_rproc *f;
	struct rproc *rproc;
	char *name;

	/* Device names must differ within a test. */
	name = kunit_kzalloc(test, 24, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, name);
	snprintf(name, 24, "rproc-fake%d", atomic_inc_return(&fakes));
	parent = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, parent);

	rproc = rproc_alloc(parent, "fake", ops, "fake-fw.elf", sizeof(*f));
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fake_rproc_free, rproc));

	f = fake_of(rproc);
	f->test = test;
	f->mem = kunit_kzalloc(test, FAKE_MEM_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->mem);
	fake_image_init(&f->image);
	if (state == RPROC_DETACHED) {
		fake_table_init((void *)(f->mem + FAKE_LIVE_OFF));
		f->running = true;
	}

	kunit_activate_static_stub(test, rproc_request_firmware,
				   fake_request_firmware);

	rproc->auto_boot = false;
	rproc->state = state;
	*fp = f;
	return rproc;
}

/**
 * fake_rproc_add() - add a fake processor, deleted after the test
 * @test: the test
 * @rproc: a processor from fake_rproc_alloc()
 */
static inline void fake_rproc_add(struct kunit *test, struct rproc *rproc)
{
	KUNIT_ASSERT_EQ(test, 0, rproc_add(rproc));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fake_rproc_del, rproc));
}

/**
 * fake_rproc_new() - a registered fake processor, freed after the test
 * @test: the test
 * @ops: its operations, fake_ops or a variant
 * @state: RPROC_OFFLINE, or RPROC_DETACHED for one that runs already
 * @fp: set to the fake's state
 *
 * Return: the processor.
 */
static inline struct rproc *fake_rproc_new(struct kunit *test,
					   const struct rproc_ops *ops,
					   unsigned int state,
					   struct fake_rproc **fp)
{
	struct rproc *rproc = fake_rproc_alloc(test, ops, state, fp);

	fake_rproc_add(test, rproc);
	return rproc;
}

/**
 * struct fake_dt_props - properties of a device tree node a test adds
 * @bools: names of boolean properties
 * @nbools: how many
 * @names: memory-region-names strings
 * @nnames: how many
 * @u32s: names of one-cell properties ("phandle", "memory-region")
 * @vals: their values
 * @nu32s: how many
 */
struct fake_dt_props {
	const char * const *bools;
	size_t nbools;
	const char * const *names;
	size_t nnames;
	const char * const *u32s;
	const u32 *vals;
	size_t nu32s;
};

struct fake_dt_node {
	struct of_changeset cs;
	struct device_node *np;
};

static inline void fake_dt_node_remove(void *data)
{
	struct fake_dt_node *n = data;

	of_changeset_revert(&n->cs);
	of_changeset_destroy(&n->cs);
	/* The reference of_changeset_create_node() handed out. */
	of_node_put(n->np);
}

/**
 * fake_dt_node_add() - add a node under the root for this test only
 * @test: the test
 * @name: the node's name
 * @p: its properties
 *
 * The node goes through an OF changeset, as an overlay's would, and is
 * removed when the test ends.
 *
 * Return: the node.
 */
static inline struct device_node *fake_dt_node_add(struct kunit *test,
						   const char *name,
						   const struct fake_dt_props *p)
{
	struct fake_dt_node *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);
	struct device_node *root;
	size_t i;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, n);
	root = of_find_node_by_path("/");
	KUNIT_ASSERT_NOT_NULL(test, root);
	of_changeset_init(&n->cs);
	n->np = of_changeset_create_node(&n->cs, root, name);
	of_node_put(root);
	KUNIT_ASSERT_NOT_NULL(test, n->np);
	for (i = 0; i < p->nbools; i++) {
		ret = of_changeset_add_prop_bool(&n->cs, n->np, p->bools[i]);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	for (i = 0; i < p->nu32s; i++) {
		ret = of_changeset_add_prop_u32(&n->cs, n->np, p->u32s[i],
						p->vals[i]);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	if (p->nnames) {
		ret = of_changeset_add_prop_string_array(&n->cs, n->np,
							 "memory-region-names",
							 p->names, p->nnames);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	KUNIT_ASSERT_EQ(test, of_changeset_apply(&n->cs), 0);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fake_dt_node_remove, n));
	return n->np;
}

#endif /* RPROC_KUNIT_FAKE_H */
