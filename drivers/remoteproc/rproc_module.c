// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: module set-up.
 */

#include <linux/module.h>

#include "rproc_internal.h"

static int __init rproc_init(void)
{
	int ret;

	ret = rproc_core_init();
	if (ret)
		return ret;

	ret = rproc_sysfs_init();
	if (ret)
		goto core_exit;

	rproc_cdev_init();
	rproc_debugfs_init();
	return 0;

core_exit:
	rproc_core_exit();
	return ret;
}
subsys_initcall(rproc_init);

static void __exit rproc_exit(void)
{
	rproc_debugfs_exit();
	rproc_cdev_exit();
	rproc_sysfs_exit();
	rproc_core_exit();
}
module_exit(rproc_exit);

MODULE_DESCRIPTION("Remote processor core");
/* The virtio transport serves the virtio devices of resource tables. */
MODULE_SOFTDEP("post: rproc_virtio");
MODULE_LICENSE("GPL");
