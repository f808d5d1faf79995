/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote processor messaging (rpmsg): the kernel API of Linux 6.12.
 *
 * An rpmsg device is a channel to a service of a remote processor; an
 * endpoint is an address on it that receives messages through a
 * callback.  Client drivers bind to channels by name, as with Linux 6.12,
 * and compile unchanged against this header.
 */

#ifndef _LINUX_RPMSG_H
#define _LINUX_RPMSG_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/kref.h>
#include <linux/mod_devicetable.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/types.h>
#include <uapi/linux/rpmsg.h>

struct rpmsg_device;
struct rpmsg_endpoint;
struct rpmsg_device_ops;
struct rpmsg_endpoint_ops;

/**
 * struct rpmsg_channel_info - what identifies a channel or an endpoint
 * @name: the service's name
 * @src: local address, or RPMSG_ADDR_ANY
 * @dst: remote address, or RPMSG_ADDR_ANY
 */
struct rpmsg_channel_info {
	char name[RPMSG_NAME_SIZE];
	u32 src;
	u32 dst;
};

/**
 * struct rpmsg_device - a channel to a service of a remote processor
 * @dev: the device on the rpmsg bus
 * @id: the service's name, matched against drivers' id tables
 * @src: local address of the channel
 * @dst: remote address of the channel
 * @ept: the endpoint the core created for the bound driver's callback
 * @announce: whether the channel's creation and removal is announced to
 *	the remote
 * @little_endian: the transport's messages are little-endian
 * @ops: the transport's operations
 */
struct rpmsg_device {
	struct device dev;
	struct rpmsg_device_id id;
	u32 src;
	u32 dst;
	struct rpmsg_endpoint *ept;
	bool announce;
	bool little_endian;

	const struct rpmsg_device_ops *ops;
};

/**
 * typedef rpmsg_rx_cb_t - called for each message an endpoint receives
 * @rpdev: the channel
 * @data: the payload, valid during the call only
 * @len: its length
 * @priv: the endpoint's private data
 * @src: the sender's address
 *
 * Called in process context, one call at a time per endpoint.
 *
 * Return: 0; other values are ignored.
 */
typedef int (*rpmsg_rx_cb_t)(struct rpmsg_device *rpdev, void *data, int len,
			     void *priv, u32 src);

/**
 * typedef rpmsg_flowcontrol_cb_t - the remote paused or resumed sending
 * @rpdev: the channel
 * @priv: the endpoint's private data
 * @enable: whether the remote accepts messages
 *
 * Return: 0; other values are ignored.
 */
typedef int (*rpmsg_flowcontrol_cb_t)(struct rpmsg_device *rpdev, void *priv,
				      bool enable);

/**
 * struct rpmsg_endpoint - a local address receiving messages
 * @rpdev: the channel it belongs to
 * @refcount: keeps it alive while a message is delivered
 * @cb: called for each message, or NULL once destroyed
 * @flow_cb: called when the remote's flow control changes, or NULL
 * @cb_lock: serialises @cb against the endpoint's destruction
 * @addr: its local address
 * @priv: passed to @cb
 * @ops: the transport's operations on it
 */
struct rpmsg_endpoint {
	struct rpmsg_device *rpdev;
	struct kref refcount;
	rpmsg_rx_cb_t cb;
	rpmsg_flowcontrol_cb_t flow_cb;
	/* Held while @cb runs; destroying the endpoint takes it too. */
	struct mutex cb_lock;
	u32 addr;
	void *priv;

	const struct rpmsg_endpoint_ops *ops;
};

/**
 * struct rpmsg_driver - a driver of rpmsg channels
 * @drv: the device driver
 * @id_table: names of the services it serves, ending with an empty one
 * @probe: binds to a channel
 * @remove: unbinds from it (optional)
 * @callback: receives the messages of the channel's default endpoint
 *	(optional; without it no default endpoint is created)
 * @flowcontrol: told when the remote pauses or resumes (optional)
 */
struct rpmsg_driver {
	struct device_driver drv;
	const struct rpmsg_device_id *id_table;
	int (*probe)(struct rpmsg_device *dev);
	void (*remove)(struct rpmsg_device *dev);
	int (*callback)(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src);
	int (*flowcontrol)(struct rpmsg_device *rpdev, void *priv, bool enable);
};

/* Byte order of a channel's messages, as the transport set it. */
static inline bool rpmsg_channel_le(struct rpmsg_device *rpdev)
{
	return rpdev ? rpdev->little_endian : rpmsg_is_little_endian();
}

static inline u16 rpmsg16_to_cpu(struct rpmsg_device *rpdev, __rpmsg16 val)
{
	return __rpmsg16_to_cpu(rpmsg_channel_le(rpdev), val);
}

static inline __rpmsg16 cpu_to_rpmsg16(struct rpmsg_device *rpdev, u16 val)
{
	return __cpu_to_rpmsg16(rpmsg_channel_le(rpdev), val);
}

static inline u32 rpmsg32_to_cpu(struct rpmsg_device *rpdev, __rpmsg32 val)
{
	return __rpmsg32_to_cpu(rpmsg_channel_le(rpdev), val);
}

static inline __rpmsg32 cpu_to_rpmsg32(struct rpmsg_device *rpdev, u32 val)
{
	return __cpu_to_rpmsg32(rpmsg_channel_le(rpdev), val);
}

static inline u64 rpmsg64_to_cpu(struct rpmsg_device *rpdev, __rpmsg64 val)
{
	return __rpmsg64_to_cpu(rpmsg_channel_le(rpdev), val);
}

static inline __rpmsg64 cpu_to_rpmsg64(struct rpmsg_device *rpdev, u64 val)
{
	return __cpu_to_rpmsg64(rpmsg_channel_le(rpdev), val);
}

int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override);
int rpmsg_register_device(struct rpmsg_device *rpdev);
int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo);
int __register_rpmsg_driver(struct rpmsg_driver *drv, struct module *owner);
void unregister_rpmsg_driver(struct rpmsg_driver *drv);
void rpmsg_destroy_ept(struct rpmsg_endpoint *ept);
struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo);

int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len);
int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			  void *data, int len);

int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len);
int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			     void *data, int len);

__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *file,
		    poll_table *wait);
ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept);
int rpmsg_set_flow_control(struct rpmsg_endpoint *ept, bool pause, u32 dst);

/* A macro, so that THIS_MODULE is the caller's. */
#define register_rpmsg_driver(drv) \
	__register_rpmsg_driver(drv, THIS_MODULE)

/**
 * module_rpmsg_driver() - register an rpmsg driver for a module's lifetime
 * @__rpmsg_driver: the &struct rpmsg_driver
 */
#define module_rpmsg_driver(__rpmsg_driver) \
	module_driver(__rpmsg_driver, register_rpmsg_driver, \
		      unregister_rpmsg_driver)

#endif /* _LINUX_RPMSG_H */
