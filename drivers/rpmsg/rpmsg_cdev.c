// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices of rpmsg: /dev/rpmsg_ctrlN for each transport device,
 * which creates endpoints on request (RPMSG_CREATE_EPT_IOCTL gives a
 * device node /dev/rpmsgN, RPMSG_CREATE_EPT_FD_IOCTL a file descriptor),
 * and /dev/rpmsgN for each "rpmsg-raw" channel the remote announces.
 * An endpoint's file sends one message per write() and receives one per
 * read(), as with Linux 6.12.
 *
 * When the channel goes away (the remote reset, stopped, crashed or
 * withdrew the service) every open file of it says so: read() and
 * write() fail with ECONNRESET and poll() reports EPOLLHUP | EPOLLERR;
 * the device node is removed.  The application closes the file and opens
 * the channel again once the remote announced it again.  An endpoint the
 * application destroyed itself gives EPIPE, as with Linux 6.12.
 */

#include <kunit/visibility.h>
#include <linux/anon_inodes.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/rwsem.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>

#include "rpmsg_bus.h"

/*
 * Name of the class and stem of the device names.  An out-of-tree build
 * sets another one, so the tree's devices can live beside a kernel's own.
 */
#ifndef RPMSG_CDEV_NAME
#define RPMSG_CDEV_NAME "rpmsg"
#endif

#define RPMSG_RAW_SERVICE	"rpmsg-raw"
#define RPMSG_CDEV_MINORS	256
/* Bytes of messages an endpoint keeps for its reader before dropping. */
#define RPMSG_QUEUE_LIMIT	SZ_4M

static dev_t rpmsg_cdev_devt;
static DEFINE_IDA(rpmsg_minor_ida);
static DEFINE_IDA(rpmsg_ctrl_ida);
static DEFINE_IDA(rpmsg_ept_ida);

static const struct class rpmsg_cdev_class = {
	.name = RPMSG_CDEV_NAME,
};

/**
 * struct rpmsg_ctrldev - /dev/rpmsg_ctrlN of a transport device
 * @rpdev: the control channel
 * @dev: the character device's device
 * @cdev: the character device
 * @lock: protects @eptdevs and @gone
 * @eptdevs: endpoints created through it
 * @gone: the control channel was removed
 */
struct rpmsg_ctrldev {
	struct rpmsg_device *rpdev;
	struct device dev;
	struct cdev cdev;
	/* Taken before an endpoint's ept_sem, never after. */
	struct mutex lock;
	struct list_head eptdevs;
	bool gone;
};

/**
 * struct rpmsg_eptdev - an endpoint user space reads and writes
 * @dev: its device (/dev/rpmsgN, or not added for a file descriptor)
 * @cdev: its character device, if it has a node
 * @ctrl: the control device that created it, or NULL
 * @node: link in &rpmsg_ctrldev.eptdevs
 * @chinfo: its name and addresses
 * @chan: the channel's device, held until the device is released: the
 *	transport's wait queues that files poll live as long as it
 * @ept_sem: held shared while the endpoint is used, exclusive to change
 *	@rpdev, @ept, @default_ept, @open, @reset and @destroyed
 * @rpdev: the channel it lives on, NULL once gone
 * @ept: the endpoint while the file is open
 * @default_ept: the channel's endpoint, for an rpmsg-raw channel
 * @open: a file has it open
 * @reset: the channel went away
 * @destroyed: the application destroyed it
 * @has_node: @cdev was added
 * @queue_lock: protects @queue and @queued
 * @queue: received messages
 * @queued: bytes in @queue
 * @readq: readers and pollers
 * @remote_flow_restricted: the remote asked Linux to stop sending
 * @remote_flow_updated: that changed since user space asked
 */
struct rpmsg_eptdev {
	struct device dev;
	struct cdev cdev;
	struct rpmsg_ctrldev *ctrl;
	struct list_head node;
	struct rpmsg_channel_info chinfo;
	struct device *chan;

	struct rw_semaphore ept_sem;
	struct rpmsg_device *rpdev;
	struct rpmsg_endpoint *ept;
	struct rpmsg_endpoint *default_ept;
	bool open;
	bool reset;
	bool destroyed;
	bool has_node;

