/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake virtio rpmsg device for the KUnit suites of the rpmsg stack: a
 * virtio transport whose rings live in kernel memory and whose remote is
 * the test, working the device side of the rings.
 */

#ifndef RPMSG_FAKE_VDEV_H
#define RPMSG_FAKE_VDEV_H

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/rpmsg/virtio_rpmsg.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>

#define FAKE_VRING_NUM		8
#define FAKE_VRING_ALIGN	16
#define FAKE_CONFIG_LEN		32

/**
 * struct fake_ring - one ring, as the remote sees it
 * @mem: its memory
 * @vr: its layout
 * @vq: the driver's virtqueue on it
 * @last_avail: next available entry the remote takes
 * @kicks: notifications the driver sent
 */
struct fake_ring {
	void *mem;
	struct vring vr;
	struct virtqueue *vq;
	u16 last_avail;
	int kicks;
};

/**
 * struct fake_vdev - the fake device
 * @vdev: the virtio device
 * @features: features the device offers
 * @status: the status the driver set
 * @resets: how many times the driver reset the device
 * @config: config space
 * @config_len: its length
 * @ring: the input (0) and output (1) rings
 * @on_kick: called when ring 0 is kicked, before counting it (optional)
 * @priv: for @on_kick
 */
struct fake_vdev {
	struct virtio_device vdev;
	u64 features;
	u8 status;
	int resets;
	u8 config[FAKE_CONFIG_LEN];
	unsigned int config_len;
	struct fake_ring ring[2];
	void (*on_kick)(struct fake_vdev *fv);
	void *priv;
};

static inline struct fake_vdev *to_fake_vdev(struct virtio_device *vdev)
{
	return container_of(vdev, struct fake_vdev, vdev);
}

static inline u64 fake_get_features(struct virtio_device *vdev)
{
	return to_fake_vdev(vdev)->features;
}

static inline int fake_finalize_features(struct virtio_device *vdev)
{
	vring_transport_features(vdev);
	__virtio_clear_bit(vdev, VIRTIO_F_RING_PACKED);
	return 0;
}

static inline void fake_get(struct virtio_device *vdev, unsigned int offset,
			    void *buf, unsigned int len)
{
	struct fake_vdev *fv = to_fake_vdev(vdev);

	if (offset > fv->config_len || len > fv->config_len - offset)
		memset(buf, 0, len);
	else
		memcpy(buf, fv->config + offset, len);
}

static inline void fake_set(struct virtio_device *vdev, unsigned int offset,
			    const void *buf, unsigned int len)
{
}

static inline u8 fake_get_status(struct virtio_device *vdev)
{
	return to_fake_vdev(vdev)->status;
}

static inline void fake_set_status(struct virtio_device *vdev, u8 status)
{
	to_fake_vdev(vdev)->status = status;
}

static inline void fake_reset(struct virtio_device *vdev)
{
	to_fake_vdev(vdev)->status = 0;
	to_fake_vdev(vdev)->resets++;
}

static inline bool fake_notify(struct virtqueue *vq)
{
	struct fake_vdev *fv = to_fake_vdev(vq->vdev);
	struct fake_ring *r = &fv->ring[vq->index];

	if (vq->index == 0 && fv->on_kick)
		fv->on_kick(fv);
	r->kicks++;
	return true;
}

static inline void fake_del_vqs(struct virtio_device *vdev)
{
	struct fake_vdev *fv = to_fake_vdev(vdev);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fv->ring); i++) {
		if (fv->ring[i].vq)
			vring_del_virtqueue(fv->ring[i].vq);
		kfree(fv->ring[i].mem);
		memset(&fv->ring[i], 0, sizeof(fv->ring[i]));
	}
}

static inline int fake_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
				struct virtqueue *vqs[],
				struct virtqueue_info vqs_info[],
				struct irq_affinity *desc)
{
	struct fake_vdev *fv = to_fake_vdev(vdev);
	size_t size = vring_size(FAKE_VRING_NUM, FAKE_VRING_ALIGN);
	unsigned int i;

