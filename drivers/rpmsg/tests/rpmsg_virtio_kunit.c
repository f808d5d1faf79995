// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite rpmsg_virtio: rpmsg over a fake virtio device whose remote
 * is the test: buffer sizes in every combination, the name service with
 * good and malformed announcements, messages both ways, malformed
 * messages, and a reset while a sender waits.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>

#include "../rpmsg_bus.h"
#include "rpmsg_fake_vdev.h"

#define RV_SERVICE	"kunit-echo"
#define RV_REMOTE	0x400
#define RV_NS		BIT_ULL(VIRTIO_RPMSG_F_NS)

/* What the test driver saw. */
static struct {
	struct rpmsg_device *rpdev;
	int probes, removes, msgs;
	int last_len;
	u32 last_src;
	u8 last[64];
	/* The callback answers each message, waiting for a buffer. */
	bool reply;
	int reply_ret;
} rv;

static int rv_cb(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		 u32 src)
{
	rv.msgs++;
	rv.last_len = len;
	rv.last_src = src;
	memcpy(rv.last, data, min_t(int, len, sizeof(rv.last)));
	if (rv.reply)
		rv.reply_ret = rpmsg_send(rpdev->ept, "re", 2);
	return 0;
}

static int rv_probe(struct rpmsg_device *rpdev)
{
	rv.probes++;
	rv.rpdev = rpdev;
	return 0;
}

static void rv_remove(struct rpmsg_device *rpdev)
{
	rv.removes++;
	rv.rpdev = NULL;
}

static const struct rpmsg_device_id rv_ids[] = {
	{ .name = RV_SERVICE },
	{ }
};

static struct rpmsg_driver rv_driver = {
	.drv.name	= "rpmsg_virtio_kunit",
	.id_table	= rv_ids,
	.probe		= rv_probe,
	.remove		= rv_remove,
	.callback	= rv_cb,
};

static int rv_suite_init(struct kunit_suite *suite)
{
	return register_rpmsg_driver(&rv_driver);
}

static void rv_suite_exit(struct kunit_suite *suite)
{
	unregister_rpmsg_driver(&rv_driver);
}

static int rv_init(struct kunit *test)
{
	memset(&rv, 0, sizeof(rv));
	return 0;
}

/* A registered device with the name service, and the channel announced. */
static struct fake_vdev *rv_channel_up(struct kunit *test, struct fake_vdev *fv)
{
	fake_vdev_add(test, fv);
	KUNIT_ASSERT_TRUE(test, fv->status & VIRTIO_CONFIG_S_DRIVER_OK);
	KUNIT_ASSERT_EQ(test, fake_remote_announce(fv, RV_SERVICE, RV_REMOTE,
						   RPMSG_NS_CREATE), 0);
	KUNIT_ASSERT_EQ(test, rv.probes, 1);
	KUNIT_ASSERT_NOT_NULL(test, rv.rpdev);
	KUNIT_ASSERT_NOT_NULL(test, rv.rpdev->ept);
	return fv;
}

/* Without VIRTIO_RPMSG_F_BUFSZ: 512-byte buffers, all given to the remote. */
static void rv_defaults(struct kunit *test)
{
	struct fake_vdev *fv = rv_channel_up(test, fake_vdev_new(test, RV_NS));

	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(rv.rpdev->ept), 512 - 16);
	/* Every receive buffer is queued, less the one the announcement used. */
	KUNIT_EXPECT_EQ(test, fake_ring_pending(fv, 0), FAKE_VRING_NUM);
	KUNIT_EXPECT_EQ(test, virtio32_to_cpu(&fv->vdev, fv->ring[0].vr.desc[0].len),
			512);
	KUNIT_EXPECT_EQ(test, rv.rpdev->dst, RV_REMOTE);
	KUNIT_EXPECT_GE(test, rv.rpdev->ept->addr, 1024);
}

