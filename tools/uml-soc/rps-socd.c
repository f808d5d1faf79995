// SPDX-License-Identifier: GPL-2.0
/*
 * rps-socd: the SoC daemon of the UML AMP SoC.
 *
 *	rps-socd -d DIR -c CORE:DA:SIZE... [-p CORE:ELF[:respawn]]... [-r RUNNER]
 *
 * Owns each core's shared memory (DIR/coreN.mem, which UML maps with
 * iomem=rprocN,DIR/coreN.mem) and the control socket DIR/ctl.sock, and
 * powers cores on and off when Linux asks: a running core is an
 * rps-core process.  Relays doorbells both ways and tells Linux when a
 * core dies.  -p loads an ELF into a core and starts it before Linux
 * comes (late attach); with ":respawn" the core is loaded and started
 * again whenever it dies, as a core that restarts on its own does.
 * Stops on SIGTERM or SIGINT, stopping the cores.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "soc.h"

#define MAX_CORES	8
#define MAX_CONNS	16

struct core {
	bool used;
	uint64_t da;
	uint64_t size;
	char mem_path[256];
	const char *preboot;	/* ELF the daemon loads and starts itself */
	bool respawn;
	pid_t pid;		/* 0: powered off */
	bool stopping;		/* Linux asked for the stop: not a crash */
	int fd;			/* to the rps-core process */
	int conn;		/* index of Linux's connection, or -1 */
	uint64_t table_da;
	uint64_t table_size;
	uint64_t linux_pa;	/* where Linux sees the memory, 0: not known yet */
};

struct conn {
	int fd;			/* -1: free */
	uint8_t rx[sizeof(struct soc_msg)];
	size_t rx_len;
};

static struct core cores[MAX_CORES];
static struct conn conns[MAX_CONNS];
static const char *runner = "rps-core";

