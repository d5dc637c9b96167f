#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness/plan/plan.h"
#include "vcheck/ring.h"
#include "harness/util/size.h"
#include "harness/util/vec.h"

struct subst { const char *key; const char *val; };

/* Whether '{' at p opens a placeholder. In JSON (event commands) a brace
 * that opens an object is followed by a quote, a brace or a space, never
 * by a letter, so only "{letter" is a placeholder there. */
static int placeholder_at(const char *p, int json)
{
	return *p == '{' && (!json || (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'));
}

/* Replaces {key} placeholders; an unknown placeholder is an error so a typo
 * in a target file cannot reach QEMU silently. */
static char *expand_text(const char *tmpl, const struct subst *s, size_t ns, int json, char *err, size_t errlen)
{
	size_t cap = 0, len = 0;
	char *out = NULL;
	for (const char *p = tmpl; *p;) {
		const char *piece = p;
		size_t plen = 1;
		if (placeholder_at(p, json)) {
			const char *close = strchr(p, '}');
			size_t i = 0;
			for (; close && i < ns; i++)
				if (strlen(s[i].key) == (size_t)(close - p - 1) && !strncmp(p + 1, s[i].key, close - p - 1))
					break;
			if (!close || i == ns) {
				snprintf(err, errlen, "unknown placeholder in '%s'", tmpl);
				free(out);
				return NULL;
			}
			piece = s[i].val, plen = strlen(piece), p = close + 1;
		} else {
			p++;
		}
		while (len + plen + 1 > cap)
			out = vc_vec_grow(out, 1, cap, &cap);
		memcpy(out + len, piece, plen);
		len += plen;
	}
	if (!out)
		out = vc_xstrdup("");
	out[len] = 0;
	return out;
}

static char *expand(const char *tmpl, const struct subst *s, size_t ns, char *err, size_t errlen)
{
	return expand_text(tmpl, s, ns, 0, err, errlen);
}

/* Appends one argument; the plan owns it. */
static void push(struct vc_cell_plan *p, char *owned)
{
	*VEC_PUSH(p->argv, p->argc, p->capargv) = owned;
}

/* Words are split on any white space: --extra-args pasted over several
 * lines keeps its newlines, which QEMU would take as part of a value. */
#define SPACE " \t\n\r\v\f"

static void push_words(struct vc_cell_plan *p, const char *words)
{
	char *copy = vc_xstrdup(words), *save;
	for (char *w = strtok_r(copy, SPACE, &save); w; w = strtok_r(NULL, SPACE, &save))
		push(p, vc_xstrdup(w));
	free(copy);
}

/* A device's words: on QEMU's command line as they come; a launcher's
 * gather where its template says {devices}. */
static void emit(struct vc_cell_plan *p, const char *words)
{
	if (!p->target->launcher) {
		push_words(p, words);
		return;
	}
	char *copy = vc_xstrdup(words), *save;
	for (char *w = strtok_r(copy, SPACE, &save); w; w = strtok_r(NULL, SPACE, &save))
		*VEC_PUSH(p->dev_words, p->ndev_words, p->capdev_words) = vc_xstrdup(w);
	free(copy);
}

void vc_plan_location(const struct vc_target *t, enum vc_bus bus, unsigned slot, char *buf, size_t len)
{
	if (bus == VC_BUS_MMIO)
		snprintf(buf, len, "mmio@0x%llx", (unsigned long long)(t->mmio_base + slot * t->mmio_stride));
	else
		snprintf(buf, len, "pci@00:%02x.0", slot);
}

/* A scratch file or directory stays inside the cell's scratch directory:
 * one path component, not "." or "..". */
static int scratch_name(const char *w)
{
	return *w && !strchr(w, '/') && strcmp(w, ".") && strcmp(w, "..");
}

static int add_scratch(struct vc_cell_plan *p, const struct vc_device_def *d,
		       const struct subst *s, size_t ns, char *err, size_t errlen)
{
	char *files = d->files ? expand(d->files, s, ns, err, errlen) : NULL, *save;
	char *dirs = d->dirs ? expand(d->dirs, s, ns, err, errlen) : NULL;
	if ((d->files && !files) || (d->dirs && !dirs))
		return free(files), free(dirs), -1;
	for (char *w = files ? strtok_r(files, " ", &save) : NULL; w; w = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(w, ':');
		unsigned long long size = 0;
		int too_big = 0;
		if (!colon || vc_size_parse(colon + 1, ~0ull, &size)) {
			snprintf(err, errlen, "[device %s] files wants name:size[K|M|G], not '%s'", d->name, w);
			return free(files), free(dirs), -1;
		}
		too_big = size > VC_SCRATCH_FILE_MAX;
		*colon = 0;
		if (!scratch_name(w) || too_big) {
			snprintf(err, errlen, "[device %s] files: '%s' must be one name in the cell's scratch directory, "
				 "at most %u MiB", d->name, w, (unsigned)(VC_SCRATCH_FILE_MAX >> 20));
			return free(files), free(dirs), -1;
		}
		struct vc_scratch_file *f = VEC_PUSH(p->files, p->nfiles, p->capfiles);
		f->path = malloc(strlen(p->scratch_dir) + strlen(w) + 2);
		sprintf(f->path, "%s/%s", p->scratch_dir, w);
		f->size = size;
	}
	for (char *w = dirs ? strtok_r(dirs, " ", &save) : NULL; w; w = strtok_r(NULL, " ", &save)) {
		if (!scratch_name(w)) {
			snprintf(err, errlen, "[device %s] dirs: '%s' must be one name in the cell's scratch directory",
				 d->name, w);
			return free(files), free(dirs), -1;
		}
		char **slot = VEC_PUSH(p->dirs, p->ndirs, p->capdirs);
		*slot = malloc(strlen(p->scratch_dir) + strlen(w) + 2);
		sprintf(*slot, "%s/%s", p->scratch_dir, w);
	}
	free(files), free(dirs);
	return 0;
}

/* Event commands are expanded now, so a bad placeholder fails the plan,
 * not the run. */
static int add_events(struct vc_cell_plan *p, const struct vc_device_def *d, const char *loc,
		      const struct subst *s, size_t ns, char *err, size_t errlen)
{
	for (size_t i = 0; i < d->nevents; i++) {
		char *cmd = expand_text(d->events[i].command, s, ns, 1, err, errlen);
		if (!cmd)
			return -1;
		struct vc_planned_event *e = VEC_PUSH(p->events, p->nevents, p->capevents);
		e->location = vc_xstrdup(loc), e->name = vc_xstrdup(d->events[i].name), e->command = cmd;
	}
	return 0;
}

/* `{dir}/x` fits a unix socket path only for shallow output directories;
 * {sock} is where a daemon's socket always fits (sun_path, 108 bytes). */
#define SOCK_NAME_ROOM 24

static void set_sock_dir(struct vc_cell_plan *p)
{
	char path[64];
	if (strlen(p->scratch_dir) + SOCK_NAME_ROOM < VC_QMP_PATH_MAX) {
		p->sock_dir = vc_xstrdup(p->scratch_dir);
		return;
	}
	snprintf(path, sizeof(path), "/tmp/vcheck-%ld-%zu.d", (long)getpid(), p->cell_index);
	p->sock_dir = vc_xstrdup(path);
}

/* Words of an expanded command line into a NULL-terminated argv. */
static void split_argv(const char *words, char ***argv, size_t *argc, size_t *cap)
{
	char *copy = vc_xstrdup(words), *save;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		*VEC_PUSH(*argv, *argc, *cap) = vc_xstrdup(w);
	free(copy);
	*VEC_PUSH(*argv, *argc, *cap) = NULL;
	(*argc)--; /* the terminator is not an argument */
}

static int add_daemon(struct vc_cell_plan *p, const struct vc_device_def *d, const char *num,
		      const struct subst *s, size_t ns, char *err, size_t errlen)
{
	char *cmd = expand(d->daemon, s, ns, err, errlen);
	char *ready = cmd ? expand(d->daemon_ready, s, ns, err, errlen) : NULL;
	if (!cmd || !ready)
		return free(cmd), free(ready), -1;
	struct vc_planned_daemon *dm = VEC_PUSH(p->daemons, p->ndaemons, p->capdaemons);
	split_argv(cmd, &dm->argv, &dm->argc, &dm->capargv);
	dm->ready = ready, dm->model = vc_xstrdup(d->name);
	dm->log = malloc(strlen(p->log_dir) + strlen(d->name) + strlen(num) + 20);
	sprintf(dm->log, "%s/daemon-%s%s.txt", p->log_dir, d->name, num);
	free(cmd);
	return 0;
}

/* cell-args: once per cell, whichever devices ask for the same words. */
static void add_cell_args(struct vc_cell_plan *p, const char *words)
{
	for (size_t i = 0; i < p->ncell_args; i++)
		if (!strcmp(p->cell_args[i], words))
			return;
	*VEC_PUSH(p->cell_args, p->ncell_args, p->capcell_args) = vc_xstrdup(words);
	emit(p, words);
}

static int add_device(struct vc_cell_plan *p, struct vc_cell *cell, const struct vc_device_def *d,
		      unsigned n, unsigned slot, char *err, size_t errlen)
{
	const struct vc_transport_def *tr = p->transport;
	const char *tmpl = tr->bus == VC_BUS_PCI ? d->pci : d->mmio;
	char num[16], slotd[16], slotx[16], loc[64];
	snprintf(num, sizeof(num), "%u", n);
	snprintf(slotd, sizeof(slotd), "%u", slot);
	snprintf(slotx, sizeof(slotx), "0x%x", slot);
	struct subst ps[] = { { "slot", slotd }, { "slotx", slotx } };
	char *place = expand(tr->place, ps, 2, err, errlen);
	if (!place)
		return -1;
	struct subst s[] = { { "n", num }, { "place", place }, { "dir", p->scratch_dir }, { "out", p->log_dir },
			     { "sock", p->sock_dir }, { "slot", slotd }, { "slotx", slotx } };
	const size_t ns = sizeof(s) / sizeof(s[0]);
	char *dev = expand(tmpl, s, ns, err, errlen);
	char *backend = d->backend ? expand(d->backend, s, ns, err, errlen) : NULL;
	char *once = d->cell_args ? expand(d->cell_args, s, ns, err, errlen) : NULL;
	const char *checks_tmpl = cell->sidefx ? NULL : d->checks_cell_args;
	char *checks_once = checks_tmpl ? expand(checks_tmpl, s, ns, err, errlen) : NULL;
	char *chr = d->chardev_out ? expand(d->chardev_out, s, ns, err, errlen) : NULL;
	int rc = (!dev || (d->backend && !backend) || (d->cell_args && !once) || (checks_tmpl && !checks_once) ||
		  (d->chardev_out && !chr)) ? -1
		 : add_scratch(p, d, s, ns, err, errlen);
	vc_plan_location(p->target, tr->bus, slot, loc, sizeof(loc));
	if (rc == 0)
		rc = add_events(p, d, loc, s, ns, err, errlen);
	if (rc == 0 && d->daemon)
		rc = add_daemon(p, d, num, s, ns, err, errlen);
	if (rc == 0) {
		if (once)
			add_cell_args(p, once);
		if (checks_once)
			add_cell_args(p, checks_once);
		if (backend)
			emit(p, backend);
		emit(p, dev);
		struct vc_expected *e = VEC_PUSH(cell->expected, cell->nexpected, cell->capexpected);
		e->model = vc_xstrdup(d->name), e->location = vc_xstrdup(loc), e->device_id = d->type;
		e->chardev_out = chr, chr = NULL;
	}
	free(place), free(dev), free(backend), free(once), free(checks_once), free(chr);
	return rc;
}

static int add_devices(struct vc_cell_plan *p, struct vc_cell *cell, const struct vc_plan_options *o,
		       char *err, size_t errlen)
{
	const struct vc_target *t = p->target;
	enum vc_bus bus = p->transport->bus;
	unsigned slot = bus == VC_BUS_PCI ? t->pci_first_slot : 0;
	unsigned last = bus == VC_BUS_PCI ? t->pci_last_slot : t->mmio_slots - 1;
	size_t count = o->ndevices ? o->ndevices : t->ndevices;
	for (size_t i = 0; i < count; i++) {
		const struct vc_device_def *d = o->ndevices ? vc_target_device(t, o->devices[i]) : &t->devices[i];
		if (!d || (!o->ndevices && !d->is_default) || !vc_device_runs_on(d, p->transport))
			continue;
		if (slot > last) {
			snprintf(err, errlen, "more devices than %s slots on %s", bus == VC_BUS_PCI ? "PCI" : "mmio", t->name);
			return -1;
		}
		if (add_device(p, cell, d, (unsigned)i, slot++, err, errlen))
			return -1;
	}
	return 0;
}

static char *join_path(const char *a, const char *b) { return vc_xasprintf("%s/%s", a, b); }

/* QEMU's trace (log backend) into the cell's logs: every MMIO access with
 * its value, the virtio core's and the devices' own events. The console's
 * PL011 writes are MMIO accesses too, which puts the guest's records on the
 * same timeline (harness/collect/trace_join.c). It is tens of MB, so it lives in the
 * scratch directory: joined when the cell ends, kept with --keep-scratch. */
static void push_trace(struct vc_cell_plan *p, struct vc_cell *cell)
{
	/* QEMU's virtio-mmio read/write echoes repeat what memory_region_ops
	 * already says, at half the trace's volume: off. */
	/* vhost_user_read/write carry each vhost-user message's request
	 * number, so a backend's side (GET_CONFIG, SET_CONFIG, SET_FEATURES)
	 * lands on the same timeline as the guest step that caused it.
	 * monitor_protocol_event_queue is a QMP event a device raised, such as
	 * BALLOON_CHANGE when the driver's write moved actual: something the
	 * host sees, where the device's own set_config trace is only the store. */
	static const char *const events[] = { "memory_region_ops_read", "memory_region_ops_write",
					      "virtio_*", "-virtio_mmio_read", "-virtio_mmio_write_offset",
					      "vhost_user_read", "vhost_user_write", "vhost_dev_start",
					      "vhost_dev_stop", "monitor_protocol_event_queue" };
	push(p, vc_xstrdup("-D"));
	push(p, join_path(p->scratch_dir, "trace.log"));
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		char buf[64];
		snprintf(buf, sizeof(buf), "enable=%s", events[i]);
		push(p, vc_xstrdup("-trace"));
		push(p, vc_xstrdup(buf));
	}
}

/* The monitor socket host-triggered events go through. A unix socket path
 * has to fit sun_path (108 bytes); a deep output directory gets one in
 * /tmp instead, removed with the cell. */
static void push_qmp(struct vc_cell_plan *p, size_t cell_index)
{
	char path[4200], arg[4300];
	snprintf(path, sizeof(path), "%s/qmp.sock", p->scratch_dir);
	if (strlen(path) >= VC_QMP_PATH_MAX)
		snprintf(path, sizeof(path), "/tmp/vcheck-%ld-%zu.qmp", (long)getpid(), cell_index);
	p->qmp_path = vc_xstrdup(path);
	snprintf(arg, sizeof(arg), "unix:%s,server=on,wait=off", path);
	push(p, vc_xstrdup("-qmp"));
	push(p, vc_xstrdup(arg));
}

/* The channel the cell's records are asked to leave by: the target's,
 * or its accelerator's. */
static enum vc_console console_of(const struct vc_target *t, const struct vc_plan_options *o)
{
	const struct vc_accel_def *ad = &t->accels[o->accel];
	return ad->console_given ? ad->console : t->console;
}

/* A device that gives the cell its own RAM backend (vhost-user's shared
 * memfd) leaves no RAM file the host could read a ring from. */
static int cell_sets_ram(const struct vc_target *t, const struct vc_transport_def *tr,
			 const struct vc_plan_options *o)
{
	size_t count = o->ndevices ? o->ndevices : t->ndevices;
	for (size_t i = 0; i < count && !o->no_devices; i++) {
		const struct vc_device_def *d = o->ndevices ? vc_target_device(t, o->devices[i]) : &t->devices[i];
		if (!d || (!o->ndevices && !d->is_default) || !vc_device_runs_on(d, tr))
			continue;
		if ((d->cell_args && strstr(d->cell_args, "memory-backend=")) ||
		    (!o->sidefx && d->checks_cell_args && strstr(d->checks_cell_args, "memory-backend=")))
			return 1;
	}
	return 0;
}

/* The record ring (vcheck/ring.h): the cell's RAM as a shared file the
 * runner maps, on tmpfs where there is one, the ring in its last
 * VC_RING_BYTES (the image uses the RAM it is loaded into, low down). */
static void plan_ring(struct vc_cell_plan *p)
{
	const struct vc_target *t = p->target;
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	p->ring_path = vc_xasprintf("%s/vcheck-%ld-%zu.ram", dir, (long)getpid(), p->cell_index);
	p->ring_offset = t->ram_size - VC_RING_BYTES;
	push(p, vc_xstrdup("-object"));
	push(p, vc_xasprintf("memory-backend-file,id=vcheck-ram,size=%llu,mem-path=%s,share=on",
			     (unsigned long long)t->ram_size, p->ring_path));
	push(p, vc_xstrdup("-machine"));
	push(p, vc_xstrdup("memory-backend=vcheck-ram"));
}

/* The guest's console on QEMU's stdout. With semihosting, the UART and the
 * semihosting console share one stdio chardev through a mux, so records
 * keep their order whichever way they leave (the image starts on the UART
 * and stays there where semihosting is not served). */
static void push_console(struct vc_cell_plan *p, int semihosting)
{
	if (!semihosting) {
		push(p, vc_xstrdup("-serial"));
		push(p, vc_xstrdup("stdio"));
		return;
	}
	static const char *const args[] = {
		"-chardev", "stdio,mux=on,id=vcheck-console", "-serial", "chardev:vcheck-console",
		"-semihosting-config", "enable=on,target=native,chardev=vcheck-console",
	};
	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++)
		push(p, vc_xstrdup(args[i]));
}

