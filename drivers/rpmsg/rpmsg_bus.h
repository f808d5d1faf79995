/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the rpmsg bus and its transports.
 */

#ifndef RPMSG_BUS_H
#define RPMSG_BUS_H

#include <linux/poll.h>
#include <linux/rpmsg.h>

/*
 * Name of the bus.  An out-of-tree build sets another one, so the tree's
 * bus can live beside a kernel's own.
 */
#ifndef RPMSG_BUS_NAME
#define RPMSG_BUS_NAME "rpmsg"
#endif

/* The driver of the control channel of each transport device. */
#define RPMSG_CTRL_DRIVER "rpmsg_ctrl"

#define to_rpmsg_device(d) container_of(d, struct rpmsg_device, dev)
#define to_rpmsg_driver(d) container_of_const(d, struct rpmsg_driver, drv)

/**
 * struct rpmsg_device_ops - what a transport does for a channel
 * @create_channel: create a channel on the transport (optional)
 * @release_channel: release one @create_channel made (optional)
 * @create_ept: create an endpoint
 * @announce_create: tell the remote the channel exists (optional)
 * @announce_destroy: tell the remote it is gone (optional)
 */
struct rpmsg_device_ops {
	struct rpmsg_device *(*create_channel)(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo);
	int (*release_channel)(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo);
	struct rpmsg_endpoint *(*create_ept)(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo);
	int (*announce_create)(struct rpmsg_device *rpdev);
	int (*announce_destroy)(struct rpmsg_device *rpdev);
};

/**
 * struct rpmsg_endpoint_ops - what a transport does for an endpoint
 * @destroy_ept: destroy it
 * @send: send, waiting for a buffer
 * @sendto: send to an address, waiting for a buffer (optional)
 * @send_offchannel: send from and to addresses, waiting (optional)
 * @trysend: send if a buffer is free
 * @trysendto: send to an address if a buffer is free (optional)
 * @trysend_offchannel: send from and to addresses if a buffer is free
 *	(optional)
 * @poll: poll for room to send and for a reset (optional)
 * @set_flow_control: pause or resume the remote's sending (optional)
 * @get_mtu: the largest payload a message can carry (optional)
 */
struct rpmsg_endpoint_ops {
	void (*destroy_ept)(struct rpmsg_endpoint *ept);
	int (*send)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*sendto)(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
	int (*send_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			       void *data, int len);
	int (*trysend)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*trysendto)(struct rpmsg_endpoint *ept, void *data, int len,
			 u32 dst);
	int (*trysend_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
				  void *data, int len);
	__poll_t (*poll)(struct rpmsg_endpoint *ept, struct file *file,
			 poll_table *wait);
	int (*set_flow_control)(struct rpmsg_endpoint *ept, bool pause, u32 dst);
	ssize_t (*get_mtu)(struct rpmsg_endpoint *ept);
};

struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo);
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo);
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo);

/* rpmsg_virtio.c, for its tests */
struct virtio_device;
int rpmsg_virtio_buf_sizes(struct virtio_device *vdev, size_t *rx_size,
			   size_t *tx_size);
int rpmsg_virtio_check_ns(struct device *dev, const void *data, int len,
			  bool little_endian, struct rpmsg_channel_info *chinfo,
			  u32 *flags);

/* rpmsg_cdev.c, for its tests */
struct file *rpmsg_cdev_ept_file(struct rpmsg_device *ctrl_rpdev,
				 struct rpmsg_channel_info *chinfo,
				 unsigned int flags);

#endif /* RPMSG_BUS_H */
