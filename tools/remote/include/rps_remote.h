/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Remote side of remoteproc virtio and rpmsg: resource tables, the device
 * side of split vrings, the vdev status protocol and rpmsg endpoints with
 * the name service, as Documentation/driver-api/remote-protocol.rst
 * describes them.
 *
 * Freestanding: needs only <stdint.h>, <stddef.h> and <stdbool.h>, never
 * allocates, and keeps all its state in structures the caller provides.
 * Every field shared with Linux is in the byte order of the remote, which
 * is the host's (little-endian on the reference platform), so the legacy
 * and the VIRTIO_F_VERSION_1 layouts read the same.
 */
#ifndef RPS_REMOTE_H
#define RPS_REMOTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "rps_boot.h"

#define RPS_PACKED	__attribute__((packed))

/* Errors returned by the library (negated errno values of Linux). */
#define RPS_EINVAL	(-22)
#define RPS_EMSGSIZE	(-90)
#define RPS_ECONNRESET	(-104)
#define RPS_ENOTCONN	(-107)
#define RPS_ETIMEDOUT	(-110)

/* ---------------------------------------------------------------------- */
/* Resource table */

#define RPS_RSC_TRACE		2
#define RPS_RSC_VDEV		3
#define RPS_RSC_VDEV64		19
#define RPS_ADDR_ANY		0xffffffffu
#define RPS_ADDR64_ANY		0xffffffffffffffffull

#define RPS_VIRTIO_ID_RPMSG	7
#define RPS_RPMSG_F_NS		0
#define RPS_RPMSG_F_BUFSZ	1
#define RPS_VIRTIO_F_VERSION_1	32

#define RPS_STATUS_ACKNOWLEDGE	0x01
#define RPS_STATUS_DRIVER	0x02
#define RPS_STATUS_DRIVER_OK	0x04
#define RPS_STATUS_FEATURES_OK	0x08

/* Buffer size when VIRTIO_RPMSG_F_BUFSZ is not negotiated. */
#define RPS_DEFAULT_BUF_SIZE	512
/* Largest buffer size of the config space Linux accepts. */
#define RPS_MAX_BUF_SIZE	65536
/* Alignment of the used ring in the tables the macros below declare. */
#define RPS_VRING_ALIGN		4096

/**
 * struct rps_rsc_header - resource table header
 * @ver: 1, or 2 for a table that may hold 64-bit entries
 * @num: number of entries
 * @size: version 2: size of the whole table; version 1: 0
 * @reserved: 0
 */
struct rps_rsc_header {
	uint32_t ver;
	uint32_t num;
	uint32_t size;
	uint32_t reserved;
} RPS_PACKED;

/**
 * struct rps_rsc_vring - vring of a version 1 &struct rps_rsc_vdev
 * @da: device address, RPS_ADDR_ANY for Linux to choose; Linux's field
 * @align: alignment of the used ring, a power of two
 * @num: number of descriptors, a power of two
 * @notifyid: written by Linux
 * @pa: physical address, written by Linux when it fits
 */
struct rps_rsc_vring {
	uint32_t da;
	uint32_t align;
	uint32_t num;
	uint32_t notifyid;
	uint32_t pa;
} RPS_PACKED;

/**
 * struct rps_rsc_vdev - RSC_VDEV entry payload (32-bit features)
 * @id: virtio id, RPS_VIRTIO_ID_RPMSG
 * @notifyid: written by Linux
 * @dfeatures: features the remote offers
 * @gfeatures: features Linux accepted
 * @config_len: bytes of config space after the vrings
 * @status: virtio status, Linux's
 * @num_of_vrings: 2 for rpmsg
 * @reserved: 0
 */
struct rps_rsc_vdev {
	uint32_t id;
	uint32_t notifyid;
	uint32_t dfeatures;
	uint32_t gfeatures;
	uint32_t config_len;
	uint8_t status;
	uint8_t num_of_vrings;
	uint8_t reserved[2];
} RPS_PACKED;

