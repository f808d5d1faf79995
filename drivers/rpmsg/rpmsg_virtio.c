// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg over virtio: the transport of rpmsg channels to a remote
 * processor's virtio rpmsg device, with its name service.
 *
 * Two vrings carry messages, each a 16-byte header and a payload in one
 * buffer: "input" (remote to Linux) and "output" (Linux to remote).  The
 * buffers are Linux's; their size is 512 bytes, or what the remote gives
 * in the config space when VIRTIO_RPMSG_F_BUFSZ is negotiated.
 *
 * Everything the remote writes is checked before use: the length it
 * reports for a buffer, the header's payload length and destination, and
 * every name service announcement.  Malformed messages are dropped with
 * a rate-limited message.  When the device goes away (the remote stopped,
 * crashed or was detached) waiting senders fail with -ECONNRESET and
 * every channel is removed, so their users see the reset.
 *
 * The order in which the device is set up, and what the remote may rely
 * on, is in Documentation/driver-api/rpmsg-virtio.rst.
 */

#include <kunit/visibility.h>
#include <linux/dma-mapping.h>
#include <linux/idr.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/rpmsg/virtio_rpmsg.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/wait.h>

#include "rpmsg_bus.h"

/**
 * struct rpmsg_hdr - header of every message
 * @src: the sender's address
 * @dst: the receiver's address
 * @reserved: zero
 * @len: payload length
 * @flags: zero
 * @data: the payload
 */
struct rpmsg_hdr {
	__rpmsg32 src;
	__rpmsg32 dst;
	__rpmsg32 reserved;
	__rpmsg16 len;
	__rpmsg16 flags;
	u8 data[];
} __packed;

/* Addresses below this one are for services with well-known addresses. */
#define RPMSG_RESERVED_ADDRESSES	1024
/* Largest buffer either direction may have; the header's len is 16 bits. */
#define RPMSG_MAX_BUF_SIZE		SZ_64K
/* Memory of the buffers of one direction, unless the ring is smaller. */
#define RPMSG_POOL_BUDGET		SZ_4M
/* Buffers per direction, at most (as Linux 6.12). */
#define RPMSG_MAX_BUFS			256
/* How long a sender waits for a free buffer (as Linux 6.12). */
#define RPMSG_SEND_TIMEOUT		(15 * HZ)

/**
 * struct rpmsg_vbufs - the buffers of one direction
 * @va: kernel address of each buffer
 * @num: how many there are
 * @size: bytes per buffer, header included
 * @chunk: the allocations they are carved from
 * @chunk_dma: DMA address of each allocation
 * @chunk_len: bytes per allocation
 * @nchunks: number of allocations
 */
struct rpmsg_vbufs {
	void **va;
	unsigned int num;
	size_t size;
	void **chunk;
	dma_addr_t *chunk_dma;
	size_t chunk_len;
	unsigned int nchunks;
};

/**
 * struct rpmsg_vproc - a virtio rpmsg device
 * @vdev: the virtio device
 * @rvq: the input queue
 * @svq: the output queue
 * @rx: buffers of @rvq
 * @tx: buffers of @svq
 * @shm: the device's shared memory region, mapped, when the buffers are
 *	carved from it
 * @tx_next: buffers of @tx handed out at least once
 * @tx_done: counts the remote's returns of send buffers
 * @tx_lock: serialises the use of @svq and @tx_next
 * @rx_lock: serialises the use of @rvq
 * @users: held (shared) by senders and pollers; the device is freed only
 *	after they are gone
 * @sendq: senders waiting for a buffer, and pollers
 * @endpoints: endpoints by address
 * @endpoints_lock: protects @endpoints
 * @ns_ept: the name service endpoint, when the remote offers it
 * @reset: the device is going away; nothing is sent any more
 * @little_endian: byte order of headers and announcements
 * @ref: held by the device and by each of its channels: @sendq, which
 *	files poll, lives as long as a file holds a channel; each holds
 *	the module too, whose code releases the channels
 * @channels_lock: makes finding and adding or removing a channel one step
 */
struct rpmsg_vproc {
	struct kref ref;
	struct virtio_device *vdev;
	struct virtqueue *rvq;
	struct virtqueue *svq;
	struct rpmsg_vbufs rx;
	struct rpmsg_vbufs tx;
	void *shm;
	unsigned int tx_next;
	atomic_t tx_done;
	/* Lock order: tx_lock, then endpoints_lock. */
	struct mutex tx_lock;
	/* Held while messages are delivered. */
	struct mutex rx_lock;
	struct rw_semaphore users;
	wait_queue_head_t sendq;
	struct idr endpoints;
	/* Taken alone on the receive path, never around a callback. */
	struct mutex endpoints_lock;
	struct rpmsg_endpoint *ns_ept;
	bool reset;
	bool little_endian;
	/* Taken before a channel's locks, never inside ctrl->lock. */
	struct mutex channels_lock;
};

/**
 * struct rpmsg_vchannel - a channel of a virtio rpmsg device
 * @rpdev: the channel
 * @vrp: its device
 */
struct rpmsg_vchannel {
	struct rpmsg_device rpdev;
	struct rpmsg_vproc *vrp;
};

static struct rpmsg_vproc *to_vrp(struct rpmsg_device *rpdev)
{
	return container_of(rpdev, struct rpmsg_vchannel, rpdev)->vrp;
}

