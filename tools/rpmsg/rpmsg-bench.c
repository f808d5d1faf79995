// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-bench: measure an echo firmware through an rpmsg endpoint
 * device, using only the uapi header <linux/rpmsg.h>.
 *
 *   rpmsg-bench rtt DEV COUNT SIZE [RAWFILE]
 *                      time COUNT echoes of SIZE bytes after 10 warm-up
 *                      ones; print the median, 99th percentile, minimum
 *                      and maximum, and every sample to RAWFILE
 *   rpmsg-bench tput DEV SIZE MTU SECONDS [WINDOW]
 *                      for SECONDS after a 0.2 s warm-up, echo messages
 *                      of SIZE bytes sent as pieces of at most MTU bytes,
 *                      up to WINDOW (16) pieces in flight; print messages
 *                      and payload bytes per second
 *   rpmsg-bench memcpy SIZE [REPEAT]
 *                      the best of REPEAT (20) memcpy()s of SIZE bytes:
 *                      the limit of firmware loading
 *   rpmsg-bench read FILE [REPEAT]
 *                      the best of REPEAT (5) reads of the whole FILE in
 *                      1 MiB pieces: what the file system gives the
 *                      firmware loader
 *   rpmsg-bench write FILE TEXT
 *                      time one write() of TEXT to FILE (a sysfs
 *                      attribute: "start" returns once the processor
 *                      runs); print the nanoseconds
 *   rpmsg-bench until GLOB SECONDS CMD [ARGS...]
 *                      run CMD (e.g. insmod of a platform driver); print
 *                      the nanoseconds from its start until a path
 *                      matches GLOB (e.g. the channel's device node),
 *                      looked for every millisecond
 *
 * DEV is an endpoint device (/dev/rpmsgN).  SIZE and MTU are bytes, or
 * KiB or MiB with a K or M suffix.  Every echo is checked: a lost,
 * duplicated, reordered or changed one is an error.  Exit status: 0
 * success, 1 wrong data or usage, 2 a timeout, 3 ECONNRESET (the remote
 * restarted), 4 any other error; errors are printed with their name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#define TIMEOUT_MS	5000
#define TIMEOUT_NS	(TIMEOUT_MS * 1000000ull)
#define RTT_WARMUP	10
#define TPUT_WARMUP_NS	200000000ull
#define TPUT_WINDOW	16
#define MEMCPY_REPEAT	20

static int fail(const char *what, int err)
{
	printf("%s: %s (%s)\n", what, strerrorname_np(err) ?: "?", strerror(err));
	if (err == ETIMEDOUT)
		return 2;
	return err == ECONNRESET ? 3 : 4;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* A positive number with an optional K or M suffix; 0 if it is not one. */
static size_t parse_size(const char *s)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	shift = *end == 'K' ? 10 : *end == 'M' ? 20 : 0;
	end += !!shift;
	if (errno || *end || v > (SIZE_MAX >> shift))
		return 0;
	return (size_t)v << shift;
}

/* Reads one message within TIMEOUT_MS; returns its length or -errno. */
static int recv_msg(int fd, void *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int r;

	r = poll(&p, 1, TIMEOUT_MS);
	if (r < 0)
		return -errno;
	if (r == 0)
		return -ETIMEDOUT;
	n = read(fd, buf, len);
	if (n < 0)
		return -errno;
	/* End of file: only a socket standing in for the device does that. */
	return n || len == 0 ? (int)n : -ECONNRESET;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int do_rtt(int fd, unsigned long count, size_t size, const char *raw)
{
	unsigned char *out = malloc(size), *in = malloc(size + 1);
	uint64_t *ns = calloc(count, sizeof(*ns)), t, med;
	unsigned long i;
	FILE *f;
	size_t j;
	int n;

	if (!out || !in || !ns)
		return fail("malloc", ENOMEM);
	for (i = 0; i < count + RTT_WARMUP; i++) {
		for (j = 0; j < size; j++)
			out[j] = (unsigned char)(i * 31 + j * 7);
		/* Never a command of the firmware: those start with a letter. */
		out[0] = 0xff;
		t = now_ns();
		if (write(fd, out, size) != (ssize_t)size) {
			printf("round trip %lu: ", i);
			return fail("write", errno);
		}
		n = recv_msg(fd, in, size + 1);
		t = now_ns() - t;
		if (n < 0) {
			printf("round trip %lu: ", i);
			return fail("read", -n);
		}
		if ((size_t)n != size || memcmp(in, out, size)) {
			printf("round trip %lu: %zu bytes came back as %d bytes%s\n", i, size, n,
			       (size_t)n == size ? " with other data" : "");
			return 1;
		}
		if (i >= RTT_WARMUP)
			ns[i - RTT_WARMUP] = t;
	}
	if (raw) {
		f = fopen(raw, "w");
		if (!f)
			return fail(raw, errno);
		for (i = 0; i < count; i++)
			fprintf(f, "%llu\n", (unsigned long long)ns[i]);
		if (ferror(f) | fclose(f))
			return fail(raw, errno ?: EIO);
	}
	qsort(ns, count, sizeof(*ns), cmp_u64);
	med = count & 1 ? ns[count / 2] : (ns[count / 2 - 1] + ns[count / 2]) / 2;
	printf("rtt size=%zu count=%lu median_ns=%llu p99_ns=%llu min_ns=%llu max_ns=%llu\n",
	       size, count, (unsigned long long)med,
	       (unsigned long long)ns[(count * 99 + 99) / 100 - 1],
	       (unsigned long long)ns[0], (unsigned long long)ns[count - 1]);
	free(out);
	free(in);
	free(ns);
	return 0;
}

/*
 * Piece @seq: from 8 bytes on, 0xff, the sequence number in 7 bytes and a
 * pattern that depends on it; shorter ones, bytes of the counter @ctr.
 * The first byte is never a letter, that is, a command of the firmware.
 */
static void make_piece(unsigned char *b, size_t len, uint64_t seq, unsigned char *ctr,
		       const unsigned char *pat)
{
	size_t i;

	if (len < 8) {
		for (i = 0; i < len; i++)
			b[i] = 0x80 | (*ctr)++;
		return;
	}
	b[0] = 0xff;
	for (i = 1; i < 8; i++)
		b[i] = (unsigned char)(seq >> (56 - 8 * i));
	memcpy(b + 8, pat + (seq & 255), len - 8);
}

static int do_tput(int fd, size_t size, size_t mtu, double secs, unsigned long window)
{
	size_t pieces = (size + mtu - 1) / mtu, len;
	unsigned char *out = malloc(mtu), *in = malloc(mtu + 1), *pat = malloc(mtu + 256);
	unsigned char wctr = 0, rctr = 0, c;
	uint64_t sent = 0, got = 0, msgs = 0, bytes = 0, msgs0 = 0, bytes0 = 0, seq;
	uint64_t dur = secs * 1e9, begin, start = 0, end = 0, last, now, until;
	enum { WARMUP, TIMED, DRAIN } phase = WARMUP;
	struct pollfd p = { .fd = fd };
	bool blocked = false;
	ssize_t n;
	size_t i;
	int r;

	if (!out || !in || !pat)
		return fail("malloc", ENOMEM);
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0)
		return fail("fcntl", errno);
	for (i = 0; i < mtu + 256; i++)
		pat[i] = (unsigned char)(i * 0x9e + (i >> 8) * 0x37 + 1);
	begin = now_ns();
	last = begin;
	for (;;) {
		now = now_ns();
		if (phase == WARMUP && now >= begin + TPUT_WARMUP_NS) {
			phase = TIMED;
			start = now;
			msgs0 = msgs;
			bytes0 = bytes;
		}
		if (phase == TIMED && now >= start + dur) {
			phase = DRAIN;
			end = now;
			msgs0 = msgs - msgs0;
			bytes0 = bytes - bytes0;
		}
		if (phase == DRAIN && got == sent)
			break;
		/* Fill the window until the device has no room. */
		while (phase != DRAIN && !blocked && sent - got < window) {
			len = sent % pieces == pieces - 1 ? size - (pieces - 1) * mtu : mtu;
			c = wctr;
			make_piece(out, len, sent, &c, pat);
			n = write(fd, out, len);
			/* Without a free buffer: EAGAIN, or ENOMEM from virtio. */
			if (n < 0 && (errno == EAGAIN || errno == ENOMEM)) {
				blocked = true;
				break;
			}
			if (n != (ssize_t)len) {
				printf("piece %llu: ", (unsigned long long)sent);
				return fail("write", n < 0 ? errno : EIO);
			}
			wctr = c;
			sent++;
			last = now;
		}
		until = last + TIMEOUT_NS;
		if (phase == WARMUP && begin + TPUT_WARMUP_NS < until)
			until = begin + TPUT_WARMUP_NS;
		else if (phase == TIMED && start + dur < until)
			until = start + dur;
		p.events = (got < sent ? POLLIN : 0) | (blocked ? POLLOUT : 0);
		r = poll(&p, 1, until > now ? (int)((until - now + 999999) / 1000000) : 0);
		if (r < 0 && errno != EINTR)
			return fail("poll", errno);
		now = now_ns();
		if (r <= 0) {
			if (now - last >= TIMEOUT_NS) {
				printf("%llu pieces sent, %llu echoed: ", (unsigned long long)sent,
				       (unsigned long long)got);
				return fail("tput", ETIMEDOUT);
			}
			continue;
		}
		if (p.revents & POLLOUT)
			blocked = false;
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		for (r = 0;; r++) {
			n = read(fd, in, mtu + 1);
			if (n < 0 && errno == EAGAIN)
				break;
			if (n <= 0) {
				printf("after %llu pieces: ", (unsigned long long)got);
				return fail("read", n < 0 ? errno : ECONNRESET);
			}
			len = got % pieces == pieces - 1 ? size - (pieces - 1) * mtu : mtu;
			c = rctr;
			make_piece(out, len, got, &c, pat);
			if (got == sent || (size_t)n != len || memcmp(in, out, len)) {
				for (seq = 0, i = 1; i < 8 && n >= 8; i++)
					seq = seq << 8 | in[i];
				printf("piece %llu of %zu bytes: ", (unsigned long long)got, len);
				if (got == sent)
					printf("an echo more than pieces sent\n");
				else if (n >= 8 && in[0] == 0xff && seq != got)
					printf("piece %llu came back\n", (unsigned long long)seq);
				else
					printf("came back as %zd bytes%s\n", n,
					       (size_t)n == len ? " with other data" : "");
				return 1;
			}
			rctr = c;
			bytes += n;
			if (++got % pieces == 0)
				msgs++;
			last = now;
		}
		/* A hang-up or an error that no read reports. */
		if (!r && (p.revents & (POLLHUP | POLLERR)))
			return fail("poll", ECONNRESET);
	}
	secs = (end - start) / 1e9;
	printf("tput size=%zu mtu=%zu pieces=%zu msgs=%llu secs=%.3f ", size, mtu, pieces,
	       (unsigned long long)msgs0, secs);
	printf("msgs_per_s=%.1f MB_per_s=%.1f\n", msgs0 / secs, bytes0 / secs / 1e6);
	free(out);
	free(in);
	free(pat);
	return 0;
}

static int do_memcpy(size_t size, unsigned long repeat)
{
	unsigned char *src = malloc(size), *dst = malloc(size);
	uint64_t best = UINT64_MAX, t;
	unsigned long i;

	if (!src || !dst)
		return fail("malloc", ENOMEM);
	memset(src, 0x5a, size);
	memset(dst, 0xa5, size);
	for (i = 0; i < repeat; i++) {
		src[i % size] = (unsigned char)i;
		t = now_ns();
		memcpy(dst, src, size);
		/* The copy is used: the compiler must do it. */
		__asm__ volatile("" : : "r"(dst), "r"(src) : "memory");
		t = now_ns() - t;
		if (t < best)
			best = t;
	}
	printf("memcpy size=%zu MB_per_s=%.1f\n", size, size * 1e3 / (best ?: 1));
	free(src);
	free(dst);
	return 0;
}

static int do_write(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY);
	uint64_t t0;
	ssize_t n;

	if (fd < 0)
		return fail(file, errno);
	t0 = now_ns();
	n = write(fd, text, strlen(text));
	t0 = now_ns() - t0;
	if (n < 0)
		return fail(text, errno);
	close(fd);
	if ((size_t)n != strlen(text)) {
		printf("%s: wrote %zd of %zu bytes\n", file, n, strlen(text));
		return 1;
	}
	printf("write ns=%llu\n", (unsigned long long)t0);
	return 0;
}