/**
 * struct rps_rsc_vring64 - vring of a &struct rps_rsc_vdev64
 * @da: device address, RPS_ADDR64_ANY for Linux to choose
 * @pa: physical address, written by Linux
 * @align: alignment of the used ring, a power of two
 * @num: number of descriptors, a power of two
 * @notifyid: written by Linux
 * @reserved: 0
 */
struct rps_rsc_vring64 {
	uint64_t da;
	uint64_t pa;
	uint32_t align;
	uint32_t num;
	uint32_t notifyid;
	uint32_t reserved;
} RPS_PACKED;

/**
 * struct rps_rsc_vdev64 - RSC_VDEV64 entry payload (version 2 tables)
 * @id: virtio id
 * @dfeatures: features the remote offers (64 bits)
 * @gfeatures: features Linux accepted
 * @notifyid: written by Linux
 * @config_len: bytes of config space after the vrings
 * @status: virtio status, Linux's
 * @num_of_vrings: 2 for rpmsg
 * @reserved: 0
 */
struct rps_rsc_vdev64 {
	uint32_t id;
	uint64_t dfeatures;
	uint64_t gfeatures;
	uint32_t notifyid;
	uint32_t config_len;
	uint8_t status;
	uint8_t num_of_vrings;
	uint8_t reserved[6];
} RPS_PACKED;

/**
 * struct rps_rpmsg_config - config space of the rpmsg vdev (BUFSZ)
 * @version: 1
 * @size: sizeof(struct rps_rpmsg_config), 11
 * @txbuf_size: size of the buffers the remote sends in (Linux's rx)
 * @rxbuf_size: size of the buffers the remote receives in (Linux's tx)
 */
struct rps_rpmsg_config {
	uint8_t version;
	uint16_t size;
	uint32_t txbuf_size;
	uint32_t rxbuf_size;
} RPS_PACKED;

/**
 * struct rps_rsc_trace - RSC_TRACE entry payload (version 1 layout)
 * @da: device address of the buffer, inside the firmware's memory
 * @len: its length in bytes
 * @reserved: 0
 * @name: NUL-terminated name, e.g. "trace0"
 *
 * The buffer is a ring of text: after each write the remote stores a NUL
 * where the next write goes (Documentation/driver-api/remote-protocol.rst).
 */
struct rps_rsc_trace {
	uint32_t da;
	uint32_t len;
	uint32_t reserved;
	char name[32];
} RPS_PACKED;

/**
 * struct rps_table_v1 - version 1 table with one rpmsg &struct rps_rsc_vdev
 * @hdr: table header
 * @offset: offset of @type
 * @type: RPS_RSC_VDEV
 * @vdev: the entry
 * @vring: its two vrings (0: Linux's rx, 1: Linux's tx)
 * @config: config space, config_len bytes of it are part of the entry
 */
struct rps_table_v1 {
	struct rps_rsc_header hdr;
	uint32_t offset[1];
	uint32_t type;
	struct rps_rsc_vdev vdev;
	struct rps_rsc_vring vring[2];
	struct rps_rpmsg_config config;
} RPS_PACKED __attribute__((aligned(8)));

/**
 * struct rps_table_v1_trace - version 1 table with an rpmsg vdev and a trace
 * @hdr: table header
 * @offset: offsets of @type and @trace_type
 * @type: RPS_RSC_VDEV
 * @vdev: the entry
 * @vring: its two vrings
 * @config: config space
 * @pad: keeps @trace_type 4-byte aligned
 * @trace_type: RPS_RSC_TRACE
 * @trace: the trace buffer's entry
 */
struct rps_table_v1_trace {
	struct rps_rsc_header hdr;
	uint32_t offset[2];
	uint32_t type;
	struct rps_rsc_vdev vdev;
	struct rps_rsc_vring vring[2];
	struct rps_rpmsg_config config;
	uint8_t pad;
	uint32_t trace_type;
	struct rps_rsc_trace trace;
} RPS_PACKED __attribute__((aligned(8)));

