/* virtio-net (VIRTIO 1.3 section 5.1). */
#include "layouts/layout.h"
#include "vcheck/dev/net.h"

static const struct vc_cfg_field fields[] = {
	/* mac always exists; NET_F_MAC only says whether it is valid. */
	{ "mac", NET_CFG_MAC, 6, 1, VC_FA_RO, 0, "1.3 5.1.4" },
	{ "status", NET_CFG_STATUS, 2, 2, VC_FA_RO, VC_FEAT(NET_F_STATUS), "1.3 5.1.4" },
	{ "max_virtqueue_pairs", NET_CFG_MAX_VIRTQUEUE_PAIRS, 2, 2, VC_FA_RO, VC_FEAT(NET_F_MQ) | VC_FEAT(NET_F_RSS), "1.3 5.1.4" },
	{ "mtu", NET_CFG_MTU, 2, 2, VC_FA_RO, VC_FEAT(NET_F_MTU), "1.3 5.1.4" },
	{ "speed", NET_CFG_SPEED, 4, 4, VC_FA_RO, VC_FEAT(NET_F_SPEED_DUPLEX), "1.3 5.1.4" },
	{ "duplex", NET_CFG_DUPLEX, 1, 1, VC_FA_RO, VC_FEAT(NET_F_SPEED_DUPLEX), "1.3 5.1.4" },
	{ "rss_max_key_size", NET_CFG_RSS_MAX_KEY_SIZE, 1, 1, VC_FA_RO, VC_FEAT(NET_F_RSS) | VC_FEAT(NET_F_HASH_REPORT), "1.3 5.1.4" },
	{ "rss_max_indirection_table_length", NET_CFG_RSS_MAX_INDIRECTION_TABLE_LENGTH, 2, 2, VC_FA_RO, VC_FEAT(NET_F_RSS), "1.3 5.1.4" },
	{ "supported_hash_types", NET_CFG_SUPPORTED_HASH_TYPES, 4, 4, VC_FA_RO, VC_FEAT(NET_F_RSS) | VC_FEAT(NET_F_HASH_REPORT), "1.3 5.1.4" },
	{ "supported_tunnel_types", NET_CFG_SUPPORTED_TUNNEL_TYPES, 4, 4, VC_FA_RO, VC_FEAT(NET_F_HASH_TUNNEL), "1.3 5.1.4" },
};

static const struct vc_feature_name features[] = {
	{ NET_F_CSUM, "CSUM" }, { NET_F_GUEST_CSUM, "GUEST_CSUM" },
	{ NET_F_CTRL_GUEST_OFFLOADS, "CTRL_GUEST_OFFLOADS" }, { NET_F_MTU, "MTU" },
	{ NET_F_MAC, "MAC" }, { NET_F_GUEST_TSO4, "GUEST_TSO4" },
	{ NET_F_GUEST_TSO6, "GUEST_TSO6" }, { NET_F_GUEST_ECN, "GUEST_ECN" },
	{ NET_F_GUEST_UFO, "GUEST_UFO" }, { NET_F_HOST_TSO4, "HOST_TSO4" },
	{ NET_F_HOST_TSO6, "HOST_TSO6" }, { NET_F_HOST_ECN, "HOST_ECN" },
	{ NET_F_HOST_UFO, "HOST_UFO" }, { NET_F_MRG_RXBUF, "MRG_RXBUF" },
	{ NET_F_STATUS, "STATUS" }, { NET_F_CTRL_VQ, "CTRL_VQ" },
	{ NET_F_CTRL_RX, "CTRL_RX" }, { NET_F_CTRL_VLAN, "CTRL_VLAN" },
	{ NET_F_CTRL_RX_EXTRA, "CTRL_RX_EXTRA" }, { NET_F_GUEST_ANNOUNCE, "GUEST_ANNOUNCE" },
	{ NET_F_MQ, "MQ" }, { NET_F_CTRL_MAC_ADDR, "CTRL_MAC_ADDR" },
	{ NET_F_DEVICE_STATS, "DEVICE_STATS" }, { NET_F_HASH_TUNNEL, "HASH_TUNNEL" },
	{ NET_F_VQ_NOTF_COAL, "VQ_NOTF_COAL" }, { NET_F_NOTF_COAL, "NOTF_COAL" },
	{ NET_F_GUEST_USO4, "GUEST_USO4" }, { NET_F_GUEST_USO6, "GUEST_USO6" },
	{ NET_F_HOST_USO, "HOST_USO" }, { NET_F_HASH_REPORT, "HASH_REPORT" },
	{ NET_F_GUEST_HDRLEN, "GUEST_HDRLEN" }, { NET_F_RSS, "RSS" },
	{ NET_F_RSC_EXT, "RSC_EXT" }, { NET_F_STANDBY, "STANDBY" },
	{ NET_F_SPEED_DUPLEX, "SPEED_DUPLEX" },
};

/* 5.1.3.1 Feature bit requirements */
#define F(b) VC_FEAT(NET_F_##b)
static const struct vc_feature_dep deps[] = {
	{ NET_F_GUEST_TSO4, F(GUEST_CSUM) }, { NET_F_GUEST_TSO6, F(GUEST_CSUM) },
	{ NET_F_GUEST_ECN, F(GUEST_TSO4) | F(GUEST_TSO6) }, { NET_F_GUEST_UFO, F(GUEST_CSUM) },
	{ NET_F_GUEST_USO4, F(GUEST_CSUM) }, { NET_F_GUEST_USO6, F(GUEST_CSUM) },
	{ NET_F_HOST_TSO4, F(CSUM) }, { NET_F_HOST_TSO6, F(CSUM) },
	{ NET_F_HOST_ECN, F(HOST_TSO4) | F(HOST_TSO6) }, { NET_F_HOST_UFO, F(CSUM) },
	{ NET_F_HOST_USO, F(CSUM) }, { NET_F_CTRL_RX, F(CTRL_VQ) }, { NET_F_CTRL_VLAN, F(CTRL_VQ) },
	{ NET_F_GUEST_ANNOUNCE, F(CTRL_VQ) }, { NET_F_MQ, F(CTRL_VQ) }, { NET_F_CTRL_MAC_ADDR, F(CTRL_VQ) },
	{ NET_F_NOTF_COAL, F(CTRL_VQ) }, { NET_F_VQ_NOTF_COAL, F(CTRL_VQ) }, { NET_F_RSC_EXT, F(HOST_TSO4) | F(HOST_TSO6) },
	{ NET_F_RSS, F(CTRL_VQ) },
};
#undef F

VC_LAYOUT_REGISTER(net_layout, .device_id = 1, .name = "net", .spec = "1.3 5.1",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features),
		  .deps = deps, .ndeps = VC_ARRAY_SIZE(deps));
