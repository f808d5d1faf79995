// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-test: talk to an echo service through the rpmsg character
 * devices, using only the uapi header <linux/rpmsg.h>.
 *
 *   rpmsg-test echo DEV MTU [STRIDE]  echo payloads of every size from 1
 *                                     to MTU; with STRIDE, every size up
 *                                     to 4 KiB and in the last 512 bytes,
 *                                     every STRIDEth in between
 *   rpmsg-test ping DEV               echo one 16-byte message
 *   rpmsg-test cmd DEV TEXT           send TEXT, print the reply
 *   rpmsg-test traffic DEV SECONDS [N]
 *                                     echo 64-byte messages until an
 *                                     error or SECONDS pass; after N
 *                                     messages, send "crash" first
 *   rpmsg-test cycles CORE N          N times: find core CORE's
 *                                     "rpmsg-raw" device, send "crash",
 *                                     wait until the channel is back
 *   rpmsg-test flood DEV COUNT SIZE   ask the flood firmware for COUNT
 *                                     messages of SIZE bytes; check they
 *                                     all arrive, in order
 *   rpmsg-test ioctls CORE DST MTU    the control device's ioctls on core
 *                                     CORE against the echo service at
 *                                     DST: CREATE_EPT and DESTROY_EPT,
 *                                     CREATE_DEV and RELEASE_DEV, the
 *                                     flow-control ioctls, EPOLLOUT
 *   rpmsg-test ctrl-ept CTRL NAME DST MTU
 *                                     open an endpoint to DST through
 *                                     RPMSG_CREATE_EPT_FD_IOCTL, echo
 *                                     every size, destroy it
 *
 * DEV is an endpoint device (/dev/rpmsgN).  Exit status: 0 success,
 * 1 wrong data or usage, 2 a timeout, 3 ECONNRESET (the remote
 * restarted), 4 any other error; errors are printed with their name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#define TIMEOUT_MS	5000

static unsigned char out_of_band[512];

static int fail(const char *what, int err)
{
	printf("%s: %s (%s)\n", what, strerrorname_np(err) ?: "?", strerror(err));
	if (err == ETIMEDOUT)
		return 2;
	return err == ECONNRESET ? 3 : 4;
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
	if ((p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLIN)) {
		/* The read tells why. */
		n = read(fd, buf, len);
		return n < 0 ? -errno : -ECONNRESET;
	}
	n = read(fd, buf, len);
	return n < 0 ? -errno : (int)n;
}

static int echo_one(int fd, unsigned char *out, unsigned char *in, size_t len, unsigned int seed)
{
	size_t i;
	int n;

	for (i = 0; i < len; i++)
		out[i] = (unsigned char)(seed + i * 7);
	/* Never a command of the firmware: those start with a letter. */
	out[0] = 0xff;
	if (write(fd, out, len) != (ssize_t)len)
		return -errno;
	n = recv_msg(fd, in, len + 1);
	if (n < 0)
		return n;
	if ((size_t)n != len || memcmp(in, out, len)) {
		printf("echo of %zu bytes came back as %d bytes%s\n", len, n,
		       (size_t)n == len ? " with other data" : "");
		return -EBADMSG;
	}
	return 0;
}

/* The payload of an echo of @len bytes. */
static void fill(unsigned char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = (unsigned char)(len + i * 7);
	/* Never a command of the firmware: those start with a letter. */
	b[0] = 0xff;
}

/* The size after @len that "echo" sends, or 0 after the MTU. */
static size_t next_len(size_t len, size_t mtu, size_t stride)
{
	size_t step = len < 4096 || len + 512 >= mtu ? 1 : stride;

	if (len >= mtu)
		return 0;
	return len + step > mtu ? mtu : len + step;
}

#define ECHO_WINDOW	16

/*
 * Echoes the sizes "echo" names, up to ECHO_WINDOW messages in flight
 * (echoes come back in order); returns how many or -errno.
 */
static long echo_sizes(int fd, size_t mtu, size_t stride)
{
	unsigned char *out = malloc(mtu + 1), *in = malloc(mtu + 1);
	size_t sizes[ECHO_WINDOW], len = 1;
	unsigned int w, k;
	long n = 0;
	int ret = 0, r;

	if (!out || !in)
		return -ENOMEM;
	while (len && !ret) {
		for (w = 0; w < ECHO_WINDOW && len; w++) {
			fill(out, len);
			if (write(fd, out, len) != (ssize_t)len) {
				ret = -errno;
				break;
			}
			sizes[w] = len;
			len = next_len(len, mtu, stride);
		}
		for (k = 0; k < w && !ret; k++) {
			r = recv_msg(fd, in, mtu + 1);
			if (r < 0) {
				ret = r;
				break;
			}
			fill(out, sizes[k]);
			if ((size_t)r != sizes[k] || memcmp(in, out, r)) {
				printf("echo of %zu bytes came back as %d bytes%s\n", sizes[k], r,
				       (size_t)r == sizes[k] ? " with other data" : "");
				ret = -EBADMSG;
			}
			n++;
		}
	}
	/* One byte more than the MTU is refused. */
	if (!ret && write(fd, out, mtu + 1) >= 0) {
		printf("a write of MTU + 1 = %zu bytes was accepted\n", mtu + 1);
		ret = -EBADMSG;
	} else if (!ret && errno != EMSGSIZE) {
		ret = -errno;
	}
	free(out);
	free(in);
	return ret ? ret : n;
}