/**
 * struct rps_table_v2 - version 2 table with one rpmsg &struct rps_rsc_vdev64
 * @hdr: table header
 * @offset: offset of @type
 * @pad: keeps @type at an 8-byte aligned offset
 * @type: RPS_RSC_VDEV64
 * @vdev: the entry
 * @vring: its two vrings
 * @config: config space
 */
struct rps_table_v2 {
	struct rps_rsc_header hdr;
	uint32_t offset[1];
	uint32_t pad;
	uint32_t type;
	struct rps_rsc_vdev64 vdev;
	struct rps_rsc_vring64 vring[2];
	struct rps_rpmsg_config config;
} RPS_PACKED __attribute__((aligned(8)));

#define RPS_BIT(n)		(1ull << (n))
#define RPS_RPMSG_FEATURES(_bufsz) \
	(RPS_BIT(RPS_RPMSG_F_NS) | ((_bufsz) ? RPS_BIT(RPS_RPMSG_F_BUFSZ) : 0))
#define RPS_CONFIG_INIT(_tx, _rx) \
	{ .version = 1, .size = sizeof(struct rps_rpmsg_config), \
	  .txbuf_size = (_tx), .rxbuf_size = (_rx) }

/**
 * RPS_TABLE_V1_INIT() - initialiser of a &struct rps_table_v1
 * @_num: descriptors per vring
 * @_tx: BUFSZ txbuf_size, 0 to leave VIRTIO_RPMSG_F_BUFSZ out
 * @_rx: BUFSZ rxbuf_size (ignored when @_tx is 0)
 *
 * Vrings at RPS_ADDR_ANY with RPS_VRING_ALIGN, features NS (and BUFSZ).
 */
#define RPS_TABLE_V1_INIT(_num, _tx, _rx) {					\
	.hdr = { .ver = 1, .num = 1 },						\
	.offset = { offsetof(struct rps_table_v1, type) },			\
	RPS_VDEV_V1_INIT(_num, _tx, _rx)					\
}

/* The members type, vdev, vring and config of a version 1 table. */
#define RPS_VDEV_V1_INIT(_num, _tx, _rx)					\
	.type = RPS_RSC_VDEV,							\
	.vdev = {								\
		.id = RPS_VIRTIO_ID_RPMSG,					\
		.dfeatures = (uint32_t)RPS_RPMSG_FEATURES(_tx),			\
		.config_len = (_tx) ? sizeof(struct rps_rpmsg_config) : 0,	\
		.num_of_vrings = 2,						\
	},									\
	.vring = {								\
		{ RPS_ADDR_ANY, RPS_VRING_ALIGN, (_num), 0, RPS_ADDR_ANY },	\
		{ RPS_ADDR_ANY, RPS_VRING_ALIGN, (_num), 0, RPS_ADDR_ANY },	\
	},									\
	.config = RPS_CONFIG_INIT(_tx, _rx)

/**
 * RPS_TABLE_V1_TRACE_INIT() - initialiser of a &struct rps_table_v1_trace
 * @_num: descriptors per vring
 * @_tx: BUFSZ txbuf_size, 0 to leave VIRTIO_RPMSG_F_BUFSZ out
 * @_rx: BUFSZ rxbuf_size
 * @_da: device address of the trace buffer "trace0"
 * @_len: its length
 */
#define RPS_TABLE_V1_TRACE_INIT(_num, _tx, _rx, _da, _len) {			\
	.hdr = { .ver = 1, .num = 2 },						\
	.offset = { offsetof(struct rps_table_v1_trace, type),			\
		    offsetof(struct rps_table_v1_trace, trace_type) },		\
	RPS_VDEV_V1_INIT(_num, _tx, _rx),					\
	.trace_type = RPS_RSC_TRACE,						\
	.trace = { .da = (_da), .len = (_len), .name = "trace0" },		\
}

/**
 * RPS_TABLE_V2_INIT() - initialiser of a &struct rps_table_v2
 * @_num: descriptors per vring
 * @_tx: BUFSZ txbuf_size, 0 to leave VIRTIO_RPMSG_F_BUFSZ out
 * @_rx: BUFSZ rxbuf_size
 * @_extra: further features offered, e.g. RPS_BIT(RPS_VIRTIO_F_VERSION_1)
 */
