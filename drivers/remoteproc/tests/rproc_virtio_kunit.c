// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite rproc_virtio: the virtio transport of remote processors,
 * against a fake processor whose resource table declares a virtio device
 * and a fake remote, in the test, that works the device side of its
 * rings.  A test virtio driver binds to the device.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/mailbox_controller.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include "rproc_kunit_fake.h"

/* A virtio device id no real device uses, and its test driver's feature. */
#define VT_ID		0xfff0
#define VT_FEATURE	3
#define VT_NVRINGS	3
#define VT_NUM		8
#define VT_ALIGN	16
#define VT_CONFIG_LEN	8
/* Where a driver-registered vring region sits in the fake's memory. */
#define VT_REGION_OFF	0x1000
/* Where a driver-registered buffer region sits in it. */
#define VT_BUFFER_OFF	0xc000

/**
 * struct vt_table - a version 1 table: the fake's memory and a vdev
 * @hdr: header
 * @offset: entry offsets
 * @carveout_hdr: entry 0
 * @carveout: the fake's memory
 * @vdev_hdr: entry 1
 * @vdev: the virtio device
 * @vring: its rings
 * @config: its config space
 */
struct vt_table {
	struct resource_table hdr;
	u32 offset[2];
	struct fw_rsc_hdr carveout_hdr;
	struct fw_rsc_carveout carveout;
	struct fw_rsc_hdr vdev_hdr;
	struct fw_rsc_vdev vdev;
	struct fw_rsc_vdev_vring vring[VT_NVRINGS];
	u8 config[VT_CONFIG_LEN];
} __packed;

/**
 * struct vt_table64 - the same as a version 2 table with a 64-bit vdev
 * @hdr: header
 * @offset: entry offsets
 * @carveout_hdr: entry 0
 * @carveout: the fake's memory
 * @vdev_hdr: entry 1
 * @vdev: the virtio device
 * @vring: its rings
 * @config: its config space
 */
struct vt_table64 {
	struct resource_table hdr;
	u32 offset[2];
	struct fw_rsc_hdr carveout_hdr;
	struct fw_rsc_carveout carveout;
	struct fw_rsc_hdr vdev_hdr;
	struct fw_rsc_vdev64 vdev;
	struct fw_rsc_vdev_vring64 vring[VT_NVRINGS];
	u8 config[VT_CONFIG_LEN];
} __packed;

/* What the test driver and the fake's operations saw. */
static struct {
	struct virtio_device *vdev;
	struct virtqueue *vqs[VT_NVRINGS];
	unsigned int nvqs;
	int probes, callbacks;
	/* The live table's vdev when the processor was attached. */
	struct vt_table at_attach;
	/* Kicks: the last notify id and the status the remote saw then. */
	int kicks, kick_id;
	u8 kick_status;
	bool wide;
	/* Bytes of table past the struct (more vrings). */
	size_t extra;
} vt;

static void *vt_live(struct fake_rproc *f)
{
	return f->mem + FAKE_LIVE_OFF;
}

static u8 vt_live_status(struct fake_rproc *f)
{
	if (vt.wide)
		return ((struct vt_table64 *)vt_live(f))->vdev.status;
	return ((struct vt_table *)vt_live(f))->vdev.status;
}

static void vt_kick(struct rproc *rproc, int id)
{
	vt.kicks++;
	vt.kick_id = id;
	vt.kick_status = vt_live_status(fake_of(rproc));
}

static int vt_attach(struct rproc *rproc)
{
	if (!vt.wide)
		memcpy(&vt.at_attach, vt_live(fake_of(rproc)), sizeof(vt.at_attach));
	return fake_attach(rproc);
}

static struct resource_table *vt_get_loaded_rsc_table(struct rproc *rproc,
						      size_t *size)
{
	*size = vt.wide ? sizeof(struct vt_table64) : sizeof(struct vt_table);
	*size += vt.extra;
	return vt_live(fake_of(rproc));
}