static int open_dev(const char *dev)
{
	int fd = open(dev, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		printf("cannot open %s: %s\n", dev, strerror(errno));
	return fd;
}

/* Sends "crash" and reads the "ok" the firmware sends before it dies. */
static int crash_cmd(int fd)
{
	char buf[16];
	int n;

	if (write(fd, "crash", 5) != 5)
		return -errno;
	n = recv_msg(fd, buf, sizeof(buf));
	if (n < 0)
		return n;
	return n == 2 && !memcmp(buf, "ok", 2) ? 0 : -EBADMSG;
}

/*
 * The endpoint device of core @core's "rpmsg-raw" channel, found in
 * sysfs as a user would: the class device whose name is the service and
 * whose path goes through the core's platform device.
 */
static int find_class_dev(int core, const char *service, unsigned long dst,
			  char *path, size_t len);

static int find_dev(int core, char *path, size_t len)
{
	return find_class_dev(core, "rpmsg-raw", ~0ul, path, len);
}

/* Reads a sysfs attribute of class device @dir into @buf; 0 or -1. */
static int attr(const char *dir, const char *name, char *buf, size_t len)
{
	char p[PATH_MAX];
	FILE *f;
	int ret;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "r");
	if (!f)
		return -1;
	ret = fgets(buf, len, f) ? 0 : -1;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return ret;
}

/*
 * A class device of core @core: with @service, the endpoint device of
 * that service (and remote address @dst, unless ~0); without, the
 * control device.
 */
static int find_class_dev(int core, const char *service, unsigned long dst,
			  char *path, size_t len)
{
	const char *classes[] = { "/sys/class/rpmsg", "/sys/class/rpmsg-staging" };
	char want[64], p[PATH_MAX], real[PATH_MAX], name[64];
	unsigned int i;
	struct dirent *e;
	DIR *d;

	snprintf(want, sizeof(want), "/remoteproc-core%d/", core);
	for (i = 0; i < 2; i++) {
		d = opendir(classes[i]);
		if (!d)
			continue;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "%s/%s", classes[i], e->d_name);
			if (!realpath(p, real) || !strstr(real, want))
				continue;
			if (!service) {
				if (!strstr(e->d_name, "ctrl"))
					continue;
			} else {
				if (attr(p, "name", name, sizeof(name)) || strcmp(name, service))
					continue;
				if (dst != ~0ul && (attr(p, "dst", name, sizeof(name)) ||
						    strtoul(name, NULL, 0) != dst))
					continue;
			}
			snprintf(path, len, "/dev/%s", e->d_name);
			closedir(d);
			return 0;
		}
		closedir(d);
	}
	return -ENOENT;
}

/* Waits up to 5 s for a class device to appear (@gone: to go). */
static int wait_class_dev(int core, const char *service, unsigned long dst, bool gone,
			  char *path, size_t len)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (!find_class_dev(core, service, dst, path, len) != gone)
			return 0;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

static int flood(const char *dev, unsigned long count, size_t size)
{
	unsigned char *buf = malloc(size + 1);
	unsigned long i;
	char cmd[64];
	int fd, n;

	fd = open_dev(dev);
	if (fd < 0 || !buf)
		return 4;
	n = snprintf(cmd, sizeof(cmd), "flood %lu %zu", count, size);
	if (write(fd, cmd, n) != n)
		return fail("write", errno);
	n = recv_msg(fd, buf, size);
	if (n != 2 || memcmp(buf, "ok", 2)) {
		printf("the firmware did not accept '%s'\n", cmd);
		return 1;
	}
	for (i = 0; i < count; i++) {
		n = recv_msg(fd, buf, size + 1);
		if (n < 0) {
			printf("after %lu messages: ", i);
			return fail("read", -n);
		}
		if ((size_t)n != size || (buf[0] | buf[1] << 8 | buf[2] << 16 |
					  (unsigned long)buf[3] << 24) != i) {
			printf("message %lu: %d bytes, sequence number %u\n", i, n,
			       buf[0] | buf[1] << 8 | buf[2] << 16 | (unsigned int)buf[3] << 24);
			return 1;
		}
	}
	printf("%lu messages of %zu bytes arrived in order\n", count, size);
	free(buf);
	return 0;
}

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf(__VA_ARGS__);					\
		printf(" (errno %s)\n", strerrorname_np(errno) ?: "0");	\
		return 1;						\
	}								\
} while (0)

