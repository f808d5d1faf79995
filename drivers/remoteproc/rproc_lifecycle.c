// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: registration and the lifecycle state machine.
 *
 *   OFFLINE --boot--> RUNNING --shutdown--> OFFLINE
 *   DETACHED --boot--> ATTACHED --detach--> DETACHED
 *   ATTACHED --shutdown--> OFFLINE
 *   RUNNING/ATTACHED --crash--> CRASHED --recovery--> RUNNING/ATTACHED
 *
 * Every transition runs under rproc->lock.  A crash is reported from any
 * context and handled on rproc_recovery_wq.
 */

#include <kunit/static_stub.h>
#include <kunit/visibility.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/idr.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/panic_notifier.h>
#include <linux/pm_wakeup.h>
#include <linux/rculist.h>
#include <linux/reboot.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/string.h>
#include <linux/virtio_ring.h>

#include "rproc_internal.h"

static DEFINE_MUTEX(rproc_list_mutex);
DEFINE_STATIC_SRCU(rproc_vq_srcu);
static LIST_HEAD(rproc_list);
static DEFINE_IDA(rproc_dev_index);
struct workqueue_struct *rproc_recovery_wq;

static const char * const rproc_state_names[] = {
	[RPROC_OFFLINE]		= "offline",
	[RPROC_SUSPENDED]	= "suspended",
	[RPROC_RUNNING]		= "running",
	[RPROC_CRASHED]		= "crashed",
	[RPROC_ATTACHED]	= "attached",
	[RPROC_DETACHED]	= "detached",
};

/**
 * rproc_state_name() - the name user space knows a state by
 * @state: an &enum rproc_state value
 *
 * Return: the name, or "invalid".
 */
const char *rproc_state_name(unsigned int state)
{
	if (state >= ARRAY_SIZE(rproc_state_names))
		return "invalid";
	return rproc_state_names[state];
}

static const char *rproc_crash_name(enum rproc_crash_type type)
{
	switch (type) {
	case RPROC_MMUFAULT:
		return "mmufault";
	case RPROC_WATCHDOG:
		return "watchdog";
	case RPROC_FATAL_ERROR:
		return "fatal error";
	}
	return "unknown";
}

/**
 * rproc_request_firmware() - read the processor's firmware file
 * @rproc: the processor
 * @fw: set to the firmware, for release_firmware()
 *
 * KUnit tests replace it to hand images built in memory to the core.
 *
 * Return: 0, or the negative error of request_firmware().
 */
int rproc_request_firmware(struct rproc *rproc, const struct firmware **fw)
{
	KUNIT_STATIC_STUB_REDIRECT(rproc_request_firmware, rproc, fw);
	return request_firmware(fw, rproc->firmware, &rproc->dev);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_request_firmware);

/* Subdevices: prepared and started in order, stopped in reverse. */

static int rproc_prepare_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *subdev;
	int ret;

	list_for_each_entry(subdev, &rproc->subdevs, node) {
		if (!subdev->prepare)
			continue;
		ret = subdev->prepare(subdev);
		if (ret)
			goto unwind;
	}
	return 0;

unwind:
	list_for_each_entry_continue_reverse(subdev, &rproc->subdevs, node)
		if (subdev->unprepare)
			subdev->unprepare(subdev);
	return ret;
}

static int rproc_start_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *subdev;
	int ret;

	list_for_each_entry(subdev, &rproc->subdevs, node) {
		if (!subdev->start)
			continue;
		ret = subdev->start(subdev);
		if (ret)
			goto unwind;
	}
	rproc->subdevs_started = true;
	return 0;

unwind:
	list_for_each_entry_continue_reverse(subdev, &rproc->subdevs, node)
		if (subdev->stop)
			subdev->stop(subdev, true);
	return ret;
}

static void rproc_stop_subdevices(struct rproc *rproc, bool crashed)
{
	struct rproc_subdev *subdev;

	if (!rproc->subdevs_started)
		return;
	list_for_each_entry_reverse(subdev, &rproc->subdevs, node)
		if (subdev->stop)
			subdev->stop(subdev, crashed);
	rproc->subdevs_started = false;
}

static void rproc_unprepare_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *subdev;

	list_for_each_entry_reverse(subdev, &rproc->subdevs, node)
		if (subdev->unprepare)
			subdev->unprepare(subdev);
}

/* IOMMU: a domain for the processor's own device addresses. */

static int rproc_enable_iommu(struct rproc *rproc)
{
	struct device *dev = rproc->dev.parent;
	struct iommu_domain *domain;
	int ret;

	if (!rproc->has_iommu)
		return 0;

	domain = iommu_paging_domain_alloc(dev);
	if (IS_ERR(domain)) {
		dev_err(&rproc->dev, "cannot allocate an IOMMU domain: %pe\n",
			domain);
		return PTR_ERR(domain);
	}
	ret = iommu_attach_device(domain, dev);
	if (ret) {
		dev_err(&rproc->dev, "cannot attach the IOMMU domain: %d\n", ret);
		iommu_domain_free(domain);
		return ret;
	}
	rproc->domain = domain;
	return 0;
}

static void rproc_disable_iommu(struct rproc *rproc)
{
	if (!rproc->domain)
		return;
	iommu_detach_device(rproc->domain, rproc->dev.parent);
	iommu_domain_free(rproc->domain);
	rproc->domain = NULL;
}

static int rproc_prepare_device(struct rproc *rproc)
{
	int ret;

	if (!rproc->ops->prepare)
		return 0;
	ret = rproc->ops->prepare(rproc);
	if (ret)
		dev_err(&rproc->dev, "cannot prepare the processor: %d\n", ret);
	return ret;
}

static void rproc_unprepare_device(struct rproc *rproc)
{
	int ret;

	if (!rproc->ops->unprepare)
		return;
	ret = rproc->ops->unprepare(rproc);
	if (ret)
		dev_warn(&rproc->dev, "cannot unprepare the processor: %d\n", ret);
}

