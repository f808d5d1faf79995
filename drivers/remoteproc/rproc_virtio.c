// SPDX-License-Identifier: GPL-2.0
/*
 * Virtio transport of the virtio devices of remote processors.
 *
 * The core creates a platform device for every vdev entry of a resource
 * table (rproc_vdev.c).  This driver binds to it, by name or through the
 * device's own device tree node, and registers a virtio device while the
 * processor runs.  Rings live where the core placed them; features,
 * status and config space go through the vdev entry.
 *
 * The entry is shared with the remote, so nothing read back from it is
 * trusted: the status is kept here, the offered features and the config
 * space length were read once from the checked table, and every config
 * access is bounded by that length.  The order in which fields are
 * written, and the kick that tells the remote of a reset, are described
 * in Documentation/driver-api/remoteproc-virtio.rst.
 */

#include <linux/device.h>
#include <linux/dma-direct.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/mailbox_client.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <linux/workqueue.h>

#include "rproc_internal.h"

/**
 * struct rproc_virtio - a virtio device of a remote processor
 * @vdev: the virtio device
 * @rvdev: the core's view of its table entry
 * @status: the status this host set; what the remote writes is ignored
 */
struct rproc_virtio {
	struct virtio_device vdev;
	struct rproc_vdev *rvdev;
	u8 status;
};

/**
 * struct rproc_virtio_mbox - a vring's own mailbox channel
 * @cl: the channel's client
 * @chan: the channel
 * @rvring: the vring it carries kicks for, both ways
 * @work: hands a kick from the remote to the vring in process context
 */
struct rproc_virtio_mbox {
	struct mbox_client cl;
	struct mbox_chan *chan;
	struct rproc_vring *rvring;
	struct work_struct work;
};

/**
 * struct rproc_virtio_pdev - state of a bound transport device
 * @rvdev: the core's virtio device
 * @rv: the registered virtio device, while the processor runs
 * @pool: reserved memory is the device's DMA pool
 * @mbox: each vring's mailbox channel, from the device's node, or NULL
 *	where kicks go through the processor driver
 */
struct rproc_virtio_pdev {
	struct rproc_vdev *rvdev;
	struct rproc_virtio *rv;
	bool pool;
	struct rproc_virtio_mbox *mbox[RVDEV_NUM_VRINGS];
};

/* Kicks the remote for @rvring, on its own mailbox channel if it has one. */
static void rproc_virtio_kick(struct rproc_vring *rvring)
{
	struct rproc_vdev *rvdev = rvring->rvdev;
	struct rproc_virtio_pdev *p = platform_get_drvdata(rvdev->pdev);
	struct rproc_virtio_mbox *m = p->mbox[rvring - rvdev->vring];
	int ret;

	if (!IS_ENABLED(CONFIG_MAILBOX) || !m) {
		rvdev->rproc->ops->kick(rvdev->rproc, rvring->notifyid);
		return;
	}
	ret = mbox_send_message(m->chan, (void *)(uintptr_t)rvring->notifyid);
	if (ret < 0)
		dev_err_ratelimited(&rvdev->pdev->dev, "cannot kick vring %td: %d\n",
				    rvring - rvdev->vring, ret);
}

static struct rproc_virtio *to_rproc_virtio(struct virtio_device *vdev)
{
	return container_of(vdev, struct rproc_virtio, vdev);
}

static struct rproc_vdev *to_rvdev(struct virtio_device *vdev)
{
	return to_rproc_virtio(vdev)->rvdev;
}

/* Offset of the config space in the entry. */
static size_t rproc_virtio_config_offset(const struct rproc_vdev *rvdev)
{
	if (rvdev->wide)
		return struct_size_t(struct fw_rsc_vdev64, vring, rvdev->num_vrings);
	return struct_size_t(struct fw_rsc_vdev, vring, rvdev->num_vrings);
}

static u64 rproc_virtio_get_features(struct virtio_device *vdev)
{
	return to_rvdev(vdev)->dfeatures;
}

