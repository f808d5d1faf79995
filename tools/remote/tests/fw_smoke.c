// SPDX-License-Identifier: GPL-2.0
/*
 * Runs a firmware ELF in this process, as the core runner would (its
 * window mapped at its device addresses, segments loaded, _start called
 * with boot services), and plays Linux from inside boot->wait(): bring
 * the device up, check the announcements, talk to the echo endpoint,
 * reset, vanish, and run the app's own command.  Output is TAP.
 *
 * usage: fw_smoke FIRMWARE.elf BASE echo|flood|crash|misbehave
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rps_remote.h"

#define WIN_SIZE	(96u << 20)
#define RING_OFF	(32u << 20)
#define BUF_OFF		(33u << 20)
#define PA_OFF		0x20000000ull
#define MAX_WAITS	100000

static uint8_t *win;
static uint64_t base;
static const char *app;
static void *table;
static uint32_t table_size;
static jmp_buf done;
static int n_checks, n_failed, exit_status = -1, waits;

struct ring {
	uint32_t num;
	struct rps_vring_desc *desc;
	volatile uint16_t *avail, *used;
	uint16_t last_used;
};

static struct ring r[2];
static uint32_t bufsz, nid[2] = { 5, 6 }, tx_next;
static bool wide;
static volatile uint8_t *status;

static void check(bool ok, const char *what)
{
	n_checks++;
	n_failed += !ok;
	printf("%s %d %s: %s\n", ok ? "ok" : "not ok", n_checks, app, what);
}

static void avail_add(struct ring *q, uint16_t id)
{
	q->avail[2 + (q->avail[1] & (q->num - 1))] = id;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	q->avail[1]++;
}

/*
 * The table seen as a one-entry table whose entry sits where the first
 * entry is (a table with a trace entry has a longer offset array).
 */
static void *vdev_table(size_t type_offset)
{
	uint32_t off;

	memcpy(&off, (uint8_t *)table + sizeof(struct rps_rsc_header), sizeof(off));
	return (uint8_t *)table + off - type_offset;
}

/* What Linux does to bring the vdev up; returns the kick to deliver. */
static int linux_up(void)
{
	struct rps_table_v1 *t1 = vdev_table(offsetof(struct rps_table_v1, type));
	struct rps_table_v2 *t2 = vdev_table(offsetof(struct rps_table_v2, type));
	uint64_t feat;
	uint32_t i, q, num;

	*status = RPS_STATUS_ACKNOWLEDGE | RPS_STATUS_DRIVER;
	feat = wide ? t2->vdev.dfeatures : t1->vdev.dfeatures;
	num = wide ? t2->vring[0].num : t1->vring[0].num;
	bufsz = feat & RPS_BIT(RPS_RPMSG_F_BUFSZ) ? 65536 : 512;
	for (q = 0; q < 2; q++) {
		uint64_t da = base + RING_OFF + q * (1u << 19);
		uint8_t *va = win + RING_OFF + q * (1u << 19);

		if (wide) {
			t2->vring[q].da = da;
			t2->vring[q].pa = da + PA_OFF;
			t2->vring[q].notifyid = nid[q];
		} else {
			t1->vring[q].da = da;
			t1->vring[q].pa = da + PA_OFF;
			t1->vring[q].notifyid = nid[q];
		}
		memset(va, 0, 1u << 19);
		r[q].num = num;
		r[q].desc = (void *)va;
		r[q].avail = (void *)(va + 16 * num);
		r[q].used = (void *)(va + ((16 * num + 6 + 2 * num + 4095) & ~4095u));
		r[q].last_used = 0;
		for (i = 0; i < num; i++) {
			r[q].desc[i].addr = base + BUF_OFF + (q * num + i) * bufsz + PA_OFF;
			r[q].desc[i].len = bufsz;
			r[q].desc[i].flags = q ? 0 : RPS_VRING_DESC_F_WRITE;
			if (!q)
				avail_add(&r[0], i);
		}
	}
	if (wide)
		t2->vdev.gfeatures = feat;
	else
		t1->vdev.gfeatures = feat;
	tx_next = 0;
	*status |= RPS_STATUS_DRIVER_OK;
	return nid[0];
}

/* Takes the next message; false if none. */
static bool recv_msg(struct rps_rpmsg_hdr *h, char *data, uint32_t *ulen)
{
	struct ring *q = &r[0];
	uint32_t *e;
	uint8_t *buf;

	if (q->used[1] == q->last_used)
		return false;
	e = (uint32_t *)(q->used + 2) + 2 * (q->last_used++ & (q->num - 1));
	*ulen = e[1];
	buf = win + (q->desc[e[0]].addr - PA_OFF - base);
	memcpy(h, buf, sizeof(*h));
	memcpy(data, buf + 16, h->len < bufsz - 16 ? h->len : bufsz - 16);
	avail_add(q, e[0]);
	return true;
}

static int send_msg(uint32_t dst, const char *s)
{
	struct rps_rpmsg_hdr h = { .src = 2000, .dst = dst, .len = strlen(s) };
	uint32_t id = tx_next++ & (r[1].num - 1);
	uint8_t *buf = win + (r[1].desc[id].addr - PA_OFF - base);

	memcpy(buf, &h, 16);
	memcpy(buf + 16, s, h.len);
	r[1].desc[id].len = 16 + h.len;
	avail_add(&r[1], id);
	return nid[1];
}

/*
 * The script.  Each step acts and says what the remote must answer; the
 * next step starts once it did.
 */
static int step;
static char expect[64];
static uint32_t expect_n, got_n, flood_seq;