	/* Never held while sleeping: the receive path takes it. */
	spinlock_t queue_lock;
	struct sk_buff_head queue;
	size_t queued;
	wait_queue_head_t readq;

	bool remote_flow_restricted;
	bool remote_flow_updated;
};

static struct rpmsg_eptdev *to_eptdev(struct device *dev)
{
	return container_of(dev, struct rpmsg_eptdev, dev);
}

/* Receiving */

static int rpmsg_eptdev_cb(struct rpmsg_device *rpdev, void *data, int len,
			   void *priv, u32 src)
{
	struct rpmsg_eptdev *eptdev = priv;
	struct sk_buff *skb;

	/* A message on a raw channel before its device was set up. */
	if (!eptdev)
		return 0;

	skb = alloc_skb(len, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, data, len);

	spin_lock(&eptdev->queue_lock);
	if (eptdev->queued + len > RPMSG_QUEUE_LIMIT) {
		spin_unlock(&eptdev->queue_lock);
		kfree_skb(skb);
		dev_warn_ratelimited(&eptdev->dev, "reader too slow: a message of %d bytes dropped\n",
				     len);
		return 0;
	}
	eptdev->queued += len;
	__skb_queue_tail(&eptdev->queue, skb);
	spin_unlock(&eptdev->queue_lock);

	wake_up_interruptible(&eptdev->readq);
	return 0;
}

static int rpmsg_eptdev_flow_cb(struct rpmsg_device *rpdev, void *priv,
				bool enable)
{
	struct rpmsg_eptdev *eptdev = priv;

	if (!eptdev)
		return 0;
	eptdev->remote_flow_restricted = enable;
	eptdev->remote_flow_updated = true;
	wake_up_interruptible(&eptdev->readq);
	return 0;
}

static void rpmsg_eptdev_purge(struct rpmsg_eptdev *eptdev)
{
	spin_lock(&eptdev->queue_lock);
	__skb_queue_purge(&eptdev->queue);
	eptdev->queued = 0;
	spin_unlock(&eptdev->queue_lock);
}

/* Lifetime */

static void rpmsg_eptdev_release_dev(struct device *dev)
{
	struct rpmsg_eptdev *eptdev = to_eptdev(dev);

	ida_free(&rpmsg_ept_ida, dev->id);
	if (eptdev->has_node)
		ida_free(&rpmsg_minor_ida, MINOR(dev->devt));
	if (eptdev->ctrl)
		put_device(&eptdev->ctrl->dev);
	put_device(eptdev->chan);
	__skb_queue_purge(&eptdev->queue);
	kfree(eptdev);
}

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_eptdev(dev)->chinfo.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", to_eptdev(dev)->chinfo.src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", to_eptdev(dev)->chinfo.dst);
}
static DEVICE_ATTR_RO(dst);

/* The largest message the endpoint sends, once it has an endpoint. */
static ssize_t mtu_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct rpmsg_eptdev *eptdev = to_eptdev(dev);
	struct rpmsg_endpoint *ept;
	ssize_t mtu = -ENODATA;

	down_read(&eptdev->ept_sem);
	ept = eptdev->ept ?: eptdev->default_ept;
	if (ept)
		mtu = rpmsg_get_mtu(ept);
	up_read(&eptdev->ept_sem);
	return mtu < 0 ? mtu : sysfs_emit(buf, "%zd\n", mtu);
}
static DEVICE_ATTR_RO(mtu);

static struct attribute *rpmsg_eptdev_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	&dev_attr_dst.attr,
	&dev_attr_mtu.attr,
	NULL,
};
ATTRIBUTE_GROUPS(rpmsg_eptdev);