static int do_read(const char *file, unsigned long repeat)
{
	const size_t chunk = 1 << 20;
	uint64_t best = UINT64_MAX, t;
	size_t total = 0;
	char *buf = malloc(chunk);
	ssize_t n;
	int fd;

	if (!buf)
		return fail("malloc", ENOMEM);
	while (repeat--) {
		fd = open(file, O_RDONLY);
		if (fd < 0)
			return fail(file, errno);
		total = 0;
		t = now_ns();
		while ((n = read(fd, buf, chunk)) > 0)
			total += n;
		t = now_ns() - t;
		if (n < 0)
			return fail(file, errno);
		close(fd);
		if (t < best)
			best = t;
	}
	free(buf);
	printf("read size=%zu MB_per_s=%.1f\n", total, total * 1e3 / (best ?: 1));
	return 0;
}

static bool matches(const char *pattern)
{
	glob_t g;
	bool found = !glob(pattern, GLOB_NOSORT, NULL, &g);

	if (found)
		globfree(&g);
	return found;
}

static int do_until(const char *pattern, double secs, char **cmd)
{
	uint64_t t0 = now_ns(), t = 0;
	int status;
	pid_t pid;

	if (matches(pattern)) {
		printf("%s exists before %s runs\n", pattern, cmd[0]);
		return 1;
	}
	pid = fork();
	if (pid < 0)
		return fail("fork", errno);
	if (!pid) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	while (!matches(pattern)) {
		t = now_ns() - t0;
		if (t > secs * 1e9) {
			printf("no %s after %.1f s\n", pattern, secs);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return 2;
		}
		/* A command that failed brings nothing: no need to wait. */
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = 0;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				break;
		}
		usleep(1000);
	}
	t = now_ns() - t0;
	if (pid && waitpid(pid, &status, 0) < 0)
		return fail("waitpid", errno);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("%s failed (status 0x%x)\n", cmd[0], status);
		return 4;
	}
	printf("until ns=%llu\n", (unsigned long long)t);
	return 0;
}