/* Messages go both ways, with the channel's addresses. */
static void rv_messages(struct kunit *test)
{
	struct fake_vdev *fv = rv_channel_up(test, fake_vdev_new(test, RV_NS));
	u32 addr = rv.rpdev->ept->addr, src, dst;
	char buf[16];

	KUNIT_ASSERT_EQ(test, rpmsg_send(rv.rpdev->ept, "ping", 4), 0);
	KUNIT_EXPECT_EQ(test, fv->ring[1].kicks, 1);
	KUNIT_ASSERT_EQ(test, fake_remote_recv(fv, &src, &dst, buf, sizeof(buf)), 4);
	KUNIT_EXPECT_EQ(test, src, addr);
	KUNIT_EXPECT_EQ(test, dst, RV_REMOTE);
	KUNIT_EXPECT_MEMEQ(test, buf, "ping", 4);

	KUNIT_ASSERT_EQ(test, fake_remote_send(fv, RV_REMOTE, addr, "pong!", 5), 0);
	KUNIT_EXPECT_EQ(test, rv.msgs, 1);
	KUNIT_EXPECT_EQ(test, rv.last_len, 5);
	KUNIT_EXPECT_EQ(test, rv.last_src, RV_REMOTE);
	KUNIT_EXPECT_MEMEQ(test, rv.last, "pong!", 5);

	/* Sizes and addresses the transport refuses. */
	KUNIT_EXPECT_EQ(test, rpmsg_send(rv.rpdev->ept, buf, 497), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, rpmsg_sendto(rv.rpdev->ept, buf, 1, RPMSG_ADDR_ANY),
			-EINVAL);

	/* Withdrawn by the remote: the driver lets go. */
	KUNIT_ASSERT_EQ(test, fake_remote_announce(fv, RV_SERVICE, RV_REMOTE,
						   RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, rv.removes, 1);
}

/* Malformed messages are dropped; their buffers come back; Linux runs on. */
static void rv_bad_messages(struct kunit *test)
{
	struct fake_vdev *fv = rv_channel_up(test, fake_vdev_new(test, RV_NS));
	u32 addr = rv.rpdev->ept->addr;

	/* Longer than the buffer. */
	KUNIT_EXPECT_EQ(test, fake_remote_send_raw(fv, RV_REMOTE, addr, "x", 1, 1,
						   600, true), 0);
	/* A payload longer than what the remote says it wrote. */
	KUNIT_EXPECT_EQ(test, fake_remote_send_raw(fv, RV_REMOTE, addr, "x", 1, 100,
						   16 + 10, true), 0);
	/* Shorter than a header. */
	KUNIT_EXPECT_EQ(test, fake_remote_send_raw(fv, RV_REMOTE, addr, "x", 1, 0,
						   8, true), 0);
	/* To nobody. */
	KUNIT_EXPECT_EQ(test, fake_remote_send(fv, RV_REMOTE, addr + 1, "x", 1), 0);
	KUNIT_EXPECT_EQ(test, fake_remote_send(fv, RV_REMOTE, 0xffffff00, "x", 1), 0);

	KUNIT_EXPECT_EQ(test, rv.msgs, 0);
	KUNIT_EXPECT_EQ(test, fake_ring_pending(fv, 0), FAKE_VRING_NUM);
	/* A good one still gets through. */
	KUNIT_EXPECT_EQ(test, fake_remote_send(fv, RV_REMOTE, addr, "ok", 2), 0);
	KUNIT_EXPECT_EQ(test, rv.msgs, 1);
}

/* Name service messages that are refused, naming why. */
static void rv_bad_announcements(struct kunit *test)
{
	struct fake_vdev *fv = fake_vdev_new(test, RV_NS);
	struct rpmsg_ns_msg nsm = {};
	struct rpmsg_channel_info chinfo;
	struct device *dev = fv->vdev.dev.parent;
	u32 flags;

	memset(nsm.name, 'a', sizeof(nsm.name));
	nsm.addr = cpu_to_rpmsg32(NULL, RV_REMOTE);
	KUNIT_EXPECT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm), true,
						    &chinfo, &flags), -EINVAL);
	strscpy_pad(nsm.name, RV_SERVICE, sizeof(nsm.name));
	KUNIT_EXPECT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm) - 1, true,
						    &chinfo, &flags), -EINVAL);
	nsm.addr = cpu_to_rpmsg32(NULL, 53);
	KUNIT_EXPECT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm), true,
						    &chinfo, &flags), -EINVAL);
	nsm.addr = cpu_to_rpmsg32(NULL, RPMSG_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm), true,
						    &chinfo, &flags), -EINVAL);
	nsm.addr = cpu_to_rpmsg32(NULL, RV_REMOTE);
	nsm.flags = cpu_to_rpmsg32(NULL, 7);
	KUNIT_EXPECT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm), true,
						    &chinfo, &flags), -EINVAL);
	nsm.flags = 0;
	memset(nsm.name, 0, sizeof(nsm.name));
	KUNIT_EXPECT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm), true,
						    &chinfo, &flags), -EINVAL);
	strscpy_pad(nsm.name, RV_SERVICE, sizeof(nsm.name));
	KUNIT_ASSERT_EQ(test, rpmsg_virtio_check_ns(dev, &nsm, sizeof(nsm), true,
						    &chinfo, &flags), 0);
	KUNIT_EXPECT_STREQ(test, chinfo.name, RV_SERVICE);
	KUNIT_EXPECT_EQ(test, chinfo.dst, RV_REMOTE);
	KUNIT_EXPECT_EQ(test, flags, RPMSG_NS_CREATE);

	/* Through the ring: a reserved address makes no channel. */
	fake_vdev_add(test, fv);
	KUNIT_EXPECT_EQ(test, fake_remote_announce(fv, RV_SERVICE, 0x20,
						   RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, rv.probes, 0);
	/* A second announcement of a channel does not make a second one. */
	KUNIT_EXPECT_EQ(test, fake_remote_announce(fv, RV_SERVICE, RV_REMOTE,
						   RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, fake_remote_announce(fv, RV_SERVICE, RV_REMOTE,
						   RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, rv.probes, 1);
	/* Withdrawing what does not exist changes nothing. */
	KUNIT_EXPECT_EQ(test, fake_remote_announce(fv, "nothing", RV_REMOTE,
						   RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, rv.removes, 0);
}

struct rv_bufsz_case {
	const char *what;
	u8 version;
	u16 size;
	u32 txbuf, rxbuf;
	unsigned int config_len;
	size_t rx, tx;	/* 0: the device must be refused */
};

static const struct rv_bufsz_case rv_bufsz_cases[] = {
	{ "big both ways", 1, 11, 65536, 65536, 11, 65536, 65536 },
	{ "asymmetric", 1, 11, 2048, 4096, 11, 2048, 4096 },
	{ "small", 1, 11, 17, 64, 11, 17, 64 },
	{ "larger config", 1, 16, 1024, 1024, 16, 1024, 1024 },
	{ "version 0", 0, 11, 1024, 1024, 11, 0, 0 },
	{ "version 2", 2, 11, 1024, 1024, 11, 0, 0 },
	{ "size too small", 1, 10, 1024, 1024, 11, 0, 0 },
	{ "txbuf header only", 1, 11, 16, 1024, 11, 0, 0 },
	{ "rxbuf too large", 1, 11, 1024, 65537, 11, 0, 0 },
	{ "config space too short", 1, 11, 1024, 1024, 4, 0, 0 },
};

static void rv_bufsz_desc(const struct rv_bufsz_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rv_bufsz, rv_bufsz_cases, rv_bufsz_desc);

/* Buffer sizes from the config space, or the device refused. */
static void rv_bufsz(struct kunit *test)
{
	const struct rv_bufsz_case *c = test->param_value;
	struct fake_vdev *fv = fake_vdev_new(test, RV_NS);
	size_t rx = 0, tx = 0;
	u32 src, dst;
	u8 *big;

	fake_vdev_bufsz(fv, c->version, c->size, c->txbuf, c->rxbuf);
	fv->config_len = c->config_len;
	fake_vdev_add(test, fv);

	if (!c->rx) {
		KUNIT_EXPECT_FALSE(test, fv->status & VIRTIO_CONFIG_S_DRIVER_OK);
		KUNIT_EXPECT_NULL(test, fv->vdev.dev.driver);
		return;
	}
	KUNIT_ASSERT_EQ(test, rpmsg_virtio_buf_sizes(&fv->vdev, &rx, &tx), 0);
	KUNIT_EXPECT_EQ(test, rx, c->rx);
	KUNIT_EXPECT_EQ(test, tx, c->tx);
	KUNIT_ASSERT_EQ(test, fake_remote_announce(fv, RV_SERVICE, RV_REMOTE,
						   RPMSG_NS_CREATE), 0);
	if (c->rx < 16 + sizeof(struct rpmsg_ns_msg)) {
		/* Too small for an announcement: dropped, not overrun. */
		KUNIT_EXPECT_NULL(test, rv.rpdev);
		return;
	}
	KUNIT_ASSERT_NOT_NULL(test, rv.rpdev);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(rv.rpdev->ept), c->tx - 16);

	/* A message as large as the MTU goes out whole. */
	big = kunit_kzalloc(test, c->tx, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	memset(big, 0x5a, c->tx - 16);
	KUNIT_ASSERT_EQ(test, rpmsg_send(rv.rpdev->ept, big, c->tx - 16), 0);
	memset(big, 0, c->tx);
	KUNIT_EXPECT_EQ(test, fake_remote_recv(fv, &src, &dst, big, c->tx),
			c->tx - 16);
	KUNIT_EXPECT_EQ(test, big[c->tx - 17], 0x5a);
}

struct rv_sender {
	struct rpmsg_endpoint *ept;
	struct completion done;
	int ret;
};

static int rv_send_thread(void *data)
{
	struct rv_sender *s = data;

	s->ret = rpmsg_send(s->ept, "late", 4);
	complete(&s->done);
	return 0;
}

/*
 * With every buffer in the remote's hands, a sender waits; when the device
 * goes away, it gets -ECONNRESET, and the channel is removed.
 */
static void rv_reset_wakes_sender(struct kunit *test)
{
	struct fake_vdev *fv = rv_channel_up(test, fake_vdev_new(test, RV_NS));
	struct rpmsg_endpoint *ept = rv.rpdev->ept;
	struct rv_sender s = { .ept = ept };
	struct task_struct *t;
	int i;

	for (i = 0; i < FAKE_VRING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(ept, "x", 1), 0);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(ept, "x", 1), -ENOMEM);
	KUNIT_EXPECT_FALSE(test, rpmsg_poll(ept, NULL, NULL) & EPOLLOUT);

	init_completion(&s.done);
	t = kthread_run(rv_send_thread, &s, "rv-sender");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&s.done, HZ / 10), 0);

	unregister_virtio_device(&fv->vdev);
	/* The test's own cleanup must not unregister it again. */
	kunit_remove_action(test, fake_vdev_unregister, fv);

	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&s.done, 5 * HZ), 0);
	KUNIT_EXPECT_EQ(test, s.ret, -ECONNRESET);
	KUNIT_EXPECT_EQ(test, rv.removes, 1);
}