static int act(void)
{
	switch (step++) {
	case 0:
		expect_n = 2;	/* two announcements */
		return linux_up();
	case 1:
		strcpy(expect, "hello");
		return send_msg(1024, "hello");
	case 2:
		strcpy(expect, "attaches 1");
		return send_msg(1025, "stats");
	case 3:
		*status = 0;
		return nid[0];
	case 4:
		expect_n = 2;
		nid[0] = 7;
		nid[1] = 8;
		return linux_up();
	case 5:
		strcpy(expect, "attaches 2");
		return send_msg(1024, "stats\n");
	case 6:
		return RPS_WAIT_GONE;
	case 7:
		check(*status == 0, "status 0 after Linux vanished");
		expect_n = 2;
		return linux_up();
	case 8:
		if (!strcmp(app, "flood")) {
			strcpy(expect, "ok");
			expect_n = 1 + 50;
			return send_msg(1024, "flood 50 1000");
		}
		if (!strcmp(app, "crash")) {
			strcpy(expect, "ok");
			return send_msg(1024, "exit 7");
		}
		if (!strcmp(app, "misbehave")) {
			strcpy(expect, "ok");
			expect_n = 2;
			return send_msg(1024, "badhdr");
		}
		/* fall through */
	default:
		longjmp(done, 1);
	}
}

/* Checks what came back for the current step; true once it is complete. */
static bool answered(void)
{
	struct rps_rpmsg_hdr h;
	static char data[65536];
	uint32_t ulen;

	while (recv_msg(&h, data, &ulen)) {
		if (h.dst == RPS_NS_ADDR) {
			check(h.len == 40 && expect_n && ulen == 56 &&
			      (!strcmp(data, "rpmsg-raw") ||
			       !strcmp(data, "rpmsg-openamp-demo-channel")), "announcement");
			got_n++;
			continue;
		}
		if (expect_n > 1 && !strcmp(app, "flood") && got_n) {
			uint32_t seq;

			memcpy(&seq, data, 4);
			if (h.len != 1000 || seq != flood_seq++)
				check(false, "flood message");
			got_n++;
			continue;
		}
		if (expect_n > 1 && !strcmp(app, "misbehave") && !got_n) {
			check(h.len > ulen - 16, "badhdr: header len past the message");
			got_n++;
			continue;
		}
		data[h.len] = '\0';
		check(h.dst == 2000 && !strcmp(data, expect), expect);
		got_n++;
	}
	if (got_n < (expect_n ? expect_n : !!expect[0]))
		return false;
	if (expect_n > 2)
		check(got_n == expect_n, "flood: every message in order");
	got_n = 0;
	expect_n = 0;
	expect[0] = '\0';
	return true;
}

static void b_kick(uint32_t id)
{
}

static int b_wait(uint64_t timeout)
{
	if (++waits > MAX_WAITS) {
		check(false, "script stalled");
		longjmp(done, 1);
	}
	if (step && !answered())
		return RPS_WAIT_TIMEOUT;
	return act();
}

static void b_puts(const char *s)
{
	printf("# %s\n", s);
}

static uint64_t b_now(void)
{
	return waits * 1000000ull;
}

static __attribute__((noreturn)) void b_exit(int st)
{
	exit_status = st;
	longjmp(done, 1);
}

static struct rps_boot boot = {
	.magic = RPS_BOOT_MAGIC, .version = RPS_BOOT_VERSION,
	.mem_size = WIN_SIZE, .kick = b_kick, .wait = b_wait, .puts = b_puts,
	.now_ns = b_now, .exit = b_exit,
};

static uint8_t *load(const char *path, void (**entry)(const struct rps_boot *))
{
	struct stat st;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
	Elf64_Shdr *sh;
	uint8_t *f;
	const char *names;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return NULL;
	f = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (f == MAP_FAILED)
		return NULL;
	eh = (void *)f;
	ph = (void *)(f + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		memcpy(win + (ph[i].p_vaddr - base), f + ph[i].p_offset, ph[i].p_filesz);
	}
	sh = (void *)(f + eh->e_shoff);
	names = (const char *)f + sh[eh->e_shstrndx].sh_offset;
	for (i = 0; i < eh->e_shnum; i++) {
		if (strcmp(names + sh[i].sh_name, ".resource_table"))
			continue;
		table = win + (sh[i].sh_addr - base);
		table_size = sh[i].sh_size;
	}
	*entry = (void *)(uintptr_t)eh->e_entry;
	return f;
}

int main(int argc, char **argv)
{
	void (*entry)(const struct rps_boot *);

	if (argc != 4)
		return 2;
	base = strtoull(argv[2], NULL, 0);
	app = argv[3];
	win = mmap((void *)(uintptr_t)base, WIN_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (win != (void *)(uintptr_t)base || !load(argv[1], &entry) || !table) {
		fprintf(stderr, "cannot load %s at %s\n", argv[1], argv[2]);
		return 2;
	}
	wide = ((struct rps_rsc_header *)table)->ver == 2;
	status = wide ? &((struct rps_table_v2 *)
			  vdev_table(offsetof(struct rps_table_v2, type)))->vdev.status :
			&((struct rps_table_v1 *)
			  vdev_table(offsetof(struct rps_table_v1, type)))->vdev.status;
	boot.mem_da = base;
	boot.core = base >> 32 ? 1 : 0;
	if (!setjmp(done))
		entry(&boot);
	if (((struct rps_rsc_header *)table)->num == 2) {
		struct rps_table_v1_trace *tt = table;
		const char *buf = (const char *)win + (tt->trace.da - base);

		check(memmem(buf, tt->trace.len, "attached (2)", 12) != NULL,
		      "log lines are in the trace buffer");
	}
	if (!strcmp(app, "crash"))
		check(exit_status == 7, "exit 7 stops the core with status 7");
	else
		check(step >= 9 && exit_status == -1, "script completed");
	printf("1..%d\n", n_checks);
	return n_failed ? 1 : 0;
}
