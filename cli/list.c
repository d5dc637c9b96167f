/* vcheck list: what can be run, from the same data the run uses. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/plan/catalogue.h"
#include "cli/cli.h"
#include "harness/util/fsutil.h"
#include "layouts/layout.h"
#include "harness/plan/spec_coverage.h"
#include "vcheck/transports.h"

static int list_targets(void)
{
	char dir[4200];
	snprintf(dir, sizeof(dir), "%s/targets", vc_share_dir());
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "vcheck: no targets directory at %s\n", dir);
		return VC_EXIT_USAGE;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (len > 7 && !strcmp(names[i]->d_name + len - 7, ".target")) {
			names[i]->d_name[len - 7] = 0;
			struct vc_target t;
			if (vc_cli_load_target(names[i]->d_name, &t) == 0) {
				printf("%-24s %s\n", t.name, t.description ? t.description : "");
				vc_target_free(&t);
			}
		}
		free(names[i]);
	}
	free(names);
	return VC_EXIT_OK;
}

static void list_transports(const struct vc_target *t)
{
	for (size_t i = 0; i < t->ntransports; i++)
		printf("%-20s %-4s interfaces: %s\n", t->transports[i].name,
		       t->transports[i].bus == VC_BUS_PCI ? "pci" : "mmio", t->transports[i].interfaces);
}

static void list_devices(const struct vc_target *t)
{
	for (size_t i = 0; i < t->ndevices; i++) {
		const struct vc_device_def *d = &t->devices[i];
		printf("%-14s type %-3u %-8s on", d->name, d->type, d->is_default ? "default" : "optional");
		const char *sep = " ";
		for (size_t k = 0; k < t->ntransports; k++)
			if (vc_device_runs_on(d, &t->transports[k]))
				printf("%s%s", sep, t->transports[k].name), sep = ",";
		printf("%s\n", *sep == ' ' ? " no transport" : "");
	}
}

static void transports_of(uint32_t mask, char *buf, size_t len)
{
	buf[0] = 0;
	for (unsigned t = 0; t < VC_TR__COUNT; t++)
		if (mask & VC_TR_BIT(t)) {
			strncat(buf, buf[0] ? "," : "", len - strlen(buf) - 1);
			strncat(buf, vc_transport_name((enum vc_transport)t), len - strlen(buf) - 1);
		}
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const struct vc_check *const *)a)->id, (*(const struct vc_check *const *)b)->id);
}

static void list_checks(void)
{
	unsigned n = vc_check_count(), i = 0;
	const struct vc_check **all = calloc(n ? n : 1, sizeof(*all));
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c))
		all[i++] = c;
	qsort(all, n, sizeof(*all), by_id);
	for (i = 0; i < n; i++) {
		char tr[128];
		transports_of(all[i]->transports, tr, sizeof(tr));
		printf("%-22s %-6s %-14s %-40s %s%s%s%s\n", all[i]->id, vc_level_name(all[i]->level), all[i]->spec, tr,
		       all[i]->title, all[i]->personality ? " (under the " : "",
		       all[i]->personality ? all[i]->personality : "", all[i]->personality ? " personality only)" : "");
	}
	free(all);
}

static void list_layouts(void)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p))
		printf("%-3u %-10s %-10s %2u fields, %3u config bytes with every feature\n", p->device_id, p->name,
		       p->spec, p->nfields, vc_layout_config_size(p, ~0ull));
}

static int list_spec_coverage(void)
{
	char path[4200], err[512], *text;
	snprintf(path, sizeof(path), "%s/spec/virtio-1.2-device-normative.tsv", vc_share_dir());
	struct vc_spec_list l;
	if (vc_read_text_file(path, &text, err, sizeof(err)) ||
	    vc_spec_parse(path, "1.2", text, &l, err, sizeof(err))) {
		fprintf(stderr, "vcheck: %s\n", err);
		return VC_EXIT_USAGE;
	}
	free(text);
	unsigned elsewhere = vc_spec_count(&l), covered = 0;
	for (size_t i = 0; i < l.n; i++) {
		covered += l.s[i].checks > 0;
		printf("%-14s %3u  %s\n", l.s[i].number, l.s[i].checks, l.s[i].title);
	}
	printf("\nVIRTIO 1.2: %u of %zu device-normative sections exercised; %u checks cite descriptive sections\n",
	       covered, l.n, elsewhere);
	vc_spec_free(&l);
	return VC_EXIT_OK;
}

int vc_cmd_list(int argc, char **argv)
{
	const char *target = "qemu-aarch64-virt";
	static const struct option opts[] = { { "target", required_argument, 0, 't' }, { 0, 0, 0, 0 } };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		if (c != 't')
			return VC_EXIT_USAGE;
		target = optarg;
	}
	const char *what = optind < argc ? argv[optind] : NULL;
	if (what && !strcmp(what, "targets"))
		return list_targets();
	if (what && !strcmp(what, "checks"))
		return list_checks(), VC_EXIT_OK;
	if (what && !strcmp(what, "layouts"))
		return list_layouts(), VC_EXIT_OK;
	if (what && !strcmp(what, "spec-coverage"))
		return list_spec_coverage();
	if (what && strcmp(what, "transports") && strcmp(what, "devices")) {
		fprintf(stderr, "vcheck: list what? targets, transports, devices, checks, layouts or spec-coverage, not '%s'\n", what);
		return VC_EXIT_USAGE;
	}
	struct vc_target t;
	if (vc_cli_load_target(target, &t))
		return VC_EXIT_USAGE;
	if (!what || !strcmp(what, "transports")) {
		if (!what)
			printf("transports of %s:\n", t.name);
		list_transports(&t);
	}
	if (!what || !strcmp(what, "devices")) {
		if (!what)
			printf("\ndevice models of %s:\n", t.name);
		list_devices(&t);
	}
	if (!what) {
		printf("\nchecks:\n");
		list_checks();
	}
	vc_target_free(&t);
	return VC_EXIT_OK;
}
