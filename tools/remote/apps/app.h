/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * What the firmware apps share (app.c): the resource table of the build,
 * two echo endpoints and the command dispatch.  Each app provides
 * app_name, app_command() and app_loop().
 */
#ifndef APP_H
#define APP_H

#include "rps_remote.h"

#define APP_EPT_RAW		1024
#define APP_EPT_DEMO		1025
#define APP_REPLY_TIMEOUT_NS	(1000ull * 1000 * 1000)

extern const char app_name[];
extern struct rps_rsc_header *app_table;
/* When the last session with Linux ended (boot->now_ns()), or 0. */
extern uint64_t app_reset_ns;

/**
 * app_command() - an app's own commands
 * @ept: endpoint the message came to
 * @cmd: the message, trailing NULs, spaces and newlines cut off
 * @len: its length
 * @src: where it came from
 *
 * Return: true if @cmd was a command of the app (it has replied).
 */
bool app_command(struct rps_ept *ept, const char *cmd, uint32_t len, uint32_t src);

/**
 * app_loop() - the app's main loop; returns only to stop the core
 * @rp: the device, endpoints added
 */
void app_loop(struct rps_rpmsg *rp);

/* Whether @cmd is @word, or starts with @word and a space. */
bool app_is(const char *cmd, uint32_t len, const char *word);
/* Sends the text @s to @dst; returns rps_send()'s result. */
int app_reply(struct rps_ept *ept, uint32_t dst, const char *s);
/* Prints a formatted line on the console. */
void app_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* APP_H */
