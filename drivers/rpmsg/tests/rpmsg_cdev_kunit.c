// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite rpmsg_cdev: endpoint files over a fake virtio device whose
 * remote is the test.  Messages both ways, non-blocking use, the MTU,
 * raw channels, and resets while a reader blocks, while a writer waits
 * for a buffer and while poll sleeps.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>

#include "../rpmsg_bus.h"
#include "rpmsg_fake_vdev.h"

#define RC_REMOTE	0x400
#define RC_NS		BIT_ULL(VIRTIO_RPMSG_F_NS)

/* The control channel of a registered fake device. */
static struct rpmsg_device *rc_ctrl(struct kunit *test, struct fake_vdev *fv)
{
	struct rpmsg_channel_info chinfo = {
		.name = RPMSG_CTRL_DRIVER,
		.src = RPMSG_ADDR_ANY,
		.dst = RPMSG_ADDR_ANY,
	};
	struct device *dev = rpmsg_find_device(&fv->vdev.dev, &chinfo);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	put_device(dev);
	return container_of(dev, struct rpmsg_device, dev);
}

/* Poll masks as plain numbers, for comparing. */
#define RC_MASK(m)	((__force unsigned int)(m))

static unsigned int rc_poll(struct file *file)
{
	return RC_MASK(vfs_poll(file, NULL));
}

static void rc_fput(void *file)
{
	fput(file);
}

/* An endpoint file to the remote's RC_REMOTE, closed after the test. */
static struct file *rc_file(struct kunit *test, struct fake_vdev *fv,
			    unsigned int flags)
{
	struct rpmsg_channel_info chinfo = {
		.name = "kunit-ept",
		.src = RPMSG_ADDR_ANY,
		.dst = RC_REMOTE,
	};
	struct file *file = rpmsg_cdev_ept_file(rc_ctrl(test, fv), &chinfo, flags);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, file);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rc_fput, file), 0);
	return file;
}

static struct fake_vdev *rc_vdev(struct kunit *test)
{
	struct fake_vdev *fv = fake_vdev_new(test, RC_NS);

	fake_vdev_add(test, fv);
	KUNIT_ASSERT_TRUE(test, fv->status & VIRTIO_CONFIG_S_DRIVER_OK);
	return fv;
}

/* The device goes away, as when the remote crashes. */
static void rc_reset(struct kunit *test, struct fake_vdev *fv)
{
	kunit_remove_action(test, fake_vdev_unregister, fv);
	unregister_virtio_device(&fv->vdev);
}

/* One message per write and per read, to and from the endpoint's remote. */
static void rc_round_trip(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct file *file = rc_file(test, fv, O_RDWR);
	char buf[64];
	loff_t pos = 0;
	u32 src, dst;

	KUNIT_ASSERT_EQ(test, kernel_write(file, "hello", 5, &pos), 5);
	KUNIT_ASSERT_EQ(test, fake_remote_recv(fv, &src, &dst, buf, sizeof(buf)), 5);
	KUNIT_EXPECT_EQ(test, dst, RC_REMOTE);
	KUNIT_EXPECT_GE(test, src, 1024);
	KUNIT_EXPECT_MEMEQ(test, buf, "hello", 5);

	KUNIT_ASSERT_EQ(test, fake_remote_send(fv, RC_REMOTE, src, "world", 5), 0);
	KUNIT_EXPECT_EQ(test, kernel_read(file, buf, sizeof(buf), &pos), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, "world", 5);

	/* A message longer than the read: the rest is lost, as before. */
	KUNIT_ASSERT_EQ(test, fake_remote_send(fv, RC_REMOTE, src, "0123456789", 10), 0);
	KUNIT_EXPECT_EQ(test, kernel_read(file, buf, 4, &pos), 4);
	KUNIT_EXPECT_MEMEQ(test, buf, "0123", 4);

	/* Larger than the MTU: refused whole. */
	KUNIT_EXPECT_EQ(test, kernel_write(file, buf, 497, &pos), -EMSGSIZE);
}

/* Without blocking: EAGAIN when nothing came and when no buffer is free. */
static void rc_nonblock(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct file *file = rc_file(test, fv, O_RDWR | O_NONBLOCK);
	loff_t pos = 0;
	char buf[8];
	int i;

	KUNIT_EXPECT_EQ(test, kernel_read(file, buf, sizeof(buf), &pos), -EAGAIN);
	for (i = 0; i < FAKE_VRING_NUM; i++)
		KUNIT_ASSERT_EQ(test, kernel_write(file, "x", 1, &pos), 1);
	KUNIT_EXPECT_EQ(test, kernel_write(file, "x", 1, &pos), -EAGAIN);
	KUNIT_EXPECT_FALSE(test, vfs_poll(file, NULL) & EPOLLOUT);
	KUNIT_EXPECT_FALSE(test, vfs_poll(file, NULL) & EPOLLIN);
}

struct rc_io {
	struct file *file;
	struct completion done;
	bool write;
	ssize_t ret;
};

