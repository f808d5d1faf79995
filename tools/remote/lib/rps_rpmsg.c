// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * The rpmsg virtio device of a remote: the vdev status protocol (wait
 * for DRIVER_OK, notice resets and a vanished Linux), buffer sizes,
 * endpoints, the name service and the main loop.
 */
#include "rps_remote.h"

#define RPS_HDR_SIZE		sizeof(struct rps_rpmsg_hdr)
#define RPS_NS_TIMEOUT_NS	(1000ull * 1000 * 1000)
#define RPS_RUN_SLICE_NS	(100ull * 1000 * 1000)

#define VDEV32(rp)	((volatile struct rps_rsc_vdev *)(rp)->vdev)
#define VDEV64(rp)	((volatile struct rps_rsc_vdev64 *)(rp)->vdev)

static volatile struct rps_rsc_vring *vring32(struct rps_rpmsg *rp, unsigned int i)
{
	return (volatile struct rps_rsc_vring *)((uint8_t *)rp->vdev +
						  sizeof(struct rps_rsc_vdev)) + i;
}

static volatile struct rps_rsc_vring64 *vring64(struct rps_rpmsg *rp, unsigned int i)
{
	return (volatile struct rps_rsc_vring64 *)((uint8_t *)rp->vdev +
						    sizeof(struct rps_rsc_vdev64)) + i;
}

static uint8_t vdev_status(struct rps_rpmsg *rp)
{
	return rp->wide ? VDEV64(rp)->status : VDEV32(rp)->status;
}

/* Parses the entry at @off; returns its length, 0 if it is not ours. */
static uint32_t vdev_entry_len(const uint8_t *t, uint32_t size, uint32_t off, bool *wide)
{
	uint32_t type, fixed, vr, nvr, cfg, avail;
	const uint8_t *p = t + off + 4;

	if (off > size || size - off < 4)
		return 0;
	rps_memcpy(&type, t + off, 4);
	avail = size - off - 4;
	if (type == RPS_RSC_VDEV) {
		fixed = sizeof(struct rps_rsc_vdev);
		vr = sizeof(struct rps_rsc_vring);
		*wide = false;
	} else if (type == RPS_RSC_VDEV64) {
		fixed = sizeof(struct rps_rsc_vdev64);
		vr = sizeof(struct rps_rsc_vring64);
		*wide = true;
	} else {
		return 0;
	}
	if (avail < fixed || p[0] != RPS_VIRTIO_ID_RPMSG || p[1] || p[2] || p[3])
		return 0;
	if (*wide) {
		nvr = ((const struct rps_rsc_vdev64 *)p)->num_of_vrings;
		cfg = ((const struct rps_rsc_vdev64 *)p)->config_len;
	} else {
		nvr = ((const struct rps_rsc_vdev *)p)->num_of_vrings;
		cfg = ((const struct rps_rsc_vdev *)p)->config_len;
	}
	if (nvr < 2 || nvr > 8 || cfg > avail || fixed + nvr * vr > avail - cfg)
		return 0;
	return fixed + nvr * vr + cfg;
}

int rps_init(struct rps_rpmsg *rp, const struct rps_boot *boot, void *table,
	     uint32_t table_size, const void *declared)
{
	const struct rps_rsc_header *hdr = table;
	const uint8_t *t = table;
	uint32_t i, num, size = table_size, off, len;
	bool wide;

	rps_memset(rp, 0, sizeof(*rp));
	rp->boot = boot;
	rp->table = table;
	rp->table_size = table_size;
	if (size < sizeof(*hdr) || (hdr->ver != 1 && hdr->ver != 2))
		return RPS_EINVAL;
	if (hdr->ver == 2) {
		if (hdr->size > size)
			return RPS_EINVAL;
		size = hdr->size;
	}
	num = hdr->num;
	if (num > (size - sizeof(*hdr)) / 4)
		return RPS_EINVAL;
	for (i = 0; i < num; i++) {
		rps_memcpy(&off, t + sizeof(*hdr) + 4 * i, 4);
		len = vdev_entry_len(t, size, off, &wide);
		if (!len)
			continue;
		if (len > sizeof(rp->pristine) || (wide && (off + 4) % 8 != 4))
			return RPS_EINVAL;
		rp->vdev = (uint8_t *)table + off + 4;
		rp->wide = wide;
		rp->entry_len = len;
		rps_memcpy(rp->pristine, (declared ? (const uint8_t *)declared : t) + off + 4,
			   len);
		if (wide) {
			((struct rps_rsc_vdev64 *)rp->pristine)->status = 0;
			((struct rps_rsc_vdev64 *)rp->pristine)->gfeatures = 0;
		} else {
			((struct rps_rsc_vdev *)rp->pristine)->status = 0;
			((struct rps_rsc_vdev *)rp->pristine)->gfeatures = 0;
		}
		return 0;
	}
	return RPS_EINVAL;
}

