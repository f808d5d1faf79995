/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Messages of the UML AMP SoC (Documentation/driver-api/uml-amp-soc.rst).
 */
#ifndef RPS_SOC_H
#define RPS_SOC_H

#include <stdint.h>

/* Linux <-> daemon, on the control socket, in host byte order. */
enum soc_op {
	SOC_HELLO = 1,	/* a: window da, b: window size, c: its physical address
			 * in Linux; answered by a REPLY like STATE's */
	SOC_STATE = 2,	/* REPLY b: 1 if the core runs, c: table da, d: table size */
	SOC_START = 3,	/* a: entry, b: table da, c: table size */
	SOC_STOP = 4,
	SOC_KICK = 5,	/* a: notify id, in both directions */
	SOC_REPLY = 6,	/* a: 0 or -errno */
	SOC_CRASH = 7,	/* a: signal, or 256 + exit status */
};

struct soc_msg {
	uint32_t op;
	uint32_t core;
	uint64_t a;
	uint64_t b;
	uint64_t c;
	uint64_t d;
};

/* Daemon <-> core runner, on the runner's fd 3. */
enum core_op {
	CORE_KICK = 1,	/* val: notify id */
	CORE_GONE = 2,	/* Linux disconnected */
	CORE_PA = 3,	/* val: Linux's physical address of the memory >> 12 */
};

struct core_msg {
	uint32_t op;
	uint32_t val;
};

#define CORE_FD 3

#endif /* RPS_SOC_H */
