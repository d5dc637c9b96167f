/* virtio-crypto session requests on controlq (VIRTIO 1.2 5.9.7.2.1,
 * 5.9.7.2.1.6, 5.9.7.2.1.8). Without REVISION_1 every op_flf is padded to
 * 56 bytes (5.9.7.2). */
#include "vcheck/dev/crypto.h"
#include "vcheck/virtio_ids.h"
#include <string.h>
#include "suites/virtqueue/request.h"

#define CRYPTO_SERVICE_CIPHER 0
#define CRYPTO_OPCODE(service, op) (((service) << 8) | (op))
#define CRYPTO_CIPHER_CREATE_SESSION CRYPTO_OPCODE(CRYPTO_SERVICE_CIPHER, 0x02)
#define CRYPTO_CIPHER_DESTROY_SESSION CRYPTO_OPCODE(CRYPTO_SERVICE_CIPHER, 0x03)
#define CRYPTO_CIPHER_AES_CBC 3
#define CRYPTO_CIPHERS 15 /* VIRTIO_CRYPTO_NO_CIPHER .. ZUC_EEA3 */
#define CRYPTO_OP_ENCRYPT 1
#define CRYPTO_SYM_OP_CIPHER 1
enum { CRYPTO_OK = 0, CRYPTO_NOTSUPP = 3 };
#define CRYPTO_KEY_LEN 16

struct crypto_hdr { uint32_t opcode, algo, flag, reserved; };
struct crypto_create_cipher_req {
	struct crypto_hdr header;
	struct { uint32_t algo, key_len, op, padding; } cipher;
	uint8_t cipher_pad[32];
	uint32_t op_type, padding;
};
struct crypto_destroy_req { struct crypto_hdr header; uint64_t session_id; uint8_t padding[48]; };
struct crypto_create_session_input { uint64_t session_id; uint32_t status, padding; };
_Static_assert(sizeof(struct crypto_create_cipher_req) == 72, "header + 56-byte op_flf");
_Static_assert(sizeof(struct crypto_destroy_req) == 72, "header + 56-byte op_flf");
_Static_assert(sizeof(struct crypto_create_session_input) == 16, "create_session_input is 16 bytes");

static uint32_t config32(struct vc_ctx *ctx, unsigned off)
{
	uint64_t v = 0;
	ctx->d->ops->config_read(ctx->d, off, 4, &v);
	return (uint32_t)v;
}

/* Negotiates and sets up controlq, whose index comes from the config
 * read between negotiation and queue setup. */
static int controlq(struct vc_ctx *ctx, struct vq *vq)
{
	if (drv_start(ctx->d, 0)) {
		vc_skip(ctx, "the device refused VERSION_1 alone");
		return -1;
	}
	if (!(config32(ctx, CRYPTO_CFG_CRYPTO_SERVICES) & (1u << CRYPTO_SERVICE_CIPHER))) {
		vc_skip(ctx, "the device offers no cipher service");
		return -1;
	}
	return vc_setup_queue(ctx, config32(ctx, CRYPTO_CFG_MAX_DATAQUEUES), vq);
}

/* Creates an encrypt session for cipher `algo`; the session input, or
 * -1 when the device did not answer (reported). */
static int create_session(struct vc_ctx *ctx, struct vq *vq, uint32_t algo, struct crypto_create_session_input *out)
{
	struct crypto_create_cipher_req *req = vq_alloc(sizeof(*req), 8);
	uint8_t *key = vq_alloc(CRYPTO_KEY_LEN, 8);
	struct crypto_create_session_input *in = vq_alloc(sizeof(*in), 8);
	*req = (struct crypto_create_cipher_req){
		.header = { .opcode = CRYPTO_CIPHER_CREATE_SESSION, .algo = algo },
		.cipher = { .algo = algo, .key_len = CRYPTO_KEY_LEN, .op = CRYPTO_OP_ENCRYPT },
		.op_type = CRYPTO_SYM_OP_CIPHER };
	memset(key, 0x5a, CRYPTO_KEY_LEN);
	in->status = 0xff; /* not a status the device can write by accident */
	struct vq_buf b[3] = { { req, sizeof(*req), 0 }, { key, CRYPTO_KEY_LEN, 0 }, { in, sizeof(*in), 1 } };
	uint32_t len;
	if (vc_exchange(ctx, vq, b, 3, &len))
		return -1;
	*out = *in;
	vc_expect(ctx, len >= sizeof(*in), "used length %u, the session input is %u bytes", len, (unsigned)sizeof(*in));
	return 0;
}