/* {args} of a launcher's template: the target's, accelerator's,
 * transport's and personality's arguments. */
static void push_launcher_args(struct vc_cell_plan *p, const struct vc_plan_options *o)
{
	const struct vc_target *t = p->target;
	const char *parts[] = { t->args, t->accels[o->accel].args, p->transport->args,
				o->personality ? o->personality->args : NULL };
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i])
			push_words(p, parts[i]);
}

/* Where a launcher's console appears: a path vcheck picks for a file or a
 * socket; a pty's is known only once vcheck opens it (the runner puts it
 * in place of {console}). */
static char *console_path(const struct vc_cell_plan *p)
{
	switch (p->target->console_from) {
	case VC_FROM_FILE: return join_path(p->log_dir, "vmm-console.txt");
	case VC_FROM_SOCKET: return join_path(p->sock_dir, "console.sock");
	case VC_FROM_PTY: return vc_xstrdup("{console}");
	default: return vc_xstrdup("");
	}
}

/* A launcher target's command: its template word by word; {devices} and
 * {args} stand for several words, every other placeholder fills its word. */
static int plan_launcher(struct vc_cell_plan *p, const struct vc_plan_options *o, const char *cell,
			 const char *cmdline, char *err, size_t errlen)
{
	char *image = join_path(o->image_dir, p->target->image), *con = console_path(p);
	struct subst s[] = { { "image", image }, { "cmdline", cmdline }, { "console", con }, { "dir", p->scratch_dir },
			     { "out", p->log_dir }, { "sock", p->sock_dir }, { "cell", cell } };
	char *copy = vc_xstrdup(p->target->launcher), *save;
	int rc = 0;
	p->console_path = strcmp(con, "{console}") && con[0] ? vc_xstrdup(con) : NULL;
	for (char *w = strtok_r(copy, " \t", &save); w && !rc; w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "{devices}")) {
			for (size_t i = 0; i < p->ndev_words; i++)
				push(p, vc_xstrdup(p->dev_words[i]));
		} else if (!strcmp(w, "{args}")) {
			push_launcher_args(p, o);
		} else { /* a pty's {console} stays as it is: the runner fills it in */
			char *a = expand(w, s, sizeof(s) / sizeof(s[0]), err, errlen);
			rc = a ? 0 : -1;
			if (a)
				push(p, a);
		}
	}
	free(copy), free(image), free(con);
	return rc;
}