static int rproc_virtio_finalize_features(struct virtio_device *vdev)
{
	struct rproc_vdev *rvdev = to_rvdev(vdev);
	void *rsc = rproc_vdev_rsc(rvdev);

	vring_transport_features(vdev);
	/*
	 * Rings are split rings in memory the table placed, and a
	 * descriptor may only point at a buffer the remote can reach: no
	 * packed rings, no indirect tables in kernel memory, no data in
	 * notifications (a kick carries a notify id only).
	 */
	__virtio_clear_bit(vdev, VIRTIO_F_RING_PACKED);
	__virtio_clear_bit(vdev, VIRTIO_RING_F_INDIRECT_DESC);
	__virtio_clear_bit(vdev, VIRTIO_F_NOTIFICATION_DATA);

	/* A 32-bit entry offered 32 bits: nothing above can be set. */
	if (rvdev->wide)
		((struct fw_rsc_vdev64 *)rsc)->gfeatures = vdev->features;
	else
		((struct fw_rsc_vdev *)rsc)->gfeatures = lower_32_bits(vdev->features);
	return 0;
}

static void rproc_virtio_get(struct virtio_device *vdev, unsigned int offset,
			     void *buf, unsigned int len)
{
	struct rproc_vdev *rvdev = to_rvdev(vdev);
	const u8 *cfg;

	if (offset > rvdev->config_len || len > rvdev->config_len - offset) {
		dev_err(&vdev->dev, "config read of %u bytes at %u is outside its %u bytes\n",
			len, offset, rvdev->config_len);
		memset(buf, 0, len);
		return;
	}
	cfg = rproc_vdev_rsc(rvdev) + rproc_virtio_config_offset(rvdev);
	memcpy(buf, cfg + offset, len);
}

static void rproc_virtio_set(struct virtio_device *vdev, unsigned int offset,
			     const void *buf, unsigned int len)
{
	struct rproc_vdev *rvdev = to_rvdev(vdev);
	u8 *cfg;

	if (offset > rvdev->config_len || len > rvdev->config_len - offset) {
		dev_err(&vdev->dev, "config write of %u bytes at %u is outside its %u bytes\n",
			len, offset, rvdev->config_len);
		return;
	}
	cfg = rproc_vdev_rsc(rvdev) + rproc_virtio_config_offset(rvdev);
	memcpy(cfg + offset, buf, len);
}

static u8 rproc_virtio_get_status(struct virtio_device *vdev)
{
	return to_rproc_virtio(vdev)->status;
}

/* Everything written before the status (features, rings) is seen first. */
static void rproc_virtio_write_status(struct rproc_vdev *rvdev, u8 status)
{
	void *rsc = rproc_vdev_rsc(rvdev);

	/* Orders the earlier writes before the status, for the remote. */
	wmb();
	if (rvdev->wide)
		WRITE_ONCE(((struct fw_rsc_vdev64 *)rsc)->status, status);
	else
		WRITE_ONCE(((struct fw_rsc_vdev *)rsc)->status, status);
}

static void rproc_virtio_set_status(struct virtio_device *vdev, u8 status)
{
	struct rproc_virtio *rv = to_rproc_virtio(vdev);

	rv->status = status;
	rproc_virtio_write_status(rv->rvdev, status);
}

/*
 * A reset writes status 0 and, if the remote runs, kicks its first vring
 * so that it notices the host let go of the device; Linux 6.12 only
 * writes the status.
 */
static void rproc_virtio_reset(struct virtio_device *vdev)
{
	struct rproc_virtio *rv = to_rproc_virtio(vdev);
	struct rproc_vdev *rvdev = rv->rvdev;
	struct rproc *rproc = rvdev->rproc;
	unsigned int state = READ_ONCE(rproc->state);

	rv->status = 0;
	rproc_virtio_write_status(rvdev, 0);
	if (rvdev->num_vrings &&
	    (state == RPROC_RUNNING || state == RPROC_ATTACHED))
		rproc_virtio_kick(&rvdev->vring[0]);
}

static bool rproc_virtio_notify(struct virtqueue *vq)
{
	rproc_virtio_kick(vq->priv);
	return true;
}

static struct virtqueue *rproc_virtio_new_vq(struct virtio_device *vdev,
					     unsigned int index,
					     struct virtqueue_info *info)
{
	struct rproc_vdev *rvdev = to_rvdev(vdev);
	struct rproc_vring *rvring;
	struct virtqueue *vq;

	if (index >= rvdev->num_vrings) {
		dev_err(&vdev->dev, "driver needs vring %u, the resource table has %u\n",
			index, rvdev->num_vrings);
		return ERR_PTR(-EINVAL);
	}
	rvring = &rvdev->vring[index];