/* A driver that registers vdev0vring0 and vdev0buffer inside the fake's memory. */
static int vt_prepare_region(struct rproc *rproc)
{
	struct fake_rproc *f = fake_of(rproc);
	struct rproc_mem_entry *mem;
	int ret = fake_prepare(rproc);

	if (ret)
		return ret;
	mem = rproc_mem_entry_init(rproc->dev.parent, f->mem + VT_REGION_OFF,
				   virt_to_phys(f->mem + VT_REGION_OFF), PAGE_SIZE,
				   FAKE_DA + VT_REGION_OFF, NULL, NULL, "vdev0vring0");
	if (!mem)
		return -ENOMEM;
	rproc_add_carveout(rproc, mem);
	mem = rproc_mem_entry_init(rproc->dev.parent, f->mem + VT_BUFFER_OFF,
				   virt_to_phys(f->mem + VT_BUFFER_OFF), PAGE_SIZE,
				   FAKE_DA + VT_BUFFER_OFF, NULL, NULL, "vdev0buffer");
	if (!mem)
		return -ENOMEM;
	rproc_add_carveout(rproc, mem);
	return 0;
}

static const struct rproc_ops vt_ops = {
	.prepare		= fake_prepare,
	.unprepare		= fake_unprepare,
	.attach			= vt_attach,
	.detach			= fake_detach,
	.kick			= vt_kick,
	.get_loaded_rsc_table	= vt_get_loaded_rsc_table,
};

static const struct rproc_ops vt_region_ops = {
	.prepare		= vt_prepare_region,
	.unprepare		= fake_unprepare,
	.attach			= vt_attach,
	.detach			= fake_detach,
	.kick			= vt_kick,
	.get_loaded_rsc_table	= vt_get_loaded_rsc_table,
};

static void vt_carveout_init(struct fw_rsc_hdr *hdr, struct fw_rsc_carveout *c)
{
	hdr->type = RSC_CARVEOUT;
	c->da = FAKE_DA;
	c->pa = FW_RSC_ADDR_ANY;
	c->len = FAKE_MEM_LEN;
	strscpy(c->name, FAKE_MEM_NAME, sizeof(c->name));
}

/* A version 1 table whose vdev has @nvrings rings the host places. */
static struct vt_table *vt_table_init(struct fake_rproc *f, unsigned int nvrings)
{
	struct vt_table *t = vt_live(f);
	unsigned int i;

	memset(t, 0, sizeof(*t));
	t->hdr.ver = 1;
	t->hdr.num = 2;
	t->offset[0] = offsetof(struct vt_table, carveout_hdr);
	t->offset[1] = offsetof(struct vt_table, vdev_hdr);
	vt_carveout_init(&t->carveout_hdr, &t->carveout);
	t->vdev_hdr.type = RSC_VDEV;
	t->vdev.id = VT_ID;
	t->vdev.notifyid = 0xdead;
	t->vdev.dfeatures = BIT(VT_FEATURE) | BIT(VT_FEATURE + 1);
	t->vdev.config_len = VT_CONFIG_LEN;
	t->vdev.num_of_vrings = nvrings;
	for (i = 0; i < VT_NVRINGS; i++) {
		t->vring[i].da = FW_RSC_ADDR_ANY;
		t->vring[i].align = VT_ALIGN;
		t->vring[i].num = VT_NUM;
		t->vring[i].notifyid = 0xdead;
	}
	for (i = 0; i < VT_CONFIG_LEN; i++)
		t->config[i] = 0xc0 + i;
	return t;
}

static struct vt_table64 *vt_table64_init(struct fake_rproc *f)
{
	struct vt_table64 *t = vt_live(f);
	unsigned int i;

	memset(t, 0, sizeof(*t));
	t->hdr.ver = 2;
	t->hdr.num = 2;
	t->hdr.reserved[0] = sizeof(*t);
	t->offset[0] = offsetof(struct vt_table64, carveout_hdr);
	t->offset[1] = offsetof(struct vt_table64, vdev_hdr);
	vt_carveout_init(&t->carveout_hdr, &t->carveout);
	t->vdev_hdr.type = RSC_VDEV64;
	t->vdev.id = VT_ID;
	t->vdev.dfeatures = BIT_ULL(VIRTIO_F_VERSION_1) | BIT_ULL(VT_FEATURE) |
			    BIT_ULL(50);
	t->vdev.config_len = VT_CONFIG_LEN;
	t->vdev.num_of_vrings = VT_NVRINGS;
	for (i = 0; i < VT_NVRINGS; i++) {
		t->vring[i].da = FW_RSC_ADDR64_ANY;
		t->vring[i].align = VT_ALIGN;
		t->vring[i].num = VT_NUM;
	}
	vt.wide = true;
	return t;
}

static void vt_callback(struct virtqueue *vq)
{
	vt.callbacks++;
}