static void logmsg(const char *fmt, ...)
{
	va_list ap;

	fputs("rps-socd: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("rps-socd: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void send_linux(struct core *c, uint32_t op, uint64_t a, uint64_t b,
		       uint64_t cc, uint64_t d)
{
	struct soc_msg m = { .op = op, .core = (uint32_t)(c - cores),
			     .a = a, .b = b, .c = cc, .d = d };

	if (c->conn < 0)
		return;
	if (write(conns[c->conn].fd, &m, sizeof(m)) != sizeof(m))
		logmsg("core %u: cannot write to Linux: %s", m.core, strerror(errno));
}

static void send_core(struct core *c, uint32_t op, uint32_t val)
{
	struct core_msg m = { .op = op, .val = val };

	if (c->pid && write(c->fd, &m, sizeof(m)) != sizeof(m))
		logmsg("core %ld: cannot write to the core: %s", (long)(c - cores),
		       strerror(errno));
}

/*
 * Loads an ELF64 executable into a core's memory as a boot loader
 * would; returns the entry point and finds the resource table.
 */
static int load_elf(struct core *c, const char *path, uint64_t *entry)
{
	unsigned int n = c - cores;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	const Elf64_Shdr *sh;
	struct stat st;
	uint8_t *f, *mem;
	int fd, i, ret = -1;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		logmsg("core %u: cannot open %s: %s", n, path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	f = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (f == MAP_FAILED)
		return -1;
	mem = NULL;
	fd = open(c->mem_path, O_RDWR);
	if (fd >= 0) {
		mem = mmap(NULL, c->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
	}
	if (!mem || mem == MAP_FAILED) {
		logmsg("core %u: cannot map %s", n, c->mem_path);
		munmap(f, st.st_size);
		return -1;
	}

	eh = (const Elf64_Ehdr *)f;
	if ((size_t)st.st_size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(*ph) || eh->e_phoff > (uint64_t)st.st_size ||
	    eh->e_phnum > ((uint64_t)st.st_size - eh->e_phoff) / sizeof(*ph)) {
		logmsg("core %u: %s is not an x86-64 ELF64 executable", n, path);
		goto out;
	}
	ph = (const Elf64_Phdr *)(f + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_paddr < c->da || ph[i].p_memsz > c->size ||
		    ph[i].p_paddr - c->da > c->size - ph[i].p_memsz ||
		    ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > (uint64_t)st.st_size ||
		    ph[i].p_filesz > (uint64_t)st.st_size - ph[i].p_offset) {
			logmsg("core %u: %s: segment %d does not fit", n, path, i);
			goto out;
		}
		memcpy(mem + (ph[i].p_paddr - c->da), f + ph[i].p_offset, ph[i].p_filesz);
		memset(mem + (ph[i].p_paddr - c->da) + ph[i].p_filesz, 0,
		       ph[i].p_memsz - ph[i].p_filesz);
	}

	c->table_da = 0;
	c->table_size = 0;
	if (eh->e_shentsize == sizeof(*sh) && eh->e_shoff <= (uint64_t)st.st_size &&
	    eh->e_shnum <= ((uint64_t)st.st_size - eh->e_shoff) / sizeof(*sh) &&
	    eh->e_shstrndx < eh->e_shnum) {
		const Elf64_Shdr *str;

		sh = (const Elf64_Shdr *)(f + eh->e_shoff);
		str = &sh[eh->e_shstrndx];
		for (i = 0; i < eh->e_shnum; i++) {
			if (str->sh_offset > (uint64_t)st.st_size ||
			    sh[i].sh_name >= str->sh_size ||
			    str->sh_size > (uint64_t)st.st_size - str->sh_offset)
				continue;
			if (str->sh_size - sh[i].sh_name > sizeof(".resource_table") - 1 &&
			    !memcmp(f + str->sh_offset + sh[i].sh_name, ".resource_table",
				    sizeof(".resource_table"))) {
				c->table_da = sh[i].sh_addr;
				c->table_size = sh[i].sh_size;
			}
		}
	}
	*entry = eh->e_entry;
	ret = 0;
out:
	munmap(f, st.st_size);
	munmap(mem, c->size);
	return ret;
}

static int start_core(struct core *c, uint64_t entry, uint32_t flags)
{
	unsigned int n = c - cores;
	pid_t self = getpid();
	int sv[2];
	pid_t pid;

	if (entry < c->da || entry - c->da >= c->size) {
		logmsg("core %u: entry 0x%llx is outside its memory", n,
		       (unsigned long long)entry);
		return -EINVAL;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return -errno;
	}
	if (pid == 0) {
		char a[7][32];

		/* A core does not outlive its SoC. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != self)
			_exit(127);
		if (sv[1] == CORE_FD)
			fcntl(CORE_FD, F_SETFD, 0);
		else
			dup2(sv[1], CORE_FD);
		snprintf(a[0], sizeof(a[0]), "0x%llx", (unsigned long long)c->da);
		snprintf(a[1], sizeof(a[1]), "0x%llx", (unsigned long long)c->size);
		snprintf(a[2], sizeof(a[2]), "0x%llx", (unsigned long long)entry);
		snprintf(a[3], sizeof(a[3]), "%u", n);
		snprintf(a[4], sizeof(a[4]), "%u", flags);
		/* Known before the firmware runs, so it never sees a stale one. */
		snprintf(a[5], sizeof(a[5]), "0x%llx", (unsigned long long)c->linux_pa);
		execlp(runner, runner, c->mem_path, a[0], a[1], a[2], a[3], a[4], a[5],
		       (char *)NULL);
		fprintf(stderr, "rps-socd: cannot run %s: %s\n", runner, strerror(errno));
		_exit(127);
	}
	close(sv[1]);
	/* Never block on a core: a read finds its message or nothing. */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	c->fd = sv[0];
	c->pid = pid;
	c->stopping = false;
	logmsg("core %u: started at 0x%llx, pid %d", n, (unsigned long long)entry, pid);
	return 0;
}

static int preboot(struct core *c)
{
	uint64_t entry;

	if (load_elf(c, c->preboot, &entry))
		return -1;
	logmsg("core %ld: loaded %s", (long)(c - cores), c->preboot);
	return start_core(c, entry, 1u /* RPS_BOOT_F_PREBOOT */);
}

static void stop_core(struct core *c)
{
	if (!c->pid)
		return;
	c->stopping = true;
	kill(c->pid, SIGKILL);
	waitpid(c->pid, NULL, 0);
	close(c->fd);
	c->pid = 0;
	c->table_da = 0;
	c->table_size = 0;
	logmsg("core %ld: stopped", (long)(c - cores));
}

/* A core process ended: report it unless Linux stopped it. */
static void reap(void)
{
	unsigned int i;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < MAX_CORES; i++) {
			struct core *c = &cores[i];
			uint64_t what;

			if (!c->used || c->pid != pid)
				continue;
			what = WIFSIGNALED(status) ? (uint64_t)WTERMSIG(status) :
				256 + (uint64_t)WEXITSTATUS(status);
			close(c->fd);
			c->pid = 0;
			c->table_da = 0;
			c->table_size = 0;
			if (WIFSIGNALED(status))
				logmsg("core %u: died of signal %d", i, WTERMSIG(status));
			else
				logmsg("core %u: exited with status %d", i, WEXITSTATUS(status));
			send_linux(c, SOC_CRASH, what, 0, 0, 0);
			if (c->respawn && c->preboot)
				preboot(c);
		}
	}
}

static void reply(struct core *c, int64_t err)
{
	send_linux(c, SOC_REPLY, (uint64_t)err, c->pid != 0, c->table_da, c->table_size);
}

static void linux_msg(int ci, const struct soc_msg *m)
{
	struct core *c;

	if (m->core >= MAX_CORES || !cores[m->core].used) {
		struct soc_msg r = { .op = SOC_REPLY, .core = m->core, .a = (uint64_t)-ENODEV };

		logmsg("Linux asked for core %u, which the SoC does not have", m->core);
		if (write(conns[ci].fd, &r, sizeof(r)) != sizeof(r))
			logmsg("cannot write to Linux");
		return;
	}
	c = &cores[m->core];
	if (m->op == SOC_HELLO) {
		if (c->conn >= 0 && c->conn != ci) {
			struct soc_msg r = { .op = SOC_REPLY, .core = m->core,
					     .a = (uint64_t)-EBUSY };

			logmsg("core %u: a second Linux connection, refused", m->core);
			if (write(conns[ci].fd, &r, sizeof(r)) != sizeof(r))
				logmsg("cannot write to Linux");
			return;
		}
		c->conn = ci;
		if (m->c & 0xfff || m->c >> 44) {
			logmsg("core %u: Linux has its memory at physical 0x%llx, which the SoC cannot pass on",
			       m->core, (unsigned long long)m->c);
			reply(c, -EINVAL);
			c->conn = -1;
			return;
		}
		if (m->a != c->da || m->b != c->size) {
			logmsg("core %u: Linux has its memory at 0x%llx+0x%llx, the SoC at 0x%llx+0x%llx",
			       m->core, (unsigned long long)m->a, (unsigned long long)m->b,
			       (unsigned long long)c->da, (unsigned long long)c->size);
			reply(c, -EINVAL);
			c->conn = -1;
			return;
		}
		c->linux_pa = m->c;
		send_core(c, CORE_PA, (uint32_t)(c->linux_pa >> 12));
		logmsg("core %u: Linux connected (core %s), memory at 0x%llx for it", m->core,
		       c->pid ? "running" : "off", (unsigned long long)m->c);
		reply(c, 0);
		return;
	}
	if (c->conn != ci) {
		logmsg("core %u: message %u from a connection that did not say hello",
		       m->core, m->op);
		return;
	}
	switch (m->op) {
	case SOC_STATE:
		reply(c, 0);
		break;
	case SOC_START:
		if (c->pid) {
			reply(c, -EBUSY);
			break;
		}
		c->table_da = m->b;
		c->table_size = m->c;
		reply(c, start_core(c, m->a, 0));
		break;
	case SOC_STOP:
		stop_core(c);
		reply(c, 0);
		break;
	case SOC_KICK:
		send_core(c, CORE_KICK, (uint32_t)m->a);
		break;
	default:
		logmsg("core %u: unknown message %u from Linux", m->core, m->op);
	}
}

static void linux_gone(int ci)
{
	unsigned int i;

	logmsg("Linux disconnected");
	close(conns[ci].fd);
	conns[ci].fd = -1;
	for (i = 0; i < MAX_CORES; i++) {
		if (cores[i].used && cores[i].conn == ci) {
			cores[i].conn = -1;
			send_core(&cores[i], CORE_GONE, 0);
		}
	}
}

static void core_msg(struct core *c)
{
	struct core_msg m;
	ssize_t n = read(c->fd, &m, sizeof(m));

	if (n != sizeof(m))
		return;		/* it is dying; reap() will tell */
	if (m.op == CORE_KICK)
		send_linux(c, SOC_KICK, m.val, 0, 0, 0);
}

static void add_core(const char *spec, const char *dir)
{
	unsigned long n;
	struct core *c;
	char *end;
	int fd;

	n = strtoul(spec, &end, 0);
	if (*end != ':' || n >= MAX_CORES)
		die("bad core '%s' (CORE:DA:SIZE)", spec);
	c = &cores[n];
	c->da = strtoull(end + 1, &end, 0);
	if (*end != ':')
		die("bad core '%s' (CORE:DA:SIZE)", spec);
	c->size = strtoull(end + 1, &end, 0);
	if (*end == 'M')
		c->size <<= 20, end++;
	if (*end || !c->size || c->size % 4096)
		die("bad core '%s': the size must be a multiple of 4 KiB", spec);
	c->used = true;
	c->conn = -1;
	snprintf(c->mem_path, sizeof(c->mem_path), "%s/core%lu.mem", dir, n);
	fd = open(c->mem_path, O_RDWR | O_CREAT, 0600);
	if (fd < 0 || ftruncate(fd, c->size))
		die("cannot create %s: %s", c->mem_path, strerror(errno));
	close(fd);
}

static void add_preboot(const char *spec)
{
	unsigned long n;
	char *end, *p;

	n = strtoul(spec, &end, 0);
	if (*end != ':' || n >= MAX_CORES || !cores[n].used)
		die("bad preboot '%s' (CORE:ELF[:respawn], after -c CORE)", spec);
	p = strdup(end + 1);
	end = strrchr(p, ':');
	if (end && !strcmp(end, ":respawn")) {
		*end = 0;
		cores[n].respawn = true;
	}
	cores[n].preboot = p;
}

int main(int argc, char **argv)
{
	struct pollfd pfd[2 + MAX_CONNS + MAX_CORES];
	const char *dir = NULL;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lfd, sfd, opt, i, np;
	char *pre[MAX_CORES];
	int npre = 0;
	sigset_t mask;

	while ((opt = getopt(argc, argv, "d:c:p:r:")) != -1) {
		switch (opt) {
		case 'd':
			dir = optarg;
			break;
		case 'c':
			if (!dir)
				die("-d must come before -c");
			add_core(optarg, dir);
			break;
		case 'p':
			if (npre < MAX_CORES)
				pre[npre++] = optarg;
			break;
		case 'r':
			runner = optarg;
			break;
		default:
			die("usage: rps-socd -d DIR -c CORE:DA:SIZE... [-p CORE:ELF[:respawn]]... [-r RUNNER]");
		}
	}
	if (!dir)
		die("no directory (-d)");
	for (i = 0; i < npre; i++)
		add_preboot(pre[i]);
	for (i = 0; i < MAX_CONNS; i++)
		conns[i].fd = -1;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sfd < 0)
		die("signalfd: %s", strerror(errno));

	if (snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/ctl.sock", dir) >=
	    (int)sizeof(sa.sun_path))
		die("%s/ctl.sock: path too long for a socket", dir);
	unlink(sa.sun_path);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 4))
		die("cannot listen on %s: %s", sa.sun_path, strerror(errno));

	for (i = 0; i < MAX_CORES; i++)
		if (cores[i].used && cores[i].preboot && preboot(&cores[i]))
			die("core %d: cannot start %s", i, cores[i].preboot);
	logmsg("ready on %s", sa.sun_path);

	for (;;) {
		int map[2 + MAX_CONNS + MAX_CORES];

		np = 0;
		pfd[np] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		map[np++] = -1;
		pfd[np] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		map[np++] = -2;
		for (i = 0; i < MAX_CONNS; i++) {
			if (conns[i].fd < 0)
				continue;
			pfd[np] = (struct pollfd){ .fd = conns[i].fd, .events = POLLIN };
			map[np++] = i;
		}
		for (i = 0; i < MAX_CORES; i++) {
			if (!cores[i].used || !cores[i].pid)
				continue;
			pfd[np] = (struct pollfd){ .fd = cores[i].fd, .events = POLLIN };
			map[np++] = 100 + i;
		}
		if (poll(pfd, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		for (i = 0; i < np; i++) {
			if (!pfd[i].revents)
				continue;
			if (map[i] == -1) {
				struct signalfd_siginfo si;

				if (read(sfd, &si, sizeof(si)) != sizeof(si))
					continue;
				if (si.ssi_signo == SIGCHLD) {
					/* Its fds may be reused: poll afresh. */
					reap();
					break;
				}
				for (i = 0; i < MAX_CORES; i++)
					if (cores[i].used)
						stop_core(&cores[i]);
				unlink(sa.sun_path);
				logmsg("stopped");
				return 0;
			} else if (map[i] == -2) {
				int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC), k;

				for (k = 0; fd >= 0 && k < MAX_CONNS; k++) {
					if (conns[k].fd < 0) {
						conns[k].fd = fd;
						conns[k].rx_len = 0;
						break;
					}
				}
				if (fd >= 0 && k == MAX_CONNS)
					close(fd);
			} else if (map[i] < 100) {
				struct conn *cn = &conns[map[i]];
				ssize_t n = recv(cn->fd, cn->rx + cn->rx_len,
						 sizeof(cn->rx) - cn->rx_len, MSG_DONTWAIT);

				if (n < 0 && errno == EAGAIN)
					continue;
				if (n <= 0) {
					linux_gone(map[i]);
					continue;
				}
				cn->rx_len += n;
				if (cn->rx_len == sizeof(cn->rx)) {
					struct soc_msg m;

					memcpy(&m, cn->rx, sizeof(m));
					cn->rx_len = 0;
					linux_msg(map[i], &m);
				}
			} else {
				struct core *c = &cores[map[i] - 100];

				if (c->pid)
					core_msg(c);
			}
		}
	}
}