/* Undoes parse_fw and load, once, and only if they ran. */
static void rproc_release_fw(struct rproc *rproc)
{
	if (!rproc->fw_loaded)
		return;
	rproc->fw_loaded = false;
	if (rproc->ops->release_fw)
		rproc->ops->release_fw(rproc);
}

/*
 * Processor memory may go away once the processor stops: from here on
 * the table in effect is the kernel's copy, as checked and applied.  What
 * the remote wrote into the loaded table is not taken back, so a
 * recovery loads the table the host vouched for.
 */
static void rproc_table_to_kernel(struct rproc *rproc)
{
	if (rproc->table_ptr)
		rproc->table_ptr = rproc->cached_table;
}

/*
 * Loads @fw, moves the resource table into processor memory where the
 * firmware expects it, and starts the processor and its subdevices.
 * Resources must have been applied already.
 */
static int rproc_start(struct rproc *rproc, const struct firmware *fw)
{
	struct resource_table *loaded = NULL;
	struct device *dev = &rproc->dev;
	int ret;

	if (rproc->ops->load) {
		ret = rproc->ops->load(rproc, fw);
		if (ret) {
			dev_err(dev, "cannot load firmware %s: %d\n",
				rproc->firmware, ret);
			return ret;
		}
	}

	if (rproc->cached_table && rproc->ops->find_loaded_rsc_table)
		loaded = rproc->ops->find_loaded_rsc_table(rproc, fw);
	if (loaded) {
		memcpy(loaded, rproc->cached_table, rproc->table_sz);
		rproc->table_ptr = loaded;
	}

	ret = rproc_prepare_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot prepare subdevices: %d\n", ret);
		goto reset_table;
	}

	if (!rproc->ops->start) {
		ret = -EINVAL;
		goto unprepare_subdevices;
	}
	ret = rproc->ops->start(rproc);
	if (ret) {
		dev_err(dev, "cannot start the processor: %d\n", ret);
		goto unprepare_subdevices;
	}

	ret = rproc_start_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot start subdevices: %d\n", ret);
		if (rproc->ops->stop)
			rproc->ops->stop(rproc);
		goto unprepare_subdevices;
	}

	rproc->state = RPROC_RUNNING;
	dev_info(dev, "processor %s is running\n", rproc->name);
	return 0;

unprepare_subdevices:
	rproc_unprepare_subdevices(rproc);
reset_table:
	rproc_table_to_kernel(rproc);
	return ret;
}

/* Boots the processor on @fw: the whole path from OFFLINE to RUNNING. */
static int rproc_fw_boot(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	int ret;

	dev_info(dev, "booting %s with firmware %s (%zu bytes)\n",
		 rproc->name, rproc->firmware, fw->size);

	if (rproc->ops->sanity_check) {
		ret = rproc->ops->sanity_check(rproc, fw);
		if (ret)
			return ret;
	}

	ret = rproc_enable_iommu(rproc);
	if (ret)
		return ret;

	ret = rproc_prepare_device(rproc);
	if (ret)
		goto disable_iommu;

	rproc->bootaddr = rproc->ops->get_boot_addr ?
			  rproc->ops->get_boot_addr(rproc, fw) : 0;

	rproc->fw_loaded = true;
	if (rproc->ops->parse_fw) {
		ret = rproc->ops->parse_fw(rproc, fw);
		if (ret)
			goto cleanup;
	}

	/* A driver's own parse_fw is checked as strictly as the ELF one. */
	if (rproc->cached_table) {
		ret = rproc_use_table(rproc, rproc->cached_table,
				      rproc->table_sz, false);
		if (ret)
			goto cleanup;
	}

	rproc->max_notifyid = -1;
	rproc->nb_vdev = 0;
	ret = rproc_handle_resources(rproc);
	if (ret)
		goto cleanup;

	ret = rproc_alloc_registered_carveouts(rproc);
	if (ret)
		goto cleanup;

	ret = rproc_start(rproc, fw);
	if (ret)
		goto cleanup;
	return 0;

cleanup:
	/* Also what the driver registered in prepare or parse_fw. */
	rproc_resource_cleanup(rproc);
	rproc_release_fw(rproc);
	rproc_free_tables(rproc);
	rproc_unprepare_device(rproc);
disable_iommu:
	rproc_disable_iommu(rproc);
	return ret;
}

/*
 * Attaches to a processor something else started: its table is copied,
 * checked and applied on the copy, and only then written back whole.
 */
static int rproc_attach(struct rproc *rproc)
{
	struct resource_table *live = NULL;
	struct device *dev = &rproc->dev;
	size_t size = 0;
	int ret;

	ret = rproc_enable_iommu(rproc);
	if (ret)
		return ret;

	ret = rproc_prepare_device(rproc);
	if (ret)
		goto disable_iommu;

	live = rproc_locate_table(rproc, &size);
	if (IS_ERR(live)) {
		ret = PTR_ERR(live);
		/* -EAGAIN: not published yet, the caller may look again. */
		if (ret != -EAGAIN)
			dev_err(dev, "cannot find the running processor's resource table: %d\n",
				ret);
		goto cleanup;
	}

	if (live) {
		ret = rproc_use_table(rproc, live, size, true);
		if (ret)
			goto cleanup;
	}

	rproc->max_notifyid = -1;
	rproc->nb_vdev = 0;
	ret = rproc_handle_resources(rproc);
	if (ret)
		goto cleanup;

	ret = rproc_alloc_registered_carveouts(rproc);
	if (ret)
		goto cleanup;

	if (live) {
		memcpy(live, rproc->cached_table, rproc->table_sz);
		rproc->table_ptr = live;
	}

	ret = rproc_prepare_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot prepare subdevices: %d\n", ret);
		goto restore_table;
	}

	if (rproc->ops->attach) {
		ret = rproc->ops->attach(rproc);
		if (ret) {
			dev_err(dev, "cannot attach to the processor: %d\n", ret);
			goto unprepare_subdevices;
		}
	}

	ret = rproc_start_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot start subdevices: %d\n", ret);
		goto unprepare_subdevices;
	}

	rproc->state = RPROC_ATTACHED;
	/* Saved traces of a run before a re-attach go to the new buffers. */
	rproc_trace_restore_last(rproc);
	dev_info(dev, "attached to processor %s\n", rproc->name);
	return 0;

