// SPDX-License-Identifier: GPL-2.0
/*
 * Host test of the remote library: this program plays Linux's side
 * (driver side of the vrings, status and features in the table) against
 * the library in one process, with fake boot services whose kicks are
 * in-process queues and whose clock moves only when the remote waits.
 * The shared memory window is mapped at the device addresses of core 0
 * (v1 tables) and core 1 (v2 tables).  Output is TAP.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rps_remote.h"

#define WIN_SIZE	(4u << 20)
#define WIN0_DA		0x10000000ull
#define WIN1_DA		0x800000000ull
#define PA_OFF0		0x40000000ull		/* v1: pa must fit 32 bits */
#define PA_OFF1		0x100000000000ull
#define RING1_OFF	(128u << 10)
#define RXBUF_OFF	(1u << 20)
#define TXBUF_OFF	(2u << 20)
#define NID0		3			/* notify ids Linux hands out */
#define NID1		4

/* ---- TAP ---- */

static int n_checks, n_failed;

static bool check(bool ok, const char *fmt, ...)
{
	va_list ap;

	n_checks++;
	if (!ok)
		n_failed++;
	printf("%s %d ", ok ? "ok" : "not ok", n_checks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return ok;
}

/* ---- fake boot services ---- */

static int kq[64];
static unsigned int kq_head, kq_tail;
static int kicks[4096];
static unsigned int n_kicks;
static uint64_t clock_ns;
static bool gone_pending;

static void fb_kick(uint32_t id)
{
	if (n_kicks < 4096)
		kicks[n_kicks] = id;
	n_kicks++;
}

static int fb_wait(uint64_t timeout_ns)
{
	if (kq_head != kq_tail)
		return kq[kq_head++ % 64];
	if (gone_pending) {
		gone_pending = false;
		return RPS_WAIT_GONE;
	}
	clock_ns += timeout_ns > 1000000000ull ? 1000000000ull : timeout_ns;
	return RPS_WAIT_TIMEOUT;
}

static void fb_puts(const char *s)
{
	if (getenv("TEST_VERBOSE"))
		fprintf(stderr, "# remote: %s\n", s);
}

static uint64_t fb_now(void)
{
	return clock_ns;
}

static __attribute__((noreturn)) void fb_exit(int status)
{
	fprintf(stderr, "remote called exit(%d)\n", status);
	exit(2);
}

static struct rps_boot boot = {
	.magic = RPS_BOOT_MAGIC, .version = RPS_BOOT_VERSION,
	.mem_size = WIN_SIZE,
	.kick = fb_kick, .wait = fb_wait, .puts = fb_puts, .now_ns = fb_now,
	.exit = fb_exit,
};

static void kick_remote(int id)
{
	kq[kq_tail++ % 64] = id;
}

static bool kicked(int id)
{
	unsigned int i;

	for (i = 0; i < n_kicks && i < 4096; i++)
		if (kicks[i] == id)
			return true;
	return false;
}

/* ---- Linux's side ---- */

struct lring {
	uint32_t num;
	struct rps_vring_desc *desc;
	volatile uint16_t *avail;
	volatile uint16_t *used;
	uint16_t last_used;
};

static struct {
	uint8_t *win;
	uint64_t win_da;
	uint64_t pa_off;
	bool no_pa;		/* leave vring pa unset, as mainline does */
	bool wide;
	void *table;
	struct rps_rsc_vdev *v32;
	struct rps_rsc_vdev64 *v64;
	struct rps_table_v1 *t1;
	struct rps_table_v2 *t2;
	struct lring r[2];
	uint32_t rxsize;	/* Linux's rx buffers (remote's txbuf) */
	uint32_t txsize;
	uint16_t tx_next;
} lx;

static struct rps_rpmsg rp;
static struct rps_ept ept[2];
static uint8_t scratch[RPS_MAX_BUF_SIZE + 64];

static void lx_status(uint8_t st)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (lx.wide)
		lx.v64->status = st;
	else
		lx.v32->status = st;
}

static uint8_t *lx_ring_va(unsigned int i)
{
	return lx.win + (i ? RING1_OFF : 0);
}

static void lx_ring_init(unsigned int i, uint32_t num)
{
	struct lring *r = &lx.r[i];
	uint8_t *base = lx_ring_va(i);

	memset(base, 0, rps_vring_size(num, RPS_VRING_ALIGN));
	r->num = num;
	r->desc = (struct rps_vring_desc *)base;
	r->avail = (uint16_t *)(base + 16 * num);
	r->used = (uint16_t *)(base + ((16 * num + 6 + 2 * num + RPS_VRING_ALIGN - 1) &
				       ~(RPS_VRING_ALIGN - 1)));
	r->last_used = 0;
}