static int open_dev(const char *dev)
{
	int fd = open(dev, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		printf("cannot open %s: %s\n", dev, strerrorname_np(errno) ?: "?");
	return fd;
}

int main(int argc, char **argv)
{
	int fd;

	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "rtt")) {
		size_t count = parse_size(argv[3]), size = parse_size(argv[4]);

		if (count && size) {
			fd = open_dev(argv[2]);
			return fd < 0 ? 4 : do_rtt(fd, count, size, argc == 6 ? argv[5] : NULL);
		}
	}
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "tput")) {
		size_t size = parse_size(argv[3]), mtu = parse_size(argv[4]);
		size_t window = argc == 7 ? parse_size(argv[6]) : TPUT_WINDOW;
		char *end;
		double secs = strtod(argv[5], &end);

		if (size && mtu && window && !*end && secs >= 0.001 && secs <= 1e6) {
			fd = open_dev(argv[2]);
			return fd < 0 ? 4 : do_tput(fd, size, mtu, secs, window);
		}
	}
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "memcpy")) {
		size_t size = parse_size(argv[2]);
		size_t repeat = argc == 4 ? parse_size(argv[3]) : MEMCPY_REPEAT;

		if (size && repeat)
			return do_memcpy(size, repeat);
	}
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "read")) {
		size_t repeat = argc == 4 ? parse_size(argv[3]) : 5;

		if (repeat)
			return do_read(argv[2], repeat);
	}
	if (argc == 4 && !strcmp(argv[1], "write"))
		return do_write(argv[2], argv[3]);
	if (argc >= 5 && !strcmp(argv[1], "until")) {
		char *end;
		double secs = strtod(argv[3], &end);

		if (!*end && secs > 0)
			return do_until(argv[2], secs, argv + 4);
	}
	fprintf(stderr, "usage: rpmsg-bench rtt DEV COUNT SIZE [RAWFILE] |\n"
		"       tput DEV SIZE MTU SECONDS [WINDOW] | memcpy SIZE [REPEAT] |\n"
		"       read FILE [REPEAT] | write FILE TEXT | until GLOB SECONDS CMD [ARGS...]\n"
		"SIZE and MTU: bytes, or KiB or MiB with a K or M suffix\n");
	return 1;
}