#define RPS_TABLE_V2_INIT(_num, _tx, _rx, _extra) {				\
	.hdr = { .ver = 2, .num = 1, .size = sizeof(struct rps_table_v2) },	\
	.offset = { offsetof(struct rps_table_v2, type) },			\
	.type = RPS_RSC_VDEV64,							\
	.vdev = {								\
		.id = RPS_VIRTIO_ID_RPMSG,					\
		.dfeatures = RPS_RPMSG_FEATURES(_tx) | (_extra),			\
		.config_len = (_tx) ? sizeof(struct rps_rpmsg_config) : 0,	\
		.num_of_vrings = 2,						\
	},									\
	.vring = {								\
		{ RPS_ADDR64_ANY, RPS_ADDR64_ANY, RPS_VRING_ALIGN, (_num), 0, 0 },\
		{ RPS_ADDR64_ANY, RPS_ADDR64_ANY, RPS_VRING_ALIGN, (_num), 0, 0 },\
	},									\
	.config = RPS_CONFIG_INIT(_tx, _rx),					\
}

/*
 * RPS_DECLARE_TABLE_V1/V1_TRACE/V2() - define the live table @name in the
 * .resource_table section and a read-only copy @name##_declared, which
 * rps_init() keeps as the pristine entry.
 */
#define RPS_DECLARE_TABLE_V1(name, _num, _tx, _rx)				\
	const struct rps_table_v1 name##_declared = RPS_TABLE_V1_INIT(_num, _tx, _rx); \
	struct rps_table_v1 name						\
	__attribute__((section(".resource_table"), used)) =		\
		RPS_TABLE_V1_INIT(_num, _tx, _rx)
#define RPS_DECLARE_TABLE_V1_TRACE(name, _num, _tx, _rx, _da, _len)		\
	const struct rps_table_v1_trace name##_declared =			\
		RPS_TABLE_V1_TRACE_INIT(_num, _tx, _rx, _da, _len);		\
	struct rps_table_v1_trace name						\
	__attribute__((section(".resource_table"), used)) =		\
		RPS_TABLE_V1_TRACE_INIT(_num, _tx, _rx, _da, _len)
#define RPS_DECLARE_TABLE_V2(name, _num, _tx, _rx, _extra)			\
	const struct rps_table_v2 name##_declared =				\
		RPS_TABLE_V2_INIT(_num, _tx, _rx, _extra);				\
	struct rps_table_v2 name						\
	__attribute__((section(".resource_table"), used)) =		\
		RPS_TABLE_V2_INIT(_num, _tx, _rx, _extra)

/* ---------------------------------------------------------------------- */
/* Split vrings, device side */

#define RPS_VRING_DESC_F_NEXT		1
#define RPS_VRING_DESC_F_WRITE		2
#define RPS_VRING_DESC_F_INDIRECT	4
#define RPS_VRING_MAX_NUM		32768

/**
 * struct rps_vring_desc - split vring descriptor
 * @addr: Linux physical address of the buffer
 * @len: its length
 * @flags: RPS_VRING_DESC_F_*
 * @next: next descriptor of a chain
 */
struct rps_vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

/**
 * struct rps_vq - the device's view of one split vring
 * @num: descriptors, 0 while the ring is not set up
 * @notifyid: notify id to kick Linux with
 * @desc: descriptor table
 * @avail: available ring (flags, idx, ring[num], used_event)
 * @used: used ring (flags, idx, {id, len}[num], avail_event)
 * @last_avail: next avail index to take
 * @used_idx: next used index to write (the ring's idx as the device set it)
 * @win_lo: first device address buffers may lie at
 * @win_hi: first device address past the window
 * @pa_off: Linux physical address minus device address
 */
