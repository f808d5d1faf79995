// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processors of the UML AMP SoC
 *
 * The SoC is simulated on the host that runs User Mode Linux: a daemon
 * owns each core's shared memory (a file, which UML maps with its
 * iomem=<name>,<file> option) and runs the core as a host process that
 * executes the firmware Linux loaded into that memory.  Doorbells,
 * power requests and crash reports travel over a UNIX socket to the
 * daemon; see Documentation/driver-api/uml-amp-soc.rst for the messages.
 */

#include <linux/completion.h>
#include <linux/elf.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "remoteproc_internal.h"

#include <irq_kern.h>
#include <mem_user.h>
#include <os.h>

static char *soc_socket = "";
module_param(soc_socket, charp, 0444);
MODULE_PARM_DESC(soc_socket, "path of the SoC daemon's control socket on the host");

/* Messages between Linux and the SoC daemon, in host byte order. */
enum uml_soc_op {
	UML_SOC_HELLO = 1,	/* a: window da, b: size, c: its physical address */
	UML_SOC_STATE = 2,	/* asks whether the core runs */
	UML_SOC_START = 3,	/* a: entry, b: table da, c: table size */
	UML_SOC_STOP = 4,
	UML_SOC_KICK = 5,	/* a: notify id (both directions) */
	UML_SOC_REPLY = 6,	/* a: 0 or -errno; b: running; c, d: table da, size */
	UML_SOC_CRASH = 7,	/* a: what the daemon saw (signal, or 256 + exit status) */
};

struct uml_soc_msg {
	u32 op;
	u32 core;
	u64 a;
	u64 b;
	u64 c;
	u64 d;
};

#define UML_SOC_REPLY_MS	5000
#define UML_SOC_MAX_NOTIFYID	64

/**
 * struct uml_rproc - one core of the SoC
 * @rproc: the remote processor
 * @dev: the platform device
 * @core: the daemon's number of the core
 * @va: Linux's mapping of the core's shared memory
 * @pa: its physical address
 * @da: the address the core sees it at
 * @size: its size
 * @res: the shared memory's entry in the iomem resource tree
 * @fd: host socket to the daemon, or -1
 * @irq: interrupt of @fd
 * @tx_lock: one message at a time on @fd
 * @req_lock: one request at a time waits for its reply
 * @reply_done: a reply arrived
 * @reply: the last reply
 * @rx: bytes of a message received in part
 * @rx_len: how many
 * @kicks: notify ids the core kicked, not yet handled
 * @kick_work: hands them to the virtio devices in process context
 * @dead: the daemon went away
 */
struct uml_rproc {
	struct rproc *rproc;
	struct device *dev;
	u32 core;
	void *va;
	phys_addr_t pa;
	u64 da;
	size_t size;
	struct resource res;
	int fd;
	int irq;
	spinlock_t tx_lock;		/* serialises writes to @fd */
	struct mutex req_lock;		/* one request in flight */
	struct completion reply_done;
	struct uml_soc_msg reply;
	u8 rx[sizeof(struct uml_soc_msg)];
	size_t rx_len;
	DECLARE_BITMAP(kicks, UML_SOC_MAX_NOTIFYID);
	struct work_struct kick_work;
	bool dead;
};

static int uml_rproc_send(struct uml_rproc *u, u32 op, u64 a, u64 b, u64 c)
{
	struct uml_soc_msg msg = { .op = op, .core = u->core, .a = a, .b = b, .c = c };
	unsigned long flags;
	size_t done = 0;
	int tries = 0;
	int n = 0;

	spin_lock_irqsave(&u->tx_lock, flags);
	while (done < sizeof(msg) && !u->dead) {
		n = os_write_file(u->fd, (u8 *)&msg + done, sizeof(msg) - done);
		if (n > 0)
			done += n;
		else if (n == -EAGAIN && ++tries < 100000)
			cpu_relax();
		else
			break;
	}
	/* Part of a message would misframe every later one: give up. */
	if (done && done < sizeof(msg))
		u->dead = true;
	spin_unlock_irqrestore(&u->tx_lock, flags);
	if (done == sizeof(msg))
		return 0;
	dev_err_ratelimited(u->dev, "cannot reach the SoC daemon (message %u): %d\n", op, n);
	return n < 0 ? n : -ENOTCONN;
}

/* Sends a request and waits for the daemon's reply. */
static int uml_rproc_request(struct uml_rproc *u, u32 op, u64 a, u64 b, u64 c,
			     struct uml_soc_msg *reply)
{
	int ret;

