/* Target definitions: data files describing a machine, its transports and
 * the device models it can attach (the format: harness/targets/README.md). */
#ifndef VC_TARGET_H
#define VC_TARGET_H
#include <stddef.h>
#include <stdint.h>

enum vc_bus { VC_BUS_MMIO, VC_BUS_PCI };

struct vc_transport_def {
	char *name;        /* e.g. pci-transitional */
	enum vc_bus bus;
	char *interfaces;  /* guest interfaces it yields, space separated */
	char *args;        /* extra machine arguments */
	char *place;       /* per-device placement properties, {slot} {slotx} */
	int line, bus_given;
};

/* A host-triggered event: a QMP command (JSON, placeholders as in device
 * arguments) the harness sends when the guest asks for event `name`. */
struct vc_event_def {
	char *name, *command;
};

struct vc_device_def {
	char *name;
	uint32_t type;     /* virtio device ID the guest must find */
	char *mmio, *pci;  /* QEMU arguments per bus; NULL: not offered there */
	char *backend;     /* arguments shared by both buses (netdev, chardev, objects) */
	char *files;       /* scratch files to create: name:size, space separated */
	char *dirs;        /* scratch directories to create */
	/* A backend process per attached device (a vhost-user daemon): its
	 * command line, the path whose appearance says it is ready (its
	 * socket), and the Debian package to name when it is missing. */
	char *daemon, *daemon_ready, *daemon_package;
	char *chardev_out; /* a file the device's chardev writes on the host (what reached the host end) */
	char *cell_args;   /* arguments the cell needs once, however many devices ask (shared guest RAM) */
	char *checks_cell_args; /* the same, in catalogue cells only (not side-effect cells) */
	/* The interfaces the model's QEMU types can show (space separated;
	 * NULL: every one). A modern-only PCI type shows no pci-legacy, so a
	 * pci-transitional cell, there for devices with both, leaves it out. */
	char *interfaces;
	int is_default;
	char *description;
	struct vc_event_def *events; /* from `event.NAME = {...}` keys */
	size_t nevents, capevents;
	int line;
};

/* How a hypervisor personality runs on this target: the transports it can
 * stand in front of and the machine arguments it needs (devices offering
 * ACCESS_PLATFORM, say). "direct" is built in: every transport, no args. */
struct vc_personality_def {
	char *name;        /* one of vcheck/personalities.h */
	char *transports;  /* space separated transport names */
	char *args;
	char *description;
	int line;
};

/* Where the image's records leave: the DT's stdout UART (one trap per
 * byte), Arm semihosting (one per record) where the emulator serves it, or
 * a ring in guest RAM the host reads from its side (no trap at all;
 * vcheck/ring.h); the image falls back to the UART where it is not served. */
enum vc_console { VC_CONSOLE_UART, VC_CONSOLE_SEMIHOSTING, VC_CONSOLE_RING };

/* The accelerators a target can run its cells under. TCG is what the
 * target's own args give; an [accel NAME] section says what changes under
 * another (KVM: -accel kvm, -cpu host, GICv3, no semihosting). */
enum vc_accel { VC_ACCEL_TCG, VC_ACCEL_KVM, VC_ACCEL_COUNT };

struct vc_accel_def {
	int defined;       /* the target has an [accel NAME] section (TCG: always usable) */
	char *args;        /* appended after the target's args: a later -cpu wins, -machine merges */
	int console_given; /* console below replaces the target's */
	enum vc_console console;
	char *description;
	int line;
};

/* "tcg", "kvm"; vc_accel_from_name returns -1 for any other name. */
const char *vc_accel_name(enum vc_accel a);
int vc_accel_from_name(const char *name);

/* Where a launcher target's guest console appears (harness/run/runner.c):
 * the launcher's stdout, a file it writes, a unix socket it listens on, or
 * a pty vcheck makes (also the launcher's stdin and stdout). */
enum vc_console_from { VC_FROM_STDOUT, VC_FROM_FILE, VC_FROM_SOCKET, VC_FROM_PTY };

