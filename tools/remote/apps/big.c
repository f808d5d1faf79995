// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/*
 * big: the echo app with FW_BLOB_SIZE bytes of initialised data, to
 * measure firmware loading.
 */
#include "app.h"

#define STR(x)	#x
#define XSTR(x)	STR(x)

__asm__(".section .rodata.blob, \"a\"\n"
	".globl app_blob\n"
	"app_blob:\n"
	".fill " XSTR(FW_BLOB_SIZE) ", 1, 0xa5\n"
	".previous\n");

extern const uint8_t app_blob[];

const char app_name[] = "big";

bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src)
{
	return false;
}

void app_loop(struct rps_rpmsg *rp)
{
	volatile const uint8_t *b = app_blob;

	app_log("big: %u bytes of data, last byte 0x%x", FW_BLOB_SIZE, b[FW_BLOB_SIZE - 1]);
	rps_run(rp, NULL, NULL);
}