	mutex_lock(&u->req_lock);
	reinit_completion(&u->reply_done);
	ret = uml_rproc_send(u, op, a, b, c);
	if (ret)
		goto out;
	if (!wait_for_completion_timeout(&u->reply_done,
					 msecs_to_jiffies(UML_SOC_REPLY_MS))) {
		/*
		 * Replies carry no tag: a late one would answer the next
		 * request.  A daemon that does not answer is given up on.
		 */
		dev_err(u->dev, "the SoC daemon did not answer request %u; giving up on it\n",
			op);
		u->dead = true;
		ret = -ETIMEDOUT;
		goto out;
	}
	if (u->dead) {
		ret = -ENOTCONN;
		goto out;
	}
	if (reply)
		*reply = u->reply;
	ret = (s64)u->reply.a;
out:
	mutex_unlock(&u->req_lock);
	return ret;
}

static void uml_rproc_kick_work(struct work_struct *work)
{
	struct uml_rproc *u = container_of(work, struct uml_rproc, kick_work);
	unsigned int id;

	for_each_set_bit(id, u->kicks, UML_SOC_MAX_NOTIFYID) {
		clear_bit(id, u->kicks);
		rproc_vq_interrupt(u->rproc, id);
	}
}

static void uml_rproc_message(struct uml_rproc *u, const struct uml_soc_msg *msg)
{
	switch (msg->op) {
	case UML_SOC_KICK:
		if (msg->a >= UML_SOC_MAX_NOTIFYID) {
			dev_err_ratelimited(u->dev, "core kicked notify id %llu, above %u\n",
					    msg->a, UML_SOC_MAX_NOTIFYID - 1);
			break;
		}
		set_bit(msg->a, u->kicks);
		schedule_work(&u->kick_work);
		break;
	case UML_SOC_REPLY:
		u->reply = *msg;
		complete(&u->reply_done);
		break;
	case UML_SOC_CRASH:
		dev_err(u->dev, "core %u %s %llu\n", u->core,
			msg->a >= 256 ? "exited with status" : "died of signal",
			msg->a >= 256 ? msg->a - 256 : msg->a);
		rproc_report_crash(u->rproc, RPROC_FATAL_ERROR);
		break;
	default:
		dev_err_ratelimited(u->dev, "unknown message %u from the SoC daemon\n", msg->op);
	}
}

static irqreturn_t uml_rproc_interrupt(int irq, void *data)
{
	struct uml_rproc *u = data;
	int n;

	while (!u->dead) {
		n = os_read_file(u->fd, u->rx + u->rx_len, sizeof(u->rx) - u->rx_len);
		if (n == -EAGAIN)
			break;
		if (n <= 0) {
			/* The SoC is gone, and the core with it. */
			dev_err(u->dev, "the SoC daemon closed the connection (%d)\n", n);
			u->dead = true;
			complete(&u->reply_done);
			rproc_report_crash(u->rproc, RPROC_FATAL_ERROR);
			break;
		}
		u->rx_len += n;
		if (u->rx_len == sizeof(u->rx)) {
			struct uml_soc_msg msg;

			memcpy(&msg, u->rx, sizeof(msg));
			u->rx_len = 0;
			if (msg.core == u->core)
				uml_rproc_message(u, &msg);
			else
				dev_err_ratelimited(u->dev, "message for core %u\n", msg.core);
		}
	}
	return IRQ_HANDLED;
}

/* The shared memory as carveouts, under the names the node gives. */
static int uml_rproc_prepare(struct rproc *rproc)
{
	struct uml_rproc *u = rproc->priv;
	struct device_node *np = u->dev->of_node;
	struct rproc_mem_entry *mem;
	int n, i;

	n = of_property_count_strings(np, "linux,carveout-names");
	for (i = 0; i < n; i++) {
		const char *name;
		u64 da, len;

		if (of_property_read_string_index(np, "linux,carveout-names", i, &name) ||
		    of_property_read_u64_index(np, "linux,carveouts", 2 * i, &da) ||
		    of_property_read_u64_index(np, "linux,carveouts", 2 * i + 1, &len))
			return -EINVAL;
		mem = rproc_mem_entry_init(u->dev, u->va + (da - u->da), u->pa + (da - u->da),
					   len, da, NULL, NULL, "%s", name);
		if (!mem)
			return -ENOMEM;
		rproc_add_carveout(rproc, mem);
		/* A crash dump holds what the firmware owns. */
		if (!strcmp(name, "firmware") &&
		    rproc_coredump_add_segment(rproc, da, len))
			return -ENOMEM;
	}
	return 0;
}