static void rpmsg_virtio_vrp_release(struct kref *ref)
{
	kfree(container_of(ref, struct rpmsg_vproc, ref));
	module_put(THIS_MODULE);
}

static const struct rpmsg_endpoint_ops rpmsg_virtio_ept_ops;
static int rpmsg_virtio_del_channel(struct rpmsg_vproc *vrp,
				    struct rpmsg_channel_info *chinfo);
static int rpmsg_virtio_add_channel(struct rpmsg_vproc *vrp,
				    struct rpmsg_channel_info *chinfo,
				    const char *driver_override,
				    struct rpmsg_device **rpdevp);

/* Buffer sizes */

/**
 * rpmsg_virtio_buf_sizes() - the sizes of a device's buffers
 * @vdev: the device, features negotiated
 * @rx_size: set to the size of the buffers Linux receives in
 * @tx_size: set to the size of the buffers Linux sends in
 *
 * 512 bytes each, or, with VIRTIO_RPMSG_F_BUFSZ, what the config space
 * gives, checked.
 *
 * Return: 0, or -EINVAL naming the bad field.
 */
int rpmsg_virtio_buf_sizes(struct virtio_device *vdev, size_t *rx_size,
			   size_t *tx_size)
{
	u32 remote_tx, remote_rx;
	u16 size;
	u8 version;

	*rx_size = RPMSG_DEFAULT_BUF_SIZE;
	*tx_size = RPMSG_DEFAULT_BUF_SIZE;
	if (!virtio_has_feature(vdev, VIRTIO_RPMSG_F_BUFSZ))
		return 0;

	/* Read once each: the remote may change the config space. */
	version = virtio_cread8(vdev, offsetof(struct virtio_rpmsg_config, version));
	virtio_cread(vdev, struct virtio_rpmsg_config, size, &size);
	virtio_cread(vdev, struct virtio_rpmsg_config, txbuf_size, &remote_tx);
	virtio_cread(vdev, struct virtio_rpmsg_config, rxbuf_size, &remote_rx);

	if (version != RPMSG_VDEV_CONFIG_V1) {
		dev_err(&vdev->dev, "config space: version %u, expected %u\n",
			version, RPMSG_VDEV_CONFIG_V1);
		return -EINVAL;
	}
	if (size < sizeof(struct virtio_rpmsg_config)) {
		dev_err(&vdev->dev, "config space: size %u, at least %zu expected\n",
			size, sizeof(struct virtio_rpmsg_config));
		return -EINVAL;
	}
	if (remote_tx <= sizeof(struct rpmsg_hdr) || remote_tx > RPMSG_MAX_BUF_SIZE) {
		dev_err(&vdev->dev, "config space: txbuf_size %u is not between %zu and %u\n",
			remote_tx, sizeof(struct rpmsg_hdr) + 1, RPMSG_MAX_BUF_SIZE);
		return -EINVAL;
	}
	if (remote_rx <= sizeof(struct rpmsg_hdr) || remote_rx > RPMSG_MAX_BUF_SIZE) {
		dev_err(&vdev->dev, "config space: rxbuf_size %u is not between %zu and %u\n",
			remote_rx, sizeof(struct rpmsg_hdr) + 1, RPMSG_MAX_BUF_SIZE);
		return -EINVAL;
	}
	/* The remote's view: what it sends in, Linux receives in. */
	*rx_size = remote_tx;
	*tx_size = remote_rx;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rpmsg_virtio_buf_sizes);

/* How many buffers of @size a ring of @ring_num entries gets. */
static unsigned int rpmsg_virtio_nbufs(unsigned int ring_num, size_t size)
{
	unsigned int n = min_t(unsigned int, ring_num, RPMSG_MAX_BUFS);

	return clamp_t(size_t, RPMSG_POOL_BUDGET / size, 1, n);
}

/* Buffer memory */

static void rpmsg_virtio_free_bufs(struct rpmsg_vproc *vrp, struct rpmsg_vbufs *b)
{
	struct device *dma_dev = vrp->vdev->dev.parent;
	unsigned int i;

	for (i = 0; i < b->nchunks; i++)
		dma_free_coherent(dma_dev, b->chunk_len, b->chunk[i],
				  b->chunk_dma[i]);
	kfree(b->chunk);
	kfree(b->chunk_dma);
	kfree(b->va);
	memset(b, 0, sizeof(*b));
}

/*
 * Allocates @b->num buffers of @b->size bytes: from @base if given (the
 * device's shared memory), else in coherent allocations of up to 1 MiB.
 */
static int rpmsg_virtio_alloc_bufs(struct rpmsg_vproc *vrp, struct rpmsg_vbufs *b,
				   void *base)
{
	struct device *dma_dev = vrp->vdev->dev.parent;
	size_t stride = ALIGN(b->size, 16);
	unsigned int per_chunk, i, j, n = 0;

	b->va = kcalloc(b->num, sizeof(*b->va), GFP_KERNEL);
	if (!b->va)
		return -ENOMEM;
	if (base) {
		for (i = 0; i < b->num; i++)
			b->va[i] = base + i * stride;
		return 0;
	}

	per_chunk = max_t(size_t, SZ_1M / stride, 1);
	b->nchunks = DIV_ROUND_UP(b->num, per_chunk);
	b->chunk_len = min_t(size_t, per_chunk, b->num) * stride;
	b->chunk = kcalloc(b->nchunks, sizeof(*b->chunk), GFP_KERNEL);
	b->chunk_dma = kcalloc(b->nchunks, sizeof(*b->chunk_dma), GFP_KERNEL);
	if (!b->chunk || !b->chunk_dma)
		goto nomem;
	for (i = 0; i < b->nchunks; i++) {
		b->chunk[i] = dma_alloc_coherent(dma_dev, b->chunk_len,
						 &b->chunk_dma[i], GFP_KERNEL);
		if (!b->chunk[i]) {
			b->nchunks = i;
			goto nomem;
		}
		for (j = 0; j < per_chunk && n < b->num; j++)
			b->va[n++] = b->chunk[i] + j * stride;
	}
	return 0;

nomem:
	rpmsg_virtio_free_bufs(vrp, b);
	return -ENOMEM;
}