	/* A ring starts empty, whatever the memory held. */
	memset(rvring->va, 0, vring_size(rvring->num, rvring->align));
	vq = vring_new_virtqueue(index, rvring->num, rvring->align, vdev, false,
				 info->ctx, rvring->va, rproc_virtio_notify,
				 info->callback, info->name);
	if (!vq) {
		dev_err(&vdev->dev, "cannot create virtqueue %s\n", info->name);
		return ERR_PTR(-ENOMEM);
	}
	vq->num_max = rvring->num;
	vq->priv = rvring;
	WRITE_ONCE(rvring->vq, vq);
	return vq;
}

static void rproc_virtio_del_vqs(struct virtio_device *vdev)
{
	struct virtqueue *vq, *tmp;

	list_for_each_entry(vq, &vdev->vqs, list) {
		struct rproc_vring *rvring = vq->priv;

		WRITE_ONCE(rvring->vq, NULL);
	}
	/* rproc_vq_interrupt() finds no ring from here on. */
	rproc_vq_sync();
	list_for_each_entry_safe(vq, tmp, &vdev->vqs, list)
		vring_del_virtqueue(vq);
}

static int rproc_virtio_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
				 struct virtqueue *vqs[],
				 struct virtqueue_info vqs_info[],
				 struct irq_affinity *desc)
{
	unsigned int i, index = 0;

	for (i = 0; i < nvqs; i++) {
		if (!vqs_info[i].name) {
			vqs[i] = NULL;
			continue;
		}
		vqs[i] = rproc_virtio_new_vq(vdev, index++, &vqs_info[i]);
		if (IS_ERR(vqs[i])) {
			int ret = PTR_ERR(vqs[i]);

			rproc_virtio_del_vqs(vdev);
			return ret;
		}
	}
	return 0;
}

static const char *rproc_virtio_bus_name(struct virtio_device *vdev)
{
	return dev_name(&to_rvdev(vdev)->rproc->dev);
}

/* The carveout vdev<N>buffer, if the table or the driver has one. */
static struct rproc_mem_entry *rproc_virtio_buffer(struct rproc_vdev *rvdev)
{
	char name[RPROC_RSC_NAME_LEN];

	snprintf(name, sizeof(name), "vdev%ubuffer", rvdev->index);
	return rproc_find_carveout_by_name(rvdev->rproc, name);
}

/*
 * Shared memory region 0 is a vdev<N>buffer carveout the kernel mapped
 * (one from the table, or one a driver registered), for drivers to take
 * their buffers from; the DMA API cannot be given it from a module.
 */
static bool rproc_virtio_get_shm_region(struct virtio_device *vdev,
					struct virtio_shm_region *region, u8 id)
{
	struct rproc_mem_entry *mem = rproc_virtio_buffer(to_rvdev(vdev));

	if (id || !mem || !mem->va || mem->is_iomem ||
	    mem->of_resm_idx != (u32)-1)
		return false;
	region->addr = rproc_va_to_pa(mem->va);
	region->len = mem->len;
	return true;
}

static const struct virtio_config_ops rproc_virtio_config_ops = {
	.get			= rproc_virtio_get,
	.set			= rproc_virtio_set,
	.get_status		= rproc_virtio_get_status,
	.set_status		= rproc_virtio_set_status,
	.reset			= rproc_virtio_reset,
	.find_vqs		= rproc_virtio_find_vqs,
	.del_vqs		= rproc_virtio_del_vqs,
	.get_features		= rproc_virtio_get_features,
	.finalize_features	= rproc_virtio_finalize_features,
	.bus_name		= rproc_virtio_bus_name,
	.get_shm_region		= rproc_virtio_get_shm_region,
};

/*
 * The DMA pool of the device's drivers, first found of: the node's
 * "buffer" region, a reserved-memory carveout vdev<N>buffer (as Linux
 * 6.12), the processor's first memory-region (as Linux 6.12; failure is
 * harmless, buffers then come from the kernel's memory).
 */
static int rproc_virtio_pool_init(struct rproc_virtio_pdev *p)
{
	struct device *dev = &p->rvdev->pdev->dev;
	struct rproc *rproc = p->rvdev->rproc;
	struct device_node *rnp = rproc->dev.parent->of_node;
	struct device_node *np = dev->of_node;
	struct rproc_mem_entry *mem;
	int ret;

	if (np && of_property_match_string(np, "memory-region-names", "buffer") >= 0) {
		ret = of_reserved_mem_device_init_by_name(dev, np, "buffer");
		if (ret) {
			dev_err(dev, "%pOF: memory-region buffer cannot hold buffers: %d\n",
				np, ret);
			return ret;
		}
		p->pool = true;
		return 0;
	}

	mem = rproc_virtio_buffer(p->rvdev);
	if (mem && mem->of_resm_idx != (u32)-1) {
		ret = of_reserved_mem_device_init_by_idx(dev, rnp, mem->of_resm_idx);
		if (ret) {
			dev_err(dev, "region %s cannot hold buffers: %d\n",
				mem->name, ret);
			return ret;
		}
		p->pool = true;
	} else if (!mem && rnp && !of_reserved_mem_device_init_by_idx(dev, rnp, 0)) {
		p->pool = true;
	}
	return 0;
}

