/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * User interface of rpmsg endpoints: /dev/rpmsg_ctrlN creates endpoint
 * devices (/dev/rpmsgN) and channels; an endpoint's file sends with
 * write() and receives with read(), one message per call.
 */

#ifndef _UAPI_RPMSG_H_
#define _UAPI_RPMSG_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* "Any address": the kernel picks one, or none is bound. */
#define RPMSG_ADDR_ANY		0xFFFFFFFF

/**
 * struct rpmsg_endpoint_info - a service and its addresses
 * @name: the service's name, NUL-terminated
 * @src: local address, or RPMSG_ADDR_ANY
 * @dst: remote address, or RPMSG_ADDR_ANY
 */
struct rpmsg_endpoint_info {
	char name[32];
	__u32 src;
	__u32 dst;
};

/**
 * struct rpmsg_endpoint_fd_info - an endpoint to open as a file
 * @name: the service's name, NUL-terminated
 * @src: local address, or RPMSG_ADDR_ANY
 * @dst: remote address, or RPMSG_ADDR_ANY
 * @flags: flags of the new file: O_RDONLY, O_WRONLY or O_RDWR, with
 *	O_NONBLOCK and O_CLOEXEC; any other bit is refused
 * @fd: set to the new file descriptor
 */
struct rpmsg_endpoint_fd_info {
	char name[32];
	__u32 src;
	__u32 dst;
	__u32 flags;
	__s32 fd;
};

/* On /dev/rpmsg_ctrlN: create an endpoint device /dev/rpmsgN. */
#define RPMSG_CREATE_EPT_IOCTL	_IOW(0xb5, 0x1, struct rpmsg_endpoint_info)

/* On an endpoint's file: destroy the endpoint. */
#define RPMSG_DESTROY_EPT_IOCTL	_IO(0xb5, 0x2)

/* On /dev/rpmsg_ctrlN: create a local channel for a driver to bind to. */
#define RPMSG_CREATE_DEV_IOCTL	_IOW(0xb5, 0x3, struct rpmsg_endpoint_info)

/* On /dev/rpmsg_ctrlN: release a channel RPMSG_CREATE_DEV_IOCTL made. */
#define RPMSG_RELEASE_DEV_IOCTL	_IOW(0xb5, 0x4, struct rpmsg_endpoint_info)

/* On an endpoint's file: read whether the remote accepts messages (int). */
#define RPMSG_GET_OUTGOING_FLOWCONTROL _IOR(0xb5, 0x5, int)

/*
 * On an endpoint's file: tell the remote to pause (argument 0) or resume
 * (1) sending; the argument is the value, not a pointer.
 */
#define RPMSG_SET_INCOMING_FLOWCONTROL _IOR(0xb5, 0x6, int)

/*
 * On /dev/rpmsg_ctrlN: create an endpoint and return a file descriptor
 * for it in @fd, without a device node.
 */
#define RPMSG_CREATE_EPT_FD_IOCTL _IOWR(0xb5, 0x7, struct rpmsg_endpoint_fd_info)

#endif /* _UAPI_RPMSG_H_ */
