/* Ends a run that cannot go on: a log record with the reason, then power
 * off without the end record, so the host reports CRASH with this cause. */
#ifndef VC_GUEST_PANIC_H
#define VC_GUEST_PANIC_H
void vc_panic(const char *why) __attribute__((noreturn));
#endif
