/* INI-style target files: [target], [transport NAME], [device NAME],
 * [personality NAME], [accel NAME]
 * sections of `key = value` lines; `#` starts a comment. Strict: unknown
 * sections or keys, duplicates and missing required keys are errors. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vcheck/personalities.h"
#include "vcheck/ring.h"
#include "vcheck/transports.h"
#include "harness/plan/target.h"
#include "harness/util/size.h"
#include "harness/util/text_lines.h"
#include "harness/util/vec.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

struct parser {
	const char *path;
	int line;
	char *err;
	size_t errlen;
	struct vc_target *t;
	enum { SEC_NONE, SEC_TARGET, SEC_TRANSPORT, SEC_DEVICE, SEC_PERSONALITY, SEC_ACCEL } sec;
	enum vc_accel accel; /* the [accel NAME] being read */
	char seen[32][32]; /* keys given in the current section */
	unsigned nseen;
	int target_line;
	int over_base; /* parsing a file over its base target: its [target] keys replace the base's */
};

static int fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct parser *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%d: %s", p->path, p->line, msg);
	return -1;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static int set_str(struct parser *p, char **slot, const char *key, const char *val)
{
	if (*slot && p->over_base && p->sec != SEC_DEVICE && p->sec != SEC_TRANSPORT)
		free(*slot), *slot = NULL; /* the base's value; a duplicate in this file was caught in line_kv */
	if (*slot)
		return fail(p, "duplicate key '%s'", key);
	*slot = vc_xstrdup(val);
	return 0;
}

static int parse_u64(struct parser *p, const char *key, const char *val, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(val, &end, 0);
	if (!*val || *end || errno || val[0] == '-')
		return fail(p, "'%s' wants a number, not '%s'", key, val);
	*out = v;
	return 0;
}

static int parse_uint(struct parser *p, const char *key, const char *val, unsigned max, unsigned *out)
{
	uint64_t v = 0;
	if (parse_u64(p, key, val, &v))
		return -1;
	if (v > max)
		return fail(p, "'%s' is at most %u", key, max);
	*out = (unsigned)v;
	return 0;
}

static int parse_console(struct parser *p, const char *val, enum vc_console *out)
{
	if (!strcmp(val, "uart"))
		*out = VC_CONSOLE_UART;
	else if (!strcmp(val, "semihosting"))
		*out = VC_CONSOLE_SEMIHOSTING;
	else if (!strcmp(val, "ring"))
		*out = VC_CONSOLE_RING;
	else
		return fail(p, "console must be 'uart', 'semihosting' or 'ring', not '%s'", val);
	return 0;
}

/* A list of interface names vcheck knows (vcheck/transports.h), at least one. */
static int set_interfaces(struct parser *p, char **slot, const char *key, const char *val)
{
#define SPACE_NAME(id, name) " " name
	static const char known[] = VC_TRANSPORTS(SPACE_NAME);
#undef SPACE_NAME
	unsigned words = 0;
	size_t n;
	for (const char *at = val, *w; (w = vc_next_word(&at, &n)); words++)
		if (!vc_word_in(known, w, n))
			return fail(p, "unknown interface '%.*s' in %s (one of:%s)", (int)n, w, key, known);
	if (!words)
		return fail(p, "'%s' names no interface", key);
	return set_str(p, slot, key, val);
}

/* NAME=VALUE words; NAME as a shell would take it. */
static int parse_env(struct parser *p, const char *v, char **slot)
{
	size_t n;
	for (const char *at = v, *w; (w = vc_next_word(&at, &n));) {
		const char *eq = memchr(w, '=', n);
		size_t kn = eq ? (size_t)(eq - w) : 0;
		int ok = kn > 0 && !(w[0] >= '0' && w[0] <= '9');
		for (size_t i = 0; ok && i < kn; i++)
			ok = w[i] == '_' || (w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= 'a' && w[i] <= 'z') ||
			     (w[i] >= '0' && w[i] <= '9');
		if (!ok)
			return fail(p, "env wants NAME=VALUE words, not '%.*s'", (int)n, w);
	}
	return set_str(p, slot, "env", v);
}