static int uml_rproc_start(struct rproc *rproc)
{
	struct uml_rproc *u = rproc->priv;
	u64 table_da = 0;

	/* Where the loaded table is, if it is in the core's memory. */
	if ((void *)rproc->table_ptr >= u->va &&
	    (void *)rproc->table_ptr < u->va + u->size)
		table_da = u->da + ((void *)rproc->table_ptr - u->va);
	return uml_rproc_request(u, UML_SOC_START, rproc->bootaddr, table_da,
				 rproc->table_sz, NULL);
}

static int uml_rproc_stop(struct rproc *rproc)
{
	return uml_rproc_request(rproc->priv, UML_SOC_STOP, 0, 0, 0, NULL);
}

static int uml_rproc_attach(struct rproc *rproc)
{
	return 0;
}

static int uml_rproc_detach(struct rproc *rproc)
{
	return 0;
}

static void uml_rproc_kick(struct rproc *rproc, int vqid)
{
	/* @vqid is the vring's notify id, which the core listens for. */
	uml_rproc_send(rproc->priv, UML_SOC_KICK, vqid, 0, 0);
}

static void *uml_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	struct uml_rproc *u = rproc->priv;

	if (da < u->da || da - u->da > u->size || len > u->size - (da - u->da))
		return NULL;
	return u->va + (da - u->da);
}

/* The table the running core published, where the daemon says it is. */
static struct resource_table *uml_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size)
{
	struct uml_rproc *u = rproc->priv;
	struct uml_soc_msg st;
	void *va;

	if (uml_rproc_request(u, UML_SOC_STATE, 0, 0, 0, &st))
		return ERR_PTR(-EIO);
	if (!st.b || !st.d)
		return ERR_PTR(-ENOENT);
	va = uml_rproc_da_to_va(rproc, st.c, st.d, NULL);
	if (!va) {
		dev_err(u->dev, "core %u's table at da 0x%llx, %llu bytes, is outside its memory\n",
			u->core, st.c, st.d);
		return ERR_PTR(-EINVAL);
	}
	*size = st.d;
	return va;
}

static struct rproc_ops uml_rproc_ops = {
	.prepare	= uml_rproc_prepare,
	.start		= uml_rproc_start,
	.stop		= uml_rproc_stop,
	.attach		= uml_rproc_attach,
	.detach		= uml_rproc_detach,
	.kick		= uml_rproc_kick,
	.da_to_va	= uml_rproc_da_to_va,
	.get_loaded_rsc_table = uml_rproc_get_loaded_rsc_table,
};

/* Finds the shared memory UML mapped and registers it as RAM. */
static int uml_rproc_map(struct uml_rproc *u)
{
	struct device_node *np = u->dev->of_node;
	const char *name;
	unsigned long len;
	u64 size;
	int ret;

	if (of_property_read_string(np, "linux,iomem", &name))
		return dev_err_probe(u->dev, -EINVAL, "no linux,iomem property\n");
	if (of_property_read_u64_index(np, "linux,window", 0, &u->da) ||
	    of_property_read_u64_index(np, "linux,window", 1, &size))
		return dev_err_probe(u->dev, -EINVAL, "no linux,window property\n");
	u->va = (void *)find_iomem((char *)name, &len);
	if (!u->va)
		return dev_err_probe(u->dev, -ENODEV,
				     "no iomem region \"%s\"; boot UML with iomem=%s,<file>\n",
				     name, name);
	if (size > len)
		return dev_err_probe(u->dev, -EINVAL,
				     "window of %llu bytes, but iomem \"%s\" has %lu\n",
				     size, name, len);
	u->size = size;
	u->pa = __pa(u->va);

	/*
	 * To Linux the memory is RAM like any other (UML maps it in its
	 * linear map), and memory users such as memremap() find it so.
	 */
	u->res.name = dev_name(u->dev);
	u->res.start = u->pa;
	u->res.end = u->pa + u->size - 1;
	u->res.flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
	ret = insert_resource(&iomem_resource, &u->res);
	if (ret)
		return dev_err_probe(u->dev, ret, "cannot register memory %pa+%zx\n",
				     &u->pa, u->size);
	return 0;
}

