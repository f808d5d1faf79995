// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * preboot: the echo app for a core the SoC daemon starts before Linux.
 * It waits for Linux to attach, serves it, and waits again after each
 * detach, reset or vanished Linux; "stats" answers "attaches <n>".
 */
#include "app.h"

const char app_name[] = "preboot";

bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src)
{
	return false;
}

void app_loop(struct rps_rpmsg *rp)
{
	app_log("preboot: waiting for Linux to attach");
	rps_run(rp, NULL, NULL);
}