struct rv_remote {
	struct fake_vdev *fv;
	u32 dst;
	struct completion done;
};

static int rv_remote_thread(void *data)
{
	struct rv_remote *r = data;

	fake_remote_send(r->fv, RV_REMOTE, r->dst, "q", 1);
	complete(&r->done);
	return 0;
}

/*
 * An endpoint callback that waits for a buffer to answer in, when the
 * device goes away: it gets -ECONNRESET at once, and the removal does
 * not wait for its timeout.
 */
static void rv_reset_wakes_callback(struct kunit *test)
{
	struct fake_vdev *fv = rv_channel_up(test, fake_vdev_new(test, RV_NS));
	struct rv_remote r = { .fv = fv, .dst = rv.rpdev->ept->addr };
	struct task_struct *t;
	unsigned long start;
	int i;

	for (i = 0; i < FAKE_VRING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(rv.rpdev->ept, "x", 1), 0);
	rv.reply = true;
	init_completion(&r.done);
	t = kthread_run(rv_remote_thread, &r, "rv-remote");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&r.done, HZ / 10), 0);

	start = jiffies;
	kunit_remove_action(test, fake_vdev_unregister, fv);
	unregister_virtio_device(&fv->vdev);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r.done, 5 * HZ), 0);
	KUNIT_EXPECT_LT(test, jiffies - start, 2 * HZ);
	KUNIT_EXPECT_EQ(test, rv.reply_ret, -ECONNRESET);
}