#define CRYPTO_REQ(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_CRYPTO, .level = VC_MUST, __VA_ARGS__)

CRYPTO_REQ(vq_crypto_cipher_session, .id = "VQ-CRYPTO-001",
	   .title = "Creating an AES-CBC encrypt session on controlq returns VIRTIO_CRYPTO_OK", .spec = "1.2 5.9.7.2.1.6")
{
	struct vq vq;
	struct crypto_create_session_input in;
	if (controlq(ctx, &vq))
		return;
	if (!(config32(ctx, CRYPTO_CFG_CIPHER_ALGO_L) & (1u << CRYPTO_CIPHER_AES_CBC))) {
		vc_skip(ctx, "the device does not offer AES-CBC in its cipher service");
		return;
	}
	/* Any session_id value is a valid handle, so only the status can
	 * show the session exists. */
	if (!create_session(ctx, &vq, CRYPTO_CIPHER_AES_CBC, &in))
		vc_expect(ctx, in.status == CRYPTO_OK, "create-session status %u, expected VIRTIO_CRYPTO_OK", in.status);
}

CRYPTO_REQ(vq_crypto_destroy_session, .id = "VQ-CRYPTO-002",
	   .title = "Destroying a session just created returns VIRTIO_CRYPTO_OK", .spec = "1.2 5.9.7.2.1.8")
{
	struct vq vq;
	struct crypto_create_session_input in;
	if (controlq(ctx, &vq) || create_session(ctx, &vq, CRYPTO_CIPHER_AES_CBC, &in))
		return;
	if (in.status != CRYPTO_OK) {
		vc_skip(ctx, "no AES-CBC session to destroy (status %u, see VQ-CRYPTO-001)", in.status);
		return;
	}
	struct crypto_destroy_req *req = vq_alloc(sizeof(*req), 8);
	uint8_t *status = vq_alloc(1, 1);
	*req = (struct crypto_destroy_req){ .header = { .opcode = CRYPTO_CIPHER_DESTROY_SESSION },
					    .session_id = in.session_id };
	*status = 0xff;
	struct vq_buf b[2] = { { req, sizeof(*req), 0 }, { status, 1, 1 } };
	uint32_t len;
	if (!vc_exchange(ctx, &vq, b, 2, &len))
		vc_expect(ctx, *status == CRYPTO_OK, "destroy-session status %u for session %llu", *status,
			  (unsigned long long)in.session_id);
}

CRYPTO_REQ(vq_crypto_unsupported_cipher, .id = "VQ-CRYPTO-003",
	   .title = "Creating a session for a cipher the device does not advertise returns VIRTIO_CRYPTO_NOTSUPP",
	   .spec = "1.2 5.9.7.2.1.6")
{
	struct vq vq;
	struct crypto_create_session_input in;
	if (controlq(ctx, &vq))
		return;
	uint32_t offered = config32(ctx, CRYPTO_CFG_CIPHER_ALGO_L), algo = 1;
	while (algo < CRYPTO_CIPHERS && (offered & (1u << algo)))
		algo++;
	if (algo == CRYPTO_CIPHERS) {
		vc_skip(ctx, "every defined cipher is advertised");
		return;
	}
	if (!create_session(ctx, &vq, algo, &in))
		vc_expect(ctx, in.status == CRYPTO_NOTSUPP, "cipher %u (not in cipher_algo_l 0x%x): status %u", algo, offered,
			  in.status);
}
