// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * echo: sends every message back to where it came from, unchanged.
 */
#include "app.h"

const char app_name[] = "echo";

bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src)
{
	return false;
}

void app_loop(struct rps_rpmsg *rp)
{
	rps_run(rp, NULL, NULL);
}