/* A new endpoint device; the caller drops its reference with put_device(). */
static struct rpmsg_eptdev *rpmsg_eptdev_new(struct rpmsg_device *rpdev,
					     struct device *parent,
					     struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_eptdev *eptdev;
	int id;

	eptdev = kzalloc(sizeof(*eptdev), GFP_KERNEL);
	if (!eptdev)
		return ERR_PTR(-ENOMEM);
	id = ida_alloc(&rpmsg_ept_ida, GFP_KERNEL);
	if (id < 0) {
		kfree(eptdev);
		return ERR_PTR(id);
	}

	eptdev->rpdev = rpdev;
	eptdev->chan = get_device(&rpdev->dev);
	eptdev->chinfo = *chinfo;
	INIT_LIST_HEAD(&eptdev->node);
	init_rwsem(&eptdev->ept_sem);
	spin_lock_init(&eptdev->queue_lock);
	__skb_queue_head_init(&eptdev->queue);
	init_waitqueue_head(&eptdev->readq);

	device_initialize(&eptdev->dev);
	eptdev->dev.class = &rpmsg_cdev_class;
	eptdev->dev.parent = parent;
	eptdev->dev.groups = rpmsg_eptdev_groups;
	eptdev->dev.release = rpmsg_eptdev_release_dev;
	eptdev->dev.id = id;
	dev_set_name(&eptdev->dev, RPMSG_CDEV_NAME "%d", id);
	return eptdev;
}

static const struct file_operations rpmsg_eptdev_fops;
static void rpmsg_ctrldev_forget(struct rpmsg_eptdev *eptdev);

/* Gives the endpoint device a node, /dev/rpmsgN. */
static int rpmsg_eptdev_add_node(struct rpmsg_eptdev *eptdev)
{
	int minor, ret;

	minor = ida_alloc_max(&rpmsg_minor_ida, RPMSG_CDEV_MINORS - 1, GFP_KERNEL);
	if (minor < 0)
		return minor;
	eptdev->dev.devt = MKDEV(MAJOR(rpmsg_cdev_devt), minor);
	cdev_init(&eptdev->cdev, &rpmsg_eptdev_fops);
	eptdev->cdev.owner = THIS_MODULE;
	ret = cdev_device_add(&eptdev->cdev, &eptdev->dev);
	if (ret) {
		ida_free(&rpmsg_minor_ida, minor);
		eptdev->dev.devt = 0;
		return ret;
	}
	eptdev->has_node = true;
	return 0;
}

/*
 * Takes the endpoint away from user space: because the channel went away
 * (@reset) or because the application asked.  Open files keep the device
 * until they are closed; the node goes at once.
 */
static void rpmsg_eptdev_kill(struct rpmsg_eptdev *eptdev, bool reset)
{
	down_write(&eptdev->ept_sem);
	if (eptdev->ept && eptdev->ept != eptdev->default_ept)
		rpmsg_destroy_ept(eptdev->ept);
	WRITE_ONCE(eptdev->ept, NULL);
	eptdev->default_ept = NULL;
	eptdev->rpdev = NULL;
	if (reset)
		WRITE_ONCE(eptdev->reset, true);
	else
		WRITE_ONCE(eptdev->destroyed, true);
	up_write(&eptdev->ept_sem);

	wake_up_interruptible_all(&eptdev->readq);
	if (eptdev->has_node)
		cdev_device_del(&eptdev->cdev, &eptdev->dev);
}

/* The errno an endpoint that is not usable gives, or 0. */
static int rpmsg_eptdev_dead(struct rpmsg_eptdev *eptdev)
{
	if (READ_ONCE(eptdev->reset))
		return -ECONNRESET;
	if (READ_ONCE(eptdev->destroyed) || !READ_ONCE(eptdev->ept))
		return -EPIPE;
	return 0;
}

/* Creates the endpoint of an opening file, unless it is the channel's. */
static int rpmsg_eptdev_start(struct rpmsg_eptdev *eptdev)
{
	struct rpmsg_endpoint *ept;
	int ret = 0;

	down_write(&eptdev->ept_sem);
	if (eptdev->reset || eptdev->destroyed || !eptdev->rpdev) {
		ret = -ENETRESET;
	} else if (eptdev->open) {
		ret = -EBUSY;
	} else if (eptdev->default_ept) {
		eptdev->ept = eptdev->default_ept;
	} else {
		ept = rpmsg_create_ept(eptdev->rpdev, rpmsg_eptdev_cb, eptdev,
				       eptdev->chinfo);
		if (!ept) {
			dev_err(&eptdev->dev, "cannot create endpoint %s\n",
				eptdev->chinfo.name);
			ret = -EINVAL;
		} else {
			ept->flow_cb = rpmsg_eptdev_flow_cb;
			eptdev->ept = ept;
		}
	}
	if (!ret)
		eptdev->open = true;
	up_write(&eptdev->ept_sem);
	return ret;
}