static int ioctls(int core, unsigned long dst, size_t mtu)
{
	struct rpmsg_endpoint_info info = { .src = RPMSG_ADDR_ANY, .dst = dst };
	struct pollfd p;
	char ctrl[PATH_MAX], dev[PATH_MAX];
	int cfd, fd, v = -1;
	long n;

	CHECK(!find_class_dev(core, NULL, 0, ctrl, sizeof(ctrl)), "no control device of core %d", core);
	cfd = open_dev(ctrl);
	CHECK(cfd >= 0, "cannot open %s", ctrl);

	/* CREATE_EPT: a device node for an endpoint to dst. */
	snprintf(info.name, sizeof(info.name), "rps-ioctl-test");
	CHECK(!ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info), "RPMSG_CREATE_EPT_IOCTL failed");
	CHECK(!wait_class_dev(core, info.name, dst, false, dev, sizeof(dev)),
	      "no endpoint device after RPMSG_CREATE_EPT_IOCTL");
	fd = open_dev(dev);
	CHECK(fd >= 0, "cannot open %s", dev);
	n = echo_sizes(fd, mtu, 61);
	CHECK(n > 0, "echo through %s failed", dev);

	/* EPOLLOUT: a buffer is free. */
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	CHECK(poll(&p, 1, TIMEOUT_MS) == 1 && (p.revents & POLLOUT), "no POLLOUT");

	/* Flow control: the state can be read; virtio cannot pause. */
	CHECK(!ioctl(fd, RPMSG_GET_OUTGOING_FLOWCONTROL, &v) && v == 0,
	      "RPMSG_GET_OUTGOING_FLOWCONTROL gave %d", v);
	CHECK(ioctl(fd, RPMSG_SET_INCOMING_FLOWCONTROL, 0) < 0 && errno == EOPNOTSUPP,
	      "RPMSG_SET_INCOMING_FLOWCONTROL did not fail with EOPNOTSUPP");

	/* DESTROY_EPT: writes fail with EPIPE, the node goes. */
	CHECK(!ioctl(fd, RPMSG_DESTROY_EPT_IOCTL), "RPMSG_DESTROY_EPT_IOCTL failed");
	CHECK(write(fd, "x", 1) < 0 && errno == EPIPE, "write after destroy did not give EPIPE");
	close(fd);
	CHECK(!wait_class_dev(core, info.name, dst, true, dev, sizeof(dev)),
	      "the endpoint device stayed after RPMSG_DESTROY_EPT_IOCTL");

	/* CREATE_DEV: a local rpmsg-raw channel to dst gets its device. */
	snprintf(info.name, sizeof(info.name), "rpmsg-raw");
	CHECK(!ioctl(cfd, RPMSG_CREATE_DEV_IOCTL, &info), "RPMSG_CREATE_DEV_IOCTL failed");
	CHECK(!wait_class_dev(core, "rpmsg-raw", dst, false, dev, sizeof(dev)),
	      "no device for the channel of RPMSG_CREATE_DEV_IOCTL");
	fd = open_dev(dev);
	CHECK(fd >= 0, "cannot open %s", dev);
	n = echo_sizes(fd, mtu, 61);
	CHECK(n > 0, "echo through %s failed", dev);
	close(fd);
	CHECK(!ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info), "RPMSG_RELEASE_DEV_IOCTL failed");
	CHECK(!wait_class_dev(core, "rpmsg-raw", dst, true, dev, sizeof(dev)),
	      "the channel's device stayed after RPMSG_RELEASE_DEV_IOCTL");
	CHECK(ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info) < 0,
	      "a second RPMSG_RELEASE_DEV_IOCTL succeeded");
	close(cfd);
	printf("control device %s: every ioctl works\n", ctrl);
	return 0;
}

/* Opens core @core's channel device within 20 s and pings it. */
static int reopen(int core)
{
	unsigned char out[16], in[17];
	char dev[PATH_MAX];
	int i, fd;

	for (i = 0; i < 2000; i++) {
		if (!find_dev(core, dev, sizeof(dev))) {
			fd = open(dev, O_RDWR | O_CLOEXEC);
			if (fd >= 0) {
				if (!echo_one(fd, out, in, sizeof(out), i))
					return fd;
				close(fd);
			}
		}
		usleep(10000);
	}
	return -ETIMEDOUT;
}

