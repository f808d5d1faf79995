// SPDX-License-Identifier: GPL-2.0
/*
 * The rpmsg bus: channels to the services of remote processors, the
 * drivers that bind to them by name, and the kernel API (endpoints and
 * sending) that forwards to the channel's transport.
 */

#include <linux/device.h>
#include <linux/module.h>
#include <linux/of_device.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rpmsg_bus.h"

/**
 * rpmsg_create_ept() - create an endpoint on a channel
 * @rpdev: the channel
 * @cb: called with each message the endpoint receives
 * @priv: passed to @cb
 * @chinfo: the endpoint's name and local address (RPMSG_ADDR_ANY: the
 *	transport picks one)
 *
 * Return: the endpoint, or NULL if it cannot be created.
 */
struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo)
{
	if (WARN_ON(!rpdev))
		return NULL;
	return rpdev->ops->create_ept(rpdev, cb, priv, chinfo);
}
EXPORT_SYMBOL(rpmsg_create_ept);

/**
 * rpmsg_destroy_ept() - destroy an endpoint
 * @ept: the endpoint, or NULL
 *
 * Once it returns, the endpoint's callback runs no more.
 */
void rpmsg_destroy_ept(struct rpmsg_endpoint *ept)
{
	if (ept && ept->ops)
		ept->ops->destroy_ept(ept);
}
EXPORT_SYMBOL(rpmsg_destroy_ept);

/**
 * rpmsg_send() - send a message to the endpoint's channel's remote address
 * @ept: the sending endpoint
 * @data: the payload
 * @len: its length, at most rpmsg_get_mtu()
 *
 * Waits for a free buffer, up to 15 seconds.
 *
 * Return: 0, or a negative error number; -ECONNRESET if the channel was
 * reset meanwhile.
 */
int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->send)
		return -ENXIO;
	return ept->ops->send(ept, data, len);
}
EXPORT_SYMBOL(rpmsg_send);

/**
 * rpmsg_sendto() - send a message to an address
 * @ept: the sending endpoint
 * @data: the payload
 * @len: its length
 * @dst: the remote address
 *
 * Waits for a free buffer, as rpmsg_send().
 *
 * Return: 0, or a negative error number.
 */
int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->sendto)
		return -ENXIO;
	return ept->ops->sendto(ept, data, len, dst);
}
EXPORT_SYMBOL(rpmsg_sendto);

/**
 * rpmsg_send_offchannel() - send a message from and to given addresses
 * @ept: the endpoint whose channel carries it
 * @src: the source address
 * @dst: the remote address
 * @data: the payload
 * @len: its length
 *
 * Waits for a free buffer, as rpmsg_send().
 *
 * Return: 0, or a negative error number.
 */
int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			  void *data, int len)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->send_offchannel)
		return -ENXIO;
	return ept->ops->send_offchannel(ept, src, dst, data, len);
}
EXPORT_SYMBOL(rpmsg_send_offchannel);

/**
 * rpmsg_trysend() - send a message if a buffer is free
 * @ept: the sending endpoint
 * @data: the payload
 * @len: its length
 *
 * Return: 0, -ENOMEM if no buffer is free, or another negative error.
 */
int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->trysend)
		return -ENXIO;
	return ept->ops->trysend(ept, data, len);
}
EXPORT_SYMBOL(rpmsg_trysend);

/**
 * rpmsg_trysendto() - send a message to an address if a buffer is free
 * @ept: the sending endpoint
 * @data: the payload
 * @len: its length
 * @dst: the remote address
 *
 * Return: 0, -ENOMEM if no buffer is free, or another negative error.
 */
int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->trysendto)
		return -ENXIO;
	return ept->ops->trysendto(ept, data, len, dst);
}
EXPORT_SYMBOL(rpmsg_trysendto);

/**
 * rpmsg_trysend_offchannel() - send from and to addresses if a buffer is free
 * @ept: the endpoint whose channel carries it
 * @src: the source address
 * @dst: the remote address
 * @data: the payload
 * @len: its length
 *
 * Return: 0, -ENOMEM if no buffer is free, or another negative error.
 */