/* The buffers come from the device's shared memory region 0 if it has one. */
static int rpmsg_virtio_buffers(struct rpmsg_vproc *vrp)
{
	struct virtio_device *vdev = vrp->vdev;
	struct virtio_shm_region shm;
	size_t rx_len, need;
	unsigned long flags;
	int ret;

	rx_len = vrp->rx.num * ALIGN(vrp->rx.size, 16);
	need = rx_len + vrp->tx.num * ALIGN(vrp->tx.size, 16);
	if (virtio_get_shm_region(vdev, &shm, 0)) {
		if (shm.len < need) {
			dev_err(&vdev->dev, "shared memory of %llu bytes cannot hold %zu bytes of buffers\n",
				shm.len, need);
			return -ENOMEM;
		}
		/*
		 * As the remote sees it: no cache in between, unless the
		 * memory is RAM the kernel maps already (a simulated SoC's).
		 */
		flags = region_intersects(shm.addr, need, IORESOURCE_SYSTEM_RAM,
					  IORES_DESC_NONE) == REGION_INTERSECTS ?
			MEMREMAP_WB : MEMREMAP_WC;
		vrp->shm = memremap(shm.addr, need, flags);
		if (!vrp->shm)
			return -ENOMEM;
	}

	ret = rpmsg_virtio_alloc_bufs(vrp, &vrp->rx, vrp->shm);
	if (ret)
		goto unmap;
	ret = rpmsg_virtio_alloc_bufs(vrp, &vrp->tx,
				      vrp->shm ? vrp->shm + rx_len : NULL);
	if (ret)
		goto free_rx;
	return 0;

free_rx:
	rpmsg_virtio_free_bufs(vrp, &vrp->rx);
unmap:
	if (vrp->shm)
		memunmap(vrp->shm);
	vrp->shm = NULL;
	return ret;
}

static void rpmsg_virtio_free_buffers(struct rpmsg_vproc *vrp)
{
	rpmsg_virtio_free_bufs(vrp, &vrp->rx);
	rpmsg_virtio_free_bufs(vrp, &vrp->tx);
	if (vrp->shm)
		memunmap(vrp->shm);
	vrp->shm = NULL;
}

/* A scatterlist entry for a buffer, which may be in vmalloc space. */
static void rpmsg_virtio_sg(struct scatterlist *sg, void *buf, unsigned int len)
{
	if (is_vmalloc_addr(buf)) {
		sg_init_table(sg, 1);
		sg_set_page(sg, vmalloc_to_page(buf), len, offset_in_page(buf));
	} else {
		sg_init_one(sg, buf, len);
	}
}

/* Endpoints */

/*
 * The name service's endpoint has a lock class of its own: its callback
 * destroys other endpoints, whose locks are taken inside its own.
 */
static struct lock_class_key rpmsg_virtio_ns_lock_key;

static void rpmsg_virtio_ept_release(struct kref *kref)
{
	kfree(container_of(kref, struct rpmsg_endpoint, refcount));
}

/* Creates an endpoint at @addr, or anywhere above the reserved ones. */
static struct rpmsg_endpoint *rpmsg_virtio_new_ept(struct rpmsg_vproc *vrp,
						   struct rpmsg_device *rpdev,
						   rpmsg_rx_cb_t cb, void *priv,
						   u32 addr)
{
	struct rpmsg_endpoint *ept;
	int start, end, id;

	ept = kzalloc(sizeof(*ept), GFP_KERNEL);
	if (!ept)
		return NULL;
	kref_init(&ept->refcount);
	mutex_init(&ept->cb_lock);
	ept->rpdev = rpdev;
	ept->cb = cb;
	ept->priv = priv;
	ept->ops = &rpmsg_virtio_ept_ops;

	if (addr == RPMSG_ADDR_ANY) {
		start = RPMSG_RESERVED_ADDRESSES;
		end = 0;
	} else if (addr > INT_MAX) {
		dev_err(&vrp->vdev->dev, "endpoint address 0x%x is out of range\n",
			addr);
		goto free;
	} else {
		start = addr;
		end = addr + 1;
	}

	mutex_lock(&vrp->endpoints_lock);
	id = vrp->reset ? -ECONNRESET :
	     idr_alloc(&vrp->endpoints, ept, start, end, GFP_KERNEL);
	mutex_unlock(&vrp->endpoints_lock);
	if (id < 0) {
		dev_err(&vrp->vdev->dev, "cannot create an endpoint at 0x%x: %d\n",
			addr, id);
		goto free;
	}
	ept->addr = id;
	return ept;

free:
	kref_put(&ept->refcount, rpmsg_virtio_ept_release);
	return NULL;
}