unprepare_subdevices:
	rproc_unprepare_subdevices(rproc);
restore_table:
	if (live && rproc->clean_table)
		memcpy(live, rproc->clean_table, rproc->table_sz);
	rproc->table_ptr = rproc->cached_table;
cleanup:
	rproc_resource_cleanup(rproc);
	rproc_free_tables(rproc);
	rproc_unprepare_device(rproc);
disable_iommu:
	rproc_disable_iommu(rproc);
	return ret;
}

static int rproc_stop(struct rproc *rproc, bool crashed)
{
	struct device *dev = &rproc->dev;
	int ret;

	if (!rproc->ops->stop) {
		dev_err(dev, "processor %s cannot be stopped by this host\n",
			rproc->name);
		return -EINVAL;
	}

	rproc_stop_subdevices(rproc, crashed);
	rproc_table_to_kernel(rproc);

	ret = rproc->ops->stop(rproc);
	if (ret) {
		dev_err(dev, "cannot stop the processor: %d\n", ret);
		return ret;
	}

	rproc_unprepare_subdevices(rproc);
	rproc->state = RPROC_OFFLINE;
	dev_info(dev, "processor %s is stopped\n", rproc->name);
	return 0;
}

/*
 * Lets go of an attached processor: the live table gets back the values
 * it had before this host attached, so a later attach starts clean.
 */
static int rproc_detach_device(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	int ret;

	/* An rpmsg-only processor needs nothing of its driver to be left. */
	if (!rproc->ops->detach && !rproc->rpmsg_only) {
		dev_err(dev, "processor %s cannot be detached\n", rproc->name);
		return -EINVAL;
	}

	rproc_stop_subdevices(rproc, false);
	if (rproc->table_ptr && rproc->table_ptr != rproc->cached_table) {
		struct resource_table *live = rproc->table_ptr;

		rproc_table_to_kernel(rproc);
		if (rproc->clean_table)
			memcpy(live, rproc->clean_table, rproc->table_sz);
	}

	ret = rproc->ops->detach ? rproc->ops->detach(rproc) : 0;
	if (ret) {
		dev_err(dev, "cannot detach from the processor: %d\n", ret);
		return ret;
	}

	rproc_unprepare_subdevices(rproc);
	rproc->state = RPROC_DETACHED;
	dev_info(dev, "detached from processor %s\n", rproc->name);
	return 0;
}

static void rproc_release_all(struct rproc *rproc)
{
	rproc_resource_cleanup(rproc);
	rproc_release_fw(rproc);
	rproc_free_tables(rproc);
	rproc_unprepare_device(rproc);
	rproc_disable_iommu(rproc);
}

/* Refuses what an rpmsg-only processor does not let this host do. */
static int rproc_refuse_rpmsg_only(struct rproc *rproc, const char *what)
{
	if (!rproc->rpmsg_only)
		return 0;
	dev_err(&rproc->dev, "cannot %s %s: it is rpmsg-only, its lifecycle is the remote's\n",
		what, rproc->name);
	return -EPERM;
}

/**
 * rproc_boot() - boot a remote processor, or attach to it
 * @rproc: the processor
 *
 * The first call loads the processor's firmware and starts it, or, if the
 * processor runs already (state DETACHED), attaches to it.  Later calls
 * only count one more user; each needs its rproc_shutdown().
 *
 * Context: process context; may sleep.
 * Return: 0, or a negative error number.
 */
int rproc_boot(struct rproc *rproc)
{
	const struct firmware *fw;
	struct device *dev;
	int ret;

	if (!rproc) {
		pr_err("%s: no remote processor\n", __func__);
		return -EINVAL;
	}
	dev = &rproc->dev;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc->deleting) {
		ret = -ENODEV;
		goto unlock;
	}

	if (atomic_inc_return(&rproc->power) > 1)
		goto unlock;

	if (rproc->state == RPROC_DETACHED) {
		ret = rproc_attach(rproc);
	} else if (rproc->rpmsg_only) {
		ret = rproc_refuse_rpmsg_only(rproc, "boot");
	} else if (rproc->state != RPROC_OFFLINE) {
		dev_err(dev, "cannot boot processor %s: it is %s\n",
			rproc->name, rproc_state_name(rproc->state));
		ret = -EBUSY;
	} else {
		ret = rproc_request_firmware(rproc, &fw);
		if (ret) {
			dev_err(dev, "cannot read firmware %s: %d\n",
				rproc->firmware, ret);
		} else {
			ret = rproc_fw_boot(rproc, fw);
			release_firmware(fw);
		}
	}
	if (ret)
		atomic_dec(&rproc->power);
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_boot);

static int rproc_stop_current(struct rproc *rproc)
{
	return rproc_stop(rproc, rproc->state == RPROC_CRASHED);
}

/*
 * Drops one user, with the lock held; the last one runs @release (a stop
 * or a detach) and frees everything, or stays if @release fails.
 */
static int rproc_drop_user(struct rproc *rproc, int (*release)(struct rproc *))
{
	int ret;

	if (!atomic_dec_and_test(&rproc->power))
		return 0;

	ret = release(rproc);
	if (ret) {
		atomic_inc(&rproc->power);
		return ret;
	}
	rproc_release_all(rproc);
	return 0;
}

/**
 * rproc_shutdown() - stop a remote processor
 * @rproc: the processor
 *
 * Drops one user; the last one stops the processor and frees everything
 * its firmware used.  An attached processor is stopped too, if its driver
 * can stop it.
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL if the processor does not run, or another negative
 * error number.
 */
