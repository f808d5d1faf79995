/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Boot services of a remote core of the UML AMP SoC.
 *
 * The core runner (tools/uml-soc/rps-core) maps the core's shared memory
 * at its device addresses, then calls the ELF entry point Linux loaded:
 *
 *	void _start(const struct rps_boot *boot);
 *
 * with the System V x86-64 calling convention, on a stack of at least
 * 1 MiB.  The firmware must not return; it ends with boot->exit().
 * Everything the firmware may use of the host goes through this table.
 */
#ifndef RPS_BOOT_H
#define RPS_BOOT_H

#include <stdint.h>

#define RPS_BOOT_MAGIC		0x52505342u	/* "BSPR" in memory */
#define RPS_BOOT_VERSION	2u

/* Return values of rps_boot.wait() besides a notify id (>= 0). */
#define RPS_WAIT_TIMEOUT	(-1)	/* nothing arrived in time */
#define RPS_WAIT_GONE		(-2)	/* Linux disconnected from the SoC */

/**
 * struct rps_boot - what the core runner gives the firmware
 * @magic: RPS_BOOT_MAGIC
 * @version: RPS_BOOT_VERSION
 * @core: index of this core on the SoC
 * @flags: RPS_BOOT_F_* bits
 * @mem_da: device address of the first byte of the core's shared memory
 * @mem_size: size of the shared memory in bytes
 * @kick: ring Linux's doorbell with a notify id
 * @wait: wait up to @timeout_ns (0: do not wait, UINT64_MAX: forever)
 *	for a doorbell from Linux; returns its notify id (>= 0),
 *	RPS_WAIT_TIMEOUT or RPS_WAIT_GONE
 * @puts: write a line (no newline needed) to the core's console
 * @now_ns: a monotonic clock in nanoseconds
 * @exit: stop the core; a non-zero status is reported to Linux as a crash
 * @mem_pa: the physical address at which Linux sees the first byte of the
 *	shared memory, 0 until Linux told the SoC; it may change while the
 *	core runs (a new Linux), so read it when setting up the rings
 */
struct rps_boot {
	uint32_t magic;
	uint32_t version;
	uint32_t core;
	uint32_t flags;
	uint64_t mem_da;
	uint64_t mem_size;
	void (*kick)(uint32_t notifyid);
	int (*wait)(uint64_t timeout_ns);
	void (*puts)(const char *s);
	uint64_t (*now_ns)(void);
	void (*exit)(int status) __attribute__((noreturn));
	volatile uint64_t mem_pa;
};

/* The SoC daemon started the core before Linux (late attach). */
#define RPS_BOOT_F_PREBOOT	(1u << 0)

#endif /* RPS_BOOT_H */