static void rpmsg_virtio_del_ept(struct rpmsg_vproc *vrp,
				 struct rpmsg_endpoint *ept)
{
	mutex_lock(&vrp->endpoints_lock);
	idr_remove(&vrp->endpoints, ept->addr);
	mutex_unlock(&vrp->endpoints_lock);

	/* A message being delivered finishes first; none follows. */
	mutex_lock(&ept->cb_lock);
	ept->cb = NULL;
	mutex_unlock(&ept->cb_lock);
	kref_put(&ept->refcount, rpmsg_virtio_ept_release);
}

static void rpmsg_virtio_destroy_ept(struct rpmsg_endpoint *ept)
{
	rpmsg_virtio_del_ept(to_vrp(ept->rpdev), ept);
}

static struct rpmsg_endpoint *rpmsg_virtio_create_ept(struct rpmsg_device *rpdev,
						      rpmsg_rx_cb_t cb,
						      void *priv,
						      struct rpmsg_channel_info chinfo)
{
	return rpmsg_virtio_new_ept(to_vrp(rpdev), rpdev, cb, priv, chinfo.src);
}

/* Sending */

/* A buffer never used yet, or one the remote gave back; under tx_lock. */
static void *rpmsg_virtio_get_tx_buf(struct rpmsg_vproc *vrp)
{
	unsigned int len;

	if (vrp->tx_next < vrp->tx.num)
		return vrp->tx.va[vrp->tx_next++];
	return virtqueue_get_buf(vrp->svq, &len);
}

/* Under tx_lock: a free buffer, or NULL; ERR_PTR once reset. */
static struct rpmsg_hdr *rpmsg_virtio_try_tx_buf(struct rpmsg_vproc *vrp)
{
	struct rpmsg_hdr *msg;

	mutex_lock(&vrp->tx_lock);
	msg = vrp->reset ? ERR_PTR(-ECONNRESET) : rpmsg_virtio_get_tx_buf(vrp);
	mutex_unlock(&vrp->tx_lock);
	return msg;
}

/* A free buffer, or an error if none comes (or the device goes away). */
static struct rpmsg_hdr *rpmsg_virtio_wait_tx_buf(struct rpmsg_vproc *vrp,
						  bool wait)
{
	long left = RPMSG_SEND_TIMEOUT;
	struct rpmsg_hdr *msg;
	unsigned int seen;

	for (;;) {
		/* Read before looking, so a buffer given back after is seen. */
		seen = atomic_read(&vrp->tx_done);
		msg = rpmsg_virtio_try_tx_buf(vrp);
		if (msg)
			return msg;
		if (!wait)
			return ERR_PTR(-ENOMEM);
		if (!left) {
			dev_err_ratelimited(&vrp->vdev->dev, "no free buffer to send in for %d s\n",
					    RPMSG_SEND_TIMEOUT / HZ);
			return ERR_PTR(-ETIMEDOUT);
		}
		left = wait_event_interruptible_timeout(vrp->sendq,
							atomic_read(&vrp->tx_done) != seen ||
							READ_ONCE(vrp->reset),
							left);
		if (left < 0)
			return ERR_PTR(left);
	}
}

static int rpmsg_virtio_send_raw(struct rpmsg_vproc *vrp, u32 src, u32 dst,
				 const void *data, int len, bool wait)
{
	size_t mtu = vrp->tx.size - sizeof(struct rpmsg_hdr);
	struct rpmsg_hdr *msg;
	struct scatterlist sg;
	bool le = vrp->little_endian;
	int ret;

	if (src == RPMSG_ADDR_ANY || dst == RPMSG_ADDR_ANY)
		return -EINVAL;
	if (len < 0 || len > mtu)
		return -EMSGSIZE;

	guard(rwsem_read)(&vrp->users);
	msg = rpmsg_virtio_wait_tx_buf(vrp, wait);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	msg->src = __cpu_to_rpmsg32(le, src);
	msg->dst = __cpu_to_rpmsg32(le, dst);
	msg->reserved = 0;
	msg->len = __cpu_to_rpmsg16(le, len);
	msg->flags = 0;
	memcpy(msg->data, data, len);
	rpmsg_virtio_sg(&sg, msg, sizeof(*msg) + len);

	mutex_lock(&vrp->tx_lock);
	if (vrp->reset) {
		ret = -ECONNRESET;
	} else {
		ret = virtqueue_add_outbuf(vrp->svq, &sg, 1, msg, GFP_KERNEL);
		if (!ret)
			virtqueue_kick(vrp->svq);
	}
	mutex_unlock(&vrp->tx_lock);
	if (ret)
		dev_err_ratelimited(&vrp->vdev->dev, "cannot queue a message: %d\n", ret);
	return ret;
}

static int rpmsg_virtio_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return rpmsg_virtio_send_raw(to_vrp(ept->rpdev), ept->addr,
				     ept->rpdev->dst, data, len, true);
}

static int rpmsg_virtio_sendto(struct rpmsg_endpoint *ept, void *data, int len,
			       u32 dst)
{
	return rpmsg_virtio_send_raw(to_vrp(ept->rpdev), ept->addr, dst, data,
				     len, true);
}

static int rpmsg_virtio_send_offchannel(struct rpmsg_endpoint *ept, u32 src,
					u32 dst, void *data, int len)
{
	return rpmsg_virtio_send_raw(to_vrp(ept->rpdev), src, dst, data, len,
				     true);
}

static int rpmsg_virtio_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	return rpmsg_virtio_send_raw(to_vrp(ept->rpdev), ept->addr,
				     ept->rpdev->dst, data, len, false);
}

