// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * misbehave: the echo app, plus commands that break the protocol once,
 * to test Linux's checks.  Each replies "ok" after the bad message.
 *
 *   badlen      a vring 0 used element longer than its buffer
 *   badhdr      a header whose len exceeds what was written
 *   baddst      a message to an address Linux does not have
 *   badns-name  an announcement whose 32-byte name has no NUL
 *   badns-addr  an announcement of address 5
 *   badns-size  a 20-byte message to the name service
 *   badtable    garbage in the table header's version and count, written
 *               half a second after the session with Linux ends (after
 *               Linux restored the table it detached from), so the next
 *               Linux finds it when it attaches
 */
#include "app.h"

#define BAD_DST		0x7fff0000u

const char app_name[] = "misbehave";

static bool garbage_pending;

static int bad_ns(struct rps_ept *ept, const char *name, uint32_t addr, uint32_t len)
{
	struct rps_ns_msg ns;

	rps_memset(&ns, 0, sizeof(ns));
	if (name)
		rps_memcpy(ns.name, name, rps_strlen(name));
	else
		rps_memset(ns.name, 'x', sizeof(ns.name));
	ns.addr = addr;
	ns.flags = RPS_NS_CREATE;
	return rps_send_ex(ept->rp, ept->addr, RPS_NS_ADDR, &ns, len, APP_REPLY_TIMEOUT_NS, 0);
}

bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src)
{
	struct rps_rpmsg *rp = ept->rp;
	char name[16];
	int ret;

	if (app_is(cmd, len, "badlen"))
		ret = rps_send_ex(rp, ept->addr, src, "badlen", 6, APP_REPLY_TIMEOUT_NS,
				  RPS_SEND_F_BADLEN);
	else if (app_is(cmd, len, "badhdr"))
		ret = rps_send_ex(rp, ept->addr, src, "badhdr", 6, APP_REPLY_TIMEOUT_NS,
				  RPS_SEND_F_BADHDR);
	else if (app_is(cmd, len, "baddst"))
		ret = rps_send_ex(rp, ept->addr, BAD_DST, "baddst", 6, APP_REPLY_TIMEOUT_NS, 0);
	else if (app_is(cmd, len, "badns-name"))
		ret = bad_ns(ept, NULL, 1100, sizeof(struct rps_ns_msg));
	else if (app_is(cmd, len, "badns-addr"))
		ret = bad_ns(ept, "rpmsg-bad-addr", 5, sizeof(struct rps_ns_msg));
	else if (app_is(cmd, len, "badns-size"))
		ret = bad_ns(ept, "rpmsg-bad-size", 1101, 20);
	else if (app_is(cmd, len, "badtable")) {
		garbage_pending = true;
		ret = 0;
	} else {
		return false;
	}
	rps_memcpy(name, cmd, len < sizeof(name) - 1 ? len : sizeof(name) - 1);
	name[len < sizeof(name) - 1 ? len : sizeof(name) - 1] = '\0';
	app_log("misbehave: %s: %d", name, ret);
	app_reply(ept, src, "ok");
	return true;
}

/* Writes the garbage "badtable" asked for, once Linux is gone. */
static bool misbehave_step(void *arg)
{
	struct rps_rpmsg *rp = arg;

	if (garbage_pending && !rp->ready && app_reset_ns &&
	    rp->boot->now_ns() - app_reset_ns > 500ull * 1000 * 1000) {
		((volatile struct rps_rsc_header *)app_table)->ver = 0xdeadbeef;
		((volatile struct rps_rsc_header *)app_table)->num = 0x7fffffff;
		garbage_pending = false;
		app_log("misbehave: garbage written into the table header");
	}
	return false;
}

void app_loop(struct rps_rpmsg *rp)
{
	rps_run(rp, misbehave_step, rp);
}
