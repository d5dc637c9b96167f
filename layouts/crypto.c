/* virtio-crypto (VIRTIO 1.3 section 5.9). */
#include "layouts/layout.h"

enum {
	CRYPTO_F_REVISION_1 = 0, CRYPTO_F_CIPHER_STATELESS_MODE = 1,
	CRYPTO_F_HASH_STATELESS_MODE = 2, CRYPTO_F_MAC_STATELESS_MODE = 3,
	CRYPTO_F_AEAD_STATELESS_MODE = 4, CRYPTO_F_AKCIPHER_STATELESS_MODE = 5,
};

/* Configuration layout is 5.9.5 here: 5.9.4 lists the crypto services. */
static const struct vc_cfg_field fields[] = {
	{ "status", 0, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_dataqueues", 4, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "crypto_services", 8, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "cipher_algo_l", 12, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "cipher_algo_h", 16, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "hash_algo", 20, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "mac_algo_l", 24, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "mac_algo_h", 28, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "aead_algo", 32, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_cipher_key_len", 36, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_auth_key_len", 40, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "akcipher_algo", 44, 4, 4, VC_FA_RO, 0, "1.3 5.9.5" },
	{ "max_size", 48, 8, 8, VC_FA_RO, 0, "1.3 5.9.5" },
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
