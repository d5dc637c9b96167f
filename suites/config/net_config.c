/* virtio-net configuration values (VIRTIO 1.2 5.1.4, 5.1.4.1): each field
 * judged only when the feature that makes it exist is offered. */
#include "vcheck/dev/net.h"
#include "vcheck/virtio_ids.h"
#include "suites/config/cfg.h"
#include "suites/virtqueue/ring.h"

#define NET_S_LINK_UP 1
#define NET_S_ANNOUNCE 2
#define NET_SPEED_UNKNOWN 0xffffffffu

#define NET_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_NET, __VA_ARGS__)

NET_CHECK(net_max_pairs, .id = "NET-CFG-001",
	  .title = "With MQ offered, max_virtqueue_pairs is between 1 and 0x8000",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_MQ))
{
	uint64_t n = vc_cfg(ctx, NET_CFG_MAX_VIRTQUEUE_PAIRS, 2);
	vc_expect(ctx, n >= 1 && n <= 0x8000, "max_virtqueue_pairs %llu", (unsigned long long)n);
}

NET_CHECK(net_mtu_range, .id = "NET-CFG-002",
	  .title = "With MTU offered, mtu is between 68 and 65535",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_MTU))
{
	uint64_t mtu = vc_cfg(ctx, NET_CFG_MTU, 2);
	vc_expect(ctx, mtu >= 68 && mtu <= 65535, "mtu %llu", (unsigned long long)mtu);
}

NET_CHECK(net_mtu_ipv6, .id = "NET-CFG-003",
	  .title = "With MTU offered, mtu is at least 1280",
	  .spec = "1.2 5.1.4.1", .level = VC_SHOULD, .features = VIRTIO_BIT(NET_F_MTU))
{
	uint64_t mtu = vc_cfg(ctx, NET_CFG_MTU, 2);
	vc_expect(ctx, mtu >= 1280, "mtu %llu", (unsigned long long)mtu);
}

/* "Once set": read before negotiation, then after MTU is negotiated and
 * the device is live, and again after a device reset. */
NET_CHECK(net_mtu_stable, .id = "NET-CFG-004",
	  .title = "mtu does not change over negotiation, DRIVER_OK and a reset",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_MTU))
{
	uint64_t before = vc_cfg(ctx, NET_CFG_MTU, 2);
	if (vc_negotiate(ctx, VIRTIO_BIT(NET_F_MTU)))
		return;
	drv_driver_ok(ctx->d);
	uint64_t live = vc_cfg(ctx, NET_CFG_MTU, 2);
	drv_reset(ctx->d, 100000);
	uint64_t after = vc_cfg(ctx, NET_CFG_MTU, 2);
	vc_expect(ctx, live == before && after == before, "mtu %llu, then %llu live, %llu after reset",
		  (unsigned long long)before, (unsigned long long)live, (unsigned long long)after);
}

NET_CHECK(net_speed_range, .id = "NET-CFG-005",
	  .title = "With SPEED_DUPLEX negotiated, speed is 0..0x7fffffff or 0xffffffff (unknown)",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_SPEED_DUPLEX))
{
	if (vc_negotiate(ctx, VIRTIO_BIT(NET_F_SPEED_DUPLEX)))
		return;
	uint64_t speed = vc_cfg(ctx, NET_CFG_SPEED, 4);
	vc_expect(ctx, speed <= 0x7fffffffu || speed == NET_SPEED_UNKNOWN, "speed 0x%llx", (unsigned long long)speed);
}

/* 5.1.4 and 5.1.4.1 disagree on which of 0 and 1 is full duplex; both
 * name exactly the values 0, 1 and 0xff. */
NET_CHECK(net_duplex_values, .id = "NET-CFG-006",
	  .title = "With SPEED_DUPLEX negotiated, duplex is 0, 1 or 0xff (unknown)",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_SPEED_DUPLEX))
{
	if (vc_negotiate(ctx, VIRTIO_BIT(NET_F_SPEED_DUPLEX)))
		return;
	uint64_t duplex = vc_cfg(ctx, NET_CFG_DUPLEX, 1);
	vc_expect(ctx, duplex == 0 || duplex == 1 || duplex == 0xff, "duplex 0x%llx", (unsigned long long)duplex);
}

NET_CHECK(net_rss_key, .id = "NET-CFG-007",
	  .title = "With RSS or HASH_REPORT offered, rss_max_key_size is at least 40",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST)
{
	uint64_t offered = drv_device_features(ctx->d);
	if (!vc_offers_any(ctx, offered, VIRTIO_BIT(NET_F_RSS) | VIRTIO_BIT(NET_F_HASH_REPORT), "RSS or HASH_REPORT"))
		return;
	uint64_t n = vc_cfg(ctx, NET_CFG_RSS_MAX_KEY_SIZE, 1);
	vc_expect(ctx, n >= 40, "rss_max_key_size %llu", (unsigned long long)n);
}

NET_CHECK(net_rss_table, .id = "NET-CFG-008",
	  .title = "With RSS offered, rss_max_indirection_table_length is at least 128",
	  .spec = "1.2 5.1.4.1", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_RSS))
{
	uint64_t n = vc_cfg(ctx, NET_CFG_RSS_MAX_INDIRECTION_TABLE_LENGTH, 2);
	vc_expect(ctx, n >= 128, "rss_max_indirection_table_length %llu", (unsigned long long)n);
}

NET_CHECK(net_status_bits, .id = "NET-CFG-009",
	  .title = "With STATUS offered, status holds no bit but LINK_UP and ANNOUNCE",
	  .spec = "1.2 5.1.4", .level = VC_MUST, .features = VIRTIO_BIT(NET_F_STATUS))
{
	uint64_t s = vc_cfg(ctx, NET_CFG_STATUS, 2);
	vc_expect(ctx, !(s & ~(uint64_t)(NET_S_LINK_UP | NET_S_ANNOUNCE)), "status 0x%04llx", (unsigned long long)s);
}
