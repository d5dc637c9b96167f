/* virtio-fs (VIRTIO 1.2 5.11): one FUSE request on the first request queue.
 * The FUSE structures are the protocol's (little-endian on the wire, as the
 * arm64 guest is); FUSE_INIT is the request every session starts with and
 * the one a daemon answers before any file exists. */
#include "vcheck/virtio_ids.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "suites/virtqueue/request.h"
#include <string.h>
#include "guests/lib/virtqueue.h"

#define FUSE_INIT 26
#define FUSE_MAJOR 7
#define FUSE_MINOR 31     /* the oldest minor with the 16-byte init_in and 64-byte init_out used here */
#define FS_HIPRIO_QUEUES 1 /* 5.11.2: queue 0 is hiprio, request queues follow */

struct fuse_in_hdr {
	uint32_t len, opcode;
	uint64_t unique, nodeid;
	uint32_t uid, gid, pid;
	uint16_t total_extlen, padding;
};

struct fuse_init_args {
	uint32_t major, minor, max_readahead, flags;
};

struct fuse_out_hdr {
	uint32_t len;
	int32_t error;
	uint64_t unique;
};

_Static_assert(sizeof(struct fuse_in_hdr) == 40, "fuse_in_header is 40 bytes");
_Static_assert(sizeof(struct fuse_out_hdr) == 16, "fuse_out_header is 16 bytes");

VC_CHECK(vq_fs_init, .id = "VQ-FS-001",
	 .title = "A FUSE_INIT on the first request queue is answered with its unique, no error and protocol major 7",
	 .spec = "1.2 5.11.6", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_FS)
{
	struct vq vq;
	if (vc_start_queue(ctx, FS_HIPRIO_QUEUES, &vq))
		return;
	struct fuse_in_hdr *in = vq_alloc(sizeof(*in), 8);
	struct fuse_init_args *args = vq_alloc(sizeof(*args), 8), *reply;
	struct fuse_out_hdr *out = vq_alloc(sizeof(*out), 8);
	const unsigned reply_len = 64; /* fuse_init_out at FUSE_MINOR */
	reply = vq_alloc(reply_len, 8);
	*in = (struct fuse_in_hdr){ .len = sizeof(*in) + sizeof(*args), .opcode = FUSE_INIT, .unique = 0x5a17 };
	*args = (struct fuse_init_args){ .major = FUSE_MAJOR, .minor = FUSE_MINOR };
	out->unique = ~0ull;
	struct vq_buf b[4] = { { in, sizeof(*in), 0 }, { args, sizeof(*args), 0 }, { out, sizeof(*out), 1 },
			       { reply, reply_len, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 4, &len))
		return;
	vc_expect(ctx, out->unique == in->unique, "reply unique 0x%llx, sent 0x%llx", (unsigned long long)out->unique,
		  (unsigned long long)in->unique);
	vc_expect(ctx, out->error == 0, "FUSE_INIT answered with error %d", (int)out->error);
	vc_expect(ctx, reply->major == FUSE_MAJOR, "FUSE_INIT reply major %u, sent %u", reply->major, FUSE_MAJOR);
	vc_expect(ctx, len >= out->len && out->len >= sizeof(*out), "used length %u, the reply header says %u bytes",
		  len, out->len);
}