struct rps_vq {
	uint32_t num;
	uint32_t notifyid;
	volatile struct rps_vring_desc *desc;
	volatile uint16_t *avail;
	volatile uint16_t *used;
	uint16_t last_avail;
	uint16_t used_idx;
	uint64_t win_lo;
	uint64_t win_hi;
	uint64_t pa_off;
};

/**
 * rps_vring_size() - bytes of a split vring
 * @num: descriptors
 * @align: alignment of the used ring
 *
 * Return: the size, the one Linux's table check uses.
 */
uint64_t rps_vring_size(uint32_t num, uint32_t align);

/**
 * rps_vq_init() - set up the device side of a vring Linux set up
 * @vq: the state to fill
 * @da: device address of the ring
 * @pa: Linux physical address of the ring
 * @num: descriptors (power of two up to 32768)
 * @align: used ring alignment (power of two)
 * @notifyid: the ring's notify id
 * @win_da: device address of the shared memory window
 * @win_size: its size
 *
 * The whole ring must lie in the window; buffers are translated with
 * @pa - @da and must lie in it too.  Indices start at 0 (Linux zeroes a
 * ring before use).
 *
 * Return: 0, or RPS_EINVAL (then @vq->num is 0).
 */
int rps_vq_init(struct rps_vq *vq, uint64_t da, uint64_t pa, uint32_t num, uint32_t align,
		uint32_t notifyid, uint64_t win_da, uint64_t win_size);

/**
 * rps_vq_get() - take the next available buffer
 * @vq: the ring
 * @head: set to the descriptor index to hand to rps_vq_put()
 * @buf: set to the buffer, at its device address
 * @len: set to the buffer's length
 *
 * A descriptor index out of range is consumed and dropped (it cannot be
 * returned).  A descriptor with a chain or indirect flag, or whose buffer
 * is not inside the window, is returned at once with length 0.  An
 * available index more than @num ahead is left alone.
 *
 * Return: 1 with a buffer, 0 if none is available, RPS_EINVAL if a bad
 * descriptor was skipped (call again for the next one).
 */
int rps_vq_get(struct rps_vq *vq, uint16_t *head, void **buf, uint32_t *len);

/**
 * rps_vq_put() - return a buffer on the used ring
 * @vq: the ring
 * @head: index rps_vq_get() gave
 * @len: bytes written into the buffer (0 for a buffer only read)
 */
void rps_vq_put(struct rps_vq *vq, uint16_t head, uint32_t len);

/**
 * rps_vq_pending() - whether Linux made a buffer available
 * @vq: the ring
 *
 * Return: true if rps_vq_get() has something to look at.
 */
bool rps_vq_pending(const struct rps_vq *vq);

/* ---------------------------------------------------------------------- */
/* rpmsg */

#define RPS_NS_ADDR		53
#define RPS_ADDR_ANY_EPT	0xffffffffu
#define RPS_NS_NAME_SIZE	32
#define RPS_NS_CREATE		0
#define RPS_NS_DESTROY		1

/**
 * struct rps_rpmsg_hdr - header of every rpmsg message
 * @src: sender's address
 * @dst: receiver's address
 * @reserved: 0
 * @len: payload bytes after the header
 * @flags: 0
 */
struct rps_rpmsg_hdr {
	uint32_t src;
	uint32_t dst;
	uint32_t reserved;
	uint16_t len;
	uint16_t flags;
} RPS_PACKED;

/**
 * struct rps_ns_msg - name service announcement
 * @name: NUL-terminated service name
 * @addr: remote address of the service
 * @flags: RPS_NS_CREATE or RPS_NS_DESTROY
 */
struct rps_ns_msg {
	char name[RPS_NS_NAME_SIZE];
	uint32_t addr;
	uint32_t flags;
} RPS_PACKED;

struct rps_rpmsg;
struct rps_ept;

/**
 * typedef rps_ept_cb - receive callback of an endpoint
 * @ept: the endpoint
 * @data: payload, valid until the callback returns
 * @len: payload bytes
 * @src: Linux address it came from (reply there)
 *
 * May call rps_send().
 */