static int vt_probe(struct virtio_device *vdev)
{
	struct virtqueue_info info[VT_NVRINGS] = {
		{ "vt0", vt_callback }, { "vt1", vt_callback }, { "vt2", vt_callback },
	};
	int ret;

	vt.probes++;
	ret = virtio_find_vqs(vdev, vt.nvqs, vt.vqs, info, NULL);
	if (ret)
		return ret;
	vt.vdev = vdev;
	return 0;
}

static void vt_remove(struct virtio_device *vdev)
{
	virtio_reset_device(vdev);
	vdev->config->del_vqs(vdev);
	vt.vdev = NULL;
}

static const struct virtio_device_id vt_id_table[] = {
	{ VT_ID, VIRTIO_DEV_ANY_ID },
	{ }
};

static unsigned int vt_features[] = { VT_FEATURE };

static struct virtio_driver vt_driver = {
	.driver.name	= "rproc-virtio-kunit",
	.id_table	= vt_id_table,
	.feature_table	= vt_features,
	.feature_table_size = ARRAY_SIZE(vt_features),
	.probe		= vt_probe,
	.remove		= vt_remove,
};

static int vt_suite_init(struct kunit_suite *suite)
{
	return register_virtio_driver(&vt_driver);
}

static void vt_suite_exit(struct kunit_suite *suite)
{
	unregister_virtio_driver(&vt_driver);
}

static int vt_init(struct kunit *test)
{
	memset(&vt, 0, sizeof(vt));
	vt.nvqs = VT_NVRINGS;
	return 0;
}

/* A running fake processor; the test puts its table in place after. */
static struct rproc *vt_attached(struct kunit *test, const struct rproc_ops *ops,
				 struct fake_rproc **fp)
{
	return fake_rproc_new(test, ops, RPROC_DETACHED, fp);
}

/* The remote's view of vring @i: the ring at the address the table gives. */
static void vt_remote_ring(struct kunit *test, struct rproc *rproc,
			   const struct vt_table *t, unsigned int i,
			   struct vring *vr)
{
	void *va = rproc_da_to_va(rproc, t->vring[i].da,
				  vring_size(t->vring[i].num, t->vring[i].align),
				  NULL);

	KUNIT_ASSERT_NOT_NULL(test, va);
	vring_init(vr, t->vring[i].num, va, t->vring[i].align);
}

/* The remote takes the next available buffer; returns its head. */
static u16 vt_remote_take(struct vring *vr, u16 *last, void **buf, u32 *len)
{
	struct virtio_device *vdev = vt.vdev;
	u16 head = virtio16_to_cpu(vdev, vr->avail->ring[*last % vr->num]);

	*buf = phys_to_virt(virtio64_to_cpu(vdev, vr->desc[head].addr));
	*len = virtio32_to_cpu(vdev, vr->desc[head].len);
	(*last)++;
	return head;
}

static void vt_remote_used(struct vring *vr, u32 id, u32 len)
{
	struct virtio_device *vdev = vt.vdev;
	u16 idx = virtio16_to_cpu(vdev, vr->used->idx);

	vr->used->ring[idx % vr->num].id = cpu_to_virtio32(vdev, id);
	vr->used->ring[idx % vr->num].len = cpu_to_virtio32(vdev, len);
	/* The entry is visible before the index that publishes it. */
	virt_wmb();
	vr->used->idx = cpu_to_virtio16(vdev, idx + 1);
}

/* Queues a zeroed receive buffer of @len bytes on @vq; returns it. */
static u8 *vt_queue(struct kunit *test, struct virtqueue *vq, unsigned int len)
{
	struct scatterlist sg;
	u8 *buf = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	sg_init_one(&sg, buf, len);
	KUNIT_ASSERT_EQ(test, virtqueue_add_inbuf(vq, &sg, 1, buf, GFP_KERNEL), 0);
	return buf;
}

/*
 * Ring addresses and notify ids are in the table before the processor is
 * attached; features and DRIVER_OK once the driver probed.
 */