static void rpmsg_eptdev_stop(struct rpmsg_eptdev *eptdev)
{
	down_write(&eptdev->ept_sem);
	if (eptdev->ept && eptdev->ept != eptdev->default_ept)
		rpmsg_destroy_ept(eptdev->ept);
	WRITE_ONCE(eptdev->ept, NULL);
	eptdev->open = false;
	up_write(&eptdev->ept_sem);
	rpmsg_eptdev_purge(eptdev);
}

/* File operations of an endpoint */

static int rpmsg_eptdev_open(struct inode *inode, struct file *file)
{
	struct rpmsg_eptdev *eptdev = container_of(inode->i_cdev,
						   struct rpmsg_eptdev, cdev);
	int ret;

	get_device(&eptdev->dev);
	ret = rpmsg_eptdev_start(eptdev);
	if (ret) {
		put_device(&eptdev->dev);
		return ret;
	}
	file->private_data = eptdev;
	return 0;
}

static int rpmsg_eptdev_release(struct inode *inode, struct file *file)
{
	struct rpmsg_eptdev *eptdev = file->private_data;

	rpmsg_eptdev_stop(eptdev);
	/* An endpoint that only a file descriptor held goes with it. */
	if (!eptdev->has_node && eptdev->ctrl)
		rpmsg_ctrldev_forget(eptdev);
	put_device(&eptdev->dev);
	return 0;
}

static ssize_t rpmsg_eptdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct rpmsg_eptdev *eptdev = iocb->ki_filp->private_data;
	bool nonblock = iocb->ki_filp->f_flags & O_NONBLOCK;
	struct sk_buff *skb;
	size_t use;
	int ret;

	for (;;) {
		ret = rpmsg_eptdev_dead(eptdev);
		if (ret)
			return ret;
		spin_lock(&eptdev->queue_lock);
		skb = __skb_dequeue(&eptdev->queue);
		if (skb)
			eptdev->queued -= skb->len;
		spin_unlock(&eptdev->queue_lock);
		if (skb)
			break;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(eptdev->readq,
					     !skb_queue_empty_lockless(&eptdev->queue) ||
					     rpmsg_eptdev_dead(eptdev)))
			return -ERESTARTSYS;
	}

	/* As with Linux 6.12: what does not fit the buffer is lost. */
	use = min_t(size_t, iov_iter_count(to), skb->len);
	if (copy_to_iter(skb->data, use, to) != use)
		use = -EFAULT;
	kfree_skb(skb);
	return use;
}

static ssize_t rpmsg_eptdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct rpmsg_eptdev *eptdev = iocb->ki_filp->private_data;
	bool nonblock = iocb->ki_filp->f_flags & O_NONBLOCK;
	size_t len = iov_iter_count(from);
	ssize_t mtu;
	void *kbuf;
	int ret;

	guard(rwsem_read)(&eptdev->ept_sem);
	ret = rpmsg_eptdev_dead(eptdev);
	if (ret)
		return ret;
	mtu = rpmsg_get_mtu(eptdev->ept);
	if (mtu >= 0 && len > (size_t)mtu)
		return -EMSGSIZE;

	kbuf = kmalloc(len, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (!copy_from_iter_full(kbuf, len, from)) {
		kfree(kbuf);
		return -EFAULT;
	}

	if (nonblock) {
		ret = rpmsg_trysendto(eptdev->ept, kbuf, len, eptdev->chinfo.dst);
		if (ret == -ENOMEM)
			ret = -EAGAIN;
	} else {
		ret = rpmsg_sendto(eptdev->ept, kbuf, len, eptdev->chinfo.dst);
	}
	kfree(kbuf);
	return ret ? ret : len;
}