static int valid_name(const char *s);

/* SIZE[K|M|G]@BASE: the guest RAM as the target's args make it. */
static int parse_ram(struct parser *p, const char *v, struct vc_target *t)
{
	const char *end, *at = strchr(v, '@');
	unsigned long long size;
	if (!at || vc_size_prefix(v, &end, 1ull << 40, &size) || end != at || !size)
		return fail(p, "ram wants SIZE[K|M|G]@BASE, not '%s'", v);
	if (parse_u64(p, "ram", at + 1, &t->ram_base))
		return -1;
	t->ram_size = size;
	return 0;
}

static int target_key(struct parser *p, const char *k, const char *v)
{
	struct vc_target *t = p->t;
	if (!strcmp(k, "name"))
		return valid_name(v) ? set_str(p, &t->name, k, v)
				     : fail(p, "name is letters, digits, '-', '_' or '.' (it names log directories), not '%s'", v);
	if (!strcmp(k, "description")) return set_str(p, &t->description, k, v);
	if (!strcmp(k, "base")) {
		if (p->over_base)
			free(t->base), t->base = NULL; /* the base's own base */
		if (!valid_name(v))
			return fail(p, "base names a target file beside this one, not '%s'", v);
		return set_str(p, &t->base, k, v);
	}
	if (!strcmp(k, "arch")) return set_str(p, &t->arch, k, v);
	if (!strcmp(k, "host")) return set_str(p, &t->host, k, v);
	if (!strcmp(k, "host-vcheck")) return set_str(p, &t->host_vcheck, k, v);
	if (!strcmp(k, "host-needs")) return set_str(p, &t->host_needs, k, v);
	if (!strcmp(k, "host-setup")) return set_str(p, &t->host_setup, k, v);
	if (!strcmp(k, "qemu")) return set_str(p, &t->qemu, k, v);
	if (!strcmp(k, "launcher")) return set_str(p, &t->launcher, k, v);
	if (!strcmp(k, "launcher-package")) return set_str(p, &t->launcher_package, k, v);
	if (!strcmp(k, "console-from")) {
		static const char *const from[] = { "stdout", "file", "socket", "pty" };
		for (unsigned i = 0; i < 4; i++)
			if (!strcmp(v, from[i])) {
				t->console_from = (enum vc_console_from)i;
				return 0;
			}
		return fail(p, "console-from must be stdout, file, socket or pty, not '%s'", v);
	}
	if (!strcmp(k, "console-prefixed") || !strcmp(k, "stop-at-end")) {
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return fail(p, "%s must be 'yes' or 'no', not '%s'", k, v);
		*(!strcmp(k, "stop-at-end") ? &t->stop_at_end : &t->console_prefixed) = !strcmp(v, "yes");
		return 0;
	}
	if (!strcmp(k, "only-accel")) {
		if (strcmp(v, "kvm"))
			return fail(p, "only-accel knows kvm (a VMM that runs only under KVM), not '%s'", v);
		t->only_kvm = 1;
		return 0;
	}
	if (!strcmp(k, "qemu-package")) return set_str(p, &t->qemu_package, k, v);
	if (!strcmp(k, "qemu-setup")) return set_str(p, &t->qemu_setup, k, v);
	if (!strcmp(k, "env")) return parse_env(p, v, &t->env);
	if (!strcmp(k, "image")) return set_str(p, &t->image, k, v);
	if (!strcmp(k, "args")) return set_str(p, &t->args, k, v);
	if (!strcmp(k, "default-transports")) return set_str(p, &t->default_transports, k, v);
	if (!strcmp(k, "console")) return parse_console(p, v, &t->console);
	if (!strcmp(k, "qemu-status")) {
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return fail(p, "qemu-status must be 'yes' or 'no', not '%s'", v);
		t->no_qemu_status = !strcmp(v, "no");
		return 0;
	}
	if (!strcmp(k, "ram")) return parse_ram(p, v, t);
	if (!strcmp(k, "mmio-base")) return parse_u64(p, k, v, &t->mmio_base);
	if (!strcmp(k, "mmio-stride")) return parse_u64(p, k, v, &t->mmio_stride);
	if (!strcmp(k, "mmio-slots")) return parse_uint(p, k, v, 1024, &t->mmio_slots);
	if (!strcmp(k, "pci-first-slot")) {
		t->pci_first_given = 1; /* 0 is a slot too: a VMM without a host-bridge function there */
		return parse_uint(p, k, v, 31, &t->pci_first_slot);
	}
	if (!strcmp(k, "pci-last-slot")) return parse_uint(p, k, v, 31, &t->pci_last_slot);
	return fail(p, "unknown key '%s' in [target]", k);
}