static void vt_attach_order(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	const struct vt_table *seen = &vt.at_attach;
	unsigned int i, j;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);

	for (i = 0; i < VT_NVRINGS; i++) {
		KUNIT_EXPECT_NE(test, seen->vring[i].da, (u32)FW_RSC_ADDR_ANY);
		KUNIT_EXPECT_LT(test, seen->vring[i].notifyid, VT_NVRINGS);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_NE(test, seen->vring[i].notifyid,
					seen->vring[j].notifyid);
		KUNIT_EXPECT_EQ(test, t->vring[i].da, seen->vring[i].da);
		KUNIT_EXPECT_EQ(test, t->vring[i].notifyid, seen->vring[i].notifyid);
		/* The physical address is written too. */
		KUNIT_EXPECT_NE(test, t->vring[i].pa, 0);
	}
	KUNIT_EXPECT_EQ(test, seen->vdev.status, 0);
	KUNIT_EXPECT_EQ(test, seen->vdev.gfeatures, 0);
	KUNIT_EXPECT_EQ(test, rproc->max_notifyid, VT_NVRINGS - 1);

	KUNIT_ASSERT_EQ(test, vt.probes, 1);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	KUNIT_EXPECT_EQ(test, t->vdev.gfeatures, BIT(VT_FEATURE));
	KUNIT_EXPECT_EQ(test, t->vdev.status,
			VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
			VIRTIO_CONFIG_S_DRIVER_OK);
	/* A legacy device: version 1 of virtio needs the 64-bit entry. */
	KUNIT_EXPECT_FALSE(test, virtio_has_feature(vt.vdev, VIRTIO_F_VERSION_1));
}

/* A buffer goes to the remote and comes back through the used ring. */
static void vt_round_trip(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	struct vring vr;
	unsigned int len;
	u16 last = 0, head;
	void *rbuf;
	u32 rlen;
	u8 *buf;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	buf = vt_queue(test, vt.vqs[1], 64);
	KUNIT_EXPECT_TRUE(test, virtqueue_kick(vt.vqs[1]));
	KUNIT_EXPECT_EQ(test, vt.kick_id, (int)t->vring[1].notifyid);

	vt_remote_ring(test, rproc, t, 1, &vr);
	KUNIT_ASSERT_EQ(test, virtio16_to_cpu(vt.vdev, vr.avail->idx), 1);
	head = vt_remote_take(&vr, &last, &rbuf, &rlen);
	KUNIT_EXPECT_PTR_EQ(test, rbuf, (void *)buf);
	KUNIT_EXPECT_EQ(test, rlen, 64);
	memcpy(rbuf, "hello", 5);
	vt_remote_used(&vr, head, 5);

	KUNIT_EXPECT_EQ(test, rproc_vq_interrupt(rproc, t->vring[1].notifyid),
			IRQ_HANDLED);
	KUNIT_EXPECT_EQ(test, vt.callbacks, 1);
	KUNIT_EXPECT_PTR_EQ(test, virtqueue_get_buf(vt.vqs[1], &len), (void *)buf);
	KUNIT_EXPECT_EQ(test, len, 5);
	KUNIT_EXPECT_MEMEQ(test, buf, "hello", 5);

	/* An id no ring has is not handled. */
	KUNIT_EXPECT_EQ(test, rproc_vq_interrupt(rproc, 1000), IRQ_NONE);
}

/* A used entry naming no buffer breaks the queue, not the kernel. */
static void vt_bad_used_id(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	struct vring vr;
	unsigned int len;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	vt_queue(test, vt.vqs[0], 16);

	vt_remote_ring(test, rproc, t, 0, &vr);
	vt_remote_used(&vr, VT_NUM + 3, 16);
	rproc_vq_interrupt(rproc, t->vring[0].notifyid);
	KUNIT_EXPECT_NULL(test, virtqueue_get_buf(vt.vqs[0], &len));
	KUNIT_EXPECT_TRUE(test, virtqueue_is_broken(vt.vqs[0]));
}

/* Config space: inside it the table's bytes, outside nothing. */
static void vt_config_bounds(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	u8 buf[4];

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);

	vt.vdev->config->get(vt.vdev, 4, buf, 4);
	KUNIT_EXPECT_EQ(test, buf[0], 0xc4);
	KUNIT_EXPECT_EQ(test, buf[3], 0xc7);

	memset(buf, 0xff, sizeof(buf));
	vt.vdev->config->get(vt.vdev, 6, buf, 4);
	KUNIT_EXPECT_EQ(test, buf[0], 0);
	KUNIT_EXPECT_EQ(test, buf[3], 0);
	vt.vdev->config->get(vt.vdev, UINT_MAX, buf, 2);
	KUNIT_EXPECT_EQ(test, buf[1], 0);

	buf[0] = 0x11;
	vt.vdev->config->set(vt.vdev, 7, buf, 1);
	KUNIT_EXPECT_EQ(test, t->config[7], 0x11);
	/* The byte after the config space is not the device's. */
	vt.vdev->config->set(vt.vdev, 8, buf, 1);
	KUNIT_EXPECT_EQ(test, ((u8 *)t)[sizeof(*t)], 0);
}