static int rc_io_thread(void *data)
{
	struct rc_io *io = data;
	loff_t pos = 0;
	char buf[16];

	if (io->write)
		io->ret = kernel_write(io->file, "late", 4, &pos);
	else
		io->ret = kernel_read(io->file, buf, sizeof(buf), &pos);
	complete(&io->done);
	return 0;
}

/* Starts @io in a thread and checks that it blocks. */
static void rc_io_start(struct kunit *test, struct rc_io *io)
{
	struct task_struct *t;

	init_completion(&io->done);
	t = kthread_run(rc_io_thread, io, "rc-io");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&io->done, HZ / 10), 0);
}

/* A reader blocked when the remote resets gets ECONNRESET. */
static void rc_reset_reader(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct rc_io io = { .file = rc_file(test, fv, O_RDWR) };
	loff_t pos = 0;
	char buf[4];

	rc_io_start(test, &io);
	rc_reset(test, fv);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&io.done, 5 * HZ), 0);
	KUNIT_EXPECT_EQ(test, io.ret, -ECONNRESET);

	/* And from then on, every use says so. */
	KUNIT_EXPECT_EQ(test, kernel_read(io.file, buf, sizeof(buf), &pos),
			-ECONNRESET);
	KUNIT_EXPECT_EQ(test, kernel_write(io.file, "x", 1, &pos), -ECONNRESET);
	KUNIT_EXPECT_EQ(test, rc_poll(io.file), RC_MASK(EPOLLHUP | EPOLLERR));
}

/* A writer waiting for a buffer when the remote resets gets ECONNRESET. */
static void rc_reset_writer(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct rc_io io = { .file = rc_file(test, fv, O_RDWR), .write = true };
	loff_t pos = 0;
	int i;

	for (i = 0; i < FAKE_VRING_NUM; i++)
		KUNIT_ASSERT_EQ(test, kernel_write(io.file, "x", 1, &pos), 1);
	rc_io_start(test, &io);
	rc_reset(test, fv);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&io.done, 5 * HZ), 0);
	KUNIT_EXPECT_EQ(test, io.ret, -ECONNRESET);
}

/* A poll table that records the queues it waits on and its wakeups. */
struct rc_poller {
	poll_table pt;
	wait_queue_head_t *head[4];
	struct wait_queue_entry wait[4];
	unsigned int n;
	atomic_t woken;
};

static int rc_poll_wake(struct wait_queue_entry *wait, unsigned int mode,
			int sync, void *key)
{
	struct rc_poller *p = wait->private;

	atomic_inc(&p->woken);
	return 0;
}

static void rc_poll_queue(struct file *file, wait_queue_head_t *head,
			  poll_table *pt)
{
	struct rc_poller *p = container_of(pt, struct rc_poller, pt);

	if (p->n >= ARRAY_SIZE(p->wait))
		return;
	init_waitqueue_func_entry(&p->wait[p->n], rc_poll_wake);
	p->wait[p->n].private = p;
	p->head[p->n] = head;
	add_wait_queue(head, &p->wait[p->n]);
	p->n++;
}

/*
 * A poll sleeping when the remote resets is woken and then sees
 * EPOLLHUP | EPOLLERR; the queues it sleeps on outlive the device.
 */
static void rc_reset_poll(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct file *file = rc_file(test, fv, O_RDWR);
	struct rc_poller p = {};
	unsigned int i;
	__poll_t mask;

	init_poll_funcptr(&p.pt, rc_poll_queue);
	mask = vfs_poll(file, &p.pt);
	KUNIT_EXPECT_EQ(test, RC_MASK(mask), RC_MASK(EPOLLOUT | EPOLLWRNORM));
	KUNIT_EXPECT_GE(test, p.n, 1);

	rc_reset(test, fv);
	KUNIT_EXPECT_GE(test, atomic_read(&p.woken), 1);
	KUNIT_EXPECT_EQ(test, rc_poll(file), RC_MASK(EPOLLHUP | EPOLLERR));
	for (i = 0; i < p.n; i++)
		remove_wait_queue(p.head[i], &p.wait[i]);
}

/* A poll reports data, and the remote's returned buffers as EPOLLOUT. */
static void rc_poll_in_out(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct file *file = rc_file(test, fv, O_RDWR | O_NONBLOCK);
	loff_t pos = 0;
	u32 src, dst;
	char buf[4];
	int i;

	for (i = 0; i < FAKE_VRING_NUM; i++)
		KUNIT_ASSERT_EQ(test, kernel_write(file, "x", 1, &pos), 1);
	KUNIT_EXPECT_EQ(test, rc_poll(file), 0);
	KUNIT_ASSERT_EQ(test, fake_remote_recv(fv, &src, &dst, buf, sizeof(buf)), 1);
	KUNIT_EXPECT_EQ(test, rc_poll(file), RC_MASK(EPOLLOUT | EPOLLWRNORM));
	KUNIT_ASSERT_EQ(test, fake_remote_send(fv, RC_REMOTE, src, "in", 2), 0);
	KUNIT_EXPECT_TRUE(test, vfs_poll(file, NULL) & EPOLLIN);
}