	if (nvqs > ARRAY_SIZE(fv->ring))
		return -EINVAL;
	for (i = 0; i < nvqs; i++) {
		struct fake_ring *r = &fv->ring[i];

		r->mem = kzalloc(PAGE_ALIGN(size), GFP_KERNEL);
		if (!r->mem)
			goto fail;
		r->vq = vring_new_virtqueue(i, FAKE_VRING_NUM, FAKE_VRING_ALIGN,
					    vdev, false, vqs_info[i].ctx, r->mem,
					    fake_notify, vqs_info[i].callback,
					    vqs_info[i].name);
		if (!r->vq)
			goto fail;
		vring_init(&r->vr, FAKE_VRING_NUM, r->mem, FAKE_VRING_ALIGN);
		vqs[i] = r->vq;
	}
	return 0;

fail:
	fake_del_vqs(vdev);
	return -ENOMEM;
}

static const struct virtio_config_ops fake_vdev_ops = {
	.get			= fake_get,
	.set			= fake_set,
	.get_status		= fake_get_status,
	.set_status		= fake_set_status,
	.reset			= fake_reset,
	.find_vqs		= fake_find_vqs,
	.del_vqs		= fake_del_vqs,
	.get_features		= fake_get_features,
	.finalize_features	= fake_finalize_features,
};

static inline void fake_vdev_release(struct device *dev)
{
	kfree(to_fake_vdev(dev_to_virtio(dev)));
}

static inline void fake_vdev_unregister(void *data)
{
	struct fake_vdev *fv = data;

	unregister_virtio_device(&fv->vdev);
}

/**
 * fake_vdev_new() - a fake virtio rpmsg device, not registered yet
 * @test: the test
 * @features: the features it offers
 *
 * Return: the device; fake_vdev_add() registers it.
 */
static inline struct fake_vdev *fake_vdev_new(struct kunit *test, u64 features)
{
	struct fake_vdev *fv = kzalloc(sizeof(*fv), GFP_KERNEL);
	struct device *parent;

	KUNIT_ASSERT_NOT_NULL(test, fv);
	parent = kunit_device_register(test, "rpmsg-fake-vdev");
	if (IS_ERR(parent))
		kfree(fv);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, parent);
	fv->vdev.dev.parent = parent;
	fv->vdev.dev.release = fake_vdev_release;
	fv->vdev.id.device = VIRTIO_ID_RPMSG;
	fv->vdev.config = &fake_vdev_ops;
	fv->features = features;
	return fv;
}

/**
 * fake_vdev_add() - register the device, unregistered after the test
 * @test: the test
 * @fv: the device
 */
static inline void fake_vdev_add(struct kunit *test, struct fake_vdev *fv)
{
	int ret = register_virtio_device(&fv->vdev);

	if (ret)
		put_device(&fv->vdev.dev);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fake_vdev_unregister,
							fv), 0);
}

/**
 * fake_vdev_bufsz() - offer VIRTIO_RPMSG_F_BUFSZ with a config space
 * @fv: the device
 * @version: config version
 * @size: config size field
 * @txbuf: the remote's send buffer size
 * @rxbuf: the remote's receive buffer size
 */
static inline void fake_vdev_bufsz(struct fake_vdev *fv, u8 version, u16 size,
				   u32 txbuf, u32 rxbuf)
{
	struct virtio_rpmsg_config cfg = {
		.version = version,
		.size = cpu_to_virtio16(&fv->vdev, size),
		.txbuf_size = cpu_to_virtio32(&fv->vdev, txbuf),
		.rxbuf_size = cpu_to_virtio32(&fv->vdev, rxbuf),
	};

	fv->features |= BIT_ULL(VIRTIO_RPMSG_F_BUFSZ);
	memcpy(fv->config, &cfg, sizeof(cfg));
	fv->config_len = sizeof(cfg);
}

/* Available entries the remote has not taken on ring @i. */
static inline u16 fake_ring_pending(struct fake_vdev *fv, unsigned int i)
{
	struct fake_ring *r = &fv->ring[i];

	return virtio16_to_cpu(&fv->vdev, READ_ONCE(r->vr.avail->idx)) - r->last_avail;
}

/* The remote takes the next available buffer of ring @i. */
static inline void *fake_ring_take(struct fake_vdev *fv, unsigned int i,
				   u16 *head, u32 *len)
{
	struct fake_ring *r = &fv->ring[i];
	struct virtio_device *vdev = &fv->vdev;

	if (!fake_ring_pending(fv, i))
		return NULL;
	virtio_rmb(false);
	*head = virtio16_to_cpu(vdev, r->vr.avail->ring[r->last_avail % r->vr.num]);
	r->last_avail++;
	*len = virtio32_to_cpu(vdev, r->vr.desc[*head].len);
	return phys_to_virt(virtio64_to_cpu(vdev, r->vr.desc[*head].addr));
}