/* A remote scribbling on the status does not change what Linux sees. */
static void vt_status_is_hosts(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	u8 status;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	status = t->vdev.status;
	t->vdev.status = 0xff;
	KUNIT_EXPECT_EQ(test, vt.vdev->config->get_status(vt.vdev), status);
}

/* Detaching resets the device and kicks the remote to say so. */
static void vt_detach_signals_reset(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	u32 vring0;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	vring0 = t->vring[0].notifyid;
	vt.kicks = 0;

	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_NULL(test, vt.vdev);
	KUNIT_EXPECT_GE(test, vt.kicks, 1);
	KUNIT_EXPECT_EQ(test, vt.kick_id, (int)vring0);
	KUNIT_EXPECT_EQ(test, vt.kick_status, 0);
	/* The table the remote published is back as it was. */
	KUNIT_EXPECT_EQ(test, t->vring[0].notifyid, 0xdead);
	KUNIT_EXPECT_EQ(test, t->vring[0].da, (u32)FW_RSC_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, rproc->max_notifyid, -1);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->rvdevs));

	/* And it attaches again. */
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_NOT_NULL(test, vt.vdev);
	KUNIT_EXPECT_EQ(test, vt.probes, 2);
}

/* More rings than a virtio device may have: refused, nothing attached. */
static void vt_too_many_vrings(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);

	struct fw_rsc_vdev_vring *vr = t->vring;
	unsigned int i;

	/* Nine well-formed rings, running past the struct into the table. */
	t->vdev.num_of_vrings = RVDEV_NUM_VRINGS + 1;
	t->vdev.config_len = 0;
	for (i = 0; i < RVDEV_NUM_VRINGS + 1; i++) {
		vr[i].da = FW_RSC_ADDR_ANY;
		vr[i].align = VT_ALIGN;
		vr[i].num = VT_NUM;
	}
	vt.extra = (RVDEV_NUM_VRINGS + 1 - VT_NVRINGS) * sizeof(*vr);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_EQ(test, vt.probes, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->rvdevs));
}

/* A driver needing more rings than the table declares fails to probe. */
static void vt_driver_wants_more(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);

	vt_table_init(f, 2);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, vt.probes, 1);
	KUNIT_EXPECT_NULL(test, vt.vdev);
	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);
}

/* A ring in a region the driver registered, at the address it has. */
static void vt_driver_region(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_region_ops, &f);
	struct vt_table *t = vt_table_init(f, VT_NVRINGS);
	struct virtio_shm_region shm;

	t->vring[0].da = FAKE_DA + VT_REGION_OFF;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	KUNIT_EXPECT_EQ(test, t->vring[0].da, FAKE_DA + VT_REGION_OFF);
	KUNIT_EXPECT_EQ(test, t->vring[0].pa,
			(u32)virt_to_phys(f->mem + VT_REGION_OFF));
	/* The driver's vdev0buffer is the device's shared memory region 0. */
	KUNIT_ASSERT_TRUE(test, virtio_get_shm_region(vt.vdev, &shm, 0));
	KUNIT_EXPECT_EQ(test, shm.addr, (u64)virt_to_phys(f->mem + VT_BUFFER_OFF));
	KUNIT_EXPECT_EQ(test, shm.len, (u64)PAGE_SIZE);
	KUNIT_EXPECT_FALSE(test, virtio_get_shm_region(vt.vdev, &shm, 1));
	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);

	/* A ring elsewhere than the region of its name is refused. */
	t->vring[0].da = FAKE_DA + 2 * VT_REGION_OFF;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);

	/* So is one too large for it. */
	t->vring[0].da = FAKE_DA + VT_REGION_OFF;
	t->vring[0].num = 512;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
}

