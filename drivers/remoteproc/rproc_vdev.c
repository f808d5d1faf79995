// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor core: the virtio devices a resource table declares.
 *
 * For each vdev entry the core picks the memory of every vring, gives
 * every vring a notify id and creates a platform device the virtio
 * transport (rproc_virtio.c) binds to.  Ring addresses and notify ids go
 * into the table before the processor starts or is attached to, so a
 * remote reading its vdev early finds them; features and status follow
 * when a virtio driver negotiates them.  The order is the one
 * Documentation/driver-api/remoteproc-virtio.rst gives remotes.
 */

#include <kunit/visibility.h>
#include <linux/device.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/rcupdate.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/virtio_ring.h>

#include "rproc_internal.h"

/* The vdev's device tree node: a compatible child whose reg is @index. */
static struct device_node *rproc_vdev_find_node(struct rproc *rproc, u32 index)
{
	struct device_node *parent = rproc->dev.parent->of_node;
	struct device_node *np;
	u32 reg;

	for_each_available_child_of_node(parent, np) {
		if (!of_device_is_compatible(np, RPROC_VIRTIO_COMPATIBLE))
			continue;
		if (!of_property_read_u32(np, "reg", &reg) && reg == index)
			return np;
	}
	return NULL;
}

/*
 * Registers the node's "vring<N>" regions as carveouts vdev<index>vring<N>,
 * mapped when the processor boots; device address = physical address.
 */
static int rproc_vdev_of_vrings(struct rproc *rproc, struct rproc_vdev *rvdev)
{
	struct device_node *np = rvdev->of_node;
	struct rproc_mem_entry *mem;
	struct reserved_mem *rmem;
	struct device_node *region;
	unsigned int i;
	char name[16];
	int idx;

	for (i = 0; i < rvdev->num_vrings; i++) {
		snprintf(name, sizeof(name), "vring%u", i);
		idx = of_property_match_string(np, "memory-region-names", name);
		if (idx < 0)
			continue;
		region = of_parse_phandle(np, "memory-region", idx);
		rmem = region ? of_reserved_mem_lookup(region) : NULL;
		of_node_put(region);
		if (!rmem || !rmem->size) {
			dev_err(&rproc->dev, "%pOF: memory-region %s is not reserved memory\n",
				np, name);
			return -EINVAL;
		}
		mem = rproc_mem_entry_init(&rproc->dev, NULL, rmem->base,
					   rmem->size, rmem->base,
					   rproc_of_region_map,
					   rproc_of_region_unmap,
					   "vdev%uvring%u", rvdev->index, i);
		if (!mem)
			return -ENOMEM;
		rproc_add_carveout(rproc, mem);
	}
	return 0;
}

/* Memory for vring @i: a region registered under its name, or a new one. */
static int rproc_vdev_vring_mem(struct rproc *rproc, struct rproc_vdev *rvdev,
				unsigned int i, u64 da, unsigned int entry)
{
	struct rproc_vring *rvring = &rvdev->vring[i];
	struct rproc_mem_entry *mem;
	char name[RPROC_RSC_NAME_LEN];

	rvring->size = PAGE_ALIGN(vring_size(rvring->num, rvring->align));
	snprintf(name, sizeof(name), "vdev%uvring%u", rvdev->index, i);
	mem = rproc_find_carveout_by_name(rproc, name);
	if (!mem) {
		mem = rproc_carveout_new(rproc, da, rvring->size, name);
		return mem ? 0 : -ENOMEM;
	}

	if (mem->len < rvring->size) {
		dev_err(&rproc->dev, "bad resource table: entry %u: vring[%u] needs %zu bytes, region %s has %zu\n",
			entry, i, rvring->size, name, mem->len);
		return -EINVAL;
	}
	if (da != FW_RSC_ADDR64_ANY && da != mem->da) {
		dev_err(&rproc->dev, "bad resource table: entry %u: vring[%u].da 0x%llx, but region %s is at 0x%llx\n",
			entry, i, da, name, mem->da);
		return -EINVAL;
	}
	return 0;
}