static int rpmsg_virtio_trysendto(struct rpmsg_endpoint *ept, void *data,
				  int len, u32 dst)
{
	return rpmsg_virtio_send_raw(to_vrp(ept->rpdev), ept->addr, dst, data,
				     len, false);
}

static int rpmsg_virtio_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src,
					   u32 dst, void *data, int len)
{
	return rpmsg_virtio_send_raw(to_vrp(ept->rpdev), src, dst, data, len,
				     false);
}

/* EPOLLOUT when a buffer is free; EPOLLHUP | EPOLLERR once reset. */
static __poll_t rpmsg_virtio_poll(struct rpmsg_endpoint *ept, struct file *file,
				  poll_table *wait)
{
	struct rpmsg_vproc *vrp = to_vrp(ept->rpdev);
	__poll_t mask = 0;

	down_read(&vrp->users);
	poll_wait(file, &vrp->sendq, wait);
	mutex_lock(&vrp->tx_lock);
	if (vrp->reset)
		mask = EPOLLHUP | EPOLLERR;
	else if (vrp->tx_next < vrp->tx.num || !virtqueue_enable_cb(vrp->svq))
		mask = EPOLLOUT | EPOLLWRNORM;
	mutex_unlock(&vrp->tx_lock);
	up_read(&vrp->users);
	return mask;
}

static ssize_t rpmsg_virtio_get_mtu(struct rpmsg_endpoint *ept)
{
	return to_vrp(ept->rpdev)->tx.size - sizeof(struct rpmsg_hdr);
}

static const struct rpmsg_endpoint_ops rpmsg_virtio_ept_ops = {
	.destroy_ept		= rpmsg_virtio_destroy_ept,
	.send			= rpmsg_virtio_send,
	.sendto			= rpmsg_virtio_sendto,
	.send_offchannel	= rpmsg_virtio_send_offchannel,
	.trysend		= rpmsg_virtio_trysend,
	.trysendto		= rpmsg_virtio_trysendto,
	.trysend_offchannel	= rpmsg_virtio_trysend_offchannel,
	.poll			= rpmsg_virtio_poll,
	.get_mtu		= rpmsg_virtio_get_mtu,
};

/* Channels */

static int rpmsg_virtio_announce(struct rpmsg_device *rpdev, u32 flags)
{
	struct rpmsg_vproc *vrp = to_vrp(rpdev);
	struct rpmsg_ns_msg nsm = {};

	if (!rpdev->announce || !rpdev->ept || !vrp->ns_ept)
		return 0;
	strscpy_pad(nsm.name, rpdev->id.name, sizeof(nsm.name));
	nsm.addr = __cpu_to_rpmsg32(vrp->little_endian, rpdev->ept->addr);
	nsm.flags = __cpu_to_rpmsg32(vrp->little_endian, flags);
	return rpmsg_virtio_send_raw(vrp, rpdev->ept->addr, RPMSG_NS_ADDR, &nsm,
				     sizeof(nsm), true);
}

static int rpmsg_virtio_announce_create(struct rpmsg_device *rpdev)
{
	return rpmsg_virtio_announce(rpdev, RPMSG_NS_CREATE);
}

static int rpmsg_virtio_announce_destroy(struct rpmsg_device *rpdev)
{
	int ret = rpmsg_virtio_announce(rpdev, RPMSG_NS_DESTROY);

	/* Gone with the device: nothing to announce to. */
	return ret == -ECONNRESET ? 0 : ret;
}

static struct rpmsg_device *rpmsg_virtio_create_channel(struct rpmsg_device *rpdev,
							struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_device *new;

	if (rpmsg_virtio_add_channel(to_vrp(rpdev), chinfo, NULL, &new))
		return NULL;
	return new;
}

static int rpmsg_virtio_release_channel(struct rpmsg_device *rpdev,
					struct rpmsg_channel_info *chinfo)
{
	return rpmsg_virtio_del_channel(to_vrp(rpdev), chinfo);
}

static const struct rpmsg_device_ops rpmsg_virtio_dev_ops = {
	.create_channel		= rpmsg_virtio_create_channel,
	.release_channel	= rpmsg_virtio_release_channel,
	.create_ept		= rpmsg_virtio_create_ept,
	.announce_create	= rpmsg_virtio_announce_create,
	.announce_destroy	= rpmsg_virtio_announce_destroy,
};

/*
 * Removes a channel; not the control channel, whose driver is the one
 * asking.  Under channels_lock, so two removals of one channel cannot
 * both find it.
 */
static int rpmsg_virtio_del_channel(struct rpmsg_vproc *vrp,
				    struct rpmsg_channel_info *chinfo)
{
	struct device *dev;

	guard(mutex)(&vrp->channels_lock);
	if (vrp->reset)
		return -ECONNRESET;
	dev = rpmsg_find_device(&vrp->vdev->dev, chinfo);
	if (!dev)
		return -EINVAL;
	if (!strcmp(to_rpmsg_device(dev)->id.name, RPMSG_CTRL_DRIVER)) {
		put_device(dev);
		return -EINVAL;
	}
	device_unregister(dev);
	put_device(dev);
	return 0;
}

static void rpmsg_virtio_release_channel_dev(struct device *dev)
{
	struct rpmsg_vchannel *vch = container_of(to_rpmsg_device(dev),
						  struct rpmsg_vchannel, rpdev);

	kref_put(&vch->vrp->ref, rpmsg_virtio_vrp_release);
	kfree(vch);
}