typedef void (*rps_ept_cb)(struct rps_ept *ept, const void *data, uint32_t len, uint32_t src);

/**
 * struct rps_ept - an rpmsg endpoint of the remote
 * @name: service name announced to Linux, or NULL not to announce it
 * @addr: local address, 1024 or more if announced
 * @cb: receive callback
 * @priv: the caller's
 * @rp: device it was added to
 * @next: next endpoint of the device
 */
struct rps_ept {
	const char *name;
	uint32_t addr;
	rps_ept_cb cb;
	void *priv;
	struct rps_rpmsg *rp;
	struct rps_ept *next;
};

/**
 * struct rps_rpmsg - one rpmsg virtio device of the remote, all state
 * @boot: boot services
 * @table: the live resource table
 * @table_size: its size
 * @vdev: the rpmsg vdev entry in @table (fw_rsc_hdr payload)
 * @wide: @vdev is a &struct rps_rsc_vdev64
 * @entry_len: bytes of the entry from @vdev (fixed part, vrings, config)
 * @pristine: the entry as declared, status and gfeatures 0
 * @ready: DRIVER_OK seen and the rings set up
 * @broken: DRIVER_OK seen but the rings were unusable; cleared on reset
 * @gfeatures: features Linux accepted, read at DRIVER_OK
 * @txbuf_size: size of the buffers the remote sends in
 * @rxbuf_size: size of the buffers the remote receives in
 * @attaches: times Linux set DRIVER_OK and the rings were set up
 * @resets: times a reset (or a vanished Linux) ended a session
 * @dropped: messages or descriptors Linux gave that were dropped
 * @vq: vring 0 (remote to Linux) and vring 1 (Linux to remote)
 * @epts: endpoints
 * @on_ready: called after each DRIVER_OK (after the announcements)
 * @on_reset: called when a session ends
 * @priv: the caller's
 */
struct rps_rpmsg {
	const struct rps_boot *boot;
	void *table;
	uint32_t table_size;
	void *vdev;
	bool wide;
	uint32_t entry_len;
	uint8_t pristine[512];
	bool ready;
	bool broken;
	uint64_t gfeatures;
	uint32_t txbuf_size;
	uint32_t rxbuf_size;
	uint32_t attaches;
	uint32_t resets;
	uint32_t dropped;
	struct rps_vq vq[2];
	struct rps_ept *epts;
	void (*on_ready)(struct rps_rpmsg *rp);
	void (*on_reset)(struct rps_rpmsg *rp);
	void *priv;
};

/* How long rps_poll() waits between status reads while not ready. */
#define RPS_STATUS_POLL_NS	(10ull * 1000 * 1000)

/**
 * rps_init() - find the rpmsg vdev in a resource table
 * @rp: state to initialise
 * @boot: boot services
 * @table: the live table (v1 or v2)
 * @table_size: its size
 * @declared: a copy of @table as the firmware declared it, or NULL to
 *	copy @table itself (only right before Linux wrote into it)
 *
 * Touches no ring.  The first vdev or vdev64 entry with id 7 and at
 * least two vrings is used.
 *
 * Return: 0, or RPS_EINVAL if there is none or it is malformed.
 */
int rps_init(struct rps_rpmsg *rp, const struct rps_boot *boot, void *table,
	     uint32_t table_size, const void *declared);

/**
 * rps_ept_add() - add an endpoint
 * @rp: the device
 * @ept: caller-owned endpoint, unused so far
 * @name: service name to announce (at most 31 characters), or NULL
 * @addr: local address
 * @cb: receive callback
 * @priv: stored in @ept->priv
 *
 * Announced at once if the device is ready, and after every DRIVER_OK.
 *
 * Return: 0, or RPS_EINVAL for a bad name or an address in use.
 */
int rps_ept_add(struct rps_rpmsg *rp, struct rps_ept *ept, const char *name,
		uint32_t addr, rps_ept_cb cb, void *priv);

/* Flags of rps_send_ex(), for testing Linux's checks only. */
#define RPS_SEND_F_BADLEN	(1u << 0)	/* used length past the buffer */
#define RPS_SEND_F_BADHDR	(1u << 1)	/* header len past what was written */

