// SPDX-License-Identifier: GPL-2.0
/*
 * rps-core: one remote core of the UML AMP SoC, started by rps-socd.
 *
 *	rps-core MEMFILE DA SIZE ENTRY CORE FLAGS [PA]   (fd 3: the daemon)
 *
 * PA: where Linux sees the memory, when Linux is already there.
 *
 * Maps the core's shared memory at its device address and calls the
 * firmware's entry point with the boot services of rps_boot.h.  The
 * firmware runs in this process, so a firmware (or loader) bug kills
 * the process, and the daemon reports the crash to Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "rps_boot.h"
#include "soc.h"

static unsigned int core;
/* What the firmware was given; boot_wait() updates mem_pa. */
static struct rps_boot *the_boot;

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rps-core %u: ", core);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(127);
}

static void boot_kick(uint32_t notifyid)
{
	struct core_msg m = { .op = CORE_KICK, .val = notifyid };

	if (write(CORE_FD, &m, sizeof(m)) != sizeof(m))
		_exit(126);	/* the daemon is gone: so is the SoC */
}

static int boot_wait(uint64_t timeout_ns)
{
	struct pollfd p = { .fd = CORE_FD, .events = POLLIN };
	struct timespec ts, *tsp = NULL;
	struct core_msg m;
	ssize_t n;

	if (timeout_ns != UINT64_MAX) {
		ts.tv_sec = timeout_ns / 1000000000u;
		ts.tv_nsec = timeout_ns % 1000000000u;
		tsp = &ts;
	}
	do {
		n = ppoll(&p, 1, tsp, NULL);
	} while (n < 0 && errno == EINTR);
	if (n == 0)
		return RPS_WAIT_TIMEOUT;
	n = read(CORE_FD, &m, sizeof(m));
	if (n != sizeof(m))
		_exit(126);
	if (m.op == CORE_GONE)
		return RPS_WAIT_GONE;
	if (m.op == CORE_PA) {
		/* Not a doorbell: the firmware looks again. */
		the_boot->mem_pa = (uint64_t)m.val << 12;
		return RPS_WAIT_TIMEOUT;
	}
	return (int)(m.val & 0x7fffffff);
}

static void boot_puts(const char *s)
{
	char line[512];
	int n;

	n = snprintf(line, sizeof(line), "core %u: %s\n", core, s);
	if (n > (int)sizeof(line))
		n = sizeof(line);
	if (write(STDOUT_FILENO, line, n) < 0)
		return;
}

static uint64_t boot_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static __attribute__((noreturn)) void boot_exit(int status)
{
	_exit(status & 0xff);
}

static uint64_t number(const char *s, const char *what)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s)
		die("bad %s '%s'", what, s);
	return v;
}

int main(int argc, char **argv)
{
	static struct rps_boot boot = {
		.magic = RPS_BOOT_MAGIC,
		.version = RPS_BOOT_VERSION,
		.kick = boot_kick,
		.wait = boot_wait,
		.puts = boot_puts,
		.now_ns = boot_now_ns,
		.exit = boot_exit,
	};
	void (*entry)(const struct rps_boot *boot);
	uint64_t da, size, start;
	void *mem;
	int fd;

	if (argc != 7 && argc != 8)
		die("usage: rps-core MEMFILE DA SIZE ENTRY CORE FLAGS [PA]");
	core = number(argv[5], "core");
	da = number(argv[2], "device address");
	size = number(argv[3], "size");
	start = number(argv[4], "entry");
	if (start < da || start - da >= size)
		die("entry 0x%llx is outside the memory at 0x%llx+0x%llx",
		    (unsigned long long)start, (unsigned long long)da,
		    (unsigned long long)size);

	fd = open(argv[1], O_RDWR);
	if (fd < 0)
		die("cannot open %s: %s", argv[1], strerror(errno));
	mem = mmap((void *)(uintptr_t)da, size, PROT_READ | PROT_WRITE | PROT_EXEC,
		   MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	if (mem == MAP_FAILED || mem != (void *)(uintptr_t)da)
		die("cannot map %s at 0x%llx: %s", argv[1], (unsigned long long)da,
		    strerror(errno));
	close(fd);

	boot.core = core;
	boot.flags = number(argv[6], "flags");
	if (argc == 8)
		boot.mem_pa = number(argv[7], "physical address");
	boot.mem_da = da;
	boot.mem_size = size;
	the_boot = &boot;
	/* The daemon stops a core with SIGKILL; nothing to clean up. */
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IONBF, 0);

	entry = (void (*)(const struct rps_boot *))(uintptr_t)start;
	entry(&boot);
	/* The firmware must not return; if it does, the core stops. */
	boot_puts("firmware returned from its entry point");
	return 125;
}
