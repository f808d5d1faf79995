// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite rpmsg_bus: channels of a fake transport, a test driver
 * that binds to them by name or by override, and the kernel API that
 * forwards to the transport.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>

#include "../rpmsg_bus.h"

#define RB_DRIVER	"rpmsg_bus_kunit"
#define RB_SERVICE	"kunit-svc"

/* What the fake transport and the test driver saw. */
static struct {
	int creates, destroys, sends, announces, unannounces;
	int probes, removes;
	int last_len;
	int probe_ret, announce_ret;
} rbk;

static void rbk_destroy_ept(struct rpmsg_endpoint *ept)
{
	rbk.destroys++;
	kfree(ept);
}

static int rbk_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	rbk.sends++;
	rbk.last_len = len;
	return 0;
}

static const struct rpmsg_endpoint_ops rbk_ept_ops = {
	.destroy_ept	= rbk_destroy_ept,
	.send		= rbk_send,
	.trysend	= rbk_send,
};

static struct rpmsg_endpoint *rbk_create_ept(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo)
{
	struct rpmsg_endpoint *ept = kzalloc(sizeof(*ept), GFP_KERNEL);

	if (!ept)
		return NULL;
	kref_init(&ept->refcount);
	mutex_init(&ept->cb_lock);
	ept->rpdev = rpdev;
	ept->cb = cb;
	ept->priv = priv;
	ept->ops = &rbk_ept_ops;
	ept->addr = chinfo.src == RPMSG_ADDR_ANY ? 1024 + rbk.creates : chinfo.src;
	rbk.creates++;
	return ept;
}

static int rbk_announce_create(struct rpmsg_device *rpdev)
{
	rbk.announces++;
	return rbk.announce_ret;
}

static int rbk_announce_destroy(struct rpmsg_device *rpdev)
{
	rbk.unannounces++;
	return 0;
}

static const struct rpmsg_device_ops rbk_dev_ops = {
	.create_ept		= rbk_create_ept,
	.announce_create	= rbk_announce_create,
	.announce_destroy	= rbk_announce_destroy,
};

static void rbk_release(struct device *dev)
{
	kfree(to_rpmsg_device(dev));
}

static int rbk_unregister_one(struct device *dev, void *data)
{
	device_unregister(dev);
	return 0;
}

static void rbk_unregister_all(void *parent)
{
	device_for_each_child_reverse(parent, NULL, rbk_unregister_one);
}

/* The fake transport's device; its channels go when the test ends. */
static struct device *rbk_parent(struct kunit *test)
{
	struct device *parent = kunit_device_register(test, "rpmsg-bus-kunit");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, parent);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rbk_unregister_all,
							parent), 0);
	return parent;
}

static struct rpmsg_device *rbk_channel(struct kunit *test, struct device *parent,
					const char *name, u32 src, u32 dst)
{
	struct rpmsg_device *rpdev = kzalloc(sizeof(*rpdev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	rpdev->dev.parent = parent;
	rpdev->dev.release = rbk_release;
	strscpy(rpdev->id.name, name, sizeof(rpdev->id.name));
	rpdev->src = src;
	rpdev->dst = dst;
	rpdev->ops = &rbk_dev_ops;
	return rpdev;
}

static int rbk_probe(struct rpmsg_device *rpdev)
{
	rbk.probes++;
	return rbk.probe_ret;
}

static void rbk_remove(struct rpmsg_device *rpdev)
{
	rbk.removes++;
}

static int rbk_callback(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src)
{
	return 0;
}

static const struct rpmsg_device_id rbk_ids[] = {
	{ .name = RB_SERVICE },
	{ }
};

static struct rpmsg_driver rbk_driver = {
	.drv.name	= RB_DRIVER,
	.id_table	= rbk_ids,
	.probe		= rbk_probe,
	.remove		= rbk_remove,
	.callback	= rbk_callback,
};

static int rbk_suite_init(struct kunit_suite *suite)
{
	return register_rpmsg_driver(&rbk_driver);
}

static void rbk_suite_exit(struct kunit_suite *suite)
{
	unregister_rpmsg_driver(&rbk_driver);
}

static int rbk_init(struct kunit *test)
{
	memset(&rbk, 0, sizeof(rbk));
	return 0;
}

/* A channel of the driver's name binds, with its default endpoint. */
static void rbk_bind_by_name(struct kunit *test)
{
	struct device *parent = rbk_parent(test);
	struct rpmsg_device *rpdev = rbk_channel(test, parent, RB_SERVICE, 5, 1024);
	struct rpmsg_channel_info chinfo = {
		.name = RB_SERVICE,
		.src = RPMSG_ADDR_ANY,
		.dst = RPMSG_ADDR_ANY,
	};
	char buf[3] = "abc";
	char *name;

	KUNIT_ASSERT_EQ(test, rpmsg_register_device(rpdev), 0);
	KUNIT_EXPECT_EQ(test, rbk.probes, 1);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, rpdev->ept->addr, 5);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rpdev->ept->cb, (void *)rbk_callback);
	KUNIT_EXPECT_EQ(test, rbk.announces, 1);
	name = kasprintf(GFP_KERNEL, "%s.%s.5.1024", dev_name(parent), RB_SERVICE);
	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_EXPECT_STREQ(test, dev_name(&rpdev->dev), name);
	kfree(name);

	/* The API forwards to the transport, or says it cannot. */
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, buf, 3), 0);
	KUNIT_EXPECT_EQ(test, rbk.sends, 1);
	KUNIT_EXPECT_EQ(test, rbk.last_len, 3);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(rpdev->ept, buf, 2), 0);
	KUNIT_EXPECT_EQ(test, rbk.last_len, 2);
	KUNIT_EXPECT_EQ(test, rpmsg_sendto(rpdev->ept, buf, 3, 7), -ENXIO);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend_offchannel(rpdev->ept, 1, 2, buf, 3),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, (__force unsigned int)rpmsg_poll(rpdev->ept, NULL, NULL),
			0);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(rpdev->ept), -ENOTSUPP);
	KUNIT_EXPECT_EQ(test, rpmsg_set_flow_control(rpdev->ept, true, 7),
			-EOPNOTSUPP);

	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(parent, &chinfo), 0);
	KUNIT_EXPECT_EQ(test, rbk.unannounces, 1);
	KUNIT_EXPECT_EQ(test, rbk.removes, 1);
	KUNIT_EXPECT_EQ(test, rbk.destroys, 1);
	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(parent, &chinfo), -EINVAL);
}