static int uml_rproc_check_carveouts(struct uml_rproc *u)
{
	struct device_node *np = u->dev->of_node;
	int n, i;

	n = of_property_count_strings(np, "linux,carveout-names");
	if (n < 0)
		return 0;
	if (of_property_count_u64_elems(np, "linux,carveouts") != 2 * n)
		return dev_err_probe(u->dev, -EINVAL,
				     "linux,carveouts needs a da and a size per name\n");
	for (i = 0; i < n; i++) {
		u64 da, len;

		of_property_read_u64_index(np, "linux,carveouts", 2 * i, &da);
		of_property_read_u64_index(np, "linux,carveouts", 2 * i + 1, &len);
		if (!uml_rproc_da_to_va(u->rproc, da, len, NULL) || !len)
			return dev_err_probe(u->dev, -EINVAL,
					     "carveout %d (da 0x%llx, %llu bytes) is outside the window\n",
					     i, da, len);
	}
	return 0;
}

static void uml_rproc_disconnect(void *data)
{
	struct uml_rproc *u = data;

	um_free_irq(u->irq, u);
	os_close_file(u->fd);
	cancel_work_sync(&u->kick_work);
}

static void uml_rproc_release_mem(void *data)
{
	struct uml_rproc *u = data;

	release_resource(&u->res);
}

static int uml_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct uml_soc_msg st;
	const char *fw = NULL;
	struct uml_rproc *u;
	struct rproc *rproc;
	int ret;

	if (!*soc_socket)
		return dev_err_probe(dev, -EINVAL, "no soc_socket module parameter\n");
	ret = rproc_of_parse_firmware(dev, 0, &fw);
	if (ret && ret != -EINVAL)
		return ret;
	rproc = devm_rproc_alloc(dev, dev_name(dev), &uml_rproc_ops, fw, sizeof(*u));
	if (!rproc)
		return -ENOMEM;
	u = rproc->priv;
	u->rproc = rproc;
	u->dev = dev;
	u->fd = -1;
	spin_lock_init(&u->tx_lock);
	mutex_init(&u->req_lock);
	init_completion(&u->reply_done);
	INIT_WORK(&u->kick_work, uml_rproc_kick_work);
	rproc->elf_class = ELFCLASS64;
	rproc->elf_machine = EM_X86_64;
	rproc->auto_boot = false;
	platform_set_drvdata(pdev, u);

	if (of_property_read_u32(dev->of_node, "linux,core", &u->core))
		return dev_err_probe(dev, -EINVAL, "no linux,core property\n");
	ret = uml_rproc_map(u);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, uml_rproc_release_mem, u);
	if (ret)
		return ret;
	ret = uml_rproc_check_carveouts(u);
	if (ret)
		return ret;
	ret = rproc_of_parse_attach(rproc);
	if (ret)
		return ret;

	u->fd = os_connect_socket(soc_socket);
	if (u->fd < 0)
		return dev_err_probe(dev, u->fd, "cannot connect to the SoC daemon at %s\n",
				     soc_socket);
	os_set_fd_block(u->fd, 0);
	u->irq = um_request_irq(UM_IRQ_ALLOC, u->fd, IRQ_READ, uml_rproc_interrupt,
				0, dev_name(dev), u);
	if (u->irq < 0) {
		os_close_file(u->fd);
		return dev_err_probe(dev, u->irq, "cannot get an interrupt for the socket\n");
	}
	ret = devm_add_action_or_reset(dev, uml_rproc_disconnect, u);
	if (ret)
		return ret;

	ret = uml_rproc_request(u, UML_SOC_HELLO, u->da, u->size, u->pa, &st);
	if (ret)
		return dev_err_probe(dev, ret, "the SoC daemon refused core %u\n", u->core);
	if (st.b) {
		dev_info(dev, "core %u runs already; attaching\n", u->core);
		rproc->state = RPROC_DETACHED;
		rproc->auto_boot = true;
	}
	return devm_rproc_add(dev, rproc);
}

static const struct of_device_id uml_rproc_of_match[] = {
	{ .compatible = "linux,uml-rproc" },
	{ }
};
MODULE_DEVICE_TABLE(of, uml_rproc_of_match);

static struct platform_driver uml_rproc_driver = {
	.probe = uml_rproc_probe,
	.driver = {
		.name = "uml-rproc",
		.of_match_table = uml_rproc_of_match,
	},
};
module_platform_driver(uml_rproc_driver);

MODULE_DESCRIPTION("Remote processors of the UML AMP SoC");
MODULE_LICENSE("GPL");
