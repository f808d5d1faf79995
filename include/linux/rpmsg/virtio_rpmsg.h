/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * The virtio rpmsg device: its feature bits and config space.
 *
 * Dual-licensed, so that firmware for a remote processor may include it.
 */

#ifndef _LINUX_RPMSG_VIRTIO_RPMSG_H
#define _LINUX_RPMSG_VIRTIO_RPMSG_H

#include <linux/types.h>
#include <linux/virtio_types.h>

/* The remote announces its services to the name service address. */
#define VIRTIO_RPMSG_F_NS	0
/* The remote gives the buffer sizes in the config space. */
#define VIRTIO_RPMSG_F_BUFSZ	1

/* Version of &struct virtio_rpmsg_config. */
#define RPMSG_VDEV_CONFIG_V1	1

/* Buffer size of each direction when VIRTIO_RPMSG_F_BUFSZ is not offered. */
#define RPMSG_DEFAULT_BUF_SIZE	512

/**
 * struct virtio_rpmsg_config - config space of a virtio rpmsg device
 * @version: RPMSG_VDEV_CONFIG_V1
 * @size: size of this structure, in bytes
 * @txbuf_size: size of the buffers the remote sends in (Linux receives
 *	in), header included
 * @rxbuf_size: size of the buffers the remote receives in (Linux sends
 *	in), header included
 *
 * Read from offset 0 of the config space when VIRTIO_RPMSG_F_BUFSZ is
 * negotiated.  The sizes are given from the remote's side.
 */
struct virtio_rpmsg_config {
	__u8 version;
	__virtio16 size;
	__virtio32 txbuf_size;
	__virtio32 rxbuf_size;
} __packed;

#endif /* _LINUX_RPMSG_VIRTIO_RPMSG_H */
