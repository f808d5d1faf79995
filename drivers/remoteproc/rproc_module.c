// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: module information.
 */

#include <linux/module.h>

MODULE_DESCRIPTION("Remote processor core");
MODULE_LICENSE("GPL");