int rproc_shutdown(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	ret = rproc_refuse_rpmsg_only(rproc, "stop");
	if (ret)
		goto unlock;
	if (rproc->state != RPROC_RUNNING && rproc->state != RPROC_ATTACHED &&
	    rproc->state != RPROC_CRASHED) {
		ret = -EINVAL;
		goto unlock;
	}
	ret = rproc_drop_user(rproc, rproc_stop_current);
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_shutdown);

/**
 * rproc_detach() - let a remote processor run on without this host
 * @rproc: the processor
 *
 * Drops one user; the last one detaches: the processor keeps running,
 * its resource table gets back the values it had before attaching, and
 * the processor is left DETACHED so rproc_boot() attaches again.
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL if the processor is not attached or cannot be
 * detached, or another negative error number.
 */
int rproc_detach(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc->state != RPROC_ATTACHED) {
		ret = -EINVAL;
		goto unlock;
	}
	ret = rproc_drop_user(rproc, rproc_detach_device);
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_detach);

static int rproc_boot_recovery(struct rproc *rproc)
{
	const struct firmware *fw;
	struct device *dev = &rproc->dev;
	int ret;

	ret = rproc_stop(rproc, true);
	if (ret)
		return ret;

	if (rproc->ops->coredump)
		rproc->ops->coredump(rproc);
	/* What the crashed image's load set up goes before the next load. */
	rproc_release_fw(rproc);

	ret = rproc_request_firmware(rproc, &fw);
	if (ret) {
		dev_err(dev, "cannot read firmware %s for recovery: %d\n",
			rproc->firmware, ret);
		rproc_release_all(rproc);
		return ret;
	}

	/* The resources of the crashed run stay; only the image reloads. */
	rproc->fw_loaded = true;
	ret = rproc_start(rproc, fw);
	release_firmware(fw);
	if (ret)
		rproc_release_all(rproc);
	return ret;
}

static int rproc_attach_recovery(struct rproc *rproc)
{
	int ret;

	ret = rproc_detach_device(rproc);
	if (ret)
		return ret;
	/* What the trace buffers held at the crash outlives them. */
	rproc_trace_keep_last(rproc);
	rproc_release_all(rproc);

	/*
	 * The restarted processor publishes a new table: check it again.
	 * Should that fail, the saved traces wait for a later attach.
	 */
	return rproc_attach(rproc);
}

/*
 * How often an rpmsg-only processor's table is looked at while it is not
 * valid: from the first period, doubling up to the last.
 */
#define RPROC_REATTACH_MS	100
#define RPROC_REATTACH_MAX_MS	1600

static void rproc_queue_reattach(struct rproc *rproc)
{
	queue_delayed_work(rproc_recovery_wq, &rproc->reattach_work,
			   msecs_to_jiffies(rproc->reattach_ms));
}

/*
 * The remote restarts on its own: let go of it, and attach again once it
 * publishes a valid table.
 */
static int rproc_rpmsg_only_recovery(struct rproc *rproc)
{
	int ret;

	ret = rproc_detach_device(rproc);
	if (ret)
		return ret;
	/* traceN_last stays readable while the remote restarts. */
	rproc_trace_keep_last(rproc);
	rproc_release_all(rproc);
	atomic_set(&rproc->power, 0);
	rproc_queue_reattach(rproc);
	return 0;
}

/*
 * Looks at an rpmsg-only processor's table until it is valid, then
 * attaches; the period doubles up to a second and a half while it is not.
 */
static void rproc_reattach_work(struct work_struct *work)
{
	struct rproc *rproc = container_of(to_delayed_work(work), struct rproc,
					   reattach_work);
	int ret;

	mutex_lock(&rproc->lock);
	if (rproc->deleting || rproc->state != RPROC_DETACHED ||
	    atomic_read(&rproc->power)) {
		mutex_unlock(&rproc->lock);
		return;
	}
	ret = rproc_attach(rproc);
	if (!ret) {
		atomic_set(&rproc->power, 1);
		rproc->reattach_ms = RPROC_REATTACH_MS;
	} else {
		rproc->reattach_ms = min(rproc->reattach_ms * 2,
					 RPROC_REATTACH_MAX_MS);
		rproc_queue_reattach(rproc);
	}
	mutex_unlock(&rproc->lock);
}

/**
 * rproc_trigger_recovery() - bring a crashed processor back
 * @rproc: the processor
 *
 * Reloads and restarts the firmware, or, for a processor that restarts
 * itself (%RPROC_FEAT_ATTACH_ON_RECOVERY), attaches to it again.
 *
 * Return: 0 (also when the processor is no longer crashed), or a negative
 * error number; the processor then stays crashed or offline.
 */
int rproc_trigger_recovery(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	/* Already recovered, stopped meanwhile, or going away. */
	if (rproc->state != RPROC_CRASHED || rproc->deleting)
		goto unlock;

	dev_err(dev, "recovering processor %s\n", rproc->name);
	if (rproc->rpmsg_only) {
		ret = rproc_rpmsg_only_recovery(rproc);
		goto unlock;
	}
	if (rproc_has_feature(rproc, RPROC_FEAT_ATTACH_ON_RECOVERY))
		ret = rproc_attach_recovery(rproc);
	else
		ret = rproc_boot_recovery(rproc);
	if (ret && rproc->state != RPROC_CRASHED) {
		/*
		 * Stopped or detached, but not back: the users' boots are
		 * void, so the next rproc_boot() starts from scratch.
		 */
		atomic_set(&rproc->power, 0);
		dev_err(dev, "recovery of processor %s failed: %d; it is %s now\n",
			rproc->name, ret, rproc_state_name(rproc->state));
	} else if (ret) {
		dev_err(dev, "recovery of processor %s failed: %d\n",
			rproc->name, ret);
	}
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trigger_recovery);