static int transport_key(struct parser *p, const char *k, const char *v)
{
	struct vc_transport_def *tr = &p->t->transports[p->t->ntransports - 1];
	if (!strcmp(k, "bus")) {
		if (strcmp(v, "mmio") && strcmp(v, "pci"))
			return fail(p, "bus must be 'mmio' or 'pci', not '%s'", v);
		tr->bus = !strcmp(v, "pci") ? VC_BUS_PCI : VC_BUS_MMIO;
		tr->bus_given = 1;
		return 0;
	}
	if (!strcmp(k, "interfaces")) return set_interfaces(p, &tr->interfaces, k, v);
	if (!strcmp(k, "args")) return set_str(p, &tr->args, k, v);
	if (!strcmp(k, "place")) return set_str(p, &tr->place, k, v);
	return fail(p, "unknown key '%s' in [transport %s]", k, tr->name);
}


static int personality_key(struct parser *p, const char *k, const char *v)
{
	struct vc_personality_def *pd = &p->t->personalities[p->t->npersonalities - 1];
	if (!strcmp(k, "transports")) return set_str(p, &pd->transports, k, v);
	if (!strcmp(k, "args")) return set_str(p, &pd->args, k, v);
	if (!strcmp(k, "description")) return set_str(p, &pd->description, k, v);
	return fail(p, "unknown key '%s' in [personality %s]", k, pd->name);
}

static const char *const accel_names[VC_ACCEL_COUNT] = { "tcg", "kvm" };

const char *vc_accel_name(enum vc_accel a) { return a < VC_ACCEL_COUNT ? accel_names[a] : "?"; }

int vc_accel_from_name(const char *name)
{
	for (int i = 0; i < VC_ACCEL_COUNT; i++)
		if (!strcmp(accel_names[i], name))
			return i;
	return -1;
}

static int accel_section(struct parser *p, const char *arg)
{
	int a = vc_accel_from_name(arg);
	if (a < 0)
		return fail(p, "[accel %s]: vcheck knows tcg and kvm", arg);
	if (p->t->accels[a].defined && !p->over_base)
		return fail(p, "accel '%s' defined twice", arg);
	free(p->t->accels[a].args), free(p->t->accels[a].description); /* a base's, replaced whole */
	p->t->accels[a] = (struct vc_accel_def){ .defined = 1, .line = p->line };
	p->accel = (enum vc_accel)a, p->sec = SEC_ACCEL;
	return 0;
}

static int accel_key(struct parser *p, const char *k, const char *v)
{
	struct vc_accel_def *ad = &p->t->accels[p->accel];
	if (!strcmp(k, "args")) return set_str(p, &ad->args, k, v);
	if (!strcmp(k, "description")) return set_str(p, &ad->description, k, v);
	if (!strcmp(k, "console")) {
		ad->console_given = 1;
		return parse_console(p, v, &ad->console);
	}
	return fail(p, "unknown key '%s' in [accel %s]", k, accel_names[p->accel]);
}