/* The remote gives a buffer back on ring @i, with @len bytes written. */
static inline void fake_ring_used(struct fake_vdev *fv, unsigned int i, u32 head,
				  u32 len)
{
	struct fake_ring *r = &fv->ring[i];
	struct virtio_device *vdev = &fv->vdev;
	u16 idx = virtio16_to_cpu(vdev, r->vr.used->idx);

	r->vr.used->ring[idx % r->vr.num].id = cpu_to_virtio32(vdev, head);
	r->vr.used->ring[idx % r->vr.num].len = cpu_to_virtio32(vdev, len);
	/* The entry is visible before the index that publishes it. */
	virtio_wmb(false);
	r->vr.used->idx = cpu_to_virtio16(vdev, idx + 1);
}

/**
 * fake_remote_send_raw() - the remote sends a message, as it pleases
 * @fv: the device
 * @src: source address
 * @dst: destination address
 * @data: payload, copied as far as it fits
 * @size: bytes at @data
 * @len: payload length in the header
 * @used_len: length the remote reports for the buffer
 * @deliver: signal Linux (call the ring's interrupt)
 *
 * Return: 0, or -ENOSPC if Linux gave no buffer.
 */
static inline int fake_remote_send_raw(struct fake_vdev *fv, u32 src, u32 dst,
				       const void *data, size_t size, u16 len,
				       u32 used_len, bool deliver)
{
	struct virtio_device *vdev = &fv->vdev;
	__rpmsg32 *hdr;
	u32 buf_len;
	u16 head;
	u8 *buf;

	buf = fake_ring_take(fv, 0, &head, &buf_len);
	if (!buf)
		return -ENOSPC;
	hdr = (__rpmsg32 *)buf;
	hdr[0] = (__force __rpmsg32)cpu_to_virtio32(vdev, src);
	hdr[1] = (__force __rpmsg32)cpu_to_virtio32(vdev, dst);
	hdr[2] = 0;
	*(__virtio16 *)(buf + 12) = cpu_to_virtio16(vdev, len);
	*(__virtio16 *)(buf + 14) = 0;
	memcpy(buf + 16, data, min_t(size_t, size, buf_len - 16));
	fake_ring_used(fv, 0, head, used_len);
	if (deliver)
		vring_interrupt(0, fv->ring[0].vq);
	return 0;
}

/* The remote sends a well-formed message and signals it. */
static inline int fake_remote_send(struct fake_vdev *fv, u32 src, u32 dst,
				   const void *data, u16 len)
{
	return fake_remote_send_raw(fv, src, dst, data, len, len, 16 + len, true);
}

/* The remote announces (or withdraws) a service. */
static inline int fake_remote_announce(struct fake_vdev *fv, const char *name,
				       u32 addr, u32 flags)
{
	struct rpmsg_ns_msg nsm = {};

	strscpy_pad(nsm.name, name, sizeof(nsm.name));
	nsm.addr = (__force __rpmsg32)cpu_to_virtio32(&fv->vdev, addr);
	nsm.flags = (__force __rpmsg32)cpu_to_virtio32(&fv->vdev, flags);
	return fake_remote_send(fv, addr, RPMSG_NS_ADDR, &nsm, sizeof(nsm));
}

/**
 * fake_remote_recv() - the remote takes the next message Linux sent
 * @fv: the device
 * @src: set to its source address
 * @dst: set to its destination address
 * @data: where its payload goes
 * @size: room at @data
 *
 * Return: the payload length, or -ENOENT if Linux sent nothing.
 */
static inline int fake_remote_recv(struct fake_vdev *fv, u32 *src, u32 *dst,
				   void *data, size_t size)
{
	struct virtio_device *vdev = &fv->vdev;
	__rpmsg32 *hdr;
	u32 buf_len;
	u16 head, len;
	u8 *buf;

	buf = fake_ring_take(fv, 1, &head, &buf_len);
	if (!buf)
		return -ENOENT;
	hdr = (__rpmsg32 *)buf;
	*src = virtio32_to_cpu(vdev, (__force __virtio32)hdr[0]);
	*dst = virtio32_to_cpu(vdev, (__force __virtio32)hdr[1]);
	len = virtio16_to_cpu(vdev, *(__virtio16 *)(buf + 12));
	memcpy(data, buf + 16, min_t(size_t, len, size));
	fake_ring_used(fv, 1, head, 0);
	vring_interrupt(0, fv->ring[1].vq);
	return len;
}

#endif /* RPMSG_FAKE_VDEV_H */