static void rproc_virtio_pool_release(struct rproc_virtio_pdev *p)
{
	if (p->pool)
		of_reserved_mem_device_release(&p->rvdev->pdev->dev);
	p->pool = false;
}

static void rproc_virtio_release(struct device *dev)
{
	kfree(to_rproc_virtio(dev_to_virtio(dev)));
}

/* The processor runs: its virtio device appears. */
static int rproc_virtio_start(struct rproc_vdev *rvdev)
{
	struct rproc_virtio_pdev *p = platform_get_drvdata(rvdev->pdev);
	struct rproc_virtio *rv;
	int ret;

	/* While a virtio device lives, this module stays. */
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	ret = rproc_virtio_pool_init(p);
	if (ret)
		goto put_module;

	rv = kzalloc(sizeof(*rv), GFP_KERNEL);
	if (!rv) {
		ret = -ENOMEM;
		goto release_pool;
	}
	rv->rvdev = rvdev;
	rv->vdev.id.device = rvdev->id;
	rv->vdev.config = &rproc_virtio_config_ops;
	rv->vdev.dev.parent = &rvdev->pdev->dev;
	rv->vdev.dev.release = rproc_virtio_release;

	ret = register_virtio_device(&rv->vdev);
	if (ret) {
		dev_err(&rvdev->pdev->dev, "cannot register virtio device %u: %d\n",
			rvdev->id, ret);
		put_device(&rv->vdev.dev);
		goto release_pool;
	}
	p->rv = rv;
	return 0;

release_pool:
	rproc_virtio_pool_release(p);
put_module:
	module_put(THIS_MODULE);
	return ret;
}

/* The processor stops: the virtio device goes first. */
static void rproc_virtio_stop(struct rproc_vdev *rvdev, bool crashed)
{
	struct rproc_virtio_pdev *p = platform_get_drvdata(rvdev->pdev);

	if (!p->rv)
		return;
	unregister_virtio_device(&p->rv->vdev);
	p->rv = NULL;
	rproc_virtio_pool_release(p);
	module_put(THIS_MODULE);
}

static const struct rproc_vdev_ops rproc_virtio_vdev_ops = {
	.start	= rproc_virtio_start,
	.stop	= rproc_virtio_stop,
};

/* Without a node of its own, the device does DMA as the processor does. */
static int rproc_virtio_dma_inherit(struct device *dev, struct device *from)
{
	const struct bus_dma_region *r;
	size_t n = 1;
	int ret;

	if (from->dma_range_map) {
		for (r = from->dma_range_map; r->size; r++)
			n++;
		dev->dma_range_map = kmemdup(from->dma_range_map,
					     n * sizeof(*r), GFP_KERNEL);
		if (!dev->dma_range_map)
			return -ENOMEM;
	}
	set_dma_ops(dev, get_dma_ops(from));
	ret = dma_coerce_mask_and_coherent(dev, dma_get_mask(from));
	if (ret)
		dev_warn(dev, "cannot use the processor's DMA mask: %d\n", ret);
	return 0;
}

/* A kick from the remote on a vring's channel, maybe in interrupt context. */
static void rproc_virtio_mbox_rx(struct mbox_client *cl, void *msg)
{
	struct rproc_virtio_mbox *m = container_of(cl, struct rproc_virtio_mbox, cl);

	queue_work(system_highpri_wq, &m->work);
}

/* Virtqueue callbacks (rpmsg's) may sleep: they run here. */
static void rproc_virtio_mbox_work(struct work_struct *work)
{
	struct rproc_virtio_mbox *m = container_of(work, struct rproc_virtio_mbox, work);

	rproc_vq_interrupt(m->rvring->rvdev->rproc, m->rvring->notifyid);
}

