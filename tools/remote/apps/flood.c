// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * flood: the echo app, plus "flood <count> <size>": sends <count>
 * messages of <size> bytes (at least 4, at most the MTU) to the sender,
 * each starting with its sequence number (little-endian u32), as fast as
 * Linux returns buffers.
 */
#include "app.h"

#define FLOOD_TIMEOUT_NS	(5000ull * 1000 * 1000)

const char app_name[] = "flood";

static struct {
	struct rps_ept *ept;
	uint32_t dst;
	uint32_t count;
	uint32_t size;
} flood;

static uint8_t flood_buf[RPS_MAX_BUF_SIZE];

bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src)
{
	const char *end;
	uint64_t count, size;

	if (!app_is(cmd, len, "flood"))
		return false;
	count = rps_strtou(cmd + 6, len > 6 ? len - 6 : 0, &end);
	size = rps_strtou(end + 1, end + 1 < cmd + len ? cmd + len - end - 1 : 0, NULL);
	if (flood.count) {
		app_reply(ept, src, "busy");
		return true;
	}
	if (size < 4 || size > rps_mtu(ept->rp) || count > UINT32_MAX) {
		app_reply(ept, src, "bad size");
		return true;
	}
	app_reply(ept, src, "ok");
	flood.ept = ept;
	flood.dst = src;
	flood.count = count;
	flood.size = size;
	return true;
}

static bool flood_pending(void *arg)
{
	return flood.count;
}

static void flood_run(struct rps_rpmsg *rp)
{
	uint32_t seq, n = flood.count;
	int ret = 0;

	for (seq = 0; seq < flood.size; seq++)
		flood_buf[seq] = (uint8_t)seq;
	for (seq = 0; seq < n; seq++) {
		flood_buf[0] = seq;
		flood_buf[1] = seq >> 8;
		flood_buf[2] = seq >> 16;
		flood_buf[3] = seq >> 24;
		ret = rps_send(flood.ept, flood.dst, flood_buf, flood.size, FLOOD_TIMEOUT_NS);
		if (ret)
			break;
		/* Keep serving Linux's messages now and then. */
		if (!(seq & 15) && rps_vq_pending(&rp->vq[1]))
			rps_poll(rp, 0);
	}
	if (ret)
		app_log("flood: stopped after %u of %u messages: %d", seq, n, ret);
	flood.count = 0;
}

void app_loop(struct rps_rpmsg *rp)
{
	for (;;) {
		rps_run(rp, flood_pending, NULL);
		flood_run(rp);
	}
}