int vc_plan_cell(struct vc_run *run, const struct vc_target *t, const struct vc_transport_def *tr,
		 const struct vc_plan_options *o, struct vc_cell_plan *p, char *err, size_t errlen)
{
	memset(p, 0, sizeof(*p));
	p->cell_index = run->ncells;
	p->target = t, p->transport = tr;
	struct vc_cell *cell = VEC_PUSH(run->cells, run->ncells, run->capcells);
	cell->sidefx = o->sidefx;
	const char *pers = o->personality ? o->personality->name : "direct";
	char name[256];
	snprintf(name, sizeof(name), "%s.%s.%s%s", t->name, tr->name, pers, o->log_suffix ? o->log_suffix : "");
	cell->name = vc_xstrdup(name);
	cell->target = vc_xstrdup(t->name), cell->arch = vc_xstrdup(t->arch);
	cell->transport = vc_xstrdup(tr->name), cell->personality = vc_xstrdup(pers);
	cell->accel = vc_xstrdup(vc_accel_name(o->accel));
	cell->accel_why = o->accel_why ? vc_xstrdup(o->accel_why) : NULL;
	p->accel = o->accel;
	cell->log_dir = join_path("cells", name);
	p->log_dir = join_path(o->out_dir, cell->log_dir);
	p->scratch_dir = join_path(p->log_dir, "scratch");
	set_sock_dir(p);

	if (t->env) {
		char *copy = vc_xstrdup(t->env), *save;
		for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
			*VEC_PUSH(p->env, p->nenv, p->capenv) = vc_xstrdup(w);
		free(copy);
	}
	if (t->launcher) {
		/* no QMP behind a launcher: nothing answers the guest's asks */
		char *cmdline = vc_xasprintf("%s%s%s%s", o->bootargs ? o->bootargs : "",
					     strcmp(pers, "direct") ? " vcheck.personality=" : "",
					     strcmp(pers, "direct") ? pers : "", o->sidefx ? " vcheck.host=0" : "");
		int rc = (!o->no_devices && add_devices(p, cell, o, err, errlen)) ||
			 plan_launcher(p, o, cell->name, cmdline, err, errlen) ? -1 : 0;
		free(cmdline);
		if (o->extra_args)
			push_words(p, o->extra_args);
		push(p, NULL);
		p->argc--;
		return rc;
	}
	push(p, vc_xstrdup(t->qemu));
	push_words(p, t->args);
	if (t->accels[o->accel].args)
		push_words(p, t->accels[o->accel].args);
	if (tr->args)
		push_words(p, tr->args);
	if (o->personality && o->personality->args)
		push_words(p, o->personality->args);
	push(p, vc_xstrdup("-kernel"));
	push(p, join_path(o->image_dir, t->image));
	enum vc_console con = console_of(t, o);
	if (con == VC_CONSOLE_RING && cell_sets_ram(t, tr, o))
		con = VC_CONSOLE_UART;
	char channel[96] = "";
	if (con == VC_CONSOLE_RING) {
		plan_ring(p);
		snprintf(channel, sizeof(channel), " vcheck.console=ring vcheck.ring=%llu",
			 (unsigned long long)(t->ram_base + p->ring_offset));
	} else if (con == VC_CONSOLE_SEMIHOSTING) {
		snprintf(channel, sizeof(channel), " vcheck.console=semihosting");
	}
	/* records that leave no UART bytes in the trace mark their place */
	const char *marker = con != VC_CONSOLE_UART && o->sidefx ? " vcheck.marker=1" : "";
	push(p, vc_xstrdup("-append"));
	push(p, vc_xasprintf("%s%s%s%s%s", o->bootargs ? o->bootargs : "",
			     strcmp(pers, "direct") ? " vcheck.personality=" : "", strcmp(pers, "direct") ? pers : "",
			     channel, marker));
	push_console(p, con == VC_CONSOLE_SEMIHOSTING);
	if (!o->no_devices && add_devices(p, cell, o, err, errlen))
		return -1;
	if (o->sidefx) {
		push_trace(p, cell);
		push_qmp(p, p->cell_index);
	}
	if (o->extra_args)
		push_words(p, o->extra_args);
	push(p, NULL);
	p->argc--; /* the terminator is not an argument */
	return 0;
}