static __poll_t rpmsg_eptdev_poll(struct file *file, poll_table *wait)
{
	struct rpmsg_eptdev *eptdev = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &eptdev->readq, wait);

	down_read(&eptdev->ept_sem);
	if (eptdev->reset) {
		mask = EPOLLHUP | EPOLLERR;
	} else if (!eptdev->ept) {
		mask = EPOLLERR;
	} else {
		if (!skb_queue_empty_lockless(&eptdev->queue))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (eptdev->remote_flow_updated)
			mask |= EPOLLPRI;
		mask |= rpmsg_poll(eptdev->ept, file, wait);
	}
	up_read(&eptdev->ept_sem);
	return mask;
}

static long rpmsg_eptdev_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct rpmsg_eptdev *eptdev = file->private_data;
	int ret;

	switch (cmd) {
	case RPMSG_DESTROY_EPT_IOCTL:
		/* A raw channel's endpoint belongs to the channel. */
		if (!eptdev->ctrl)
			return -EINVAL;
		if (READ_ONCE(eptdev->reset))
			return -ECONNRESET;
		rpmsg_ctrldev_forget(eptdev);
		return 0;
	case RPMSG_GET_OUTGOING_FLOWCONTROL:
		ret = rpmsg_eptdev_dead(eptdev);
		if (ret)
			return ret;
		eptdev->remote_flow_updated = false;
		return put_user(eptdev->remote_flow_restricted, (int __user *)arg);
	case RPMSG_SET_INCOMING_FLOWCONTROL: {
		/* The argument is the value itself, as with Linux 6.12. */
		if (arg > 1)
			return -EINVAL;
		guard(rwsem_read)(&eptdev->ept_sem);
		ret = rpmsg_eptdev_dead(eptdev);
		if (ret)
			return ret;
		return rpmsg_set_flow_control(eptdev->ept, !!arg,
					      eptdev->chinfo.dst);
	}
	default:
		return -EINVAL;
	}
}