static int cycles(int core, unsigned long n)
{
	unsigned long i;
	int fd, ret;

	for (i = 0; i < n; i++) {
		fd = reopen(core);
		if (fd < 0) {
			printf("cycle %lu: ", i);
			return fail("no working channel", -fd);
		}
		/* The "ok" may be lost in the reset that follows. */
		ret = crash_cmd(fd);
		if (ret && ret != -ECONNRESET) {
			printf("cycle %lu: ", i);
			return fail("crash", -ret);
		}
		/* The old channel goes: its file reports the reset. */
		if (!ret)
			ret = recv_msg(fd, out_of_band, sizeof(out_of_band));
		close(fd);
		if (ret != -ECONNRESET) {
			printf("cycle %lu: after the crash, read gave %d, not ECONNRESET\n", i, ret);
			return 1;
		}
	}
	fd = reopen(core);
	if (fd < 0)
		return fail("no working channel after the last cycle", -fd);
	close(fd);
	printf("%lu crash and recovery cycles\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	int fd, ret;

	if (argc >= 4 && !strcmp(argv[1], "echo")) {
		size_t stride = argc > 4 ? strtoul(argv[4], NULL, 0) : 1;
		size_t mtu = strtoul(argv[3], NULL, 0);
		long n;

		fd = open_dev(argv[2]);
		if (fd < 0)
			return 4;
		n = echo_sizes(fd, mtu, stride ? stride : 1);
		if (n == -EBADMSG)
			return 1;
		if (n < 0)
			return fail("echo", -n);
		printf("echoed %ld sizes from 1 to %zu bytes%s\n", n, mtu,
		       stride > 1 ? " (every size to 4 KiB and in the last 512)" : "");
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "flood"))
		return flood(argv[2], strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0));
	if (argc == 5 && !strcmp(argv[1], "ioctls"))
		return ioctls(atoi(argv[2]), strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "cycles"))
		return cycles(atoi(argv[2]), strtoul(argv[3], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "ping")) {
		unsigned char out[16], in[17];

		fd = open_dev(argv[2]);
		if (fd < 0)
			return 4;
		ret = echo_one(fd, out, in, sizeof(out), 1);
		if (ret == -EBADMSG)
			return 1;
		return ret ? fail("ping", -ret) : 0;
	}
	if (argc == 4 && !strcmp(argv[1], "cmd")) {
		char buf[512];

		fd = open_dev(argv[2]);
		if (fd < 0)
			return 4;
		if (write(fd, argv[3], strlen(argv[3])) < 0)
			return fail("write", errno);
		ret = recv_msg(fd, buf, sizeof(buf) - 1);
		if (ret < 0)
			return fail("read", -ret);
		buf[ret] = 0;
		printf("%s\n", buf);
		return 0;
	}
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "traffic")) {
		time_t end = time(NULL) + strtoul(argv[3], NULL, 0);
		unsigned long crash = argc == 5 ? strtoul(argv[4], NULL, 0) : ~0ul;
		unsigned char out[64], in[65];
		unsigned long n = 0;

		fd = open_dev(argv[2]);
		if (fd < 0)
			return 4;
		while (time(NULL) < end) {
			if (n == crash && (ret = crash_cmd(fd)))
				return fail("crash", -ret);
			ret = echo_one(fd, out, in, sizeof(out), n);
			if (ret == -EBADMSG)
				return 1;
			if (ret) {
				printf("after %lu messages: ", n);
				return fail("echo", -ret);
			}
			n++;
		}
		printf("%lu messages, no error\n", n);
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "ctrl-ept")) {
		struct rpmsg_endpoint_fd_info info = {
			.src = RPMSG_ADDR_ANY,
			.dst = strtoul(argv[4], NULL, 0),
			.flags = O_RDWR | O_CLOEXEC,
		};
		int ctrl = open_dev(argv[2]);

		if (ctrl < 0)
			return 4;
		snprintf(info.name, sizeof(info.name), "%s", argv[3]);
		if (ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info) < 0)
			return fail("RPMSG_CREATE_EPT_FD_IOCTL", errno);
		ret = echo_sizes(info.fd, strtoul(argv[5], NULL, 0), 1);
		if (ret == -EBADMSG)
			return 1;
		if (ret < 0)
			return fail("echo", -ret);
		if (ioctl(info.fd, RPMSG_DESTROY_EPT_IOCTL) < 0)
			return fail("RPMSG_DESTROY_EPT_IOCTL", errno);
		if (write(info.fd, "x", 1) >= 0 || errno != EPIPE) {
			printf("a write to a destroyed endpoint did not fail with EPIPE\n");
			return 1;
		}
		printf("endpoint through %s: echoed every size up to %s bytes\n", argv[2], argv[5]);
		return 0;
	}
	fprintf(stderr, "usage: rpmsg-test echo DEV MTU [STRIDE] | ping DEV | cmd DEV TEXT |\n"
		"       traffic DEV SECONDS [N] | cycles CORE N | flood DEV COUNT SIZE |\n"
		"       ioctls CORE DST MTU | ctrl-ept CTRL NAME DST MTU\n");
	return 1;
}