/* Reads the checked entry into @rvdev; returns the vrings' device addresses. */
static int rproc_vdev_read(struct rproc *rproc, struct rproc_vdev *rvdev,
			   u32 type, const void *rsc, unsigned int entry,
			   u64 *da)
{
	unsigned int i, n;

	if (type == RSC_VDEV64) {
		const struct fw_rsc_vdev64 *v = rsc;

		n = v->num_of_vrings;
		rvdev->id = v->id;
		rvdev->dfeatures = v->dfeatures;
		rvdev->config_len = v->config_len;
		rvdev->wide = true;
		for (i = 0; i < n && i < RVDEV_NUM_VRINGS; i++) {
			rvdev->vring[i].num = v->vring[i].num;
			rvdev->vring[i].align = v->vring[i].align;
			da[i] = v->vring[i].da;
		}
	} else {
		const struct fw_rsc_vdev *v = rsc;

		n = v->num_of_vrings;
		rvdev->id = v->id;
		rvdev->dfeatures = v->dfeatures;
		rvdev->config_len = v->config_len;
		for (i = 0; i < n && i < RVDEV_NUM_VRINGS; i++) {
			rvdev->vring[i].num = v->vring[i].num;
			rvdev->vring[i].align = v->vring[i].align;
			da[i] = v->vring[i].da == (u32)FW_RSC_ADDR_ANY ?
				FW_RSC_ADDR64_ANY : v->vring[i].da;
		}
	}

	if (n > RVDEV_NUM_VRINGS) {
		dev_err(&rproc->dev, "bad resource table: entry %u: %u vrings, this host handles %u per virtio device\n",
			entry, n, RVDEV_NUM_VRINGS);
		return -EINVAL;
	}
	rvdev->num_vrings = n;
	return 0;
}

/*
 * The processor runs: the transport registers the virtio device.  Its
 * probe may not have run yet (device links can defer it until a mailbox
 * is ready), so it is tried here once more.
 */
static int rproc_vdev_start(struct rproc_subdev *subdev)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev, subdev);
	struct device *dev = &rvdev->pdev->dev;
	int ret = 0;

	if (!READ_ONCE(rvdev->ops) && device_attach(dev) < 0)
		dev_dbg(dev, "cannot bind a transport now\n");
	device_lock(dev);
	if (rvdev->ops)
		ret = rvdev->ops->start(rvdev);
	else
		dev_warn(&rvdev->rproc->dev, "virtio device %u stays down: no transport is bound to %s\n",
			 rvdev->index, dev_name(dev));
	device_unlock(dev);
	return ret;
}

static void rproc_vdev_stop(struct rproc_subdev *subdev, bool crashed)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev, subdev);
	struct device *dev = &rvdev->pdev->dev;

	device_lock(dev);
	if (rvdev->ops)
		rvdev->ops->stop(rvdev, crashed);
	device_unlock(dev);
}

static void rproc_vdev_free(struct rproc *rproc, struct rproc_vdev *rvdev)
{
	unsigned int i;

	for (i = 0; i < rvdev->num_vrings; i++)
		if (rvdev->vring[i].notifyid >= 0)
			idr_remove(&rproc->notifyids, rvdev->vring[i].notifyid);
	/* rproc_vq_interrupt() may still be looking at a ring. */
	rproc_vq_sync();
	of_node_put(rvdev->of_node);
	kfree(rvdev);
}

/**
 * rproc_handle_vdev() - set up a virtio device a resource table declares
 * @rproc: the processor
 * @type: RSC_VDEV or RSC_VDEV64
 * @rsc: the entry's payload, in a table rproc_use_table() checked
 * @offset: the payload's offset in the table
 * @entry: the entry's index, for messages
 *
 * Gives each vring memory and a notify id and registers the platform
 * device of the virtio transport.  What it did is undone by
 * rproc_vdev_remove_all().
 *
 * Return: 0, -ENOMEM, or -EINVAL for an entry this host cannot serve.
 */
int rproc_handle_vdev(struct rproc *rproc, u32 type, const void *rsc,
		      u32 offset, unsigned int entry)
{
	struct platform_device_info info = {
		.parent = &rproc->dev,
		.name = RPROC_VIRTIO_NAME,
		.id = PLATFORM_DEVID_AUTO,
	};
	u64 da[RVDEV_NUM_VRINGS];
	struct rproc_vdev *rvdev;
	struct platform_device *pdev;
	unsigned int i;
	int ret;

	rvdev = kzalloc(sizeof(*rvdev), GFP_KERNEL);
	if (!rvdev)
		return -ENOMEM;
	rvdev->rproc = rproc;
	rvdev->rsc_offset = offset;
	rvdev->index = rproc->nb_vdev++;
	for (i = 0; i < RVDEV_NUM_VRINGS; i++) {
		rvdev->vring[i].notifyid = -1;
		rvdev->vring[i].rvdev = rvdev;
	}

	ret = rproc_vdev_read(rproc, rvdev, type, rsc, entry, da);
	if (ret)
		goto free;

	if (rproc->dev.parent->of_node)
		rvdev->of_node = rproc_vdev_find_node(rproc, rvdev->index);
	if (rvdev->of_node) {
		ret = rproc_vdev_of_vrings(rproc, rvdev);
		if (ret)
			goto free;
	}

	for (i = 0; i < rvdev->num_vrings; i++) {
		ret = rproc_vdev_vring_mem(rproc, rvdev, i, da[i], entry);
		if (ret)
			goto free;
		ret = idr_alloc(&rproc->notifyids, &rvdev->vring[i], 0, 0,
				GFP_KERNEL);
		if (ret < 0)
			goto free;
		rvdev->vring[i].notifyid = ret;
		rproc->max_notifyid = max(rproc->max_notifyid, ret);
	}

	info.fwnode = of_fwnode_handle(rvdev->of_node);
	info.data = &rvdev;
	info.size_data = sizeof(rvdev);
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		ret = PTR_ERR(pdev);
		dev_err(&rproc->dev, "virtio device %u: cannot register its transport device: %d\n",
			rvdev->index, ret);
		goto free;
	}
	rvdev->pdev = pdev;
	list_add_tail(&rvdev->node, &rproc->rvdevs);
	rvdev->subdev.start = rproc_vdev_start;
	rvdev->subdev.stop = rproc_vdev_stop;
	rproc_add_subdev(rproc, &rvdev->subdev);
	return 0;