/* A channel of another name stays unbound. */
static void rbk_no_match(struct kunit *test)
{
	struct device *parent = rbk_parent(test);
	struct rpmsg_device *rpdev = rbk_channel(test, parent, "other", 5, 6);

	KUNIT_ASSERT_EQ(test, rpmsg_register_device(rpdev), 0);
	KUNIT_EXPECT_EQ(test, rbk.probes, 0);
	KUNIT_EXPECT_NULL(test, rpdev->dev.driver);
	KUNIT_EXPECT_EQ(test, rbk.creates, 0);
}

/* An override binds the named driver and names the channel after it. */
static void rbk_override(struct kunit *test)
{
	struct device *parent = rbk_parent(test);
	struct rpmsg_device *rpdev = rbk_channel(test, parent, "other", 5, 6);

	KUNIT_ASSERT_EQ(test, rpmsg_register_device_override(rpdev, RB_DRIVER), 0);
	KUNIT_EXPECT_EQ(test, rbk.probes, 1);
	KUNIT_EXPECT_STREQ(test, rpdev->id.name, RB_DRIVER);
}

/* A driver that fails to bind leaves no endpoint and no announcement. */
static void rbk_probe_fails(struct kunit *test)
{
	struct device *parent = rbk_parent(test);
	struct rpmsg_device *rpdev = rbk_channel(test, parent, RB_SERVICE, 5, 6);

	rbk.probe_ret = -EIO;
	KUNIT_ASSERT_EQ(test, rpmsg_register_device(rpdev), 0);
	KUNIT_EXPECT_EQ(test, rbk.probes, 1);
	KUNIT_EXPECT_EQ(test, rbk.destroys, 1);
	KUNIT_EXPECT_EQ(test, rbk.announces, 0);
	KUNIT_EXPECT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_NULL(test, rpdev->dev.driver);
}

/* A channel that cannot be announced is unbound again. */
static void rbk_announce_fails(struct kunit *test)
{
	struct device *parent = rbk_parent(test);
	struct rpmsg_device *rpdev = rbk_channel(test, parent, RB_SERVICE, 5, 6);

	rbk.announce_ret = -EIO;
	KUNIT_ASSERT_EQ(test, rpmsg_register_device(rpdev), 0);
	KUNIT_EXPECT_EQ(test, rbk.removes, 1);
	KUNIT_EXPECT_EQ(test, rbk.destroys, 1);
	KUNIT_EXPECT_NULL(test, rpdev->dev.driver);
}

/* Channels are found by name, and by address where one is given. */
static void rbk_find(struct kunit *test)
{
	struct device *parent = rbk_parent(test);
	struct rpmsg_device *a = rbk_channel(test, parent, "svc", 5, 6);
	struct rpmsg_device *b = rbk_channel(test, parent, "svc", 7, 8);
	struct rpmsg_channel_info chinfo = {
		.name = "svc",
		.src = RPMSG_ADDR_ANY,
		.dst = 8,
	};
	struct device *dev;

	KUNIT_ASSERT_EQ(test, rpmsg_register_device(a), 0);
	KUNIT_ASSERT_EQ(test, rpmsg_register_device(b), 0);

	dev = rpmsg_find_device(parent, &chinfo);
	KUNIT_EXPECT_PTR_EQ(test, dev, &b->dev);
	put_device(dev);

	chinfo.dst = RPMSG_ADDR_ANY;
	dev = rpmsg_find_device(parent, &chinfo);
	KUNIT_EXPECT_PTR_EQ(test, dev, &a->dev);
	put_device(dev);

	chinfo.src = 9;
	KUNIT_EXPECT_NULL(test, rpmsg_find_device(parent, &chinfo));
	strscpy(chinfo.name, "svd", sizeof(chinfo.name));
	chinfo.src = RPMSG_ADDR_ANY;
	KUNIT_EXPECT_NULL(test, rpmsg_find_device(parent, &chinfo));

	/* This transport cannot create channels: said, not crashed. */
	KUNIT_EXPECT_NULL(test, rpmsg_create_channel(a, &chinfo));
	KUNIT_EXPECT_EQ(test, rpmsg_release_channel(a, &chinfo), -ENXIO);
}

static struct kunit_case rpmsg_bus_cases[] = {
	KUNIT_CASE(rbk_bind_by_name),
	KUNIT_CASE(rbk_no_match),
	KUNIT_CASE(rbk_override),
	KUNIT_CASE(rbk_probe_fails),
	KUNIT_CASE(rbk_announce_fails),
	KUNIT_CASE(rbk_find),
	{}
};

static struct kunit_suite rpmsg_bus_suite = {
	.name = "rpmsg_bus",
	.suite_init = rbk_suite_init,
	.suite_exit = rbk_suite_exit,
	.init = rbk_init,
	.test_cases = rpmsg_bus_cases,
};

kunit_test_suite(rpmsg_bus_suite);

MODULE_DESCRIPTION("KUnit tests of the rpmsg bus");
MODULE_LICENSE("GPL");
