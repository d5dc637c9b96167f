/* virtio-crypto (VIRTIO 1.3 section 5.9). */
#include "layouts/layout.h"
#include "vcheck/dev/crypto.h"

/* Configuration layout is 5.9.5 here: 5.9.4 lists the crypto services. */
static const struct vc_cfg_field fields[] = {
	{ "status", CRYPTO_CFG_STATUS, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_dataqueues", CRYPTO_CFG_MAX_DATAQUEUES, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "crypto_services", CRYPTO_CFG_CRYPTO_SERVICES, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "cipher_algo_l", CRYPTO_CFG_CIPHER_ALGO_L, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "cipher_algo_h", CRYPTO_CFG_CIPHER_ALGO_H, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "hash_algo", CRYPTO_CFG_HASH_ALGO, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "mac_algo_l", CRYPTO_CFG_MAC_ALGO_L, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "mac_algo_h", CRYPTO_CFG_MAC_ALGO_H, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "aead_algo", CRYPTO_CFG_AEAD_ALGO, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_cipher_key_len", CRYPTO_CFG_MAX_CIPHER_KEY_LEN, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_auth_key_len", CRYPTO_CFG_MAX_AUTH_KEY_LEN, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "akcipher_algo", CRYPTO_CFG_AKCIPHER_ALGO, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_size", CRYPTO_CFG_MAX_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.9.5" },
};

static const struct vc_feature_name features[] = {
	{ CRYPTO_F_REVISION_1, "REVISION_1" },
	{ CRYPTO_F_CIPHER_STATELESS_MODE, "CIPHER_STATELESS_MODE" },
	{ CRYPTO_F_HASH_STATELESS_MODE, "HASH_STATELESS_MODE" },
	{ CRYPTO_F_MAC_STATELESS_MODE, "MAC_STATELESS_MODE" },
	{ CRYPTO_F_AEAD_STATELESS_MODE, "AEAD_STATELESS_MODE" },
	{ CRYPTO_F_AKCIPHER_STATELESS_MODE, "AKCIPHER_STATELESS_MODE" },
};

VC_LAYOUT_REGISTER(crypto_layout, .device_id = 20, .name = "crypto", .spec = "1.3 5.9",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