/*
 * Adds a channel (for the driver of its name, or @driver_override); an
 * existing channel of the same name and addresses is not added twice.
 */
static int rpmsg_virtio_add_channel(struct rpmsg_vproc *vrp,
				    struct rpmsg_channel_info *chinfo,
				    const char *driver_override,
				    struct rpmsg_device **rpdevp)
{
	struct rpmsg_vchannel *vch;
	struct device *dev;
	int ret;

	guard(mutex)(&vrp->channels_lock);
	if (vrp->reset)
		return -ECONNRESET;
	dev = rpmsg_find_device(&vrp->vdev->dev, chinfo);
	if (dev) {
		put_device(dev);
		dev_info_ratelimited(&vrp->vdev->dev, "channel %s from 0x%x exists already\n",
				     chinfo->name, chinfo->dst);
		return -EEXIST;
	}

	vch = kzalloc(sizeof(*vch), GFP_KERNEL);
	if (!vch)
		return -ENOMEM;
	kref_get(&vrp->ref);
	vch->vrp = vrp;
	vch->rpdev.src = chinfo->src;
	vch->rpdev.dst = chinfo->dst;
	vch->rpdev.ops = &rpmsg_virtio_dev_ops;
	vch->rpdev.little_endian = vrp->little_endian;
	/* Linux announces its channels if the remote listens. */
	vch->rpdev.announce = vrp->ns_ept && chinfo->src != RPMSG_ADDR_ANY;
	strscpy_pad(vch->rpdev.id.name, chinfo->name, sizeof(vch->rpdev.id.name));
	vch->rpdev.dev.parent = &vrp->vdev->dev;
	vch->rpdev.dev.release = rpmsg_virtio_release_channel_dev;

	ret = rpmsg_register_device_override(&vch->rpdev, driver_override);
	if (ret)
		return ret;
	if (rpdevp)
		*rpdevp = &vch->rpdev;
	return 0;
}

/* Name service */

/**
 * rpmsg_virtio_check_ns() - check a name service message
 * @dev: device for messages
 * @data: the payload
 * @len: its length
 * @little_endian: its byte order
 * @chinfo: set to the announced channel's name and remote address
 * @flags: set to RPMSG_NS_CREATE or RPMSG_NS_DESTROY
 *
 * Return: 0, or -EINVAL after a rate-limited message naming the fault.
 */
int rpmsg_virtio_check_ns(struct device *dev, const void *data, int len,
			  bool little_endian, struct rpmsg_channel_info *chinfo,
			  u32 *flags)
{
	const struct rpmsg_ns_msg *msg = data;
	u32 addr;

	if (len != sizeof(*msg)) {
		dev_err_ratelimited(dev, "name service: message of %d bytes, expected %zu\n",
				    len, sizeof(*msg));
		return -EINVAL;
	}
	if (!memchr(msg->name, '\0', sizeof(msg->name))) {
		dev_err_ratelimited(dev, "name service: name is not terminated\n");
		return -EINVAL;
	}
	if (!msg->name[0]) {
		dev_err_ratelimited(dev, "name service: empty name\n");
		return -EINVAL;
	}
	addr = __rpmsg32_to_cpu(little_endian, msg->addr);
	if (addr < RPMSG_RESERVED_ADDRESSES || addr == RPMSG_ADDR_ANY) {
		dev_err_ratelimited(dev, "name service: %s at reserved address 0x%x\n",
				    msg->name, addr);
		return -EINVAL;
	}
	*flags = __rpmsg32_to_cpu(little_endian, msg->flags);
	if (*flags != RPMSG_NS_CREATE && *flags != RPMSG_NS_DESTROY) {
		dev_err_ratelimited(dev, "name service: %s: unknown flags 0x%x\n",
				    msg->name, *flags);
		return -EINVAL;
	}
	strscpy(chinfo->name, msg->name, sizeof(chinfo->name));
	chinfo->src = RPMSG_ADDR_ANY;
	chinfo->dst = addr;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rpmsg_virtio_check_ns);

static int rpmsg_virtio_ns_cb(struct rpmsg_device *rpdev, void *data, int len,
			      void *priv, u32 src)
{
	struct rpmsg_vproc *vrp = priv;
	struct device *dev = &vrp->vdev->dev;
	struct rpmsg_channel_info chinfo;
	struct rpmsg_ns_msg msg;
	u32 flags;

	/* Checked on a copy: the remote may still write its buffer. */
	if (len != sizeof(msg)) {
		dev_err_ratelimited(dev, "name service: message of %d bytes, expected %zu\n",
				    len, sizeof(msg));
		return 0;
	}
	memcpy(&msg, data, sizeof(msg));
	if (rpmsg_virtio_check_ns(dev, &msg, len, vrp->little_endian, &chinfo,
				  &flags))
		return 0;

	if (flags == RPMSG_NS_DESTROY) {
		if (rpmsg_virtio_del_channel(vrp, &chinfo))
			dev_err_ratelimited(dev, "name service: no channel %s at 0x%x to remove\n",
					    chinfo.name, chinfo.dst);
		return 0;
	}
	rpmsg_virtio_add_channel(vrp, &chinfo, NULL, NULL);
	return 0;
}

/* Receiving */

