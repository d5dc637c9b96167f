/* See qemu_status.h. QEMU 7.2 names status bits and features as
 * "NAME: description" strings; only the names are kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/json_read.h"
#include "harness/collect/qemu_status.h"
#include "harness/util/vec.h"

#define NAMES_MAX 512

/* "VIRTIO_CONFIG_S_DRIVER_OK: Driver setup and ready" -> "DRIVER_OK" */
static void add_name(char *buf, size_t len, const char *sep, const char *entry)
{
	static const char *const prefixes[] = { "VIRTIO_CONFIG_S_" };
	size_t n = strcspn(entry, ":");
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(entry, prefixes[i], strlen(prefixes[i])) && n > strlen(prefixes[i])) {
			entry += strlen(prefixes[i]), n -= strlen(prefixes[i]);
			break;
		}
	size_t at = strlen(buf);
	if (at + 1 < len)
		snprintf(buf + at, len - at, "%s%.*s", at ? sep : "", (int)n, entry);
}

static void names_of(const struct jv *list, char *buf, size_t len, const char *sep)
{
	for (size_t i = 0; i < jv_count(list); i++)
		add_name(buf, len, sep, jv_str(jv_at(list, i), "?"));
}

int vc_qemu_status_parse(const char *reply, struct vc_qemu_status *s, char *err, size_t errlen)
{
	char status[NAMES_MAX] = "", feats[NAMES_MAX] = "";
	struct jv *doc = jv_parse(reply, strlen(reply), err, errlen);
	const struct jv *r = jv_get(doc, "return");
	if (!doc || !jv_is(r, JV_OBJ) || !jv_is(jv_get(r, "status"), JV_OBJ)) {
		if (doc)
			snprintf(err, errlen, "x-query-virtio-status: no status in %.120s", reply);
		jv_free(doc);
		return -1;
	}
	names_of(jv_get(jv_get(r, "status"), "statuses"), status, sizeof(status), "|");
	const struct jv *gf = jv_get(r, "guest-features");
	names_of(jv_get(gf, "transports"), feats, sizeof(feats), ", ");
	names_of(jv_get(gf, "dev-features"), feats, sizeof(feats), ", ");
	s->status = vc_xstrdup(status);
	s->guest_features = vc_xstrdup(feats);
	s->started = jv_bool(jv_get(r, "started"), 0);
	s->vhost_started = jv_bool(jv_get(r, "vhost-started"), 0);
	s->broken = jv_bool(jv_get(r, "broken"), 0);
	jv_free(doc);
	return 0;
}

int vc_qom_location(const struct vc_target *t, const char *parent_bus, int pci_devfn, char *loc, size_t len)
{
	static const char mmio_bus[] = "virtio-mmio-bus.";
	if (pci_devfn >= 0) {
		if (pci_devfn > 0xff || (pci_devfn & 7))
			return -1; /* function 0 of a slot is all the plan attaches */
		vc_plan_location(t, VC_BUS_PCI, (unsigned)pci_devfn >> 3, loc, len);
		return 0;
	}
	const char *b = parent_bus ? strrchr(parent_bus, '/') : NULL;
	b = b ? b + 1 : parent_bus;
	if (!b || strncmp(b, mmio_bus, sizeof(mmio_bus) - 1))
		return -1;
	char *end;
	unsigned long slot = strtoul(b + sizeof(mmio_bus) - 1, &end, 10);
	if (end == b + sizeof(mmio_bus) - 1 || *end || slot >= t->mmio_slots)
		return -1;
	vc_plan_location(t, VC_BUS_MMIO, (unsigned)slot, loc, len);
	return 0;
}

void vc_qemu_status_evidence(struct vc_device *d)
{
	for (size_t k = 0; k < d->nqemu_status; k++) {
		const struct vc_qemu_status *s = &d->qemu_status[k];
		const struct vc_sfx_obs *o = NULL;
		for (size_t i = 0; i < d->nsfx && !o; i++)
			if (d->sfx[i].seq == s->after_seq)
				o = &d->sfx[i];
		for (size_t i = 0; o && i < d->nregisters; i++) {
			struct vc_register *r = &d->registers[i];
			if (r->space == o->space && r->off == o->off && r->width == o->width) {
				char step[48], line[640];
				snprintf(step, sizeof(step), "%s #%lu", vc_sfx_experiment_name(o->exp), o->seq);
				vc_qemu_status_line(s, step, line, sizeof(line));
				vc_register_add_evidence(r, line);
			}
		}
	}
}