static const struct file_operations rpmsg_eptdev_fops = {
	.owner		= THIS_MODULE,
	.open		= rpmsg_eptdev_open,
	.release	= rpmsg_eptdev_release,
	.read_iter	= rpmsg_eptdev_read_iter,
	.write_iter	= rpmsg_eptdev_write_iter,
	.poll		= rpmsg_eptdev_poll,
	.unlocked_ioctl	= rpmsg_eptdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

/* Control devices */

static void rpmsg_ctrldev_release_dev(struct device *dev)
{
	struct rpmsg_ctrldev *ctrl = container_of(dev, struct rpmsg_ctrldev, dev);

	ida_free(&rpmsg_ctrl_ida, dev->id);
	ida_free(&rpmsg_minor_ida, MINOR(dev->devt));
	put_device(&ctrl->rpdev->dev);
	kfree(ctrl);
}

/* Destroys an endpoint the application created, at its request. */
static void rpmsg_ctrldev_forget(struct rpmsg_eptdev *eptdev)
{
	struct rpmsg_ctrldev *ctrl = eptdev->ctrl;
	bool listed;

	mutex_lock(&ctrl->lock);
	listed = !list_empty(&eptdev->node);
	list_del_init(&eptdev->node);
	mutex_unlock(&ctrl->lock);
	if (!listed)
		return;
	rpmsg_eptdev_kill(eptdev, false);
	/* The reference the list held. */
	put_device(&eptdev->dev);
}

/* A new endpoint of the control device, listed; the list holds a reference. */
static struct rpmsg_eptdev *rpmsg_ctrldev_new_ept(struct rpmsg_ctrldev *ctrl,
						  struct rpmsg_channel_info *chinfo,
						  bool node)
{
	struct rpmsg_eptdev *eptdev;
	int ret;

	guard(mutex)(&ctrl->lock);
	if (ctrl->gone)
		return ERR_PTR(-ECONNRESET);
	eptdev = rpmsg_eptdev_new(ctrl->rpdev, &ctrl->dev, chinfo);
	if (IS_ERR(eptdev))
		return eptdev;
	eptdev->ctrl = ctrl;
	get_device(&ctrl->dev);
	if (node) {
		ret = rpmsg_eptdev_add_node(eptdev);
		if (ret) {
			put_device(&eptdev->dev);
			return ERR_PTR(ret);
		}
	}
	list_add_tail(&eptdev->node, &ctrl->eptdevs);
	return eptdev;
}

static struct file *rpmsg_ctrldev_ept_file(struct rpmsg_ctrldev *ctrl,
					   struct rpmsg_channel_info *chinfo,
					   unsigned int flags);

/**
 * rpmsg_cdev_ept_file() - create an endpoint and an open file for it
 * @ctrl_rpdev: the control channel of a transport device
 * @chinfo: the endpoint's name and addresses
 * @flags: O_RDONLY, O_WRONLY or O_RDWR, with O_NONBLOCK
 *
 * What RPMSG_CREATE_EPT_FD_IOCTL does, but the file descriptor.
 *
 * Return: the file, or an ERR_PTR().
 */
struct file *rpmsg_cdev_ept_file(struct rpmsg_device *ctrl_rpdev,
				 struct rpmsg_channel_info *chinfo,
				 unsigned int flags)
{
	struct rpmsg_ctrldev *ctrl = dev_get_drvdata(&ctrl_rpdev->dev);

	if (!ctrl)
		return ERR_PTR(-ENODEV);
	return rpmsg_ctrldev_ept_file(ctrl, chinfo, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rpmsg_cdev_ept_file);

/* rpmsg_cdev_ept_file(), for a control device that may be gone. */
static struct file *rpmsg_ctrldev_ept_file(struct rpmsg_ctrldev *ctrl,
					   struct rpmsg_channel_info *chinfo,
					   unsigned int flags)
{
	struct rpmsg_eptdev *eptdev;
	struct file *file;
	int ret;

	eptdev = rpmsg_ctrldev_new_ept(ctrl, chinfo, false);
	if (IS_ERR(eptdev))
		return ERR_CAST(eptdev);

	/* The file's reference; the list's goes when the file closes. */
	get_device(&eptdev->dev);
	ret = rpmsg_eptdev_start(eptdev);
	if (ret)
		goto forget;
	file = anon_inode_getfile("rpmsg-eptdev", &rpmsg_eptdev_fops, eptdev,
				  flags & (O_ACCMODE | O_NONBLOCK));
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		rpmsg_eptdev_stop(eptdev);
		goto forget;
	}
	return file;

forget:
	rpmsg_ctrldev_forget(eptdev);
	put_device(&eptdev->dev);
	return ERR_PTR(ret);
}

/* The user's name and addresses, with the name terminated. */
static int rpmsg_ctrldev_chinfo(void __user *argp, struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_endpoint_info info;

	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	memcpy(chinfo->name, info.name, RPMSG_NAME_SIZE);
	chinfo->name[RPMSG_NAME_SIZE - 1] = '\0';
	chinfo->src = info.src;
	chinfo->dst = info.dst;
	return 0;
}

static long rpmsg_ctrldev_create_ept_fd(struct rpmsg_ctrldev *ctrl,
					void __user *argp)
{
	struct rpmsg_endpoint_fd_info info;
	struct rpmsg_channel_info chinfo;
	struct file *file;
	int fd;

	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	if (info.flags & ~(O_ACCMODE | O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	memcpy(chinfo.name, info.name, RPMSG_NAME_SIZE);
	chinfo.name[RPMSG_NAME_SIZE - 1] = '\0';
	chinfo.src = info.src;
	chinfo.dst = info.dst;

	fd = get_unused_fd_flags(info.flags & O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = rpmsg_ctrldev_ept_file(ctrl, &chinfo, info.flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	info.fd = fd;
	if (copy_to_user(argp, &info, sizeof(info))) {
		put_unused_fd(fd);
		fput(file);
		return -EFAULT;
	}
	fd_install(fd, file);
	return 0;
}

static long rpmsg_ctrldev_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct rpmsg_ctrldev *ctrl = file->private_data;
	void __user *argp = (void __user *)arg;
	struct rpmsg_channel_info chinfo;
	struct rpmsg_eptdev *eptdev;
	int ret;

	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
		ret = rpmsg_ctrldev_chinfo(argp, &chinfo);
		if (ret)
			return ret;
		eptdev = rpmsg_ctrldev_new_ept(ctrl, &chinfo, true);
		return PTR_ERR_OR_ZERO(eptdev);
	case RPMSG_CREATE_EPT_FD_IOCTL:
		return rpmsg_ctrldev_create_ept_fd(ctrl, argp);
	case RPMSG_CREATE_DEV_IOCTL:
		/*
		 * Not under ctrl->lock: removing the control device takes it.
		 * The channel is held; its transport refuses once reset.
		 */
		ret = rpmsg_ctrldev_chinfo(argp, &chinfo);
		if (ret)
			return ret;
		if (READ_ONCE(ctrl->gone))
			return -ECONNRESET;
		return rpmsg_create_channel(ctrl->rpdev, &chinfo) ? 0 : -ENXIO;
	case RPMSG_RELEASE_DEV_IOCTL:
		ret = rpmsg_ctrldev_chinfo(argp, &chinfo);
		if (ret)
			return ret;
		if (READ_ONCE(ctrl->gone))
			return -ECONNRESET;
		return rpmsg_release_channel(ctrl->rpdev, &chinfo);
	default:
		return -EINVAL;
	}
}

static int rpmsg_ctrldev_open(struct inode *inode, struct file *file)
{
	struct rpmsg_ctrldev *ctrl = container_of(inode->i_cdev,
						  struct rpmsg_ctrldev, cdev);

	get_device(&ctrl->dev);
	file->private_data = ctrl;
	return 0;
}

static int rpmsg_ctrldev_release(struct inode *inode, struct file *file)
{
	struct rpmsg_ctrldev *ctrl = file->private_data;

	put_device(&ctrl->dev);
	return 0;
}

static const struct file_operations rpmsg_ctrldev_fops = {
	.owner		= THIS_MODULE,
	.open		= rpmsg_ctrldev_open,
	.release	= rpmsg_ctrldev_release,
	.unlocked_ioctl	= rpmsg_ctrldev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

static int rpmsg_ctrldev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrl;
	int id, minor, ret;

	ctrl = kzalloc(sizeof(*ctrl), GFP_KERNEL);
	if (!ctrl)
		return -ENOMEM;
	id = ida_alloc(&rpmsg_ctrl_ida, GFP_KERNEL);
	if (id < 0) {
		kfree(ctrl);
		return id;
	}
	minor = ida_alloc_max(&rpmsg_minor_ida, RPMSG_CDEV_MINORS - 1, GFP_KERNEL);
	if (minor < 0) {
		ida_free(&rpmsg_ctrl_ida, id);
		kfree(ctrl);
		return minor;
	}

	/* Open files of the control device may outlive the channel. */
	ctrl->rpdev = rpdev;
	get_device(&rpdev->dev);
	mutex_init(&ctrl->lock);
	INIT_LIST_HEAD(&ctrl->eptdevs);
	device_initialize(&ctrl->dev);
	ctrl->dev.class = &rpmsg_cdev_class;
	ctrl->dev.parent = &rpdev->dev;
	ctrl->dev.devt = MKDEV(MAJOR(rpmsg_cdev_devt), minor);
	ctrl->dev.id = id;
	ctrl->dev.release = rpmsg_ctrldev_release_dev;
	dev_set_name(&ctrl->dev, RPMSG_CDEV_NAME "_ctrl%d", id);
	cdev_init(&ctrl->cdev, &rpmsg_ctrldev_fops);
	ctrl->cdev.owner = THIS_MODULE;

	ret = cdev_device_add(&ctrl->cdev, &ctrl->dev);
	if (ret) {
		dev_err(&rpdev->dev, "cannot add %s: %d\n", dev_name(&ctrl->dev), ret);
		put_device(&ctrl->dev);
		return ret;
	}
	dev_set_drvdata(&rpdev->dev, ctrl);
	return 0;
}

/* The transport device goes: every endpoint made through it is reset. */
static void rpmsg_ctrldev_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrl = dev_get_drvdata(&rpdev->dev);
	struct rpmsg_eptdev *eptdev;

	mutex_lock(&ctrl->lock);
	ctrl->gone = true;
	mutex_unlock(&ctrl->lock);

	/* One at a time: a file closing meanwhile takes its own off. */
	for (;;) {
		mutex_lock(&ctrl->lock);
		eptdev = list_first_entry_or_null(&ctrl->eptdevs,
						  struct rpmsg_eptdev, node);
		if (eptdev)
			list_del_init(&eptdev->node);
		mutex_unlock(&ctrl->lock);
		if (!eptdev)
			break;
		rpmsg_eptdev_kill(eptdev, true);
		put_device(&eptdev->dev);
	}
	cdev_device_del(&ctrl->cdev, &ctrl->dev);
	dev_set_drvdata(&rpdev->dev, NULL);
	put_device(&ctrl->dev);
}

static struct rpmsg_driver rpmsg_ctrldev_driver = {
	.drv.name	= RPMSG_CTRL_DRIVER,
	.probe		= rpmsg_ctrldev_probe,
	.remove		= rpmsg_ctrldev_remove,
};

/* Raw channels: the remote's "rpmsg-raw" services as /dev/rpmsgN. */

static int rpmsg_raw_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.src = rpdev->src,
		.dst = rpdev->dst,
	};
	struct rpmsg_eptdev *eptdev;
	int ret;

	strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
	eptdev = rpmsg_eptdev_new(rpdev, &rpdev->dev, &chinfo);
	if (IS_ERR(eptdev))
		return PTR_ERR(eptdev);
	eptdev->default_ept = rpdev->ept;
	rpdev->ept->flow_cb = rpmsg_eptdev_flow_cb;

	ret = rpmsg_eptdev_add_node(eptdev);
	if (ret) {
		put_device(&eptdev->dev);
		return ret;
	}
	/* Messages reach the device from here on. */
	mutex_lock(&rpdev->ept->cb_lock);
	rpdev->ept->priv = eptdev;
	mutex_unlock(&rpdev->ept->cb_lock);
	dev_set_drvdata(&rpdev->dev, eptdev);
	return 0;
}