void vc_plan_free(struct vc_cell_plan *p)
{
	for (size_t i = 0; i < p->argc; i++)
		free(p->argv[i]);
	free(p->argv);
	for (size_t i = 0; i < p->nenv; i++)
		free(p->env[i]);
	free(p->env);
	for (size_t i = 0; i < p->nfiles; i++)
		free(p->files[i].path);
	free(p->files);
	for (size_t i = 0; i < p->ndirs; i++)
		free(p->dirs[i]);
	free(p->dirs);
	for (size_t i = 0; i < p->nevents; i++)
		free(p->events[i].location), free(p->events[i].name), free(p->events[i].command);
	free(p->events);
	for (size_t i = 0; i < p->ndaemons; i++) {
		struct vc_planned_daemon *dm = &p->daemons[i];
		for (size_t k = 0; k < dm->argc; k++)
			free(dm->argv[k]);
		free(dm->argv), free(dm->ready), free(dm->log), free(dm->model);
	}
	free(p->daemons);
	for (size_t i = 0; i < p->ncell_args; i++)
		free(p->cell_args[i]);
	free(p->cell_args);
	free(p->scratch_dir), free(p->log_dir), free(p->qmp_path), free(p->sock_dir), free(p->ring_path);
	for (size_t i = 0; i < p->ndev_words; i++)
		free(p->dev_words[i]);
	free(p->dev_words), free(p->console_path);
	memset(p, 0, sizeof(*p));
}

const char *vc_plan_event(const struct vc_cell_plan *p, const char *location, const char *name)
{
	for (size_t i = 0; i < p->nevents; i++)
		if (!strcmp(p->events[i].location, location) && !strcmp(p->events[i].name, name))
			return p->events[i].command;
	return NULL;
}

void vc_plan_write_cmdline(const struct vc_cell_plan *p, FILE *f)
{
	/* Shell-quoted, so it can be pasted to reproduce the cell: the
	 * environment the target asks for, then the command. */
	for (size_t i = 0; i < p->nenv + p->argc; i++) {
		const char *a = i < p->nenv ? p->env[i] : p->argv[i - p->nenv];
		fputs(i ? " " : "", f);
		if (a[0] && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=,./:@+") == strlen(a)) {
			fputs(a, f);
			continue;
		}
		fputc('\'', f);
		for (; *a; a++)
			fputs(*a == '\'' ? "'\\''" : (char[]){ *a, 0 }, f);
		fputc('\'', f);
	}
	fputc('\n', f);
}