static void lx_avail_add(unsigned int i, uint16_t head)
{
	struct lring *r = &lx.r[i];

	r->avail[2 + (r->avail[1] & (r->num - 1))] = head;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	r->avail[1]++;
}

/* Linux's virtio device comes up: what rproc_virtio and rpmsg_virtio do. */
static void lx_up(uint64_t gfeatures, uint32_t rxsize, uint32_t txsize, int nid0, int nid1)
{
	uint32_t num, i;

	lx.rxsize = rxsize;
	lx.txsize = txsize;
	lx_status(RPS_STATUS_ACKNOWLEDGE | RPS_STATUS_DRIVER);
	if (lx.wide) {
		num = lx.t2->vring[0].num;
		for (i = 0; i < 2; i++) {
			lx.t2->vring[i].da = lx.win_da + (i ? RING1_OFF : 0);
			lx.t2->vring[i].pa = lx.t2->vring[i].da + lx.pa_off;
			lx.t2->vring[i].notifyid = i ? nid1 : nid0;
		}
		lx.v64->gfeatures = gfeatures;
	} else {
		num = lx.t1->vring[0].num;
		for (i = 0; i < 2; i++) {
			lx.t1->vring[i].da = lx.win_da + (i ? RING1_OFF : 0);
			lx.t1->vring[i].pa = lx.no_pa ? RPS_ADDR_ANY :
					     lx.t1->vring[i].da + lx.pa_off;
			lx.t1->vring[i].notifyid = i ? nid1 : nid0;
		}
		lx.v32->gfeatures = gfeatures;
	}
	lx_ring_init(0, num);
	lx_ring_init(1, num);
	for (i = 0; i < num; i++) {
		lx.r[0].desc[i].addr = lx.win_da + RXBUF_OFF + i * rxsize + lx.pa_off;
		lx.r[0].desc[i].len = rxsize;
		lx.r[0].desc[i].flags = RPS_VRING_DESC_F_WRITE;
		lx_avail_add(0, i);
		lx.r[1].desc[i].addr = lx.win_da + TXBUF_OFF + i * txsize + lx.pa_off;
		lx.r[1].desc[i].len = txsize;
	}
	lx.tx_next = 0;
	lx_status(RPS_STATUS_ACKNOWLEDGE | RPS_STATUS_DRIVER | RPS_STATUS_DRIVER_OK);
	kick_remote(nid0);
}

/* Takes one message from vring 0 and gives the buffer back; -1 if none. */
static int lx_recv(struct rps_rpmsg_hdr *hdr, void *data, uint32_t *ulen)
{
	struct lring *r = &lx.r[0];
	volatile uint32_t *e;
	uint32_t id, len;
	uint8_t *buf;

	if (r->used[1] == r->last_used)
		return -1;
	e = (volatile uint32_t *)(r->used + 2) + 2 * (r->last_used & (r->num - 1));
	id = e[0];
	len = e[1];
	r->last_used++;
	*ulen = len;
	if (id >= r->num || len > r->desc[id].len || len < sizeof(*hdr))
		return -2;
	buf = lx.win + (r->desc[id].addr - lx.pa_off - lx.win_da);
	memcpy(hdr, buf, sizeof(*hdr));
	if (hdr->len > len - sizeof(*hdr))
		return -3;
	memcpy(data, buf + sizeof(*hdr), hdr->len);
	lx_avail_add(0, id);
	return 0;
}

static int lx_recv_count(void)
{
	return (uint16_t)(lx.r[0].used[1] - lx.r[0].last_used);
}

/* Queues a message on vring 1 with the next descriptor; does not kick. */
static uint16_t lx_queue(uint32_t src, uint32_t dst, const void *data, uint32_t len)
{
	struct rps_rpmsg_hdr hdr = { .src = src, .dst = dst, .len = len };
	uint16_t id = lx.tx_next++ & (lx.r[1].num - 1);
	uint8_t *buf = lx.win + TXBUF_OFF + id * lx.txsize;

	memcpy(buf, &hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), data, len);
	lx.r[1].desc[id].addr = lx.win_da + TXBUF_OFF + id * lx.txsize + lx.pa_off;
	lx.r[1].desc[id].len = sizeof(hdr) + len;
	lx_avail_add(1, id);
	return id;
}