static void rpmsg_raw_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_eptdev *eptdev = dev_get_drvdata(&rpdev->dev);

	mutex_lock(&rpdev->ept->cb_lock);
	rpdev->ept->priv = NULL;
	mutex_unlock(&rpdev->ept->cb_lock);
	rpmsg_eptdev_kill(eptdev, true);
	put_device(&eptdev->dev);
}

static const struct rpmsg_device_id rpmsg_raw_ids[] = {
	{ .name = RPMSG_RAW_SERVICE },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, rpmsg_raw_ids);

static struct rpmsg_driver rpmsg_raw_driver = {
	.drv.name	= "rpmsg_chrdev",
	.id_table	= rpmsg_raw_ids,
	.probe		= rpmsg_raw_probe,
	.remove		= rpmsg_raw_remove,
	.callback	= rpmsg_eptdev_cb,
	.flowcontrol	= rpmsg_eptdev_flow_cb,
};

static int __init rpmsg_cdev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&rpmsg_cdev_devt, 0, RPMSG_CDEV_MINORS,
				  RPMSG_CDEV_NAME);
	if (ret)
		return ret;
	ret = class_register(&rpmsg_cdev_class);
	if (ret)
		goto unregister_region;
	ret = register_rpmsg_driver(&rpmsg_ctrldev_driver);
	if (ret)
		goto unregister_class;
	ret = register_rpmsg_driver(&rpmsg_raw_driver);
	if (ret)
		goto unregister_ctrl;
	return 0;

unregister_ctrl:
	unregister_rpmsg_driver(&rpmsg_ctrldev_driver);
unregister_class:
	class_unregister(&rpmsg_cdev_class);
unregister_region:
	unregister_chrdev_region(rpmsg_cdev_devt, RPMSG_CDEV_MINORS);
	pr_err("cannot register the rpmsg character devices: %d\n", ret);
	return ret;
}
module_init(rpmsg_cdev_init);

static void __exit rpmsg_cdev_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_raw_driver);
	unregister_rpmsg_driver(&rpmsg_ctrldev_driver);
	class_unregister(&rpmsg_cdev_class);
	unregister_chrdev_region(rpmsg_cdev_devt, RPMSG_CDEV_MINORS);
}
module_exit(rpmsg_cdev_exit);

MODULE_ALIAS("rpmsg:" RPMSG_RAW_SERVICE);
MODULE_DESCRIPTION("rpmsg character devices");
MODULE_LICENSE("GPL");
