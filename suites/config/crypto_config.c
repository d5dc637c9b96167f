/* virtio-crypto configuration (VIRTIO 1.2 5.9.2, 5.9.4, 5.9.5, 5.9.5.1).
 * Services and algorithms are judged against the newest definitions (1.4
 * adds AKCIPHER and IPSEC), so a newer device is not called wrong. */
#include "vcheck/dev/crypto.h"
#include "vcheck/virtio_ids.h"
#include "suites/config/cfg.h"
#include "guests/lib/driver.h"
#include "layouts/layout.h"

#define S_HW_READY 1u
enum { SVC_CIPHER, SVC_HASH, SVC_MAC, SVC_AEAD, SVC_AKCIPHER, SVC_IPSEC };

/* Algorithm masks with every defined bit (5.9.4.1 to 5.9.4.4, 1.3 AKCIPHER). */
struct algo_mask { const char *name; unsigned off; uint32_t defined; int service; };
static const struct algo_mask masks[] = {
	{ "cipher_algo_l", CRYPTO_CFG_CIPHER_ALGO_L, 0x7fff, SVC_CIPHER },
	{ "cipher_algo_h", CRYPTO_CFG_CIPHER_ALGO_H, 0, SVC_CIPHER },
	{ "hash_algo", CRYPTO_CFG_HASH_ALGO, 0x1fff, SVC_HASH },
	{ "mac_algo_l", CRYPTO_CFG_MAC_ALGO_L, 0x7f | 0x1e000000, SVC_MAC },          /* 0-6, 25-28 */
	{ "mac_algo_h", CRYPTO_CFG_MAC_ALGO_H, 0x600 | 0x60000 | 0x600000, SVC_MAC }, /* 41-42, 49-50, 53-54 */
	{ "aead_algo", CRYPTO_CFG_AEAD_ALGO, 0xf, SVC_AEAD },
	{ "akcipher_algo", CRYPTO_CFG_AKCIPHER_ALGO, 0x7, SVC_AKCIPHER },
};

#define CRYPTO_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_CRYPTO, .level = VC_MUST, __VA_ARGS__)

CRYPTO_CHECK(crypto_max_dataqueues, .id = "CRYPTO-CFG-001",
	     .title = "max_dataqueues is between 1 and 65535", .spec = "1.2 5.9.5.1")
{
	uint64_t n = vc_cfg(ctx, CRYPTO_CFG_MAX_DATAQUEUES, 4);
	vc_expect(ctx, n >= 1 && n <= 65535, "max_dataqueues %llu", (unsigned long long)n);
}

CRYPTO_CHECK(crypto_status_flags, .id = "CRYPTO-CFG-002",
	     .title = "status holds no flag but VIRTIO_CRYPTO_S_HW_READY", .spec = "1.2 5.9.5.1")
{
	uint64_t s = vc_cfg(ctx, CRYPTO_CFG_STATUS, 4);
	vc_expect(ctx, !(s & ~(uint64_t)S_HW_READY), "status 0x%llx", (unsigned long long)s);
}

CRYPTO_CHECK(crypto_service_masks, .id = "CRYPTO-CFG-003",
	     .title = "Every advertised service with algorithms has a non-empty algorithm mask", .spec = "1.2 5.9.5.1")
{
	uint64_t services = vc_cfg(ctx, CRYPTO_CFG_CRYPTO_SERVICES, 4);
	uint32_t per_service[SVC_IPSEC] = { 0 };
	for (unsigned i = 0; i < VC_ARRAY_SIZE(masks); i++)
		per_service[masks[i].service] |= (uint32_t)vc_cfg(ctx, masks[i].off, 4);
	for (int s = SVC_CIPHER; s < SVC_IPSEC; s++)
		if (services & (1u << s))
			vc_expect(ctx, per_service[s] != 0, "service %d advertised (services 0x%llx) with no algorithm", s,
				  (unsigned long long)services);
}

CRYPTO_CHECK(crypto_defined_bits, .id = "CRYPTO-CFG-004",
	     .title = "No undefined service or algorithm bit is set", .spec = "1.2 5.9.5.1")
{
	uint64_t services = vc_cfg(ctx, CRYPTO_CFG_CRYPTO_SERVICES, 4);
	vc_expect(ctx, !(services >> (SVC_IPSEC + 1)), "crypto_services 0x%llx", (unsigned long long)services);
	for (unsigned i = 0; i < VC_ARRAY_SIZE(masks); i++) {
		uint64_t v = vc_cfg(ctx, masks[i].off, 4);
		vc_expect(ctx, !(v & ~(uint64_t)masks[i].defined), "%s 0x%llx has undefined bits", masks[i].name,
			  (unsigned long long)v);
	}
}

CRYPTO_CHECK(crypto_key_lengths, .id = "CRYPTO-CFG-005",
	     .title = "max_cipher_key_len is non-zero with CIPHER, max_auth_key_len with MAC", .spec = "1.2 5.9.5.1")
{
	uint64_t services = vc_cfg(ctx, CRYPTO_CFG_CRYPTO_SERVICES, 4);
	uint64_t cipher = vc_cfg(ctx, CRYPTO_CFG_MAX_CIPHER_KEY_LEN, 4), auth = vc_cfg(ctx, CRYPTO_CFG_MAX_AUTH_KEY_LEN, 4);
	vc_expect(ctx, !(services & (1u << SVC_CIPHER)) || cipher, "CIPHER with max_cipher_key_len 0");
	vc_expect(ctx, !(services & (1u << SVC_MAC)) || auth, "MAC with max_auth_key_len 0");
}

CRYPTO_CHECK(crypto_max_size, .id = "CRYPTO-CFG-006",
	     .title = "max_size is non-zero", .spec = "1.2 5.9.5.1")
{
	uint64_t n = vc_cfg(ctx, CRYPTO_CFG_MAX_SIZE, 8);
	vc_expect(ctx, n != 0, "max_size 0");
}

/* 5.9.2: dataq1 .. dataqN, then controlq, with N = max_dataqueues. */
CRYPTO_CHECK(crypto_queue_count, .id = "CRYPTO-CFG-007",
	     .title = "The device has max_dataqueues + 1 queues (the data queues and controlq)", .spec = "1.2 5.9.2")
{
	uint64_t n = vc_cfg(ctx, CRYPTO_CFG_MAX_DATAQUEUES, 4);
	unsigned have = drv_queue_count(ctx->d);
	vc_expect(ctx, have == n + 1, "%u queues for max_dataqueues %llu", have, (unsigned long long)n);
}