static void rproc_crash_handler_work(struct work_struct *work)
{
	struct rproc *rproc = container_of(work, struct rproc, crash_handler);
	struct device *dev = &rproc->dev;

	mutex_lock(&rproc->lock);
	if (rproc->state != RPROC_RUNNING && rproc->state != RPROC_ATTACHED) {
		/* Already handled, or stopped meanwhile. */
		mutex_unlock(&rproc->lock);
		goto out;
	}
	rproc->state = RPROC_CRASHED;
	rproc->crash_cnt++;
	rproc_trace_save(rproc);
	dev_err(dev, "handling crash #%u of %s\n", rproc->crash_cnt, rproc->name);
	mutex_unlock(&rproc->lock);

	if (!rproc->recovery_disabled)
		rproc_trigger_recovery(rproc);
out:
	pm_relax(rproc->dev.parent);
}

/**
 * rproc_report_crash() - tell the core a remote processor crashed
 * @rproc: the processor
 * @type: what kind of crash
 *
 * Recovery runs later in process context.  Reports while the processor
 * is being removed, or while one is pending, are dropped.
 *
 * Context: any context, including hard interrupts.
 */
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type)
{
	unsigned long flags;

	if (!rproc) {
		pr_err("%s: no remote processor\n", __func__);
		return;
	}

	dev_err(&rproc->dev, "crash detected in %s: type %s\n", rproc->name,
		rproc_crash_name(type));

	spin_lock_irqsave(&rproc->crash_handler_lock, flags);
	if (!rproc->deleting) {
		pm_stay_awake(rproc->dev.parent);
		if (!queue_work(rproc_recovery_wq, &rproc->crash_handler))
			pm_relax(rproc->dev.parent);
	}
	spin_unlock_irqrestore(&rproc->crash_handler_lock, flags);
}
EXPORT_SYMBOL(rproc_report_crash);

/**
 * rproc_set_firmware() - choose the firmware the next boot loads
 * @rproc: the processor
 * @fw_name: file name; a trailing newline is dropped
 *
 * Context: process context; may sleep.
 * Return: 0, -EBUSY unless the processor is offline, -EINVAL for an empty
 * name, or another negative error number.
 */
int rproc_set_firmware(struct rproc *rproc, const char *fw_name)
{
	struct device *dev;
	size_t len;
	char *name;
	int ret;

	if (!rproc || !fw_name)
		return -EINVAL;
	dev = &rproc->dev;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	ret = rproc_refuse_rpmsg_only(rproc, "change the firmware of");
	if (ret)
		goto unlock;
	if (rproc->state != RPROC_OFFLINE) {
		dev_err(dev, "firmware can only change while %s is offline\n",
			rproc->name);
		ret = -EBUSY;
		goto unlock;
	}

	len = strcspn(fw_name, "\n");
	if (!len) {
		dev_err(dev, "empty firmware name\n");
		ret = -EINVAL;
		goto unlock;
	}

	name = kstrndup(fw_name, len, GFP_KERNEL);
	if (!name) {
		ret = -ENOMEM;
		goto unlock;
	}
	kfree_const(rproc->firmware);
	rproc->firmware = name;
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_set_firmware);

/**
 * rproc_of_parse_firmware() - read a firmware name from the device tree
 * @dev: device whose node has a "firmware-name" property
 * @index: which of its strings
 * @fw_name: set to the string, owned by the device tree
 *
 * Return: 0, or the negative error of of_property_read_string_index().
 */
int rproc_of_parse_firmware(struct device *dev, int index, const char **fw_name)
{
	return of_property_read_string_index(dev->of_node, "firmware-name",
					     index, fw_name);
}
EXPORT_SYMBOL(rproc_of_parse_firmware);

/**
 * rproc_add_subdev() - add a subdevice to a remote processor
 * @rproc: the processor
 * @subdev: the subdevice, with the callbacks it needs filled in
 *
 * Subdevices start after the processor in the order they were added and
 * stop before it in reverse order.
 */
void rproc_add_subdev(struct rproc *rproc, struct rproc_subdev *subdev)
{
	list_add_tail(&subdev->node, &rproc->subdevs);
}
EXPORT_SYMBOL(rproc_add_subdev);

/**
 * rproc_remove_subdev() - remove a subdevice from a remote processor
 * @rproc: the processor
 * @subdev: a subdevice rproc_add_subdev() added
 */
void rproc_remove_subdev(struct rproc *rproc, struct rproc_subdev *subdev)
{
	list_del(&subdev->node);
}
EXPORT_SYMBOL(rproc_remove_subdev);

/**
 * rproc_vq_interrupt() - tell the core a virtqueue has work
 * @rproc: the processor
 * @vq_id: notification id the processor signalled
 *
 * Drivers call it from their mailbox interrupt.
 *
 * Return: IRQ_HANDLED, or IRQ_NONE if no virtqueue has that id.
 */
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id)
{
	struct rproc_vring *rvring;
	struct virtqueue *vq = NULL;
	irqreturn_t ret = IRQ_NONE;
	int idx;

	/*
	 * The transport waits for readers before it frees a ring.  SRCU,
	 * since virtqueue callbacks (rpmsg's) may sleep.
	 */
	idx = srcu_read_lock(&rproc_vq_srcu);
	rvring = idr_find(&rproc->notifyids, vq_id);
	if (rvring)
		vq = READ_ONCE(rvring->vq);
	if (vq)
		ret = vring_interrupt(0, vq);
	srcu_read_unlock(&rproc_vq_srcu, idx);
	return ret;
}
EXPORT_SYMBOL(rproc_vq_interrupt);

/**
 * rproc_vq_sync() - wait for rproc_vq_interrupt() calls in progress
 *
 * Called before a vring or its virtqueue is freed.
 */