static int personality_section(struct parser *p, const char *arg)
{
	struct vc_target *t = p->t;
	if (vc_personality_id(arg) < 0 || !strcmp(arg, "direct"))
		return fail(p, "[personality %s]: the image knows gunyah and xen (direct is built in)", arg);
	for (size_t i = 0; i < t->npersonalities; i++)
		if (!strcmp(t->personalities[i].name, arg))
			return fail(p, "personality '%s' defined twice", arg);
	struct vc_personality_def *pd = VEC_PUSH(t->personalities, t->npersonalities, t->cappersonalities);
	pd->name = vc_xstrdup(arg), pd->line = p->line;
	p->sec = SEC_PERSONALITY;
	return 0;
}

/* `event.NAME = {...}`: the value is sent to QMP as it stands (after
 * placeholders), so only its shape is checked here; QEMU judges the rest. */
static int event_key(struct parser *p, struct vc_device_def *d, const char *name, const char *v)
{
	size_t n = strlen(v);
	if (!valid_name(name))
		return fail(p, "event names are letters, digits, '-', '_' or '.', not '%s'", name);
	if (vc_device_event(d, name)) /* the seen-keys list keeps only short keys */
		return fail(p, "duplicate key 'event.%s'", name);
	if (n < 2 || v[0] != '{' || v[n - 1] != '}')
		return fail(p, "event.%s wants a QMP command, a JSON object {...}", name);
	struct vc_event_def *e = VEC_PUSH(d->events, d->nevents, d->capevents);
	e->name = vc_xstrdup(name), e->command = vc_xstrdup(v);
	return 0;
}

static int device_key(struct parser *p, const char *k, const char *v)
{
	struct vc_device_def *d = &p->t->devices[p->t->ndevices - 1];
	if (!strncmp(k, "event.", 6))
		return event_key(p, d, k + 6, v);
	if (!strcmp(k, "type")) {
		unsigned type = 0;
		if (parse_uint(p, k, v, 0xffff, &type))
			return -1;
		d->type = type;
		return 0;
	}
	if (!strcmp(k, "default")) {
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return fail(p, "default must be 'yes' or 'no'");
		d->is_default = !strcmp(v, "yes");
		return 0;
	}
	if (!strcmp(k, "mmio")) return set_str(p, &d->mmio, k, v);
	if (!strcmp(k, "pci")) return set_str(p, &d->pci, k, v);
	if (!strcmp(k, "backend")) return set_str(p, &d->backend, k, v);
	if (!strcmp(k, "files")) return set_str(p, &d->files, k, v);
	if (!strcmp(k, "dirs")) return set_str(p, &d->dirs, k, v);
	if (!strcmp(k, "daemon")) return set_str(p, &d->daemon, k, v);
	if (!strcmp(k, "daemon-ready")) return set_str(p, &d->daemon_ready, k, v);
	if (!strcmp(k, "daemon-package")) return set_str(p, &d->daemon_package, k, v);
	if (!strcmp(k, "cell-args")) return set_str(p, &d->cell_args, k, v);
	if (!strcmp(k, "checks-cell-args")) return set_str(p, &d->checks_cell_args, k, v);
	if (!strcmp(k, "chardev-out")) return set_str(p, &d->chardev_out, k, v);
	if (!strcmp(k, "interfaces")) return set_interfaces(p, &d->interfaces, k, v);
	if (!strcmp(k, "description")) return set_str(p, &d->description, k, v);
	return fail(p, "unknown key '%s' in [device %s]", k, d->name);
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return 0;
	return 1;
}