/* The 64-bit entry: 64-bit features, virtio version 1, FEATURES_OK. */
static void vt_wide_entry(struct kunit *test)
{
	struct fake_rproc *f;
	struct rproc *rproc = vt_attached(test, &vt_ops, &f);
	struct vt_table64 *t = vt_table64_init(f);
	unsigned int i;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	KUNIT_EXPECT_TRUE(test, virtio_has_feature(vt.vdev, VIRTIO_F_VERSION_1));
	KUNIT_EXPECT_EQ(test, t->vdev.gfeatures,
			BIT_ULL(VIRTIO_F_VERSION_1) | BIT_ULL(VT_FEATURE));
	KUNIT_EXPECT_EQ(test, t->vdev.status,
			VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
			VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
	for (i = 0; i < VT_NVRINGS; i++) {
		KUNIT_EXPECT_NE(test, t->vring[i].da, FW_RSC_ADDR64_ANY);
		KUNIT_EXPECT_NE(test, t->vring[i].pa, 0);
		KUNIT_EXPECT_LT(test, t->vring[i].notifyid, VT_NVRINGS);
	}
	vt.kicks = 0;
	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_GE(test, vt.kicks, 1);
	KUNIT_EXPECT_EQ(test, vt.kick_status, 0);
}

struct vt_dt {
	struct of_changeset cs;
	struct device_node *np[4];
};

static void vt_dt_remove(void *data)
{
	struct vt_dt *dt = data;
	unsigned int i;

	of_changeset_revert(&dt->cs);
	of_changeset_destroy(&dt->cs);
	for (i = 0; i < ARRAY_SIZE(dt->np); i++)
		of_node_put(dt->np[i]);
}

/*
 * A processor node with vdev nodes at reg 1 and reg 0, the latter with
 * a virtio,deviceNN child; removed when the test ends.
 */
static struct vt_dt *vt_dt_add(struct kunit *test)
{
	struct vt_dt *dt = kunit_kzalloc(test, sizeof(*dt), GFP_KERNEL);
	struct of_changeset *cs;
	struct device_node *root;
	char compat[24];
	unsigned int i;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, dt);
	cs = &dt->cs;
	root = of_find_node_by_path("/");
	KUNIT_ASSERT_NOT_NULL(test, root);
	of_changeset_init(cs);
	dt->np[0] = of_changeset_create_node(cs, root, "rproc-vt");
	of_node_put(root);
	KUNIT_ASSERT_NOT_NULL(test, dt->np[0]);
	dt->np[1] = of_changeset_create_node(cs, dt->np[0], "vdev@1");
	dt->np[2] = of_changeset_create_node(cs, dt->np[0], "vdev@0");
	KUNIT_ASSERT_NOT_NULL(test, dt->np[1]);
	KUNIT_ASSERT_NOT_NULL(test, dt->np[2]);
	dt->np[3] = of_changeset_create_node(cs, dt->np[2], "dev");
	KUNIT_ASSERT_NOT_NULL(test, dt->np[3]);
	for (i = 1; i <= 2; i++) {
		ret = of_changeset_add_prop_string(cs, dt->np[i], "compatible",
						   "rproc-virtio");
		KUNIT_ASSERT_EQ(test, ret, 0);
		ret = of_changeset_add_prop_u32(cs, dt->np[i], "reg", 2 - i);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	snprintf(compat, sizeof(compat), "virtio,device%x", VT_ID);
	ret = of_changeset_add_prop_string(cs, dt->np[3], "compatible", compat);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, of_changeset_apply(cs), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vt_dt_remove, dt), 0);
	return dt;
}

/*
 * The vdev node whose reg is the vdev's index becomes the transport
 * device's node, and its virtio,deviceNN child the virtio device's.
 */
static void vt_dt_node(struct kunit *test)
{
	struct vt_dt *dt = vt_dt_add(test);
	struct rproc_vdev *rvdev;
	struct fake_rproc *f;
	struct rproc *rproc;

	rproc = fake_rproc_alloc(test, &vt_ops, RPROC_DETACHED, &f);
	rproc->dev.parent->of_node = dt->np[0];
	fake_rproc_add(test, rproc);
	vt_table_init(f, VT_NVRINGS);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);
	rvdev = list_first_entry(&rproc->rvdevs, struct rproc_vdev, node);
	KUNIT_EXPECT_PTR_EQ(test, rvdev->of_node, dt->np[2]);
	KUNIT_EXPECT_PTR_EQ(test, rvdev->pdev->dev.of_node, dt->np[2]);
	KUNIT_EXPECT_PTR_EQ(test, vt.vdev->dev.of_node, dt->np[3]);
	KUNIT_EXPECT_PTR_EQ(test, vt.vdev->dev.parent, &rvdev->pdev->dev);
	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);
	rproc->dev.parent->of_node = NULL;
}

#if IS_ENABLED(CONFIG_MAILBOX)
/* A phandle no real node has, for the fake mailbox controller's node. */
#define VT_MBOX_PHANDLE	0x7e570001

/* A mailbox controller with two channels, recording what it sends. */
static struct {
	struct mbox_controller ctrl;
	struct mbox_chan chans[2];
	int sent[2];
	unsigned long last;
} vt_mbox;