int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			     void *data, int len)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->trysend_offchannel)
		return -ENXIO;
	return ept->ops->trysend_offchannel(ept, src, dst, data, len);
}
EXPORT_SYMBOL(rpmsg_trysend_offchannel);

/**
 * rpmsg_poll() - poll an endpoint's channel
 * @ept: the endpoint
 * @file: the file polled
 * @wait: the poll table
 *
 * Return: EPOLLOUT if a message can be sent without waiting, and
 * EPOLLHUP | EPOLLERR once the channel was reset; 0 if the transport
 * cannot tell.
 */
__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *file,
		    poll_table *wait)
{
	if (WARN_ON(!ept))
		return 0;
	if (!ept->ops->poll)
		return 0;
	return ept->ops->poll(ept, file, wait);
}
EXPORT_SYMBOL(rpmsg_poll);

/**
 * rpmsg_get_mtu() - the largest payload an endpoint can send
 * @ept: the endpoint
 *
 * Return: the size in bytes, or -ENOTSUPP if the transport cannot tell.
 */
ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->get_mtu)
		return -ENOTSUPP;
	return ept->ops->get_mtu(ept);
}
EXPORT_SYMBOL(rpmsg_get_mtu);

/**
 * rpmsg_set_flow_control() - ask the remote to pause or resume sending
 * @ept: the endpoint
 * @pause: pause (true) or resume
 * @dst: the remote address
 *
 * Return: 0, -EOPNOTSUPP if the transport has no flow control, or
 * another negative error number.
 */
int rpmsg_set_flow_control(struct rpmsg_endpoint *ept, bool pause, u32 dst)
{
	if (WARN_ON(!ept))
		return -EINVAL;
	if (!ept->ops->set_flow_control)
		return -EOPNOTSUPP;
	return ept->ops->set_flow_control(ept, pause, dst);
}
EXPORT_SYMBOL(rpmsg_set_flow_control);

/* Whether @dev is the channel @data (a &struct rpmsg_channel_info) names. */
static int rpmsg_device_match(struct device *dev, void *data)
{
	const struct rpmsg_channel_info *chinfo = data;
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);

	if (chinfo->src != RPMSG_ADDR_ANY && chinfo->src != rpdev->src)
		return 0;
	if (chinfo->dst != RPMSG_ADDR_ANY && chinfo->dst != rpdev->dst)
		return 0;
	return !strncmp(chinfo->name, rpdev->id.name, RPMSG_NAME_SIZE);
}

/**
 * rpmsg_find_device() - a channel of a transport, by name and addresses
 * @parent: the transport's device
 * @chinfo: the name, and the addresses unless RPMSG_ADDR_ANY
 *
 * Return: the channel's device with a reference the caller drops, or
 * NULL.
 */
struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo)
{
	return device_find_child(parent, chinfo, rpmsg_device_match);
}
EXPORT_SYMBOL(rpmsg_find_device);

/**
 * rpmsg_create_channel() - create a channel on a channel's transport
 * @rpdev: a channel of the transport
 * @chinfo: the new channel's name and addresses
 *
 * Return: the new channel, or NULL.
 */
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo)
{
	if (WARN_ON(!rpdev))
		return NULL;
	if (!rpdev->ops || !rpdev->ops->create_channel) {
		dev_err(&rpdev->dev, "this transport cannot create channels\n");
		return NULL;
	}
	return rpdev->ops->create_channel(rpdev, chinfo);
}
EXPORT_SYMBOL(rpmsg_create_channel);

/**
 * rpmsg_release_channel() - release a channel rpmsg_create_channel() made
 * @rpdev: a channel of the transport
 * @chinfo: the channel's name and addresses
 *
 * Return: 0, or a negative error number.
 */
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo)
{
	if (WARN_ON(!rpdev))
		return -EINVAL;
	if (!rpdev->ops || !rpdev->ops->release_channel) {
		dev_err(&rpdev->dev, "this transport cannot release channels\n");
		return -ENXIO;
	}
	return rpdev->ops->release_channel(rpdev, chinfo);
}
EXPORT_SYMBOL(rpmsg_release_channel);

/* sysfs: the channel's name and addresses, as Linux 6.12 shows them. */
static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_rpmsg_device(dev)->id.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_rpmsg_device(dev)->src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_rpmsg_device(dev)->dst);
}
static DEVICE_ATTR_RO(dst);