static int section(struct parser *p, char *line)
{
	char *close = strchr(line, ']');
	if (!close || trim(close + 1)[0])
		return fail(p, "malformed section header");
	*close = 0;
	char *name = trim(line + 1), *arg = name + strcspn(name, " \t");
	if (*arg)
		*arg++ = 0;
	arg = trim(arg);
	struct vc_target *t = p->t;
	p->nseen = 0;
	if (!strcmp(name, "target") && !*arg) {
		p->sec = SEC_TARGET;
		p->target_line = p->line;
		return 0;
	}
	if (!strcmp(name, "transport") || !strcmp(name, "device")) {
		if (!valid_name(arg))
			return fail(p, "[%s] needs a name of letters, digits, '-', '_' or '.'", name);
		int dev = !strcmp(name, "device");
		if (dev ? vc_target_device(t, arg) != NULL : vc_target_transport(t, arg) != NULL)
			return fail(p, "%s '%s' defined twice", name, arg);
		if (dev) {
			struct vc_device_def *d = VEC_PUSH(t->devices, t->ndevices, t->capdevices);
			d->name = vc_xstrdup(arg), d->line = p->line;
		} else {
			struct vc_transport_def *tr = VEC_PUSH(t->transports, t->ntransports, t->captransports);
			tr->name = vc_xstrdup(arg), tr->line = p->line;
		}
		p->sec = dev ? SEC_DEVICE : SEC_TRANSPORT;
		return 0;
	}
	if (!strcmp(name, "personality"))
		return personality_section(p, arg);
	if (!strcmp(name, "accel"))
		return accel_section(p, arg);
	return fail(p, "unknown section [%s%s%s]", name, *arg ? " " : "", arg);
}

static int line_kv(struct parser *p, char *line)
{
	char *eq = strchr(line, '=');
	if (!eq)
		return fail(p, "expected 'key = value'");
	*eq = 0;
	char *k = trim(line), *v = trim(eq + 1);
	if (!*k)
		return fail(p, "empty key");
	for (unsigned i = 0; i < p->nseen; i++)
		if (!strcmp(p->seen[i], k))
			return fail(p, "duplicate key '%s'", k);
	if (p->nseen < 32)
		snprintf(p->seen[p->nseen++], sizeof(p->seen[0]), "%s", k);

	switch (p->sec) {
	case SEC_TARGET: return target_key(p, k, v);
	case SEC_TRANSPORT: return transport_key(p, k, v);
	case SEC_DEVICE: return device_key(p, k, v);
	case SEC_PERSONALITY: return personality_key(p, k, v);
	case SEC_ACCEL: return accel_key(p, k, v);
	default: return fail(p, "'%s' outside any section", k);
	}
}