void rproc_vq_sync(void)
{
	synchronize_srcu(&rproc_vq_srcu);
}
EXPORT_SYMBOL_GPL(rproc_vq_sync);

/* Registration */

static void rproc_type_release(struct device *dev)
{
	struct rproc *rproc = container_of(dev, struct rproc, dev);

	idr_destroy(&rproc->notifyids);
	if (rproc->index >= 0)
		ida_free(&rproc_dev_index, rproc->index);
	kfree_const(rproc->firmware);
	kfree_const(rproc->name);
	kfree(rproc->ops);
	kfree(rproc);
}

const struct device_type rproc_type = {
	.name		= "remoteproc",
	.release	= rproc_type_release,
};

static void rproc_auto_attach_work(struct work_struct *work)
{
	struct rproc *rproc = container_of(work, struct rproc, attach_work);

	/* An rpmsg-only remote may not be up yet: keep looking. */
	if (rproc_boot(rproc) && rproc->rpmsg_only)
		rproc_queue_reattach(rproc);
}

static int rproc_copy_ops(struct rproc *rproc, const struct rproc_ops *ops)
{
	rproc->ops = kmemdup(ops, sizeof(*ops), GFP_KERNEL);
	if (!rproc->ops)
		return -ENOMEM;

	if (!rproc->ops->coredump)
		rproc->ops->coredump = rproc_coredump;

	/* Without its own loader a driver gets the ELF one. */
	if (rproc->ops->load)
		return 0;
	rproc->ops->load = rproc_elf_load_segments;
	rproc->ops->parse_fw = rproc_elf_load_rsc_table;
	rproc->ops->find_loaded_rsc_table = rproc_elf_find_loaded_rsc_table;
	if (!rproc->ops->sanity_check)
		rproc->ops->sanity_check = rproc_elf_sanity_check;
	rproc->ops->get_boot_addr = rproc_elf_get_boot_addr;
	return 0;
}

/**
 * rproc_alloc() - allocate a remote processor
 * @dev: the platform device of the processor
 * @name: its name
 * @ops: its operations; the core keeps a copy
 * @firmware: firmware file to boot, or NULL for "rproc-@name-fw"
 * @len: size of the driver's private data, reached as &rproc.priv
 *
 * The processor starts OFFLINE with auto_boot set.  Give it back with
 * rproc_free(), or use devm_rproc_alloc().
 *
 * Return: the processor, or NULL.
 */
struct rproc *rproc_alloc(struct device *dev, const char *name,
			  const struct rproc_ops *ops,
			  const char *firmware, int len)
{
	struct rproc *rproc;

	if (!dev || !name || !ops || len < 0)
		return NULL;

	rproc = kzalloc(sizeof(*rproc) + len, GFP_KERNEL);
	if (!rproc)
		return NULL;

	rproc->priv = &rproc[1];
	rproc->auto_boot = true;
	rproc->elf_class = ELFCLASSNONE;
	rproc->elf_machine = EM_NONE;
	rproc->index = -1;

	device_initialize(&rproc->dev);
	rproc->dev.parent = dev;
	rproc->dev.type = &rproc_type;
	rproc->dev.class = &rproc_class;
	rproc->dev.driver_data = rproc;
	idr_init(&rproc->notifyids);

	rproc->name = kstrdup_const(name, GFP_KERNEL);
	if (firmware)
		rproc->firmware = kstrdup_const(firmware, GFP_KERNEL);
	else
		rproc->firmware = kasprintf(GFP_KERNEL, "rproc-%s-fw", name);
	if (!rproc->name || !rproc->firmware || rproc_copy_ops(rproc, ops))
		goto put;

	rproc->index = ida_alloc(&rproc_dev_index, GFP_KERNEL);
	if (rproc->index < 0) {
		dev_err(dev, "no free remote processor number: %d\n",
			rproc->index);
		goto put;
	}
	if (dev_set_name(&rproc->dev, RPROC_DEV_NAME "%d", rproc->index))
		goto put;

	atomic_set(&rproc->power, 0);
	mutex_init(&rproc->lock);
	spin_lock_init(&rproc->crash_handler_lock);
	INIT_LIST_HEAD(&rproc->carveouts);
	INIT_LIST_HEAD(&rproc->mappings);
	INIT_LIST_HEAD(&rproc->traces);
	INIT_LIST_HEAD(&rproc->traces_last);
	INIT_LIST_HEAD(&rproc->rvdevs);
	INIT_LIST_HEAD(&rproc->subdevs);
	INIT_LIST_HEAD(&rproc->dump_segments);
	INIT_WORK(&rproc->attach_work, rproc_auto_attach_work);
	INIT_WORK(&rproc->crash_handler, rproc_crash_handler_work);
	INIT_DELAYED_WORK(&rproc->reattach_work, rproc_reattach_work);
	rproc->reattach_ms = RPROC_REATTACH_MS;
	rproc->state = RPROC_OFFLINE;
	return rproc;

put:
	put_device(&rproc->dev);
	return NULL;
}
EXPORT_SYMBOL(rproc_alloc);

/**
 * rproc_free() - drop the reference rproc_alloc() gave
 * @rproc: the processor; rproc_del() must have run if rproc_add() did
 */
void rproc_free(struct rproc *rproc)
{
	put_device(&rproc->dev);
}
EXPORT_SYMBOL(rproc_free);

/**
 * rproc_put() - drop a reference rproc_get_by_phandle() gave
 * @rproc: the processor
 */
void rproc_put(struct rproc *rproc)
{
	struct device *parent = rproc->dev.parent;

	if (parent->driver)
		module_put(parent->driver->owner);
	else if (parent->parent && parent->parent->driver)
		module_put(parent->parent->driver->owner);
	put_device(&rproc->dev);
}
EXPORT_SYMBOL(rproc_put);

