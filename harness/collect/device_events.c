#include <string.h>
#include "harness/collect/device_events.h"
#include "harness/collect/vhost_user.h"

/* A device model's "get_config" event fires on every config read (QEMU
 * refreshes the config bytes before serving one), its "set_config" event on
 * every config write (the device storing what was written): echoes of the
 * step's own accesses, which say nothing about what else a write did. What
 * a device does beyond storing shows as other events (a QMP event it
 * raised, a message to its backend, a notification). */
static int is_config_echo(const char *ev)
{
	const char *sp = strchr(ev, ' ');
	size_t n = sp ? (size_t)(sp - ev) : strlen(ev);
	return n >= 11 && (!strncmp(ev + n - 11, "_get_config", 11) || !strncmp(ev + n - 11, "_set_config", 11));
}

/* Echoes of the access itself, not something the device did. A vhost-user
 * front-end that asks its backend for config (GET_CONFIG) is carrying a
 * config read; that the backend answered it is said apart (backend-read
 * evidence), never as an action. */
int vc_sfx_event_is_action(const char *ev)
{
	struct vc_vu_msg m;
	static const char *const echoes[] = {
		"memory_region_ops_", "virtio_mmio_read", "virtio_mmio_write_offset",
		"virtio_mmio_queue_write", "virtio_mmio_guest_page", "virtio_pci_notify_write", "pl011",
		VC_EVENTS_NOT_KEPT,
	};
	if (!ev || !*ev || is_config_echo(ev))
		return 0;
	if (vc_vu_parse(ev, &m) == 0 && m.req == VC_VU_GET_CONFIG)
		return 0;
	for (size_t i = 0; i < sizeof(echoes) / sizeof(echoes[0]); i++)
		if (!strncmp(ev, echoes[i], strlen(echoes[i])))
			return 0;
	return 1;
}