struct vc_target {
	char *path, *name, *description, *arch, *qemu, *qemu_package, *image, *args;
	/* A VMM other than QEMU: its command template (instead of qemu;
	 * placeholders in harness/targets/README.md), the package that has
	 * it, where its console appears, and whether it runs only under KVM.
	 * What needs QEMU (its trace, QMP, semihosting) is not there. */
	char *launcher, *launcher_package;
	enum vc_console_from console_from;
	int only_kvm;
	/* The console is another's (Xen's, with "(XEN) DOM1: " before each
	 * line and long lines split): records are found behind prefixes and
	 * joined (harness/collect/foreign.h). And a VMM that does not stop
	 * when the image powers off (Xen keeps running after a dom0less domU
	 * ends) is stopped at the end record, which then counts as a clean end. */
	int console_prefixed, stop_at_end;
	/* NAME=VALUE words QEMU runs with (a QEMU unpacked beside the system's
	 * needs its own module directory), and the command that provides a
	 * `qemu` that is not installed (named when it is missing). */
	char *env, *qemu_setup;
	/* Host-side queries are evidence, not requirements: `qemu-status = no`
	 * answers the guest's asks without asking QEMU (10.0.2 segfaults on
	 * x-query-virtio-status for a vhost-user-base device once vhost ran). */
	int no_qemu_status;
	enum vc_console console;
	char *default_transports;
	uint64_t mmio_base, mmio_stride;
	/* The guest RAM the target's args give it (the `ram = SIZE@BASE` key):
	 * where a record ring can go; 0 when not stated. */
	uint64_t ram_base, ram_size;
	unsigned mmio_slots, pci_first_slot, pci_last_slot;
	int pci_first_given;
	struct vc_transport_def *transports;
	size_t ntransports, captransports;
	struct vc_device_def *devices;
	size_t ndevices, capdevices;
	struct vc_personality_def *personalities;
	size_t npersonalities, cappersonalities;
	struct vc_accel_def accels[VC_ACCEL_COUNT];
	char *base; /* the target file this one builds on (vc_target_load), NULL for none */
	/* Cells that run inside a VM vcheck boots first (harness/run/host_vm.h):
	 * its command, the vcheck build that runs in it, the files it needs
	 * (space separated) and the command that makes them. */
	char *host, *host_vcheck, *host_needs, *host_setup;
};

/* Parses a target file. On error returns -1 with "file:line: why" in err.
 * `base = NAME` loads NAME.target beside it first: this file's [target]
 * keys and [accel] sections replace the base's, its other sections add. */
int vc_target_load(const char *path, struct vc_target *t, char *err, size_t errlen);
/* Same, from text in memory (unit tests); `path` is only for messages. */
int vc_target_parse(const char *path, const char *text, struct vc_target *t, char *err, size_t errlen);
void vc_target_free(struct vc_target *t);
/* Replaces {share} (vcheck's data directory) and {bin} (its programs) in
 * every command-line value of t: where QEMU, its modules and the project's
 * own backends live depend on where vcheck was built or installed. */
void vc_target_set_dirs(struct vc_target *t, const char *share, const char *bin);
const struct vc_transport_def *vc_target_transport(const struct vc_target *t, const char *name);
const struct vc_device_def *vc_target_device(const struct vc_target *t, const char *name);
/* The personality `name` of t ("direct" always exists), or NULL. */
const struct vc_personality_def *vc_target_personality(const struct vc_target *t, const char *name);
/* The next word of a space-separated list at or after *at (NULL at its
 * end), with *n its length; *at moves past it. */
const char *vc_next_word(const char **at, size_t *n);
/* Whether `name` (len bytes) is a word of the space-separated `words`. */
int vc_word_in(const char *words, const char *name, size_t len);
/* The first interface transport tr yields that device d cannot show (its
 * length in *n), or NULL when d shows them all. */
const char *vc_device_lacks(const struct vc_device_def *d, const struct vc_transport_def *tr, size_t *n);
/* Whether a cell of transport tr attaches device d: its bus offers it and
 * it shows every interface the transport is there for. */
int vc_device_runs_on(const struct vc_device_def *d, const struct vc_transport_def *tr);
/* Whether personality p can stand in front of transport `tr`. */
int vc_personality_runs_on(const struct vc_personality_def *p, const char *tr);
/* The command template of device model d's event `name`, or NULL. */
const char *vc_device_event(const struct vc_device_def *d, const char *name);
/* The program the target's cells start (QEMU, or its launcher's first
 * word), malloc'd. */
char *vc_target_program(const struct vc_target *t);
/* The program a daemon command line starts (its first word, malloc'd), or NULL. */
char *vc_daemon_program(const struct vc_device_def *d);

#endif