static int rproc_validate(struct rproc *rproc)
{
	struct device *dev = rproc->dev.parent;

	/* Never booted by this host: attached to, whenever it runs. */
	if (rproc->rpmsg_only && rproc->state == RPROC_OFFLINE)
		rproc->state = RPROC_DETACHED;

	switch (rproc->state) {
	case RPROC_OFFLINE:
		if (!rproc->ops->start) {
			dev_err(dev, "remote processor %s has no start operation\n",
				rproc->name);
			return -EINVAL;
		}
		return 0;
	case RPROC_DETACHED:
		if (!rproc->ops->attach && !rproc->rpmsg_only) {
			dev_err(dev, "remote processor %s runs but has no attach operation\n",
				rproc->name);
			return -EINVAL;
		}
		if (rproc->cached_table) {
			dev_err(dev, "remote processor %s runs but already has a table\n",
				rproc->name);
			return -EINVAL;
		}
		return 0;
	default:
		dev_err(dev, "remote processor %s registered in state %s\n",
			rproc->name, rproc_state_name(rproc->state));
		return -EINVAL;
	}
}

static void rproc_auto_boot_callback(const struct firmware *fw, void *context)
{
	struct rproc *rproc = context;

	rproc_boot(rproc);
	release_firmware(fw);
}

static int rproc_trigger_auto_boot(struct rproc *rproc)
{
	if (rproc->state == RPROC_DETACHED) {
		schedule_work(&rproc->attach_work);
		return 0;
	}

	/* Wait for the firmware without holding the probe up. */
	return request_firmware_nowait(THIS_MODULE, FW_ACTION_UEVENT,
				       rproc->firmware, &rproc->dev,
				       GFP_KERNEL, rproc,
				       rproc_auto_boot_callback);
}

/**
 * rproc_add() - register a remote processor
 * @rproc: a processor from rproc_alloc(), OFFLINE, or DETACHED if it runs
 *	already
 *
 * Makes the processor visible to user space and to rproc_get_by_phandle(),
 * and boots or attaches to it if &rproc.auto_boot is set.
 *
 * Context: process context; may sleep.
 * Return: 0, or a negative error number.
 */
int rproc_add(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	int ret;

	ret = rproc_validate(rproc);
	if (ret)
		return ret;

	ret = rproc_char_device_add(rproc);
	if (ret)
		return ret;

	ret = device_add(dev);
	if (ret) {
		dev_err(dev->parent, "cannot add device %s: %d\n",
			dev_name(dev), ret);
		goto remove_cdev;
	}

	dev_info(dev, "%s is available\n", rproc->name);
	rproc_create_debug_dir(rproc);

	if (rproc->auto_boot) {
		ret = rproc_trigger_auto_boot(rproc);
		if (ret)
			goto remove_dir;
	}

	/* Only a processor fully registered can be found by phandle. */
	mutex_lock(&rproc_list_mutex);
	list_add_rcu(&rproc->node, &rproc_list);
	mutex_unlock(&rproc_list_mutex);
	return 0;

remove_dir:
	rproc_delete_debug_dir(rproc);
	device_del(dev);
remove_cdev:
	rproc_char_device_remove(rproc);
	return ret;
}
EXPORT_SYMBOL(rproc_add);

/**
 * rproc_del() - unregister a remote processor
 * @rproc: a processor rproc_add() registered
 *
 * Stops the processor if it runs (detaches from it if it was attached and
 * the driver cannot stop it), and removes it from user space.  The
 * reference of rproc_alloc() remains: rproc_free() drops it.
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL without a processor.
 */
int rproc_del(struct rproc *rproc)
{
	unsigned int state;
	unsigned long flags;
	int ret;

	if (!rproc)
		return -EINVAL;

	spin_lock_irqsave(&rproc->crash_handler_lock, flags);
	WRITE_ONCE(rproc->deleting, true);
	spin_unlock_irqrestore(&rproc->crash_handler_lock, flags);

	cancel_work_sync(&rproc->attach_work);
	cancel_delayed_work_sync(&rproc->reattach_work);
	if (cancel_work_sync(&rproc->crash_handler))
		pm_relax(rproc->dev.parent);

	/*
	 * Every user goes at once, whatever signal the caller has pending.
	 * A processor this host cannot stop is detached, and left running.
	 * If stopping fails, what the processor used is released anyway:
	 * its driver is going away.
	 */
	mutex_lock(&rproc->lock);
	state = rproc->state;
	if (state == RPROC_RUNNING || state == RPROC_ATTACHED ||
	    state == RPROC_CRASHED) {
		if (rproc->rpmsg_only ||
		    (state != RPROC_RUNNING && !rproc->ops->stop &&
		     rproc->ops->detach))
			ret = rproc_detach_device(rproc);
		else
			ret = rproc_stop(rproc, state == RPROC_CRASHED);
		if (ret) {
			dev_warn(&rproc->dev, "removing %s although it could not be stopped: %d\n",
				 rproc->name, ret);
			rproc_stop_subdevices(rproc, true);
			rproc_unprepare_subdevices(rproc);
			rproc->state = RPROC_OFFLINE;
		}
		rproc_release_all(rproc);
		atomic_set(&rproc->power, 0);
	}
	/* Saved traces nobody will attach to again. */
	rproc_trace_restore_last(rproc);
	mutex_unlock(&rproc->lock);

	rproc_delete_debug_dir(rproc);

	mutex_lock(&rproc_list_mutex);
	list_del_rcu(&rproc->node);
	mutex_unlock(&rproc_list_mutex);
	synchronize_rcu();

	device_del(&rproc->dev);
	rproc_char_device_remove(rproc);
	return 0;
}
EXPORT_SYMBOL(rproc_del);

static void devm_rproc_free(struct device *dev, void *res)
{
	rproc_free(*(struct rproc **)res);
}

/**
 * devm_rproc_alloc() - rproc_alloc() undone when @dev's driver goes
 * @dev: the platform device of the processor
 * @name: its name
 * @ops: its operations
 * @firmware: firmware file, or NULL
 * @len: size of the driver's private data
 *
 * Return: the processor, or NULL.
 */