/* Checks and delivers one message; the buffer goes back to the remote. */
static void rpmsg_virtio_recv_one(struct rpmsg_vproc *vrp, struct rpmsg_hdr *msg,
				  unsigned int len)
{
	struct device *dev = &vrp->vdev->dev;
	bool le = vrp->little_endian;
	struct rpmsg_endpoint *ept;
	unsigned int msg_len;
	u32 dst;

	if (len < sizeof(*msg) || len > vrp->rx.size) {
		dev_err_ratelimited(dev, "dropped a message: the remote says it wrote %u bytes, the buffer has %zu\n",
				    len, vrp->rx.size);
		return;
	}
	msg_len = __rpmsg16_to_cpu(le, msg->len);
	if (msg_len > len - sizeof(*msg)) {
		dev_err_ratelimited(dev, "dropped a message: payload of %u bytes in %u bytes\n",
				    msg_len, len);
		return;
	}
	dst = __rpmsg32_to_cpu(le, msg->dst);

	mutex_lock(&vrp->endpoints_lock);
	ept = dst <= INT_MAX ? idr_find(&vrp->endpoints, dst) : NULL;
	if (ept)
		kref_get(&ept->refcount);
	mutex_unlock(&vrp->endpoints_lock);
	if (!ept) {
		dev_warn_ratelimited(dev, "dropped a message from 0x%x: no endpoint at 0x%x\n",
				     __rpmsg32_to_cpu(le, msg->src), dst);
		return;
	}

	mutex_lock(&ept->cb_lock);
	if (ept->cb)
		ept->cb(ept->rpdev, msg->data, msg_len, ept->priv,
			__rpmsg32_to_cpu(le, msg->src));
	mutex_unlock(&ept->cb_lock);
	kref_put(&ept->refcount, rpmsg_virtio_ept_release);
}

static int rpmsg_virtio_queue_rx(struct rpmsg_vproc *vrp, void *buf)
{
	struct scatterlist sg;

	rpmsg_virtio_sg(&sg, buf, vrp->rx.size);
	return virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_KERNEL);
}

/*
 * The remote sent: deliver every message, give the buffers back.  Once
 * the device is being removed, nothing more is taken from the ring.
 */
static void rpmsg_virtio_recv_done(struct virtqueue *rvq)
{
	struct rpmsg_vproc *vrp = rvq->vdev->priv;
	unsigned int len, n = 0;
	void *buf;

	/* Endpoint callbacks may sleep, as with Linux 6.12. */
	might_sleep();
	guard(mutex)(&vrp->rx_lock);
	if (vrp->reset)
		return;
	while ((buf = virtqueue_get_buf(rvq, &len))) {
		rpmsg_virtio_recv_one(vrp, buf, len);
		if (rpmsg_virtio_queue_rx(vrp, buf))
			dev_err_ratelimited(&vrp->vdev->dev, "cannot give a buffer back\n");
		n++;
	}
	if (n)
		virtqueue_kick(rvq);
}

/* The remote gave buffers back: wake senders and pollers. */
static void rpmsg_virtio_xmit_done(struct virtqueue *svq)
{
	struct rpmsg_vproc *vrp = svq->vdev->priv;

	atomic_inc(&vrp->tx_done);
	wake_up_interruptible(&vrp->sendq);
}

/* Device */

/* The control channel, which the character device driver binds to. */
static int rpmsg_virtio_add_ctrl(struct rpmsg_vproc *vrp)
{
	struct rpmsg_channel_info chinfo = {
		.src = RPMSG_ADDR_ANY,
		.dst = RPMSG_ADDR_ANY,
	};

	return rpmsg_virtio_add_channel(vrp, &chinfo, RPMSG_CTRL_DRIVER, NULL);
}

static int rpmsg_virtio_remove_child(struct device *dev, void *data)
{
	device_unregister(dev);
	return 0;
}

/*
 * Stops sending, receiving and creating endpoints, waits for a delivery
 * in progress, and wakes whoever waits for a buffer: they get
 * -ECONNRESET.
 */
static void rpmsg_virtio_set_reset(struct rpmsg_vproc *vrp)
{
	mutex_lock(&vrp->tx_lock);
	mutex_lock(&vrp->endpoints_lock);
	WRITE_ONCE(vrp->reset, true);
	mutex_unlock(&vrp->endpoints_lock);
	mutex_unlock(&vrp->tx_lock);
	/*
	 * Wake waiting senders first: one may be an endpoint callback that
	 * holds rx_lock while it waits for a buffer.
	 */
	wake_up_interruptible_all(&vrp->sendq);
	mutex_lock(&vrp->rx_lock);
	mutex_unlock(&vrp->rx_lock);
	/* Senders and pollers inside leave; none finds a buffer now. */
	down_write(&vrp->users);
	up_write(&vrp->users);
}