static int lx_nid(unsigned int i)
{
	return lx.wide ? lx.t2->vring[i].notifyid : lx.t1->vring[i].notifyid;
}

static void lx_send(uint32_t src, uint32_t dst, const void *data, uint32_t len)
{
	lx_queue(src, dst, data, len);
	kick_remote(lx_nid(1));
}

static void poll_n(int n)
{
	while (n--)
		rps_poll(&rp, 0);
}

/* ---- the remote ---- */

static unsigned int n_rx;
static uint32_t last_len;

static void echo_cb(struct rps_ept *e, const void *data, uint32_t len, uint32_t src)
{
	n_rx++;
	last_len = len;
	rps_send(e, src, data, len, 1000000000ull);
}

static RPS_DECLARE_TABLE_V1(t1, 16, 0, 0);
static RPS_DECLARE_TABLE_V1(t1b, 16, 65536, 65536);
static RPS_DECLARE_TABLE_V2(t2, 16, 65536, 65536, RPS_BIT(RPS_VIRTIO_F_VERSION_1));

static uint8_t *map_window(uint64_t da)
{
	void *p = mmap((void *)(uintptr_t)da, WIN_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != (void *)(uintptr_t)da) {
		fprintf(stderr, "cannot map the window at 0x%llx\n", (unsigned long long)da);
		exit(2);
	}
	return p;
}

/* A fresh remote on table @t: clear everything and set up the endpoints. */
static void start(void *table, uint32_t size, const void *declared, bool wide)
{
	memset(lx.win, 0, WIN_SIZE);
	memcpy(table, declared, size);
	lx.table = table;
	lx.wide = wide;
	lx.win_da = wide ? WIN1_DA : WIN0_DA;
	lx.win = (uint8_t *)(uintptr_t)lx.win_da;
	lx.pa_off = wide ? PA_OFF1 : PA_OFF0;
	lx.t1 = table;
	lx.t2 = table;
	lx.v32 = (void *)((uint8_t *)table + offsetof(struct rps_table_v1, vdev));
	lx.v64 = (void *)((uint8_t *)table + offsetof(struct rps_table_v2, vdev));
	boot.mem_da = lx.win_da;
	kq_head = kq_tail = 0;
	n_kicks = 0;
	n_rx = 0;
	gone_pending = false;
	if (rps_init(&rp, &boot, table, size, declared) ||
	    rps_ept_add(&rp, &ept[0], "rpmsg-raw", 1024, echo_cb, NULL) ||
	    rps_ept_add(&rp, &ept[1], "rpmsg-openamp-demo-channel", 1025, echo_cb, NULL)) {
		fprintf(stderr, "rps_init failed\n");
		exit(2);
	}
}

/* Receives the two announcements; true if they are right. */
static bool got_ns(void)
{
	struct rps_rpmsg_hdr hdr;
	struct rps_ns_msg ns;
	uint32_t ulen, seen = 0;
	int i;

	for (i = 0; i < 2; i++) {
		if (lx_recv(&hdr, &ns, &ulen) || ulen != 56 || hdr.dst != RPS_NS_ADDR ||
		    hdr.len != sizeof(ns) || ns.flags != RPS_NS_CREATE || ns.addr != hdr.src)
			return false;
		if (ns.addr == 1024 && !strcmp(ns.name, "rpmsg-raw"))
			seen |= 1;
		if (ns.addr == 1025 && !strcmp(ns.name, "rpmsg-openamp-demo-channel"))
			seen |= 2;
	}
	return seen == 3 && lx_recv_count() == 0;
}

/* Sends @len bytes to 1024 and checks the echo; true if right. */
static bool echo_ok(uint32_t len)
{
	static uint8_t out[RPS_MAX_BUF_SIZE], in[RPS_MAX_BUF_SIZE];
	struct rps_rpmsg_hdr hdr;
	uint16_t used_before = lx.r[1].used[1];
	uint32_t i, ulen;

	for (i = 0; i < len; i++)
		out[i] = (uint8_t)(i * 7 + len);
	lx_send(2000, 1024, out, len);
	poll_n(2);
	if (lx_recv(&hdr, in, &ulen))
		return false;
	return hdr.src == 1024 && hdr.dst == 2000 && hdr.len == len &&
	       ulen == len + sizeof(hdr) && !memcmp(in, out, len) &&
	       (uint16_t)(lx.r[1].used[1] - used_before) == 1;
}