static ssize_t announce_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  to_rpmsg_device(dev)->announce ? "true" : "false");
}
static DEVICE_ATTR_RO(announce);

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	ssize_t len = of_device_modalias(dev, buf, PAGE_SIZE);

	if (len != -ENODEV)
		return len;
	return sysfs_emit(buf, RPMSG_DEVICE_MODALIAS_FMT "\n",
			  to_rpmsg_device(dev)->id.name);
}
static DEVICE_ATTR_RO(modalias);

static struct attribute *rpmsg_dev_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_modalias.attr,
	&dev_attr_dst.attr,
	&dev_attr_src.attr,
	&dev_attr_announce.attr,
	NULL,
};
ATTRIBUTE_GROUPS(rpmsg_dev);

/*
 * device_match_driver_override(), spelled out: sparse cannot follow the
 * scope-based unlock of the kernel's version and reports an imbalance.
 * Return: > 0 on a match, 0 if another driver is forced, < 0 if none is.
 */
static int rpmsg_match_override(struct device *dev,
				const struct device_driver *drv)
{
	int ret = -1;

	spin_lock(&dev->driver_override.lock);
	if (dev->driver_override.name)
		ret = !strcmp(dev->driver_override.name, drv->name);
	spin_unlock(&dev->driver_override.lock);
	return ret;
}

static int rpmsg_dev_match(struct device *dev, const struct device_driver *drv)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	const struct rpmsg_driver *rpdrv = to_rpmsg_driver(drv);
	const struct rpmsg_device_id *id;
	int ret;

	ret = rpmsg_match_override(dev, drv);
	if (ret >= 0)
		return ret;

	for (id = rpdrv->id_table; id && id->name[0]; id++) {
		if (!strncmp(id->name, rpdev->id.name, RPMSG_NAME_SIZE)) {
			rpdev->id.driver_data = id->driver_data;
			return 1;
		}
	}
	return of_driver_match_device(dev, drv);
}

static int rpmsg_uevent(const struct device *dev, struct kobj_uevent_env *env)
{
	const struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	int ret = of_device_uevent_modalias(dev, env);

	if (ret != -ENODEV)
		return ret;
	return add_uevent_var(env, "MODALIAS=" RPMSG_DEVICE_MODALIAS_FMT,
			      rpdev->id.name);
}

/*
 * Binds a driver: its callback gets the channel's default endpoint, at
 * the channel's local address, before its probe runs; the remote hears
 * of the channel once the probe succeeded.
 */
static int rpmsg_dev_probe(struct device *dev)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(dev->driver);
	struct rpmsg_endpoint *ept = NULL;
	int ret;

	if (rpdrv->callback) {
		struct rpmsg_channel_info chinfo = {
			.src = rpdev->src,
			.dst = RPMSG_ADDR_ANY,
		};

		strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
		ept = rpmsg_create_ept(rpdev, rpdrv->callback, NULL, chinfo);
		if (!ept) {
			dev_err(dev, "cannot create the channel's endpoint\n");
			return -ENOMEM;
		}
		ept->flow_cb = rpdrv->flowcontrol;
		rpdev->ept = ept;
		rpdev->src = ept->addr;
	}

	ret = rpdrv->probe(rpdev);
	if (ret) {
		dev_err(dev, "driver %s cannot bind: %d\n", rpdrv->drv.name, ret);
		goto destroy_ept;
	}

	if (ept && rpdev->ops->announce_create) {
		ret = rpdev->ops->announce_create(rpdev);
		if (ret) {
			dev_err(dev, "cannot announce the channel: %d\n", ret);
			if (rpdrv->remove)
				rpdrv->remove(rpdev);
			goto destroy_ept;
		}
	}
	return 0;

destroy_ept:
	if (ept) {
		rpmsg_destroy_ept(ept);
		rpdev->ept = NULL;
	}
	return ret;
}

