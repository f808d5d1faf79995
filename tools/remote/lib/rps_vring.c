// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * Device side of split virtqueues (legacy layout with an explicit used
 * ring alignment): take available buffers, return used ones.  Everything
 * Linux wrote is read once and checked before it is used.
 */
#include "rps_remote.h"

/* The available index is read before the entries it covers. */
static inline void rd_barrier(void)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* A used element is written before the index that publishes it. */
static inline void wr_barrier(void)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static bool is_pow2(uint32_t x)
{
	return x && !(x & (x - 1));
}

uint64_t rps_vring_size(uint32_t num, uint32_t align)
{
	uint64_t avail_end = 16ull * num + 6 + 2ull * num;

	return ((avail_end + align - 1) & ~((uint64_t)align - 1)) + 6 + 8ull * num;
}

/* Whether [da, da + len) lies inside the window of @vq. */
static bool in_window(const struct rps_vq *vq, uint64_t da, uint64_t len)
{
	return da >= vq->win_lo && da <= vq->win_hi && len <= vq->win_hi - da;
}

int rps_vq_init(struct rps_vq *vq, uint64_t da, uint64_t pa, uint32_t num, uint32_t align,
		uint32_t notifyid, uint64_t win_da, uint64_t win_size)
{
	uintptr_t base;

	vq->num = 0;
	vq->win_lo = win_da;
	vq->win_hi = win_da + win_size;
	if (vq->win_hi < win_da)
		return RPS_EINVAL;
	if (!is_pow2(num) || num > RPS_VRING_MAX_NUM || !is_pow2(align))
		return RPS_EINVAL;
	if (da & (align - 1) || !in_window(vq, da, rps_vring_size(num, align)))
		return RPS_EINVAL;
	if ((uint64_t)(uintptr_t)da != da)
		return RPS_EINVAL;
	base = (uintptr_t)da;
	vq->desc = (volatile struct rps_vring_desc *)base;
	vq->avail = (volatile uint16_t *)(base + 16ull * num);
	base += (16ull * num + 6 + 2ull * num + align - 1) & ~((uint64_t)align - 1);
	vq->used = (volatile uint16_t *)base;
	vq->pa_off = pa - da;
	vq->notifyid = notifyid;
	vq->last_avail = 0;
	vq->used_idx = 0;
	vq->num = num;
	return 0;
}

bool rps_vq_pending(const struct rps_vq *vq)
{
	uint16_t idx;

	if (!vq->num)
		return false;
	idx = vq->avail[1];
	return idx != vq->last_avail && (uint16_t)(idx - vq->last_avail) <= vq->num;
}

int rps_vq_get(struct rps_vq *vq, uint16_t *head, void **buf, uint32_t *len)
{
	uint64_t addr, da;
	uint32_t dlen;
	uint16_t flags, h;

	if (!rps_vq_pending(vq))
		return 0;
	rd_barrier();
	h = vq->avail[2 + (vq->last_avail & (vq->num - 1))];
	vq->last_avail++;
	if (h >= vq->num)
		return RPS_EINVAL;
	addr = vq->desc[h].addr;
	dlen = vq->desc[h].len;
	flags = vq->desc[h].flags;
	da = addr - vq->pa_off;
	if (flags & (RPS_VRING_DESC_F_NEXT | RPS_VRING_DESC_F_INDIRECT) ||
	    !in_window(vq, da, dlen) || (uint64_t)(uintptr_t)da != da) {
		rps_vq_put(vq, h, 0);
		return RPS_EINVAL;
	}
	*head = h;
	*buf = (void *)(uintptr_t)da;
	*len = dlen;
	return 1;
}

void rps_vq_put(struct rps_vq *vq, uint16_t head, uint32_t len)
{
	volatile uint32_t *elem;

	if (!vq->num)
		return;
	elem = (volatile uint32_t *)(vq->used + 2) + 2 * (vq->used_idx & (vq->num - 1));
	elem[0] = head;
	elem[1] = len;
	wr_barrier();
	vq->used_idx++;
	vq->used[1] = vq->used_idx;
}