static int vt_mbox_send(struct mbox_chan *chan, void *data)
{
	vt_mbox.sent[chan - vt_mbox.chans]++;
	vt_mbox.last = (unsigned long)data;
	return 0;
}

static bool vt_mbox_tx_done(struct mbox_chan *chan)
{
	return true;
}

static const struct mbox_chan_ops vt_mbox_ops = {
	.send_data	= vt_mbox_send,
	.last_tx_done	= vt_mbox_tx_done,
};

static int vt_mbox_probe(struct platform_device *pdev)
{
	vt_mbox.ctrl.dev = &pdev->dev;
	vt_mbox.ctrl.ops = &vt_mbox_ops;
	vt_mbox.ctrl.chans = vt_mbox.chans;
	vt_mbox.ctrl.num_chans = ARRAY_SIZE(vt_mbox.chans);
	vt_mbox.ctrl.txdone_poll = true;
	vt_mbox.ctrl.txpoll_period = 1;
	return mbox_controller_register(&vt_mbox.ctrl);
}

static void vt_mbox_remove(struct platform_device *pdev)
{
	mbox_controller_unregister(&vt_mbox.ctrl);
}

static struct platform_driver vt_mbox_driver = {
	.probe = vt_mbox_probe,
	.remove = vt_mbox_remove,
	.driver.name = "rproc-vt-mbox",
};

static void vt_mbox_driver_unregister(void *data)
{
	platform_driver_unregister(&vt_mbox_driver);
}

static void vt_mbox_device_unregister(void *pdev)
{
	platform_device_unregister(pdev);
}

/*
 * A processor node whose vdev@0 has channels vq0 and vq1 of a controller
 * node, registered; vring 2 has none.
 */
static struct device_node *vt_dt_mbox_add(struct kunit *test)
{
	struct vt_dt *ctrl = kunit_kzalloc(test, sizeof(*ctrl), GFP_KERNEL);
	struct vt_dt *dt = kunit_kzalloc(test, sizeof(*dt), GFP_KERNEL);
	static const char * const names[] = { "vq0", "vq1" };
	const u32 cells[] = { VT_MBOX_PHANDLE, 0, VT_MBOX_PHANDLE, 1 };
	struct platform_device_info info = {
		.name = "rproc-vt-mbox",
		.id = PLATFORM_DEVID_NONE,
	};
	struct platform_device *pdev;
	struct of_changeset *cs;
	struct device_node *root;

	KUNIT_ASSERT_NOT_NULL(test, ctrl);
	KUNIT_ASSERT_NOT_NULL(test, dt);
	root = of_find_node_by_path("/");
	KUNIT_ASSERT_NOT_NULL(test, root);

	/* The controller first: it needs its phandle before it is referred to. */
	cs = &ctrl->cs;
	of_changeset_init(cs);
	ctrl->np[0] = of_changeset_create_node(cs, root, "vt-mbox");
	KUNIT_ASSERT_NOT_NULL(test, ctrl->np[0]);
	/* The test makes its device; the platform bus must not make another. */
	of_node_set_flag(ctrl->np[0], OF_POPULATED);
	KUNIT_ASSERT_EQ(test, of_changeset_add_prop_u32(cs, ctrl->np[0], "#mbox-cells", 1), 0);
	KUNIT_ASSERT_EQ(test, of_changeset_apply(cs), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vt_dt_remove, ctrl), 0);
	/* A changeset adds "phandle" after the node, too late to count. */
	ctrl->np[0]->phandle = VT_MBOX_PHANDLE;

	/* The controller's device and driver, bound before any consumer. */
	memset(&vt_mbox, 0, sizeof(vt_mbox));
	KUNIT_ASSERT_EQ(test, platform_driver_register(&vt_mbox_driver), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vt_mbox_driver_unregister,
							NULL), 0);
	info.fwnode = of_fwnode_handle(ctrl->np[0]);
	pdev = platform_device_register_full(&info);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pdev));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vt_mbox_device_unregister,
							pdev), 0);
	KUNIT_ASSERT_NOT_NULL(test, pdev->dev.driver);

	cs = &dt->cs;
	of_changeset_init(cs);
	dt->np[0] = of_changeset_create_node(cs, root, "rproc-vtm");
	of_node_put(root);
	KUNIT_ASSERT_NOT_NULL(test, dt->np[0]);
	of_node_set_flag(dt->np[0], OF_POPULATED);
	dt->np[1] = of_changeset_create_node(cs, dt->np[0], "vdev@0");
	KUNIT_ASSERT_NOT_NULL(test, dt->np[1]);
	KUNIT_ASSERT_EQ(test, of_changeset_add_prop_string(cs, dt->np[1], "compatible",
							   "rproc-virtio"), 0);
	KUNIT_ASSERT_EQ(test, of_changeset_add_prop_u32(cs, dt->np[1], "reg", 0), 0);
	KUNIT_ASSERT_EQ(test, of_changeset_add_prop_u32_array(cs, dt->np[1], "mboxes",
							      cells, ARRAY_SIZE(cells)), 0);
	KUNIT_ASSERT_EQ(test, of_changeset_add_prop_string_array(cs, dt->np[1], "mbox-names",
								 names, ARRAY_SIZE(names)), 0);
	KUNIT_ASSERT_EQ(test, of_changeset_apply(cs), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vt_dt_remove, dt), 0);

	return dt->np[0];
}