free:
	rproc_vdev_free(rproc, rvdev);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_handle_vdev);

/* Writes vring @i's address, physical address and notify id. */
static int rproc_vdev_write_vring(struct rproc *rproc, struct rproc_vdev *rvdev,
				  unsigned int i)
{
	struct rproc_vring *r = &rvdev->vring[i];
	void *rsc = rproc_vdev_rsc(rvdev);

	if (rvdev->wide) {
		struct fw_rsc_vdev_vring64 *v = &((struct fw_rsc_vdev64 *)rsc)->vring[i];

		v->da = r->da;
		v->pa = r->pa;
		v->notifyid = r->notifyid;
		return 0;
	}
	{
		struct fw_rsc_vdev_vring *v = &((struct fw_rsc_vdev *)rsc)->vring[i];

		if (upper_32_bits(r->da)) {
			dev_err(&rproc->dev, "virtio device %u: vring[%u] is at da 0x%llx, beyond a 32-bit entry; firmware needs RSC_VDEV64\n",
				rvdev->index, i, r->da);
			return -EINVAL;
		}
		v->da = r->da;
		/* The physical address is a courtesy; 6.12 never writes it. */
		if (!upper_32_bits(r->pa))
			v->pa = r->pa;
		v->notifyid = r->notifyid;
	}
	return 0;
}

/**
 * rproc_vdev_writeback() - place the vrings and write them into the table
 * @rproc: the processor, with its carveouts allocated
 *
 * Return: 0, or -EINVAL if a ring cannot be described to the remote.
 */
int rproc_vdev_writeback(struct rproc *rproc)
{
	struct rproc_vdev *rvdev;
	struct rproc_mem_entry *mem;
	char name[RPROC_RSC_NAME_LEN];
	unsigned int i;
	int ret;

	list_for_each_entry(rvdev, &rproc->rvdevs, node) {
		for (i = 0; i < rvdev->num_vrings; i++) {
			struct rproc_vring *r = &rvdev->vring[i];

			snprintf(name, sizeof(name), "vdev%uvring%u",
				 rvdev->index, i);
			mem = rproc_find_carveout_by_name(rproc, name);
			if (!mem || !mem->va || mem->is_iomem) {
				dev_err(&rproc->dev, "virtio device %u: vring[%u] has no memory the host can use as a ring\n",
					rvdev->index, i);
				return -EINVAL;
			}
			r->va = mem->va;
			r->da = mem->da;
			r->pa = rproc_va_to_pa(mem->va);
			ret = rproc_vdev_write_vring(rproc, rvdev, i);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/**
 * rproc_vdev_remove_all() - remove the processor's virtio devices
 * @rproc: the processor
 *
 * Unregisters their transport devices and frees their notify ids.
 */
void rproc_vdev_remove_all(struct rproc *rproc)
{
	struct rproc_vdev *rvdev, *tmp;

	list_for_each_entry_safe(rvdev, tmp, &rproc->rvdevs, node) {
		list_del(&rvdev->node);
		rproc_remove_subdev(rproc, &rvdev->subdev);
		platform_device_unregister(rvdev->pdev);
		rproc_vdev_free(rproc, rvdev);
	}
	rproc->max_notifyid = -1;
}

/**
 * rproc_vdev_rsc() - a virtio device's entry in the table in effect
 * @rvdev: the device
 *
 * The table moves between processor memory and the kernel's copy as the
 * processor starts and stops, so callers do not keep the pointer.
 *
 * Return: the &struct fw_rsc_vdev or &struct fw_rsc_vdev64 payload.
 */
void *rproc_vdev_rsc(struct rproc_vdev *rvdev)
{
	return (void *)rvdev->rproc->table_ptr + rvdev->rsc_offset;
}
EXPORT_SYMBOL(rproc_vdev_rsc);