static void rproc_virtio_free_mboxes(struct rproc_virtio_pdev *p)
{
	unsigned int i;

	if (!IS_ENABLED(CONFIG_MAILBOX))
		return;
	for (i = 0; i < ARRAY_SIZE(p->mbox); i++) {
		if (!p->mbox[i])
			continue;
		mbox_free_channel(p->mbox[i]->chan);
		cancel_work_sync(&p->mbox[i]->work);
		p->mbox[i] = NULL;
	}
}

/*
 * The channels the node names "vq<M>" carry the kicks of vring M, both
 * ways; vrings without one are kicked through the processor's driver.
 */
static int rproc_virtio_get_mboxes(struct device *dev, struct rproc_virtio_pdev *p)
{
	struct rproc_vdev *rvdev = p->rvdev;
	struct rproc_virtio_mbox *m;
	unsigned int i, n = 0;
	char name[16];
	int idx;

	for (i = 0; i < rvdev->num_vrings; i++) {
		snprintf(name, sizeof(name), "vq%u", i);
		idx = of_property_match_string(dev->of_node, "mbox-names", name);
		if (idx < 0)
			continue;
		m = devm_kzalloc(dev, sizeof(*m), GFP_KERNEL);
		if (!m)
			goto nomem;
		m->cl.dev = dev;
		m->cl.rx_callback = rproc_virtio_mbox_rx;
		m->rvring = &rvdev->vring[i];
		INIT_WORK(&m->work, rproc_virtio_mbox_work);
		m->chan = mbox_request_channel(&m->cl, idx);
		if (IS_ERR(m->chan)) {
			rproc_virtio_free_mboxes(p);
			return dev_err_probe(dev, PTR_ERR(m->chan),
					     "mailbox channel %s\n", name);
		}
		p->mbox[i] = m;
		n++;
	}
	if (n < rvdev->num_vrings && !rvdev->rproc->ops->kick) {
		rproc_virtio_free_mboxes(p);
		return dev_err_probe(dev, -EINVAL,
				     "processor %s cannot be kicked and not every vring has a mailbox\n",
				     rvdev->rproc->name);
	}
	return 0;

nomem:
	rproc_virtio_free_mboxes(p);
	return -ENOMEM;
}

static int rproc_virtio_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct rproc_vdev **pdata = dev_get_platdata(dev);
	struct rproc_virtio_pdev *p;
	struct rproc_vdev *rvdev;
	int ret;

	if (!pdata || !*pdata)
		return dev_err_probe(dev, -EINVAL,
				     "not a virtio device of a remote processor's resource table\n");
	rvdev = *pdata;

	if (!dev->of_node) {
		ret = rproc_virtio_dma_inherit(dev, rvdev->rproc->dev.parent);
		if (ret)
			return ret;
	}

	p = devm_kzalloc(dev, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->rvdev = rvdev;
	platform_set_drvdata(pdev, p);

	if (IS_ENABLED(CONFIG_MAILBOX) && dev->of_node &&
	    of_property_present(dev->of_node, "mboxes")) {
		ret = rproc_virtio_get_mboxes(dev, p);
		if (ret)
			return ret;
	} else if (!rvdev->rproc->ops->kick) {
		return dev_err_probe(dev, -EINVAL, "processor %s cannot be kicked\n",
				     rvdev->rproc->name);
	}

	WRITE_ONCE(rvdev->ops, &rproc_virtio_vdev_ops);
	return 0;
}

static void rproc_virtio_remove(struct platform_device *pdev)
{
	struct rproc_virtio_pdev *p = platform_get_drvdata(pdev);

	/* The core calls the ops under this device's lock, held here. */
	if (p->rv)
		rproc_virtio_stop(p->rvdev, false);
	WRITE_ONCE(p->rvdev->ops, NULL);
	rproc_virtio_free_mboxes(p);
}

static const struct of_device_id rproc_virtio_of_match[] = {
	{ .compatible = RPROC_VIRTIO_COMPATIBLE },
	{ }
};
MODULE_DEVICE_TABLE(of, rproc_virtio_of_match);

static struct platform_driver rproc_virtio_driver = {
	.probe = rproc_virtio_probe,
	.remove = rproc_virtio_remove,
	.driver = {
		.name = RPROC_VIRTIO_NAME,
		.of_match_table = rproc_virtio_of_match,
		/* The core owns the device; unbinding a live one is not safe. */
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(rproc_virtio_driver);

MODULE_ALIAS("platform:" RPROC_VIRTIO_NAME);
MODULE_DESCRIPTION("Virtio transport of remote processors");
MODULE_LICENSE("GPL");