static void test_tables(void)
{
	check(offsetof(struct rps_table_v1, vdev) == 24 &&
	      offsetof(struct rps_table_v1, vring) == 48 &&
	      offsetof(struct rps_table_v1, config) == 88 && t1.offset[0] == 20 &&
	      t1.vdev.config_len == 0 && t1.vdev.dfeatures == 1 && t1b.vdev.dfeatures == 3 &&
	      t1b.vdev.config_len == 11 && t1.vring[1].da == RPS_ADDR_ANY &&
	      t1.vring[0].align == 4096 && t1.vring[0].num == 16,
	      "table v1 layout");
	check(offsetof(struct rps_table_v2, vdev) == 28 && t2.offset[0] == 24 &&
	      offsetof(struct rps_table_v2, vring) == 64 &&
	      offsetof(struct rps_table_v2, config) == 128 &&
	      t2.hdr.ver == 2 && t2.hdr.size == sizeof(t2) && sizeof(t2) % 8 == 0 &&
	      ((uintptr_t)&t2 & 7) == 0 && t2.vdev.dfeatures == (3 | RPS_BIT(32)) &&
	      t2.vring[0].da == RPS_ADDR64_ANY && t2.config.version == 1 &&
	      t2.config.size == 11 && t2.config.txbuf_size == 65536,
	      "table v2 layout");
}

static void test_v1(void)
{
	struct rps_rpmsg_hdr hdr;
	uint8_t before[256];
	unsigned int rx_before;
	uint16_t used_before;
	uint32_t ulen;
	int i;

	start(&t1, sizeof(t1), &t1_declared, false);
	/* Linux is only half way: no DRIVER_OK, rings hold garbage. */
	lx_status(RPS_STATUS_ACKNOWLEDGE | RPS_STATUS_DRIVER);
	memset(lx.win, 0xa5, sizeof(before));
	memcpy(before, lx.win, sizeof(before));
	kick_remote(0);
	poll_n(5);
	check(!rp.ready && n_kicks == 0 && !memcmp(before, lx.win, sizeof(before)),
	      "v1: nothing touched before DRIVER_OK");

	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	check(rp.ready && rp.attaches == 1 && kicked(NID0) && got_ns(),
	      "v1: both endpoints announced after DRIVER_OK");
	check(rp.txbuf_size == 512 && rps_mtu(&rp) == 496, "v1: 512-byte buffers without BUFSZ");
	check(echo_ok(5) && echo_ok(496) && kicked(NID1), "v1: echo up to 496 bytes");
	check(rps_send(&ept[0], 2000, scratch, 497, 0) == RPS_EMSGSIZE,
	      "v1: 497 bytes refused");

	/* Exhaust Linux's receive buffers: send times out. */
	for (i = 0; rps_send(&ept[0], 2000, "x", 1, 0) == 0 && i < 100; i++)
		;
	check(i == 16 && rps_send(&ept[0], 2000, "x", 1, 5000000) == RPS_ETIMEDOUT,
	      "v1: send times out without buffers");
	while (!lx_recv(&hdr, scratch, &ulen))
		;

	/* Reset: status 0 and a kick of vring 0. */
	rx_before = n_rx;
	used_before = lx.r[1].used[1];
	lx_status(0);
	kick_remote(NID0);
	poll_n(1);
	lx_queue(2000, 1024, "late", 4);
	poll_n(3);
	check(!rp.ready && rp.resets == 1 && lx.r[1].used[1] == used_before &&
	      n_rx == rx_before,
	      "v1: reset stops ring use");
	check(rps_send(&ept[0], 2000, "x", 1, 0) == RPS_ENOTCONN, "v1: no send while reset");

	/* Linux comes back with other notify ids. */
	n_kicks = 0;
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, 7, 8);
	poll_n(1);
	check(rp.ready && rp.attaches == 2 && kicked(7) && !kicked(NID0) && got_ns(),
	      "v1: announced again after a reset");
	check(echo_ok(100) && kicked(8), "v1: echo after a reset");

	/* Rings set up again without the remote seeing status 0. */
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	check(rp.attaches == 3 && got_ns() && echo_ok(10), "v1: new rings noticed without a reset");

	/* Reset while the remote waits for a buffer to send in. */
	for (i = 0; rps_send(&ept[0], 2000, "x", 1, 0) == 0 && i < 100; i++)
		;
	lx_status(0);
	kick_remote(NID0);
	check(rps_send(&ept[0], 2000, "y", 1, 1000000000ull) == RPS_ECONNRESET,
	      "v1: reset ends a waiting send");
}

