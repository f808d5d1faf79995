// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * Common part of the firmware apps: entry point, resource table, the two
 * endpoints, the commands every app has ("stats"; "crash", a write
 * through a NULL pointer; "exit <n>", stop with status n; the last two
 * reply "ok" first) and the echo of everything else.
 *
 * With a trace buffer, every log line goes to it too, and "trace <n>"
 * writes n numbered lines to it ("trace line <i>").
 *
 * Build parameters: FW_TABLE (1 or 2), FW_BUFSZ (0: no BUFSZ, else both
 * buffer sizes), FW_RING_NUM (descriptors per vring), FW_TRACE (0, or
 * the size of a trace buffer "trace0" at the end of the firmware's
 * memory; version 1 tables only), FW_BASE and FW_SIZE (the memory).
 */
#include "app.h"

#if FW_TABLE == 2
RPS_DECLARE_TABLE_V2(rsc_table, FW_RING_NUM, FW_BUFSZ, FW_BUFSZ,
		     RPS_BIT(RPS_VIRTIO_F_VERSION_1));
#elif FW_TRACE
/* The trace buffer is the last FW_TRACE bytes of the firmware's memory. */
#define APP_TRACE_DA	(FW_BASE + FW_SIZE - FW_TRACE)
RPS_DECLARE_TABLE_V1_TRACE(rsc_table, FW_RING_NUM, FW_BUFSZ, FW_BUFSZ,
			   APP_TRACE_DA, FW_TRACE);
#else
RPS_DECLARE_TABLE_V1(rsc_table, FW_RING_NUM, FW_BUFSZ, FW_BUFSZ);
#endif

struct rps_rsc_header *app_table = &rsc_table.hdr;
uint64_t app_reset_ns;

static const struct rps_boot *app_boot;
static struct rps_rpmsg app_rp;
static struct rps_ept app_ept[2];

#if FW_TRACE
static uint32_t app_trace_pos;

/* Appends @s and a newline to the trace ring, then the NUL after them. */
static void app_trace(const char *s)
{
	char *buf = (char *)(uintptr_t)APP_TRACE_DA;
	uint32_t i, n = rps_strlen(s);

	for (i = 0; i <= n; i++) {
		buf[app_trace_pos] = i < n ? s[i] : '\n';
		app_trace_pos = (app_trace_pos + 1) % FW_TRACE;
	}
	buf[app_trace_pos] = '\0';
}
#else
static void app_trace(const char *s)
{
}
#endif

void app_log(const char *fmt, ...)
{
	__builtin_va_list ap;
	char line[160];

	__builtin_va_start(ap, fmt);
	rps_vsnprintf(line, sizeof(line), fmt, ap);
	__builtin_va_end(ap);
	app_boot->puts(line);
	app_trace(line);
}

bool app_is(const char *cmd, uint32_t len, const char *word)
{
	uint32_t n = rps_strlen(word);

	return len >= n && !rps_memcmp(cmd, word, n) && (len == n || cmd[n] == ' ');
}

int app_reply(struct rps_ept *ept, uint32_t dst, const char *s)
{
	return rps_send(ept, dst, s, rps_strlen(s), APP_REPLY_TIMEOUT_NS);
}

static void app_rx(struct rps_ept *ept, const void *data, uint32_t len, uint32_t src)
{
	const char *cmd = data;
	uint32_t n = len;
	char line[32];

	while (n && (cmd[n - 1] == '\0' || cmd[n - 1] == '\n' || cmd[n - 1] == ' '))
		n--;
	if (app_is(cmd, n, "stats") && n == 5) {
		rps_snprintf(line, sizeof(line), "attaches %u", app_rp.attaches);
		app_reply(ept, src, line);
		return;
	}
	if (app_is(cmd, n, "crash") && n == 5) {
		volatile int *p;

		app_reply(ept, src, "ok");
		app_log("%s: writing through a NULL pointer", app_name);
		/* Hide the constant from the compiler: a real store, not a trap. */
		__asm__ volatile("" : "=r"(p) : "0"(0));
		*p = 1;
		return;
	}
	if (app_is(cmd, n, "exit") && n > 5) {
		int status = (int)rps_strtou(cmd + 5, n - 5, NULL);

		app_reply(ept, src, "ok");
		app_log("%s: exit %d", app_name, status);
		app_boot->exit(status);
	}
	if (FW_TRACE && app_is(cmd, n, "trace") && n > 6) {
		uint32_t i, lines = rps_strtou(cmd + 6, n - 6, NULL);

		for (i = 0; i < lines; i++) {
			rps_snprintf(line, sizeof(line), "trace line %u", i);
			app_trace(line);
		}
		app_reply(ept, src, "ok");
		return;
	}
	if (app_command(ept, cmd, n, src))
		return;
	rps_send(ept, src, data, len, APP_REPLY_TIMEOUT_NS);
}

static void app_ready(struct rps_rpmsg *rp)
{
	app_log("%s: attached (%u), buffers %u/%u", app_name, rp->attaches,
		rp->txbuf_size, rp->rxbuf_size);
}

static void app_reset(struct rps_rpmsg *rp)
{
	app_log("%s: detached (%u)", app_name, rp->resets);
	app_reset_ns = rp->boot->now_ns();
}

void _start(const struct rps_boot *boot);

void _start(const struct rps_boot *boot)
{
	if (boot->magic != RPS_BOOT_MAGIC || boot->version != RPS_BOOT_VERSION)
		boot->exit(2);
	app_boot = boot;
#if FW_TRACE
	rps_memset((void *)(uintptr_t)APP_TRACE_DA, 0, FW_TRACE);
#endif
	app_log("%s: core %u, table v%u, buffers %u, ring %u%s", app_name, boot->core,
		FW_TABLE, FW_BUFSZ ? FW_BUFSZ : RPS_DEFAULT_BUF_SIZE, FW_RING_NUM,
		boot->flags & RPS_BOOT_F_PREBOOT ? ", started before Linux" : "");
	if (rps_init(&app_rp, boot, &rsc_table, sizeof(rsc_table), &rsc_table_declared)) {
		app_log("%s: no rpmsg vdev in the resource table", app_name);
		boot->exit(3);
	}
	app_rp.on_ready = app_ready;
	app_rp.on_reset = app_reset;
	rps_ept_add(&app_rp, &app_ept[0], "rpmsg-raw", APP_EPT_RAW, app_rx, NULL);
	rps_ept_add(&app_rp, &app_ept[1], "rpmsg-openamp-demo-channel", APP_EPT_DEMO,
		    app_rx, NULL);
	app_loop(&app_rp);
	boot->exit(0);
}
