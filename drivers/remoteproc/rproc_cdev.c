// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: the character device /dev/remoteprocN.  Writes
 * take the commands of the sysfs "state" file; the ioctls of
 * <uapi/linux/remoteproc_cdev.h> make closing the file stop the processor,
 * so a processor a program started dies with the program.
 */

#include <linux/cdev.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/remoteproc.h>
#include <linux/uaccess.h>
#include <uapi/linux/remoteproc_cdev.h>

#include "rproc_internal.h"

#define RPROC_CDEV_MINORS	64

static dev_t rproc_major;

static struct rproc *rproc_of_file(struct file *file)
{
	return container_of(file->f_inode->i_cdev, struct rproc, cdev);
}

static ssize_t rproc_cdev_write(struct file *file, const char __user *buf,
				size_t len, loff_t *pos)
{
	struct rproc *rproc = rproc_of_file(file);
	char cmd[10] = "";
	size_t n = len;
	int ret;

	if (!len || len > sizeof(cmd) - 1)
		return -EINVAL;
	if (copy_from_user(cmd, buf, len))
		return -EFAULT;
	if (cmd[n - 1] == '\n')
		cmd[--n] = '\0';

	if (!strcmp(cmd, "start")) {
		ret = rproc_boot(rproc);
	} else if (!strcmp(cmd, "stop")) {
		ret = rproc_shutdown(rproc);
	} else if (!strcmp(cmd, "detach")) {
		ret = rproc_detach(rproc);
	} else {
		dev_err(&rproc->dev, "unknown command: %s\n", cmd);
		ret = -EINVAL;
	}
	return ret ? ret : len;
}

static long rproc_cdev_ioctl(struct file *file, unsigned int ioctl,
			     unsigned long arg)
{
	struct rproc *rproc = rproc_of_file(file);
	void __user *argp = (void __user *)arg;
	s32 param;

	switch (ioctl) {
	case RPROC_SET_SHUTDOWN_ON_RELEASE:
		if (copy_from_user(&param, argp, sizeof(param)))
			return -EFAULT;
		rproc->cdev_put_on_release = !!param;
		return 0;
	case RPROC_GET_SHUTDOWN_ON_RELEASE:
		param = rproc->cdev_put_on_release;
		if (copy_to_user(argp, &param, sizeof(param)))
			return -EFAULT;
		return 0;
	default:
		dev_err(&rproc->dev, "unknown ioctl 0x%x\n", ioctl);
		return -EINVAL;
	}
}

static int rproc_cdev_release(struct inode *inode, struct file *file)
{
	struct rproc *rproc = rproc_of_file(file);
	unsigned int state;

	if (!rproc->cdev_put_on_release)
		return 0;

	mutex_lock(&rproc->lock);
	state = rproc->state;
	mutex_unlock(&rproc->lock);

	if (state == RPROC_RUNNING)
		return rproc_shutdown(rproc);
	if (state == RPROC_ATTACHED)
		return rproc_detach(rproc);
	return 0;
}

static const struct file_operations rproc_cdev_fops = {
	.owner		= THIS_MODULE,
	.write		= rproc_cdev_write,
	.unlocked_ioctl	= rproc_cdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.release	= rproc_cdev_release,
};

/**
 * rproc_char_device_add() - create the processor's character device
 * @rproc: the processor, before its device is added
 *
 * Processors numbered beyond the minors available get no character
 * device, only sysfs.
 *
 * Return: 0, or a negative error number.
 */
int rproc_char_device_add(struct rproc *rproc)
{
	int ret;

	if (!rproc_major || rproc->index >= RPROC_CDEV_MINORS) {
		dev_warn(&rproc->dev, "no character device for %s\n",
			 rproc->name);
		return 0;
	}

	cdev_init(&rproc->cdev, &rproc_cdev_fops);
	rproc->cdev.owner = THIS_MODULE;
	rproc->dev.devt = MKDEV(MAJOR(rproc_major), rproc->index);
	/* An open file keeps the processor's memory alive. */
	cdev_set_parent(&rproc->cdev, &rproc->dev.kobj);
	ret = cdev_add(&rproc->cdev, rproc->dev.devt, 1);
	if (ret) {
		dev_err(&rproc->dev, "cannot add character device: %d\n", ret);
		rproc->dev.devt = 0;
	}
	return ret;
}

/**
 * rproc_char_device_remove() - remove the processor's character device
 * @rproc: the processor
 */
void rproc_char_device_remove(struct rproc *rproc)
{
	if (rproc->dev.devt)
		cdev_del(&rproc->cdev);
}

/**
 * rproc_cdev_init() - reserve the character device numbers
 *
 * Return: 0; without numbers processors only get sysfs.
 */
int rproc_cdev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&rproc_major, 0, RPROC_CDEV_MINORS,
				  RPROC_DEV_NAME);
	if (ret) {
		pr_err("cannot reserve character devices: %d\n", ret);
		rproc_major = 0;
	}
	return 0;
}

/**
 * rproc_cdev_exit() - give the character device numbers back
 */
void rproc_cdev_exit(void)
{
	if (rproc_major)
		unregister_chrdev_region(rproc_major, RPROC_CDEV_MINORS);
}