static void test_bufsz(void)
{
	start(&t1b, sizeof(t1b), &t1b_declared, false);
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	check(got_ns() && rp.txbuf_size == 512 && rp.rxbuf_size == 512 && echo_ok(496),
	      "bufsz offered, not accepted: 512-byte buffers");
	check(rps_send(&ept[0], 2000, scratch, 497, 0) == RPS_EMSGSIZE,
	      "bufsz not accepted: 497 bytes refused");

	start(&t1b, sizeof(t1b), &t1b_declared, false);
	lx_up(RPS_BIT(RPS_RPMSG_F_NS) | RPS_BIT(RPS_RPMSG_F_BUFSZ), 65536, 65536, NID0, NID1);
	poll_n(1);
	check(got_ns() && rp.txbuf_size == 65536 && rp.rxbuf_size == 65536 &&
	      rps_mtu(&rp) == 65520, "bufsz accepted: 64 KiB buffers");
	check(echo_ok(65520) && echo_ok(1) && last_len == 1, "bufsz: echo up to 65520 bytes");
	check(rps_send(&ept[0], 2000, scratch, 65521, 0) == RPS_EMSGSIZE,
	      "bufsz: 65521 bytes refused");
}

/* A Linux that leaves vring pa unset: the platform's mem_pa translates. */
static void test_platform_pa(void)
{
	start(&t1, sizeof(t1), &t1_declared, false);
	lx.no_pa = true;
	boot.mem_pa = lx.win_da + lx.pa_off;
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	check(got_ns() && echo_ok(496) && echo_ok(1),
	      "vring pa unset: Linux's addresses translated with boot mem_pa");

	start(&t1, sizeof(t1), &t1_declared, false);
	boot.mem_pa = 0;
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	check(!got_ns(), "vring pa and mem_pa unset: buffers outside the memory are not used");
	lx.no_pa = false;
}

static void test_v2(void)
{
	struct rps_table_v2 *t = &t2;

	start(&t2, sizeof(t2), &t2_declared, true);
	lx_up(RPS_BIT(RPS_RPMSG_F_NS) | RPS_BIT(RPS_RPMSG_F_BUFSZ) |
	      RPS_BIT(RPS_VIRTIO_F_VERSION_1), 65536, 65536, NID0, NID1);
	poll_n(1);
	check(rp.ready && rp.wide && got_ns() && rp.gfeatures >> 32 == 1,
	      "v2: both endpoints announced after DRIVER_OK");
	check(echo_ok(65520) && echo_ok(3), "v2: echo above 4 GiB with 64 KiB buffers");

	/* Linux vanishes without a reset. */
	gone_pending = true;
	poll_n(2);
	check(!rp.ready && t->vdev.status == 0 && t->vdev.gfeatures == 0 &&
	      t->vring[0].da == RPS_ADDR64_ANY && t->vring[1].pa == RPS_ADDR64_ANY &&
	      t->vring[0].notifyid == 0 && t->vring[1].notifyid == 0 &&
	      !memcmp(&t->vdev, &t2_declared.vdev, sizeof(t->vdev) + sizeof(t->vring)),
	      "v2: pristine entry restored when Linux is gone");
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, 9, 10);
	poll_n(1);
	check(rp.ready && rp.attaches == 2 && got_ns() && rp.txbuf_size == 512 && echo_ok(496),
	      "v2: attach after Linux was gone");
}