static int validate(struct parser *p)
{
	struct vc_target *t = p->t;
	p->line = p->target_line ? p->target_line : 1;
	if (!t->name || !t->arch || (!t->qemu == !t->launcher) || !t->image || !t->args)
		return fail(p, "[target] needs name, arch, qemu or launcher (one of them), image and args");
	if (t->launcher && (t->console == VC_CONSOLE_SEMIHOSTING || t->qemu_setup || t->env))
		return fail(p, "a launcher target has no semihosting console, qemu-setup or env (they are QEMU's)");
	if (!t->launcher && (t->console_from != VC_FROM_STDOUT || t->launcher_package))
		return fail(p, "console-from and launcher-package are a launcher's (QEMU's console is its stdout)");
	if (!t->ntransports)
		return fail(p, "no [transport] sections");
	for (int a = 0; a < VC_ACCEL_COUNT; a++) {
		const struct vc_accel_def *ad = &t->accels[a];
		if (((ad->console_given && ad->console == VC_CONSOLE_RING) || t->console == VC_CONSOLE_RING) &&
		    t->ram_size < 2 * VC_RING_BYTES)
			return fail(p, "console = ring needs ram = SIZE@BASE in [target] (where the ring goes)");
	}
	if (!t->host != !t->host_vcheck)
		return fail(p, "host and host-vcheck go together (the VM and the vcheck that runs in it)");
	for (size_t i = 0; i < t->ntransports; i++) {
		struct vc_transport_def *tr = &t->transports[i];
		p->line = tr->line;
		if (!tr->bus_given || !tr->interfaces || !tr->place)
			return fail(p, "[transport %s] needs bus, interfaces and place", tr->name);
		if (t->transports[i].bus == VC_BUS_MMIO && (!t->mmio_stride || !t->mmio_slots))
			return fail(p, "mmio transports need mmio-base, mmio-stride and mmio-slots in [target]");
	}
	for (size_t i = 0; i < t->ndevices; i++) {
		p->line = t->devices[i].line;
		const struct vc_device_def *d = &t->devices[i];
		if (!d->type || (!d->mmio && !d->pci))
			return fail(p, "[device %s] needs type and mmio or pci", d->name);
		/* Without a ready path the runner could only guess when to start QEMU. */
		if (d->daemon_package && !d->daemon)
			return fail(p, "[device %s] daemon-package without daemon", d->name);
		if (!d->daemon != !d->daemon_ready)
			return fail(p, "[device %s] needs daemon and daemon-ready together", d->name);
		if (d->daemon && !d->daemon[strspn(d->daemon, " \t")])
			return fail(p, "[device %s] daemon is empty", d->name);
	}
	for (size_t i = 0; i < t->npersonalities; i++) {
		const struct vc_personality_def *pd = &t->personalities[i];
		p->line = pd->line;
		if (!pd->transports)
			return fail(p, "[personality %s] needs transports", pd->name);
		char names[256];
		snprintf(names, sizeof(names), "%s", pd->transports);
		for (char *save, *w = strtok_r(names, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
			if (!vc_target_transport(t, w))
				return fail(p, "[personality %s]: no transport '%s' in this target", pd->name, w);
	}
	if (!t->pci_last_slot)
		t->pci_last_slot = 31;
	if (!t->pci_first_given)
		t->pci_first_slot = 1;
	return 0;
}

/* The lines of text into t (which may hold a base target already). */
static int parse_lines(struct parser *p, const char *text)
{
	char *copy = vc_xstrdup(text), *cursor = copy, *l;
	int rc = 0;
	while (!rc && (l = vc_next_line(&cursor, &p->line, 1))) {
		char *s = trim(l);
		if (*s)
			rc = s[0] == '[' ? section(p, s) : line_kv(p, s);
	}
	free(copy);
	return rc;
}

int vc_target_parse(const char *path, const char *text, struct vc_target *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	t->path = vc_xstrdup(path);
	struct parser p = { .path = path, .err = err, .errlen = errlen, .t = t };
	int rc = parse_lines(&p, text);
	if (!rc && t->base) {
		p.line = p.target_line;
		rc = fail(&p, "base '%s': a target with a base is loaded from its file", t->base);
	}
	if (!rc)
		rc = validate(&p);
	if (rc)
		vc_target_free(t);
	return rc;
}

/* Base chains end here; deeper is a cycle or a mistake. */
#define BASE_DEPTH_MAX 4

static int load_at_depth(const char *path, struct vc_target *t, char *err, size_t errlen, int depth);

/* A target with `base = NAME` is NAME.target beside it, loaded first,
 * with this file's sections on top: its [target] keys and [accel]
 * sections replace the base's, its transports, devices and personalities
 * add to them (one that the base has already is an error). */
static int load_over_base(const char *path, const char *text, const char *base, struct vc_target *t, char *err,
			  size_t errlen, int depth)
{
	const char *slash = strrchr(path, '/');
	char *bpath = vc_xasprintf("%.*s%s.target", slash ? (int)(slash - path + 1) : 0, path, base);
	int rc = depth >= BASE_DEPTH_MAX ? -1 : load_at_depth(bpath, t, err, errlen, depth + 1);
	if (depth >= BASE_DEPTH_MAX)
		snprintf(err, errlen, "%s: base targets nest deeper than %d (a cycle?)", path, BASE_DEPTH_MAX);
	free(bpath);
	if (rc)
		return -1;
	free(t->path), free(t->base), free(t->name);
	t->path = vc_xstrdup(path), t->base = vc_xstrdup(base), t->name = NULL;
	struct parser p = { .path = path, .err = err, .errlen = errlen, .t = t, .over_base = 1 };
	rc = parse_lines(&p, text);
	if (!rc)
		rc = validate(&p);
	if (rc)
		vc_target_free(t);
	return rc;
}

static int load_at_depth(const char *path, struct vc_target *t, char *err, size_t errlen, int depth)
{
	char *text;
	if (vc_read_text_file(path, &text, err, errlen))
		return -1;
	/* parsed alone first: its own errors, and whether it has a base */
	memset(t, 0, sizeof(*t));
	t->path = vc_xstrdup(path);
	struct parser p = { .path = path, .err = err, .errlen = errlen, .t = t };
	int rc = parse_lines(&p, text);
	char *base = !rc && t->base ? vc_xstrdup(t->base) : NULL;
	if (!rc && !base)
		rc = validate(&p);
	vc_target_free(t);
	if (!rc)
		rc = base ? load_over_base(path, text, base, t, err, errlen, depth)
			  : vc_target_parse(path, text, t, err, errlen);
	free(base);
	free(text);
	return rc;
}

int vc_target_load(const char *path, struct vc_target *t, char *err, size_t errlen)
{
	return load_at_depth(path, t, err, errlen, 0);
}

const struct vc_transport_def *vc_target_transport(const struct vc_target *t, const char *name)
{
	for (size_t i = 0; i < t->ntransports; i++)
		if (!strcmp(t->transports[i].name, name))
			return &t->transports[i];
	return NULL;
}

const struct vc_personality_def *vc_target_personality(const struct vc_target *t, const char *name)
{
	static const struct vc_personality_def direct = { .name = "direct" };
	if (!strcmp(name, "direct"))
		return &direct;
	for (size_t i = 0; i < t->npersonalities; i++)
		if (!strcmp(t->personalities[i].name, name))
			return &t->personalities[i];
	return NULL;
}

const char *vc_next_word(const char **at, size_t *n)
{
	const char *w = *at + strspn(*at, " \t");
	*n = strcspn(w, " \t");
	*at = w + *n;
	return *n ? w : NULL;
}

int vc_word_in(const char *words, const char *name, size_t len)
{
	size_t n;
	for (const char *w; (w = vc_next_word(&words, &n));)
		if (n == len && !strncmp(w, name, len))
			return 1;
	return 0;
}

const char *vc_device_lacks(const struct vc_device_def *d, const struct vc_transport_def *tr, size_t *n)
{
	for (const char *at = tr->interfaces, *w; d->interfaces && (w = vc_next_word(&at, n));)
		if (!vc_word_in(d->interfaces, w, *n))
			return w;
	return NULL;
}

int vc_device_runs_on(const struct vc_device_def *d, const struct vc_transport_def *tr)
{
	size_t n;
	return (tr->bus == VC_BUS_PCI ? d->pci != NULL : d->mmio != NULL) && !vc_device_lacks(d, tr, &n);
}

int vc_personality_runs_on(const struct vc_personality_def *p, const char *tr)
{
	return !p->transports || vc_word_in(p->transports, tr, strlen(tr)); /* none: direct */
}

const struct vc_device_def *vc_target_device(const struct vc_target *t, const char *name)
{
	for (size_t i = 0; i < t->ndevices; i++)
		if (!strcmp(t->devices[i].name, name))
			return &t->devices[i];
	return NULL;
}

const char *vc_device_event(const struct vc_device_def *d, const char *name)
{
	for (size_t i = 0; i < d->nevents; i++)
		if (!strcmp(d->events[i].name, name))
			return d->events[i].command;
	return NULL;
}

char *vc_target_program(const struct vc_target *t)
{
	const char *cmd = t->launcher ? t->launcher : t->qemu;
	cmd += strspn(cmd, " \t");
	return strndup(cmd, strcspn(cmd, " \t"));
}

char *vc_daemon_program(const struct vc_device_def *d)
{
	if (!d->daemon)
		return NULL;
	const char *s = d->daemon + strspn(d->daemon, " \t");
	return strndup(s, strcspn(s, " \t"));
}

/* *s with every {share} and {bin} replaced (NULL stays NULL). */
static void set_dirs(char **s, const char *share, const char *bin)
{
	while (*s) {
		char *at = strstr(*s, "{share}"), *bt = strstr(*s, "{bin}");
		char *hit = at && (!bt || at < bt) ? at : bt;
		if (!hit)
			return;
		int share_hit = hit == at;
		char *next = vc_xasprintf("%.*s%s%s", (int)(hit - *s), *s, share_hit ? share : bin,
					  hit + (share_hit ? 7 : 5));
		free(*s);
		*s = next;
	}
}

void vc_target_set_dirs(struct vc_target *t, const char *share, const char *bin)
{
	char **top[] = { &t->qemu, &t->args, &t->env, &t->qemu_setup, &t->host, &t->host_vcheck, &t->host_needs,
			 &t->launcher };
	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		set_dirs(top[i], share, bin);
	for (size_t i = 0; i < t->ntransports; i++)
		set_dirs(&t->transports[i].args, share, bin);
	for (size_t i = 0; i < t->ndevices; i++) {
		struct vc_device_def *d = &t->devices[i];
		char **dev[] = { &d->mmio, &d->pci, &d->backend, &d->daemon, &d->daemon_ready, &d->cell_args,
				 &d->checks_cell_args };
		for (size_t k = 0; k < sizeof(dev) / sizeof(dev[0]); k++)
			set_dirs(dev[k], share, bin);
	}
	for (size_t i = 0; i < t->npersonalities; i++)
		set_dirs(&t->personalities[i].args, share, bin);
	for (size_t i = 0; i < VC_ACCEL_COUNT; i++)
		set_dirs(&t->accels[i].args, share, bin);
}

void vc_target_free(struct vc_target *t)
{
	free(t->path), free(t->name), free(t->description), free(t->arch), free(t->qemu);
	free(t->qemu_package), free(t->image), free(t->args), free(t->default_transports);
	free(t->env), free(t->qemu_setup), free(t->base);
	free(t->host), free(t->host_vcheck), free(t->host_needs), free(t->host_setup);
	free(t->launcher), free(t->launcher_package);
	for (size_t i = 0; i < t->ntransports; i++) {
		struct vc_transport_def *tr = &t->transports[i];
		free(tr->name), free(tr->interfaces), free(tr->args), free(tr->place);
	}
	for (size_t i = 0; i < t->ndevices; i++) {
		struct vc_device_def *d = &t->devices[i];
		free(d->name), free(d->mmio), free(d->pci), free(d->backend);
		free(d->files), free(d->dirs), free(d->description);
		free(d->daemon), free(d->daemon_ready), free(d->daemon_package), free(d->cell_args);
		free(d->checks_cell_args);
		free(d->chardev_out), free(d->interfaces);
		for (size_t k = 0; k < d->nevents; k++)
			free(d->events[k].name), free(d->events[k].command);
		free(d->events);
	}
	for (size_t i = 0; i < t->npersonalities; i++) {
		struct vc_personality_def *pd = &t->personalities[i];
		free(pd->name), free(pd->transports), free(pd->args), free(pd->description);
	}
	for (size_t i = 0; i < VC_ACCEL_COUNT; i++)
		free(t->accels[i].args), free(t->accels[i].description);
	free(t->transports), free(t->devices), free(t->personalities);
	memset(t, 0, sizeof(*t));
}