uint32_t rps_mtu(const struct rps_rpmsg *rp)
{
	return rp->ready ? rp->txbuf_size - RPS_HDR_SIZE : 0;
}

static void session_end(struct rps_rpmsg *rp)
{
	bool was = rp->ready;

	rp->ready = false;
	rp->vq[0].num = 0;
	rp->vq[1].num = 0;
	if (was) {
		rp->resets++;
		if (rp->on_reset)
			rp->on_reset(rp);
	}
}

/* Linux vanished without a reset: put back the entry as declared. */
static void linux_gone(struct rps_rpmsg *rp)
{
	session_end(rp);
	rp->broken = false;
	rps_memcpy(rp->vdev, rp->pristine, rp->entry_len);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * A session ends when DRIVER_OK goes away, or when Linux set the rings
 * up again behind our back (it zeroes them; only the device writes the
 * used index, so a used index that changed means a new ring).
 */
static void check_reset(struct rps_rpmsg *rp)
{
	uint8_t st = vdev_status(rp);
	unsigned int i;

	if (rp->broken && !(st & RPS_STATUS_DRIVER_OK))
		rp->broken = false;
	if (!rp->ready)
		return;
	if (!(st & RPS_STATUS_DRIVER_OK)) {
		session_end(rp);
		return;
	}
	for (i = 0; i < 2; i++) {
		if (rp->vq[i].used[1] != rp->vq[i].used_idx) {
			session_end(rp);
			return;
		}
	}
}

/* Waits for a kick; returns what boot->wait() returned. */
static int wait_event(struct rps_rpmsg *rp, uint64_t timeout_ns)
{
	int n = rp->boot->wait(timeout_ns);

	if (n == RPS_WAIT_GONE)
		linux_gone(rp);
	else
		check_reset(rp);
	return n;
}

static int ring_setup(struct rps_rpmsg *rp, unsigned int i)
{
	uint64_t da, pa;
	uint32_t align, num, nid;

	if (rp->wide) {
		volatile struct rps_rsc_vring64 *v = vring64(rp, i);

		da = v->da;
		pa = v->pa;
		align = v->align;
		num = v->num;
		nid = v->notifyid;
	} else {
		volatile struct rps_rsc_vring *v = vring32(rp, i);

		da = v->da;
		pa = v->pa;
		align = v->align;
		num = v->num;
		nid = v->notifyid;
	}
	/*
	 * A Linux that does not write pa (mainline's, or a pa that does not
	 * fit 32 bits): the platform says where Linux sees the memory, else
	 * Linux sees it at the device addresses.
	 */
	if (pa == (rp->wide ? RPS_ADDR64_ANY : RPS_ADDR_ANY))
		pa = rp->boot->mem_pa ? da - rp->boot->mem_da + rp->boot->mem_pa : da;
	return rps_vq_init(&rp->vq[i], da, pa, num, align, nid, rp->boot->mem_da,
			   rp->boot->mem_size);
}

static void buf_sizes(struct rps_rpmsg *rp)
{
	const struct rps_rpmsg_config *cfg;
	uint32_t cfg_len, tx, rx;

	rp->txbuf_size = RPS_DEFAULT_BUF_SIZE;
	rp->rxbuf_size = RPS_DEFAULT_BUF_SIZE;
	if (!(rp->gfeatures & RPS_BIT(RPS_RPMSG_F_BUFSZ)))
		return;
	if (rp->wide) {
		cfg_len = VDEV64(rp)->config_len;
		cfg = (const void *)vring64(rp, VDEV64(rp)->num_of_vrings);
	} else {
		cfg_len = VDEV32(rp)->config_len;
		cfg = (const void *)vring32(rp, VDEV32(rp)->num_of_vrings);
	}
	if (cfg_len < sizeof(*cfg))
		return;
	tx = cfg->txbuf_size;
	rx = cfg->rxbuf_size;
	if (tx > RPS_HDR_SIZE && tx <= RPS_MAX_BUF_SIZE)
		rp->txbuf_size = tx;
	if (rx > RPS_HDR_SIZE && rx <= RPS_MAX_BUF_SIZE)
		rp->rxbuf_size = rx;
}

static int announce(struct rps_rpmsg *rp, struct rps_ept *ept, uint32_t flags)
{
	struct rps_ns_msg ns;

	if (!ept->name || !(rp->gfeatures & RPS_BIT(RPS_RPMSG_F_NS)))
		return 0;
	rps_memset(&ns, 0, sizeof(ns));
	rps_memcpy(ns.name, ept->name, rps_strlen(ept->name));
	ns.addr = ept->addr;
	ns.flags = flags;
	return rps_send_ex(rp, ept->addr, RPS_NS_ADDR, &ns, sizeof(ns), RPS_NS_TIMEOUT_NS, 0);
}

/* DRIVER_OK: read what Linux wrote, set the rings up, announce. */
static void check_start(struct rps_rpmsg *rp)
{
	struct rps_ept *ept;

	if (rp->ready || rp->broken || !(vdev_status(rp) & RPS_STATUS_DRIVER_OK))
		return;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	rp->gfeatures = rp->wide ? VDEV64(rp)->gfeatures : VDEV32(rp)->gfeatures;
	if (ring_setup(rp, 0) || ring_setup(rp, 1)) {
		rp->vq[0].num = 0;
		rp->vq[1].num = 0;
		rp->broken = true;
		rp->boot->puts("rps: vrings outside the shared memory, ignoring the device");
		return;
	}
	buf_sizes(rp);
	rp->ready = true;
	rp->attaches++;
	for (ept = rp->epts; ept && rp->ready; ept = ept->next)
		announce(rp, ept, RPS_NS_CREATE);
	if (rp->ready && rp->on_ready)
		rp->on_ready(rp);
}

int rps_ept_add(struct rps_rpmsg *rp, struct rps_ept *ept, const char *name,
		uint32_t addr, rps_ept_cb cb, void *priv)
{
	struct rps_ept *e;

	if (name && (rps_strlen(name) >= RPS_NS_NAME_SIZE || !name[0]))
		return RPS_EINVAL;
	for (e = rp->epts; e; e = e->next)
		if (e->addr == addr || e == ept)
			return RPS_EINVAL;
	ept->name = name;
	ept->addr = addr;
	ept->cb = cb;
	ept->priv = priv;
	ept->rp = rp;
	ept->next = rp->epts;
	rp->epts = ept;
	if (rp->ready)
		announce(rp, ept, RPS_NS_CREATE);
	return 0;
}

int rps_send_ex(struct rps_rpmsg *rp, uint32_t src, uint32_t dst, const void *data,
		uint32_t len, uint64_t timeout_ns, uint32_t flags)
{
	const struct rps_boot *boot = rp->boot;
	struct rps_rpmsg_hdr hdr;
	uint64_t now, deadline;
	uint32_t blen, used;
	uint16_t head;
	void *buf;
	int ret;

	if (!rp->ready)
		return RPS_ENOTCONN;
	if (len > rp->txbuf_size - RPS_HDR_SIZE)
		return RPS_EMSGSIZE;
	now = boot->now_ns();
	deadline = timeout_ns > UINT64_MAX - now ? UINT64_MAX : now + timeout_ns;
	for (;;) {
		ret = rps_vq_get(&rp->vq[0], &head, &buf, &blen);
		if (ret < 0) {
			rp->dropped++;
			continue;
		}
		if (ret > 0) {
			if (blen > rp->txbuf_size)
				blen = rp->txbuf_size;
			if (blen >= RPS_HDR_SIZE + len)
				break;
			/* Too small for this message: give it back empty. */
			rps_vq_put(&rp->vq[0], head, 0);
			rp->dropped++;
			continue;
		}
		now = boot->now_ns();
		if (now >= deadline)
			return RPS_ETIMEDOUT;
		wait_event(rp, deadline - now);
		if (!rp->ready)
			return RPS_ECONNRESET;
	}
	hdr.src = src;
	hdr.dst = dst;
	hdr.reserved = 0;
	hdr.len = len;
	hdr.flags = 0;
	used = RPS_HDR_SIZE + len;
	if (flags & RPS_SEND_F_BADHDR)
		hdr.len = len + 1;
	if (flags & RPS_SEND_F_BADLEN)
		used = blen + 1;
	rps_memcpy(buf, &hdr, sizeof(hdr));
	rps_memcpy((uint8_t *)buf + RPS_HDR_SIZE, data, len);
	rps_vq_put(&rp->vq[0], head, used);
	boot->kick(rp->vq[0].notifyid);
	return 0;
}

int rps_send(struct rps_ept *ept, uint32_t dst, const void *data, uint32_t len,
	     uint64_t timeout_ns)
{
	return rps_send_ex(ept->rp, ept->addr, dst, data, len, timeout_ns, 0);
}

/* Dispatches the messages Linux queued on vring 1, at most one ring full. */
static int handle_rx(struct rps_rpmsg *rp)
{
	struct rps_vq *vq = &rp->vq[1];
	struct rps_rpmsg_hdr hdr;
	struct rps_ept *ept;
	uint32_t blen, i;
	int ret, count = 0;
	bool put = false;
	uint16_t head;
	void *buf;

	for (i = 0; rp->ready && i < vq->num; i++) {
		ret = rps_vq_get(vq, &head, &buf, &blen);
		if (!ret)
			break;
		if (ret < 0) {
			rp->dropped++;
			put = true;
			continue;
		}
		ept = NULL;
		if (blen >= RPS_HDR_SIZE) {
			rps_memcpy(&hdr, buf, sizeof(hdr));
			for (ept = rp->epts; ept; ept = ept->next)
				if (ept->addr == hdr.dst)
					break;
		}
		if (blen < RPS_HDR_SIZE || hdr.len > blen - RPS_HDR_SIZE || !ept) {
			rp->dropped++;
		} else {
			ept->cb(ept, (uint8_t *)buf + RPS_HDR_SIZE, hdr.len, hdr.src);
			count++;
		}
		/* A no-op if the callback saw a reset. */
		rps_vq_put(vq, head, 0);
		put = true;
	}
	if (put && rp->ready)
		rp->boot->kick(vq->notifyid);
	return count;
}

int rps_poll(struct rps_rpmsg *rp, uint64_t timeout_ns)
{
	int count = 0;

	check_reset(rp);
	check_start(rp);
	if (rp->ready) {
		count = handle_rx(rp);
		if (count || rps_vq_pending(&rp->vq[1]))
			return count;
	} else if (timeout_ns > RPS_STATUS_POLL_NS) {
		timeout_ns = RPS_STATUS_POLL_NS;
	}
	wait_event(rp, timeout_ns);
	check_start(rp);
	if (rp->ready)
		count += handle_rx(rp);
	return count;
}

void rps_run(struct rps_rpmsg *rp, bool (*done)(void *arg), void *arg)
{
	while (!done || !done(arg))
		rps_poll(rp, RPS_RUN_SLICE_NS);
}
