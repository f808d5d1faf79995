// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * crash: the echo app for crash tests (every app crashes on "crash" and
 * stops on "exit <n>"), plus "hang": reply "ok", then stop serving Linux
 * without dying, as a core stuck in a loop does.
 */
#include "app.h"

const char app_name[] = "crash";

bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src)
{
	if (app_is(cmd, len, "hang") && len == 4) {
		app_reply(ept, src, "ok");
		app_log("crash: hanging");
		for (;;)
			ept->rp->boot->wait(UINT64_MAX);
	}
	return false;
}

void app_loop(struct rps_rpmsg *rp)
{
	rps_run(rp, NULL, NULL);
}