/* A buffer the remote gives back makes room: EPOLLOUT again. */
static void rv_poll_out(struct kunit *test)
{
	struct fake_vdev *fv = rv_channel_up(test, fake_vdev_new(test, RV_NS));
	struct rpmsg_endpoint *ept = rv.rpdev->ept;
	u32 src, dst;
	char buf[4];
	int i;

	KUNIT_EXPECT_TRUE(test, rpmsg_poll(ept, NULL, NULL) & EPOLLOUT);
	for (i = 0; i < FAKE_VRING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(ept, "x", 1), 0);
	KUNIT_EXPECT_FALSE(test, rpmsg_poll(ept, NULL, NULL) & EPOLLOUT);
	KUNIT_ASSERT_EQ(test, fake_remote_recv(fv, &src, &dst, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_TRUE(test, rpmsg_poll(ept, NULL, NULL) & EPOLLOUT);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(ept, "y", 1), 0);
}

/*
 * The remote announces on Linux's first kick, and the interrupt that
 * should follow is lost: the announcement is not.
 */
static void rv_announce_on_first_kick_cb(struct fake_vdev *fv)
{
	struct rpmsg_ns_msg nsm = {};

	if (fv->ring[0].kicks)
		return;
	strscpy_pad(nsm.name, RV_SERVICE, sizeof(nsm.name));
	nsm.addr = cpu_to_rpmsg32(NULL, RV_REMOTE);
	fake_remote_send_raw(fv, RV_REMOTE, RPMSG_NS_ADDR, &nsm, sizeof(nsm),
			     sizeof(nsm), 16 + sizeof(nsm), false);
}

static void rv_announce_on_first_kick(struct kunit *test)
{
	struct fake_vdev *fv = fake_vdev_new(test, RV_NS);

	fv->on_kick = rv_announce_on_first_kick_cb;
	fake_vdev_add(test, fv);
	KUNIT_EXPECT_GE(test, fv->ring[0].kicks, 1);
	KUNIT_EXPECT_EQ(test, rv.probes, 1);
	KUNIT_EXPECT_NOT_NULL(test, rv.rpdev);
}

static struct kunit_case rpmsg_virtio_cases[] = {
	KUNIT_CASE(rv_defaults),
	KUNIT_CASE(rv_messages),
	KUNIT_CASE(rv_bad_messages),
	KUNIT_CASE(rv_bad_announcements),
	KUNIT_CASE_PARAM(rv_bufsz, rv_bufsz_gen_params),
	KUNIT_CASE(rv_reset_wakes_sender),
	KUNIT_CASE(rv_reset_wakes_callback),
	KUNIT_CASE(rv_poll_out),
	KUNIT_CASE(rv_announce_on_first_kick),
	{}
};

static struct kunit_suite rpmsg_virtio_suite = {
	.name = "rpmsg_virtio",
	.suite_init = rv_suite_init,
	.suite_exit = rv_suite_exit,
	.init = rv_init,
	.test_cases = rpmsg_virtio_cases,
};

kunit_test_suite(rpmsg_virtio_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests of rpmsg over virtio");
MODULE_LICENSE("GPL");