/*
 * Vrings with a channel of the vdev's own are kicked on it, both ways;
 * the others through the processor's driver.
 */
static void vt_dt_mailboxes(struct kunit *test)
{
	struct device_node *np = vt_dt_mbox_add(test);
	struct fake_rproc *f;
	struct rproc *rproc;
	struct vt_table *t;
	int kicks, sent0, i;
	struct vring vr;
	u16 last = 0, head;
	void *rbuf;
	u32 rlen;

	rproc = fake_rproc_alloc(test, &vt_ops, RPROC_DETACHED, &f);
	rproc->dev.parent->of_node = np;
	fake_rproc_add(test, rproc);
	t = vt_table_init(f, VT_NVRINGS);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_NOT_NULL(test, vt.vdev);

	kicks = vt.kicks;
	vt_queue(test, vt.vqs[1], 16);
	virtqueue_kick(vt.vqs[1]);
	KUNIT_EXPECT_EQ(test, vt_mbox.sent[1], 1);
	KUNIT_EXPECT_EQ(test, vt_mbox.last, t->vring[1].notifyid);
	KUNIT_EXPECT_EQ(test, vt.kicks, kicks);

	vt_queue(test, vt.vqs[2], 16);
	virtqueue_kick(vt.vqs[2]);
	KUNIT_EXPECT_EQ(test, vt.kicks, kicks + 1);
	KUNIT_EXPECT_EQ(test, vt.kick_id, (int)t->vring[2].notifyid);

	/* The remote's kick on vq1's channel reaches the virtqueue. */
	vt_remote_ring(test, rproc, t, 1, &vr);
	head = vt_remote_take(&vr, &last, &rbuf, &rlen);
	vt_remote_used(&vr, head, 5);
	mbox_chan_received_data(&vt_mbox.chans[1], NULL);
	for (i = 0; i < 50 && !vt.callbacks; i++)
		msleep(20);
	KUNIT_EXPECT_EQ(test, vt.callbacks, 1);

	/* The reset's kick goes on vq0's channel. */
	sent0 = vt_mbox.sent[0];
	KUNIT_ASSERT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_GT(test, vt_mbox.sent[0], sent0);
	rproc->dev.parent->of_node = NULL;
}
#else
static void vt_dt_mailboxes(struct kunit *test)
{
	kunit_skip(test, "the kernel has no mailbox framework");
}
#endif

static struct kunit_case rproc_virtio_cases[] = {
	KUNIT_CASE(vt_attach_order),
	KUNIT_CASE(vt_round_trip),
	KUNIT_CASE(vt_bad_used_id),
	KUNIT_CASE(vt_config_bounds),
	KUNIT_CASE(vt_status_is_hosts),
	KUNIT_CASE(vt_detach_signals_reset),
	KUNIT_CASE(vt_too_many_vrings),
	KUNIT_CASE(vt_driver_wants_more),
	KUNIT_CASE(vt_driver_region),
	KUNIT_CASE(vt_wide_entry),
	KUNIT_CASE(vt_dt_node),
	KUNIT_CASE(vt_dt_mailboxes),
	{}
};

static struct kunit_suite rproc_virtio_suite = {
	.name = "rproc_virtio",
	.suite_init = vt_suite_init,
	.suite_exit = vt_suite_exit,
	.init = vt_init,
	.test_cases = rproc_virtio_cases,
};

kunit_test_suite(rproc_virtio_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests of the remote processor virtio transport");
MODULE_LICENSE("GPL");