struct rproc *devm_rproc_alloc(struct device *dev, const char *name,
			       const struct rproc_ops *ops,
			       const char *firmware, int len)
{
	struct rproc **res, *rproc;

	res = devres_alloc(devm_rproc_free, sizeof(*res), GFP_KERNEL);
	if (!res)
		return NULL;

	rproc = rproc_alloc(dev, name, ops, firmware, len);
	if (!rproc) {
		devres_free(res);
		return NULL;
	}
	*res = rproc;
	devres_add(dev, res);
	return rproc;
}
EXPORT_SYMBOL(devm_rproc_alloc);

static void devm_rproc_remove(void *rproc)
{
	rproc_del(rproc);
}

/**
 * devm_rproc_add() - rproc_add() undone when @dev's driver goes
 * @dev: the platform device of the processor
 * @rproc: the processor
 *
 * Return: 0, or a negative error number.
 */
int devm_rproc_add(struct device *dev, struct rproc *rproc)
{
	int ret;

	ret = rproc_add(rproc);
	if (ret)
		return ret;
	return devm_add_action_or_reset(dev, devm_rproc_remove, rproc);
}
EXPORT_SYMBOL(devm_rproc_add);

/**
 * rproc_get_by_child() - the remote processor a device belongs to
 * @dev: the processor's device or a descendant of it
 *
 * Return: the processor, or NULL.  No reference is taken.
 */
struct rproc *rproc_get_by_child(struct device *dev)
{
	for (; dev; dev = dev->parent)
		if (dev->type == &rproc_type)
			return container_of(dev, struct rproc, dev);
	return NULL;
}
EXPORT_SYMBOL(rproc_get_by_child);

#ifdef CONFIG_OF
/**
 * rproc_get_by_phandle() - find a remote processor by device tree phandle
 * @phandle: phandle of the processor's device node
 *
 * Takes a reference on the processor and on its driver's module; give
 * both back with rproc_put().
 *
 * Return: the processor, or NULL.
 */
struct rproc *rproc_get_by_phandle(phandle phandle)
{
	struct rproc *rproc = NULL, *r;
	struct device_driver *driver;
	struct device_node *np;

	np = of_find_node_by_phandle(phandle);
	if (!np)
		return NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(r, &rproc_list, node) {
		struct device *parent = r->dev.parent;

		if (!parent || !device_match_of_node(parent, np))
			continue;

		/* A processor of a cluster is driven by the cluster's driver. */
		driver = parent->driver;
		if (!driver && parent->parent)
			driver = parent->parent->driver;
		if (driver && try_module_get(driver->owner)) {
			get_device(&r->dev);
			rproc = r;
		}
		break;
	}
	rcu_read_unlock();

	of_node_put(np);
	return rproc;
}
#else
struct rproc *rproc_get_by_phandle(phandle phandle)
{
	return NULL;
}
#endif
EXPORT_SYMBOL(rproc_get_by_phandle);

/* Panic: give every running processor the chance to save its state. */

static int rproc_panic_handler(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	unsigned long delay = 0, d;
	struct rproc *rproc;

	rcu_read_lock();
	list_for_each_entry_rcu(rproc, &rproc_list, node) {
		if (!rproc->ops->panic)
			continue;
		if (rproc->state != RPROC_RUNNING &&
		    rproc->state != RPROC_ATTACHED)
			continue;
		d = rproc->ops->panic(rproc);
		delay = max(delay, d);
	}
	rcu_read_unlock();

	if (delay)
		mdelay(delay);
	return NOTIFY_DONE;
}

static struct notifier_block rproc_panic_nb = {
	.notifier_call	= rproc_panic_handler,
	.priority	= INT_MAX,
};

/**
 * rproc_detach_all() - detach processors that outlive a Linux restart
 *
 * Processors with &rproc.detach_on_shutdown or &rproc.rpmsg_only set are
 * detached, so they keep running while Linux shuts down, reboots or
 * kexecs; the next Linux attaches to them again.
 */
void rproc_detach_all(void)
{
	struct rproc *rproc;

	mutex_lock(&rproc_list_mutex);
	list_for_each_entry(rproc, &rproc_list, node) {
		if (!rproc->detach_on_shutdown && !rproc->rpmsg_only)
			continue;
		mutex_lock(&rproc->lock);
		if ((rproc->state == RPROC_RUNNING ||
		     rproc->state == RPROC_ATTACHED) &&
		    !rproc_detach_device(rproc)) {
			rproc_release_all(rproc);
			atomic_set(&rproc->power, 0);
		}
		mutex_unlock(&rproc->lock);
	}
	mutex_unlock(&rproc_list_mutex);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_detach_all);

static int rproc_reboot_handler(struct notifier_block *nb, unsigned long event,
				void *ptr)
{
	rproc_detach_all();
	return NOTIFY_DONE;
}

static struct notifier_block rproc_reboot_nb = {
	.notifier_call	= rproc_reboot_handler,
};

/**
 * rproc_core_init() - set up what all processors share
 *
 * Return: 0, or a negative error number.
 */
int rproc_core_init(void)
{
	rproc_recovery_wq = alloc_workqueue("rproc_recovery_wq",
					    WQ_UNBOUND | WQ_FREEZABLE, 0);
	if (!rproc_recovery_wq)
		return -ENOMEM;

	atomic_notifier_chain_register(&panic_notifier_list, &rproc_panic_nb);
	register_reboot_notifier(&rproc_reboot_nb);
	return 0;
}

/**
 * rproc_core_exit() - undo rproc_core_init()
 */
void rproc_core_exit(void)
{
	unregister_reboot_notifier(&rproc_reboot_nb);
	atomic_notifier_chain_unregister(&panic_notifier_list, &rproc_panic_nb);
	destroy_workqueue(rproc_recovery_wq);
	ida_destroy(&rproc_dev_index);
}
