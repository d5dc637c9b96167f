/* Which device-side trace events are the device acting, and which are only
 * the echo of the guest's own access (device_events.c). */
#ifndef VC_COLLECT_DEVICE_EVENTS_H
#define VC_COLLECT_DEVICE_EVENTS_H

/* Whether a traced device event is something the device did, not an echo
 * of the access itself. */
int vc_sfx_event_is_action(const char *ev);

/* The event the trace join closes a step with when it did not keep all of
 * the step's events: "vcheck_events_not_kept N: <counts per vhost-user
 * request>". No action. */
#define VC_EVENTS_NOT_KEPT "vcheck_events_not_kept"
#endif