static void test_bad(void)
{
	struct rps_rpmsg_hdr hdr;
	uint32_t ulen, dropped, i;
	uint16_t id;

	start(&t1, sizeof(t1), &t1_declared, false);
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	got_ns();
	dropped = rp.dropped;

	/* Outside the window, past its end, in Linux's memory elsewhere. */
	id = lx_queue(2000, 1024, "a", 1);
	lx.r[1].desc[id].addr = lx.win_da + WIN_SIZE + lx.pa_off;
	id = lx_queue(2000, 1024, "b", 1);
	lx.r[1].desc[id].len = WIN_SIZE;
	id = lx_queue(2000, 1024, "c", 1);
	lx.r[1].desc[id].addr = 0x1000;
	/* A descriptor index out of range. */
	lx_queue(2000, 1024, "d", 1);
	lx.r[1].avail[2 + ((lx.r[1].avail[1] - 1) & 15)] = 16;
	/* A chained descriptor. */
	id = lx_queue(2000, 1024, "e", 1);
	lx.r[1].desc[id].flags = RPS_VRING_DESC_F_NEXT;
	/* A header longer than the buffer, a buffer shorter than a header. */
	id = lx_queue(2000, 1024, "f", 1);
	lx.r[1].desc[id].len = 16;
	id = lx_queue(2000, 1024, "g", 1);
	lx.r[1].desc[id].len = 8;
	/* To no endpoint. */
	lx_queue(2000, 4000, "h", 1);
	kick_remote(NID1);
	poll_n(2);
	check(n_rx == 0 && rp.dropped - dropped == 8 && lx_recv_count() == 0,
	      "bad descriptors and messages from Linux dropped");
	check((uint16_t)(lx.r[1].used[1] - lx.r[1].last_used) == 7,
	      "bad buffers returned, except the bad index");
	check(rp.ready && echo_ok(20), "echo after bad descriptors");

	/* Linux's receive buffers: two bad ones, then good ones. */
	for (i = 0; i < 2; i++) {
		id = lx.r[0].avail[2 + ((rp.vq[0].last_avail + i) & 15)];
		lx.r[0].desc[id].addr = i ? WIN0_DA - 512 + lx.pa_off : 0xffffffffffff0000ull;
	}
	check(rps_send(&ept[0], 2000, "z", 1, 0) == 0 && lx_recv(&hdr, scratch, &ulen) == -2 &&
	      lx_recv(&hdr, scratch, &ulen) == -2 && lx_recv(&hdr, scratch, &ulen) == 0 &&
	      ulen == 17 && scratch[0] == 'z', "bad receive buffers skipped");

	/* Rings Linux placed outside the window. */
	start(&t1, sizeof(t1), &t1_declared, false);
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	t1.vring[1].da = WIN0_DA + WIN_SIZE - 4096;
	poll_n(3);
	check(!rp.ready && rp.broken && n_kicks == 0, "rings outside the window refused");
	lx_status(0);
	poll_n(1);
	lx_up(RPS_BIT(RPS_RPMSG_F_NS), 512, 512, NID0, NID1);
	poll_n(1);
	check(rp.ready && got_ns(), "good rings accepted after a reset");
}

static void test_helpers(void)
{
	char buf[64];
	uint8_t m[16];
	const char *end;
	int n;

	n = rps_snprintf(buf, sizeof(buf), "%s %u %d %x %5u|%-3s|%05d %lu %llx %c%%", "a", 42u,
			 -7, 0xbeefu, 12u, "b", -42, 1234567890123ul, 0x1234567890ull, 'z');
	check(n == (int)strlen(buf) &&
	      !strcmp(buf, "a 42 -7 beef    12|b  |-0042 1234567890123 1234567890 z%"),
	      "formatter: %s", buf);
	n = rps_snprintf(buf, 5, "attaches %u", 12u);
	check(n == 11 && !strcmp(buf, "atta"), "formatter truncates");
	for (n = 0; n < 16; n++)
		m[n] = n;
	rps_memmove(m + 2, m, 8);
	check(m[2] == 0 && m[9] == 7 && m[10] == 10, "memmove forward overlap");
	rps_memmove(m, m + 2, 8);
	check(m[0] == 0 && m[1] == 1 && m[7] == 7 && m[8] == 6, "memmove backward overlap");
	check(rps_memcmp("ab", "ac", 2) < 0 && !rps_memcmp("ab", "ab", 2) &&
	      rps_strlen("hello") == 5 && rps_strtou("123 4", 5, &end) == 123 && *end == ' ' &&
	      rps_strtou("0x1F", 4, NULL) == 31, "string helpers");
}

int main(void)
{
	map_window(WIN0_DA);
	map_window(WIN1_DA);
	lx.win = (uint8_t *)(uintptr_t)WIN0_DA;
	test_tables();
	test_v1();
	test_bufsz();
	test_platform_pa();
	test_v2();
	test_bad();
	test_helpers();
	printf("1..%d\n", n_checks);
	if (n_failed)
		printf("# %d of %d failed\n", n_failed, n_checks);
	munmap((void *)(uintptr_t)WIN0_DA, WIN_SIZE);
	munmap((void *)(uintptr_t)WIN1_DA, WIN_SIZE);
	return n_failed ? 1 : 0;
}
