/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Character device of a remote processor, /dev/remoteprocN.
 *
 * Writing "start", "stop" or "detach" boots, stops or detaches the
 * processor.  The ioctls below choose what closing the device does.
 */

#ifndef _UAPI_REMOTEPROC_CDEV_H_
#define _UAPI_REMOTEPROC_CDEV_H_

#include <linux/ioctl.h>
#include <linux/types.h>

#define RPROC_MAGIC	0xB7

/*
 * RPROC_SET_SHUTDOWN_ON_RELEASE - stop (or detach) the processor when the
 * file is closed: a non-zero __s32 turns it on, zero off.
 */
#define RPROC_SET_SHUTDOWN_ON_RELEASE _IOW(RPROC_MAGIC, 1, __s32)

/*
 * RPROC_GET_SHUTDOWN_ON_RELEASE - read that setting back, as 0 or 1.
 */
#define RPROC_GET_SHUTDOWN_ON_RELEASE _IOR(RPROC_MAGIC, 2, __s32)

#endif /* _UAPI_REMOTEPROC_CDEV_H_ */
