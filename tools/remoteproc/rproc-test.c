// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-test: the user interfaces of a remote processor from user space,
 * with the uapi header <linux/remoteproc_cdev.h> only.
 *
 *   rproc-test write FILE TEXT [ERRNO]
 *                  write TEXT (no newline) to FILE in one write(); with
 *                  ERRNO (a name such as EBUSY), the write must fail with
 *                  it, else it must succeed
 *   rproc-test release DEV
 *                  open the character device DEV, check the shutdown-on-
 *                  release setting is off, turn it on, read it back,
 *                  write "start" and close: the processor should stop
 *   rproc-test elf FILE CLASS MACHINE
 *                  FILE (a crash dump) is an ELF core file of CLASS (32
 *                  or 64) and MACHINE (e_machine) with a program header
 *
 * Exit status: 0 success, 1 a check failed or usage, 4 an error.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/remoteproc_cdev.h>

static int fail(const char *what, int err)
{
	printf("%s: %s (%s)\n", what, strerrorname_np(err) ?: "?", strerror(err));
	return 4;
}

static int do_write(const char *file, const char *text, const char *want)
{
	int fd = open(file, O_WRONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return fail(file, errno);
	n = write(fd, text, strlen(text));
	err = n < 0 ? errno : 0;
	close(fd);
	if (!want) {
		if (err)
			return fail(text, err);
		if ((size_t)n != strlen(text)) {
			printf("%s: wrote %zd of %zu bytes\n", text, n, strlen(text));
			return 1;
		}
		return 0;
	}
	if (!err) {
		printf("'%s' to %s succeeded, expected %s\n", text, file, want);
		return 1;
	}
	if (strcmp(strerrorname_np(err) ?: "", want)) {
		printf("'%s' to %s: %s, expected %s\n", text, file,
		       strerrorname_np(err) ?: "?", want);
		return 1;
	}
	return 0;
}

static int do_release(const char *dev)
{
	__s32 on = 1, val = -1;
	int fd = open(dev, O_RDWR);

	if (fd < 0)
		return fail(dev, errno);
	if (ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, &val))
		return fail("RPROC_GET_SHUTDOWN_ON_RELEASE", errno);
	if (val != 0) {
		printf("shutdown on release is %d at open, expected 0\n", val);
		return 1;
	}
	if (ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, &on))
		return fail("RPROC_SET_SHUTDOWN_ON_RELEASE", errno);
	if (ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, &val))
		return fail("RPROC_GET_SHUTDOWN_ON_RELEASE", errno);
	if (val != 1) {
		printf("shutdown on release reads %d after setting it, expected 1\n", val);
		return 1;
	}
	if (write(fd, "start", 5) != 5)
		return fail("start", errno);
	if (close(fd))
		return fail("close", errno);
	return 0;
}

static int do_elf(const char *file, int class, int machine)
{
	unsigned char id[EI_NIDENT];
	Elf64_Ehdr e64;
	Elf32_Ehdr e32;
	int fd = open(file, O_RDONLY);
	unsigned int type, mach, phnum;
	ssize_t n;

	if (fd < 0)
		return fail(file, errno);
	n = pread(fd, id, sizeof(id), 0);
	if (n != sizeof(id) || memcmp(id, ELFMAG, SELFMAG)) {
		printf("%s: not an ELF file\n", file);
		return 1;
	}
	if (id[EI_CLASS] != (class == 64 ? ELFCLASS64 : ELFCLASS32)) {
		printf("%s: ELF class %u, expected %d-bit\n", file, id[EI_CLASS], class);
		return 1;
	}
	if (class == 64) {
		n = pread(fd, &e64, sizeof(e64), 0) == sizeof(e64);
		type = e64.e_type;
		mach = e64.e_machine;
		phnum = e64.e_phnum;
	} else {
		n = pread(fd, &e32, sizeof(e32), 0) == sizeof(e32);
		type = e32.e_type;
		mach = e32.e_machine;
		phnum = e32.e_phnum;
	}
	close(fd);
	if (!n || type != ET_CORE || mach != (unsigned int)machine || !phnum) {
		printf("%s: type %u machine %u, %u program headers; expected a core file of machine %d\n",
		       file, type, mach, phnum, machine);
		return 1;
	}
	printf("%s: ELF%d core file, machine %u, %u program headers\n", file, class,
	       mach, phnum);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && argc <= 5 && !strcmp(argv[1], "write"))
		return do_write(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if (argc == 3 && !strcmp(argv[1], "release"))
		return do_release(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "elf"))
		return do_elf(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: rproc-test write FILE TEXT [ERRNO] | release DEV |\n"
		"       rproc-test elf FILE CLASS MACHINE\n");
	return 1;
}