static int rpmsg_virtio_probe(struct virtio_device *vdev)
{
	struct virtqueue_info vqs_info[] = {
		{ "input", rpmsg_virtio_recv_done },
		{ "output", rpmsg_virtio_xmit_done },
	};
	struct virtqueue *vqs[2];
	struct rpmsg_vproc *vrp;
	unsigned int i;
	bool notify;
	int ret;

	vrp = kzalloc(sizeof(*vrp), GFP_KERNEL);
	if (!vrp)
		return -ENOMEM;
	kref_init(&vrp->ref);
	/* Dropped when the last channel is released (rmmod waits). */
	__module_get(THIS_MODULE);
	mutex_init(&vrp->channels_lock);
	vrp->vdev = vdev;
	vrp->little_endian = virtio_is_little_endian(vdev);
	idr_init(&vrp->endpoints);
	mutex_init(&vrp->endpoints_lock);
	mutex_init(&vrp->tx_lock);
	mutex_init(&vrp->rx_lock);
	init_rwsem(&vrp->users);
	init_waitqueue_head(&vrp->sendq);
	vdev->priv = vrp;

	ret = rpmsg_virtio_buf_sizes(vdev, &vrp->rx.size, &vrp->tx.size);
	if (ret)
		goto free_vrp;

	ret = virtio_find_vqs(vdev, 2, vqs, vqs_info, NULL);
	if (ret)
		goto free_vrp;
	vrp->rvq = vqs[0];
	vrp->svq = vqs[1];
	vrp->rx.num = rpmsg_virtio_nbufs(virtqueue_get_vring_size(vrp->rvq),
					 vrp->rx.size);
	vrp->tx.num = rpmsg_virtio_nbufs(virtqueue_get_vring_size(vrp->svq),
					 vrp->tx.size);

	ret = rpmsg_virtio_buffers(vrp);
	if (ret)
		goto del_vqs;

	/*
	 * The name service listens before the remote sees a buffer, so no
	 * announcement can arrive before it.
	 */
	if (virtio_has_feature(vdev, VIRTIO_RPMSG_F_NS)) {
		vrp->ns_ept = rpmsg_virtio_new_ept(vrp, NULL, rpmsg_virtio_ns_cb,
						   vrp, RPMSG_NS_ADDR);
		if (!vrp->ns_ept) {
			ret = -ENOMEM;
			goto free_bufs;
		}
		lockdep_set_class(&vrp->ns_ept->cb_lock, &rpmsg_virtio_ns_lock_key);
	}

	for (i = 0; i < vrp->rx.num; i++) {
		ret = rpmsg_virtio_queue_rx(vrp, vrp->rx.va[i]);
		if (ret) {
			dev_err(&vdev->dev, "cannot queue receive buffer %u: %d\n",
				i, ret);
			goto del_ns;
		}
	}

	ret = rpmsg_virtio_add_ctrl(vrp);
	if (ret)
		goto del_ns;

	/* Kick after DRIVER_OK: the remote then finds everything in place. */
	notify = virtqueue_kick_prepare(vrp->rvq);
	virtio_device_ready(vdev);
	if (notify)
		virtqueue_notify(vrp->rvq);

	dev_info(&vdev->dev, "rpmsg: %u+%u buffers of %zu/%zu bytes (receive/send), name service %s\n",
		 vrp->rx.num, vrp->tx.num, vrp->rx.size, vrp->tx.size,
		 vrp->ns_ept ? "on" : "off");

	/*
	 * Messages the remote queued before the callbacks were live (an
	 * announcement on its first kick, say) are not lost.
	 */
	rpmsg_virtio_recv_done(vrp->rvq);
	return 0;

del_ns:
	if (vrp->ns_ept)
		rpmsg_virtio_del_ept(vrp, vrp->ns_ept);
free_bufs:
	virtio_reset_device(vdev);
	vdev->config->del_vqs(vdev);
	rpmsg_virtio_free_buffers(vrp);
	goto free_vrp;
del_vqs:
	vdev->config->del_vqs(vdev);
free_vrp:
	idr_destroy(&vrp->endpoints);
	kref_put(&vrp->ref, rpmsg_virtio_vrp_release);
	return ret;
}

static void rpmsg_virtio_remove(struct virtio_device *vdev)
{
	struct rpmsg_vproc *vrp = vdev->priv;

	/* Senders and pollers learn of the reset before channels go. */
	rpmsg_virtio_set_reset(vrp);
	virtio_reset_device(vdev);

	/* After any channel being added or removed by request. */
	mutex_lock(&vrp->channels_lock);
	device_for_each_child(&vdev->dev, NULL, rpmsg_virtio_remove_child);
	mutex_unlock(&vrp->channels_lock);
	if (vrp->ns_ept)
		rpmsg_virtio_del_ept(vrp, vrp->ns_ept);
	if (!idr_is_empty(&vrp->endpoints))
		dev_warn(&vdev->dev, "endpoints left behind by their users\n");
	idr_destroy(&vrp->endpoints);

	vdev->config->del_vqs(vdev);
	rpmsg_virtio_free_buffers(vrp);
	/* Files may still poll @sendq through a channel they hold. */
	kref_put(&vrp->ref, rpmsg_virtio_vrp_release);
}

static const struct virtio_device_id rpmsg_virtio_id_table[] = {
	{ VIRTIO_ID_RPMSG, VIRTIO_DEV_ANY_ID },
	{ }
};
MODULE_DEVICE_TABLE(virtio, rpmsg_virtio_id_table);

static unsigned int rpmsg_virtio_features[] = {
	VIRTIO_RPMSG_F_NS,
	VIRTIO_RPMSG_F_BUFSZ,
};

static struct virtio_driver rpmsg_virtio_driver = {
	.feature_table		= rpmsg_virtio_features,
	.feature_table_size	= ARRAY_SIZE(rpmsg_virtio_features),
	.driver.name		= KBUILD_MODNAME,
	.id_table		= rpmsg_virtio_id_table,
	.probe			= rpmsg_virtio_probe,
	.remove			= rpmsg_virtio_remove,
};
module_virtio_driver(rpmsg_virtio_driver);

MODULE_DESCRIPTION("rpmsg over virtio");
MODULE_LICENSE("GPL");