void vc_qemu_status_line(const struct vc_qemu_status *s, const char *step, char *buf, size_t len)
{
	snprintf(buf, len, "qemu: after %s x-query-virtio-status: status %s; %s%s%sguest features %s", step,
		 s->status[0] ? s->status : "0", s->started ? "started; " : "not started; ",
		 s->vhost_started ? "vhost started; " : "", s->broken ? "broken; " : "",
		 s->guest_features[0] ? s->guest_features : "none");
}

/* ---- the QMP dialogue --------------------------------------------------------- */

static struct jv *query(struct vc_qmp *q, const char *cmd, double timeout, char *err, size_t errlen)
{
	char *reply = NULL;
	if (vc_qmp_execute_reply(q, cmd, timeout, &reply, err, errlen))
		return NULL;
	struct jv *doc = jv_parse(reply, strlen(reply), err, errlen);
	free(reply);
	return doc;
}

/* Where the virtio device at `path` sits: a virtio-pci proxy's backend is
 * "<proxy>/virtio-backend", and the proxy has the PCI address. */
static int locate(struct vc_qmp *q, const struct vc_target *t, const char *path, double timeout, char *loc,
		  size_t len, char *err, size_t errlen)
{
	static const char backend[] = "/virtio-backend";
	char cmd[1024];
	size_t n = strlen(path);
	int pci = n > sizeof(backend) - 1 && !strcmp(path + n - (sizeof(backend) - 1), backend);
	snprintf(cmd, sizeof(cmd), "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"%.*s\",\"property\":\"%s\"}}",
		 (int)(pci ? n - (sizeof(backend) - 1) : n), path, pci ? "addr" : "parent_bus");
	struct jv *doc = query(q, cmd, timeout, err, errlen);
	if (!doc)
		return -1;
	const struct jv *r = jv_get(doc, "return");
	int rc = vc_qom_location(t, pci ? NULL : jv_str(r, NULL), pci ? (int)jv_int(r, 0, 0xff, -1) : -1, loc, len);
	jv_free(doc);
	return rc;
}

static int build_map(struct vc_qmp *q, struct vc_qom_map *m, const struct vc_target *t, double timeout, char *err,
		     size_t errlen)
{
	struct jv *doc = query(q, "{\"execute\":\"x-query-virtio\"}", timeout, err, errlen);
	const struct jv *list = jv_get(doc, "return");
	m->built = 1;
	for (size_t i = 0; i < jv_count(list); i++) {
		const char *path = jv_gets(jv_at(list, i), "path", NULL);
		char loc[64], e2[128];
		if (!path || strchr(path, '"') || strchr(path, '\\') ||
		    locate(q, t, path, timeout, loc, sizeof(loc), e2, sizeof(e2)))
			continue; /* a device the plan cannot have placed */
		struct vc_qom_entry *e = VEC_PUSH(m->e, m->n, m->cap);
		e->location = vc_xstrdup(loc), e->path = vc_xstrdup(path);
	}
	int rc = doc ? 0 : -1;
	jv_free(doc);
	return rc;
}

int vc_qemu_status_query(struct vc_qmp *q, struct vc_qom_map *m, const struct vc_target *t, const char *loc,
			 double timeout, struct vc_qemu_status *s, char *err, size_t errlen)
{
	if (!m->built && build_map(q, m, t, timeout, err, errlen))
		return -1;
	const char *path = NULL;
	for (size_t i = 0; i < m->n && !path; i++)
		if (!strcmp(m->e[i].location, loc))
			path = m->e[i].path;
	if (!path)
		return snprintf(err, errlen, "x-query-virtio lists no device at %s", loc), VC_QEMU_STATUS_UNPLACED;
	char cmd[1024], *reply = NULL;
	snprintf(cmd, sizeof(cmd), "{\"execute\":\"x-query-virtio-status\",\"arguments\":{\"path\":\"%s\"}}", path);
	if (vc_qmp_execute_reply(q, cmd, timeout, &reply, err, errlen))
		return -1;
	int rc = vc_qemu_status_parse(reply, s, err, errlen);
	free(reply);
	return rc;
}

void vc_qom_map_free(struct vc_qom_map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].location), free(m->e[i].path);
	free(m->e);
	memset(m, 0, sizeof(*m));
}