static void rpmsg_dev_remove(struct device *dev)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(dev->driver);

	if (rpdev->ops->announce_destroy)
		rpdev->ops->announce_destroy(rpdev);
	if (rpdrv->remove)
		rpdrv->remove(rpdev);
	if (rpdev->ept) {
		rpmsg_destroy_ept(rpdev->ept);
		rpdev->ept = NULL;
	}
}

static const struct bus_type rpmsg_bus = {
	.name		= RPMSG_BUS_NAME,
	.match		= rpmsg_dev_match,
	.dev_groups	= rpmsg_dev_groups,
	.driver_override = true,
	.uevent		= rpmsg_uevent,
	.probe		= rpmsg_dev_probe,
	.remove		= rpmsg_dev_remove,
};

/**
 * rpmsg_register_device_override() - add a channel bound to one driver
 * @rpdev: the channel; &rpmsg_device.dev has its parent and release set
 * @driver_override: the driver to bind, which also becomes the channel's
 *	name; NULL to match by name
 *
 * The device is named <parent>.<name>.<src>.<dst>, as with Linux 6.12.
 *
 * Return: 0, or a negative error number; on error @rpdev was released
 * through its device's release function.
 */
int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override)
{
	struct device *dev = &rpdev->dev;
	int ret;

	if (driver_override)
		strscpy_pad(rpdev->id.name, driver_override, RPMSG_NAME_SIZE);
	dev->bus = &rpmsg_bus;
	device_initialize(dev);
	ret = dev_set_name(dev, "%s.%s.%d.%d", dev_name(dev->parent),
			   rpdev->id.name, rpdev->src, rpdev->dst);
	if (ret)
		goto put;
	if (driver_override) {
		ret = device_set_driver_override(dev, driver_override);
		if (ret)
			goto put;
	}
	ret = device_add(dev);
	if (ret)
		goto put;
	return 0;

put:
	dev_err(dev->parent, "cannot add channel %s: %d\n", rpdev->id.name, ret);
	put_device(dev);
	return ret;
}
EXPORT_SYMBOL(rpmsg_register_device_override);

/**
 * rpmsg_register_device() - add a channel, for the driver of its name
 * @rpdev: the channel, as for rpmsg_register_device_override()
 *
 * Return: 0, or a negative error number; on error @rpdev was released.
 */
int rpmsg_register_device(struct rpmsg_device *rpdev)
{
	return rpmsg_register_device_override(rpdev, NULL);
}
EXPORT_SYMBOL(rpmsg_register_device);

/**
 * rpmsg_unregister_device() - remove a channel of a transport
 * @parent: the transport's device
 * @chinfo: the channel's name and addresses
 *
 * Return: 0, or -EINVAL if there is no such channel.
 */
int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo)
{
	struct device *dev = rpmsg_find_device(parent, chinfo);

	if (!dev)
		return -EINVAL;
	device_unregister(dev);
	put_device(dev);
	return 0;
}
EXPORT_SYMBOL(rpmsg_unregister_device);

/**
 * __register_rpmsg_driver() - register an rpmsg driver
 * @rpdrv: the driver
 * @owner: its module
 *
 * Return: 0, or a negative error number.
 */
int __register_rpmsg_driver(struct rpmsg_driver *rpdrv, struct module *owner)
{
	rpdrv->drv.bus = &rpmsg_bus;
	rpdrv->drv.owner = owner;
	return driver_register(&rpdrv->drv);
}
EXPORT_SYMBOL(__register_rpmsg_driver);

/**
 * unregister_rpmsg_driver() - unregister an rpmsg driver
 * @rpdrv: the driver
 */
void unregister_rpmsg_driver(struct rpmsg_driver *rpdrv)
{
	driver_unregister(&rpdrv->drv);
}
EXPORT_SYMBOL(unregister_rpmsg_driver);

static int __init rpmsg_bus_init(void)
{
	int ret = bus_register(&rpmsg_bus);

	if (ret)
		pr_err("cannot register the %s bus: %d\n", RPMSG_BUS_NAME, ret);
	return ret;
}
postcore_initcall(rpmsg_bus_init);

static void __exit rpmsg_bus_exit(void)
{
	bus_unregister(&rpmsg_bus);
}
module_exit(rpmsg_bus_exit);

MODULE_DESCRIPTION("rpmsg bus");
MODULE_LICENSE("GPL");
