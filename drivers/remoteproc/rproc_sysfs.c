// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: the sysfs class.  Attributes, their strings and
 * their errors are those of Linux 6.12, documented in
 * Documentation/ABI/testing/sysfs-class-remoteproc.
 */

#include <linux/device.h>
#include <linux/remoteproc.h>
#include <linux/sysfs.h>

#include "rproc_internal.h"

static struct rproc *to_rproc(struct device *dev)
{
	return container_of(dev, struct rproc, dev);
}

/* Root may write a 0444 file: the stores check too. */
static bool rproc_sysfs_read_only(struct device *dev)
{
	return to_rproc(dev)->sysfs_read_only;
}

static ssize_t recovery_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct rproc *rproc = to_rproc(dev);

	return sysfs_emit(buf, "%s\n", rproc->recovery_disabled ? "disabled" :
								  "enabled");
}

/**
 * rproc_recovery_command() - act on a "recovery" command
 * @rproc: the processor
 * @cmd: "enabled", "disabled" or "recover", a trailing newline allowed
 *
 * Shared by sysfs and debugfs, which take the same commands.
 *
 * Return: 0, or -EINVAL for another command.
 */
int rproc_recovery_command(struct rproc *rproc, const char *cmd)
{
	if (sysfs_streq(cmd, "enabled")) {
		rproc->recovery_disabled = false;
		rproc_trigger_recovery(rproc);
	} else if (sysfs_streq(cmd, "disabled")) {
		rproc->recovery_disabled = true;
	} else if (sysfs_streq(cmd, "recover")) {
		rproc_trigger_recovery(rproc);
	} else {
		return -EINVAL;
	}
	return 0;
}

static ssize_t recovery_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	int ret;

	if (rproc_sysfs_read_only(dev))
		return -EPERM;

	ret = rproc_recovery_command(to_rproc(dev), buf);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(recovery);

static const char * const rproc_dump_names[] = {
	[RPROC_COREDUMP_DISABLED]	= "disabled",
	[RPROC_COREDUMP_ENABLED]	= "enabled",
	[RPROC_COREDUMP_INLINE]		= "inline",
};

/**
 * rproc_dump_conf_name() - the name of the processor's coredump setting
 * @rproc: the processor
 *
 * Return: "disabled", "enabled" or "inline", or NULL if the setting is
 * none of them.
 */
const char *rproc_dump_conf_name(struct rproc *rproc)
{
	if (rproc->dump_conf >= ARRAY_SIZE(rproc_dump_names))
		return NULL;
	return rproc_dump_names[rproc->dump_conf];
}

/**
 * rproc_set_dump_conf() - change the coredump setting by name
 * @rproc: the processor
 * @conf: "disabled", "enabled" or "inline", a trailing newline allowed
 *
 * Shared by sysfs and debugfs.
 *
 * Return: 0; -EPERM for an rpmsg-only processor, -EBUSY while it is
 * crashed, -EINVAL for another name.
 */
int rproc_set_dump_conf(struct rproc *rproc, const char *conf)
{
	int i;

	if (rproc->rpmsg_only) {
		dev_err(&rproc->dev, "rpmsg-only: this host takes no coredump\n");
		return -EPERM;
	}
	if (rproc->state == RPROC_CRASHED) {
		dev_err(&rproc->dev, "coredump configuration cannot change while crashed\n");
		return -EBUSY;
	}

	i = sysfs_match_string(rproc_dump_names, conf);
	if (i < 0) {
		dev_err(&rproc->dev, "invalid coredump configuration: %s\n", conf);
		return -EINVAL;
	}
	rproc->dump_conf = i;
	return 0;
}

static ssize_t coredump_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	const char *name = rproc_dump_conf_name(to_rproc(dev));

	if (!name)
		return -EINVAL;
	return sysfs_emit(buf, "%s\n", name);
}

static ssize_t coredump_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	int ret;

	if (rproc_sysfs_read_only(dev))
		return -EPERM;

	ret = rproc_set_dump_conf(to_rproc(dev), buf);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(coredump);

static ssize_t firmware_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct rproc *rproc = to_rproc(dev);
	ssize_t ret;

	/* This host did not load what an attached processor runs. */
	if (rproc->state == RPROC_ATTACHED)
		return sysfs_emit(buf, "unknown\n");

	/* rproc_set_firmware() frees the old name under the lock. */
	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	ret = sysfs_emit(buf, "%s\n", rproc->firmware);
	mutex_unlock(&rproc->lock);
	return ret;
}

static ssize_t firmware_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	int ret;

	if (rproc_sysfs_read_only(dev))
		return -EPERM;

	ret = rproc_set_firmware(to_rproc(dev), buf);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(firmware);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", rproc_state_name(to_rproc(dev)->state));
}

static ssize_t state_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct rproc *rproc = to_rproc(dev);
	int ret;

	if (rproc_sysfs_read_only(dev))
		return -EPERM;

	/* "start" on a running processor counts one more user, as mainline. */
	if (sysfs_streq(buf, "start")) {
		ret = rproc_boot(rproc);
		if (ret)
			dev_err(dev, "boot failed: %d\n", ret);
	} else if (sysfs_streq(buf, "stop")) {
		ret = rproc_shutdown(rproc);
	} else if (sysfs_streq(buf, "detach")) {
		ret = rproc_detach(rproc);
	} else {
		dev_err(dev, "unknown state command: %s\n", buf);
		ret = -EINVAL;
	}
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(state);

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_rproc(dev)->name);
}
static DEVICE_ATTR_RO(name);

/* Who owns the lifecycle: an addition to Linux 6.12. */
static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_rproc(dev)->rpmsg_only ? "rpmsg-only" :
								  "full");
}
static DEVICE_ATTR_RO(mode);

static umode_t rproc_attr_visible(struct kobject *kobj, struct attribute *attr,
				  int n)
{
	struct rproc *rproc = to_rproc(kobj_to_dev(kobj));

	if (attr == &dev_attr_name.attr || attr == &dev_attr_mode.attr ||
	    !rproc->sysfs_read_only)
		return attr->mode;
	return 0444;
}

static struct attribute *rproc_attrs[] = {
	&dev_attr_coredump.attr,
	&dev_attr_recovery.attr,
	&dev_attr_firmware.attr,
	&dev_attr_state.attr,
	&dev_attr_name.attr,
	&dev_attr_mode.attr,
	NULL
};

static const struct attribute_group rproc_devgroup = {
	.attrs		= rproc_attrs,
	.is_visible	= rproc_attr_visible,
};

static const struct attribute_group *rproc_devgroups[] = {
	&rproc_devgroup,
	NULL
};

struct class rproc_class = {
	.name		= RPROC_DEV_NAME,
	.dev_groups	= rproc_devgroups,
};

/**
 * rproc_sysfs_init() - register the class
 *
 * Return: 0, or a negative error number.
 */
int rproc_sysfs_init(void)
{
	int ret;

	ret = class_register(&rproc_class);
	if (ret)
		pr_err("cannot register class %s: %d\n", rproc_class.name, ret);
	return ret;
}

/**
 * rproc_sysfs_exit() - unregister the class
 */
void rproc_sysfs_exit(void)
{
	class_unregister(&rproc_class);
}