/* The node of a device's first class child, opened. */
static struct file *rc_open_child(struct kunit *test, struct device *parent,
				  char *path, size_t size)
{
	struct device *dev = device_find_any_child(parent);
	struct file *file;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	snprintf(path, size, "/dev/%s", dev_name(dev));
	put_device(dev);
	file = filp_open(path, O_RDWR, 0);
	if (IS_ERR(file))
		kunit_skip(test, "%s cannot be opened (%ld): no devtmpfs", path,
			   PTR_ERR(file));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rc_fput, file), 0);
	return file;
}

/*
 * An "rpmsg-raw" channel gets a device node that goes when the remote
 * withdraws the service; an open file of it then gets ECONNRESET.
 */
static void rc_raw_channel(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct rpmsg_channel_info chinfo = {
		.name = "rpmsg-raw",
		.src = RPMSG_ADDR_ANY,
		.dst = RC_REMOTE,
	};
	struct device *dev;
	struct file *file;
	loff_t pos = 0;
	char path[64];
	u32 src, dst;
	char buf[8];

	KUNIT_ASSERT_EQ(test, fake_remote_announce(fv, "rpmsg-raw", RC_REMOTE,
						   RPMSG_NS_CREATE), 0);
	dev = rpmsg_find_device(&fv->vdev.dev, &chinfo);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_NOT_NULL(test, dev->driver);
	put_device(dev);

	/* Its node: the channel's class child. */
	file = rc_open_child(test, dev, path, sizeof(path));

	KUNIT_ASSERT_EQ(test, kernel_write(file, "raw", 3, &pos), 3);
	KUNIT_ASSERT_EQ(test, fake_remote_recv(fv, &src, &dst, buf, sizeof(buf)), 3);
	KUNIT_EXPECT_EQ(test, dst, RC_REMOTE);
	KUNIT_ASSERT_EQ(test, fake_remote_send(fv, RC_REMOTE, src, "back", 4), 0);
	KUNIT_EXPECT_EQ(test, kernel_read(file, buf, sizeof(buf), &pos), 4);

	KUNIT_ASSERT_EQ(test, fake_remote_announce(fv, "rpmsg-raw", RC_REMOTE,
						   RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, kernel_read(file, buf, sizeof(buf), &pos),
			-ECONNRESET);
	KUNIT_EXPECT_TRUE(test, IS_ERR(filp_open(path, O_RDWR, 0)));
}

/* An endpoint the application destroys gives EPIPE, as with Linux 6.12. */
static void rc_destroyed(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct file *file = rc_file(test, fv, O_RDWR);
	loff_t pos = 0;
	char buf[4];

	KUNIT_ASSERT_EQ(test, file->f_op->unlocked_ioctl(file, RPMSG_DESTROY_EPT_IOCTL, 0),
			0);
	KUNIT_EXPECT_EQ(test, kernel_read(file, buf, sizeof(buf), &pos), -EPIPE);
	KUNIT_EXPECT_EQ(test, kernel_write(file, "x", 1, &pos), -EPIPE);
	KUNIT_EXPECT_EQ(test, rc_poll(file), RC_MASK(EPOLLERR));
	/* Unknown commands, as with Linux 6.12. */
	KUNIT_EXPECT_EQ(test, file->f_op->unlocked_ioctl(file, 0x1234, 0), -EINVAL);
}

/*
 * The control device: its node opens and an unknown request is refused.
 * (Requests with arguments come from user space in the end-to-end tests:
 * a KUnit thread has no user memory on UML, and KUnit's own leaks an mm
 * there.)
 */
static void rc_ctrl_node(struct kunit *test)
{
	struct fake_vdev *fv = rc_vdev(test);
	struct file *ctrl;
	char path[64];

	ctrl = rc_open_child(test, &rc_ctrl(test, fv)->dev, path, sizeof(path));
	KUNIT_EXPECT_EQ(test, ctrl->f_op->unlocked_ioctl(ctrl, 0x1234, 0), -EINVAL);

	/* After a reset the node is gone; the open file refuses requests. */
	rc_reset(test, fv);
	KUNIT_EXPECT_TRUE(test, IS_ERR(filp_open(path, O_RDWR, 0)));
}

static struct kunit_case rpmsg_cdev_cases[] = {
	KUNIT_CASE(rc_round_trip),
	KUNIT_CASE(rc_nonblock),
	KUNIT_CASE(rc_reset_reader),
	KUNIT_CASE(rc_reset_writer),
	KUNIT_CASE(rc_reset_poll),
	KUNIT_CASE(rc_poll_in_out),
	KUNIT_CASE(rc_raw_channel),
	KUNIT_CASE(rc_destroyed),
	KUNIT_CASE(rc_ctrl_node),
	{}
};

static struct kunit_suite rpmsg_cdev_suite = {
	.name = "rpmsg_cdev",
	.test_cases = rpmsg_cdev_cases,
};

kunit_test_suite(rpmsg_cdev_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests of the rpmsg character devices");
MODULE_LICENSE("GPL");