/**
 * rps_send_ex() - send a message from any source address
 * @rp: the device
 * @src: source address
 * @dst: Linux address
 * @data: payload
 * @len: payload bytes, at most @rp->txbuf_size - 16
 * @timeout_ns: how long to wait for a buffer of Linux's
 * @flags: 0, or RPS_SEND_F_* to break the message on purpose
 *
 * Kicks of vring 1 that arrive while waiting leave their messages
 * queued for rps_poll().
 *
 * Return: 0; RPS_ENOTCONN if the device is not ready; RPS_EMSGSIZE;
 * RPS_ETIMEDOUT without a buffer in time; RPS_ECONNRESET if Linux reset
 * the device or vanished meanwhile.
 */
int rps_send_ex(struct rps_rpmsg *rp, uint32_t src, uint32_t dst, const void *data,
		uint32_t len, uint64_t timeout_ns, uint32_t flags);

/**
 * rps_send() - send a message from an endpoint
 * @ept: the endpoint (its address is the source)
 * @dst: Linux address
 * @data: payload
 * @len: payload bytes
 * @timeout_ns: how long to wait for a buffer
 *
 * Return: as rps_send_ex().
 */
int rps_send(struct rps_ept *ept, uint32_t dst, const void *data, uint32_t len,
	     uint64_t timeout_ns);

/**
 * rps_mtu() - largest payload rps_send() takes now
 * @rp: the device
 *
 * Return: txbuf_size - 16, or 0 while not ready.
 */
uint32_t rps_mtu(const struct rps_rpmsg *rp);

/**
 * rps_poll() - one step of the main loop
 * @rp: the device
 * @timeout_ns: the longest to wait for a kick when nothing is pending
 *
 * Handles everything pending: a reset or vanished Linux, DRIVER_OK
 * (rings set up, endpoints announced), messages from Linux (dispatched
 * to their endpoints' callbacks; messages to unknown addresses are
 * dropped).  While not ready it waits at most RPS_STATUS_POLL_NS between
 * status reads.
 *
 * Return: the number of messages dispatched.
 */
int rps_poll(struct rps_rpmsg *rp, uint64_t timeout_ns);

/**
 * rps_run() - run rps_poll() until a condition holds
 * @rp: the device
 * @done: checked before each step; NULL to run forever
 * @arg: passed to @done
 */
void rps_run(struct rps_rpmsg *rp, bool (*done)(void *arg), void *arg);

/* ---------------------------------------------------------------------- */
/* Freestanding helpers (firmware builds also export the standard names) */

void *rps_memcpy(void *dst, const void *src, size_t n);
void *rps_memmove(void *dst, const void *src, size_t n);
void *rps_memset(void *dst, int c, size_t n);
int rps_memcmp(const void *a, const void *b, size_t n);
size_t rps_strlen(const char *s);

/**
 * rps_snprintf() - minimal formatter
 * @buf: output, always NUL-terminated if @size > 0
 * @size: its size
 * @fmt: format: %s %c %d %u %x %p %%, with l/ll/z length modifiers, a
 *	field width and '0' or '-' flags
 *
 * Return: the length the full output would have.
 */
int rps_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * rps_vsnprintf() - rps_snprintf() with a va_list
 * @buf: output
 * @size: its size
 * @fmt: format
 * @ap: arguments
 *
 * Return: as rps_snprintf().
 */
int rps_vsnprintf(char *buf, size_t size, const char *fmt, __builtin_va_list ap)
	__attribute__((format(printf, 3, 0)));

/**
 * rps_strtou() - parse a decimal or 0x-prefixed unsigned number
 * @s: text, not necessarily NUL-terminated
 * @n: bytes of it
 * @end: set to the first byte not parsed
 *
 * Return: the value (saturating), 0 if there are no digits.
 */
uint64_t rps_strtou(const char *s, size_t n, const char **end);

#endif /* RPS_REMOTE_H */
