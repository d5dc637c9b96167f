#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/run_hosted.h"
#include "harness/run/host_vm.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

/* Every file of `host-needs` is there; else says what makes them. */
static int parts_present(const struct vc_target *t)
{
	const char *at = t->host_needs ? t->host_needs : "";
	size_t n;
	char path[PATH_MAX];
	for (const char *w; (w = vc_next_word(&at, &n));) {
		snprintf(path, sizeof(path), "%.*s", (int)n, w);
		if (!vc_path_exists(path))
			return fprintf(stderr, "vcheck: target %s: %s is missing: run %s\n", t->name, path,
				       t->host_setup ? t->host_setup : "the target's setup"), -1;
	}
	snprintf(path, sizeof(path), "%s", t->host_vcheck);
	if (!vc_path_exists(path))
		return fprintf(stderr, "vcheck: target %s: the vcheck that runs in its VM (%s) is missing: run %s\n",
			       t->name, path, t->host_setup ? t->host_setup : "the target's setup"), -1;
	return 0;
}

static const char *long_name(const struct option *opts, int c)
{
	for (; opts->name; opts++)
		if (opts->val == c)
			return opts->name;
	return NULL;
}

struct inner {
	const char **argv;
	size_t argc, cap;
	char **owned;      /* strings made here */
	size_t nowned, capowned;
	const char **shares;
	size_t nshares, capshares;
};

static const char *own(struct inner *in, char *s)
{
	*VEC_PUSH(in->owned, in->nowned, in->capowned) = s;
	return s;
}

/* A file the inner run reads by path: absolute, and its directory shared. */
static const char *shared_file(struct inner *in, const char *path)
{
	char *real = realpath(path, NULL);
	if (!real)
		return path; /* the inner run says what is wrong with it */
	char *dir = vc_xstrdup(real), *slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = 0;
	*VEC_PUSH(in->shares, in->nshares, in->capshares) = own(in, dir);
	return own(in, real);
}

static int is_path(const char *target) { size_t n = strlen(target); return strchr(target, '/') || (n > 7 && !strcmp(target + n - 7, ".target")); }

int vc_run_hosted(const struct vc_target *t, const struct option *opts, const struct vc_given_opt *given,
		  size_t ngiven, const char *out_dir, int quiet)
{
	if (parts_present(t))
		return VC_EXIT_USAGE;
	struct inner in = { 0 };
	/* real paths: the VM sees the shares, not the host's links around them */
	char *share = realpath(vc_share_dir(), NULL), *vcheck = realpath(t->host_vcheck, NULL);
	if (!share || !vcheck) {
		free(share), free(vcheck);
		return fprintf(stderr, "vcheck: no data directory at %s\n", vc_share_dir()), VC_EXIT_USAGE;
	}
	own(&in, vcheck);
	*VEC_PUSH(in.shares, in.nshares, in.capshares) = own(&in, share);
	*VEC_PUSH(in.argv, in.argc, in.cap) = "run";
	for (size_t i = 0; i < ngiven; i++) {
		const char *name = long_name(opts, given[i].c), *arg = given[i].arg;
		if (!name || given[i].c == 'o')
			continue; /* the VM's side has its own output directory */
		if (arg && (given[i].c == 'b' || (given[i].c == 't' && is_path(arg))))
			arg = shared_file(&in, arg);
		*VEC_PUSH(in.argv, in.argc, in.cap) = own(&in, vc_xasprintf("--%s", name));
		if (arg)
			*VEC_PUSH(in.argv, in.argc, in.cap) = arg;
	}
	/* the VM beats every 10 s while the inner run runs (which times out
	 * its own cells): a minute of silence is a VM that has stopped */
	struct vc_host_run h = { .target = t, .out_dir = out_dir, .share_dir = share, .vcheck = vcheck, .argv = in.argv,
				 .argc = in.argc, .shares = in.shares, .nshares = in.nshares,
				 .silence = 60, .quiet = quiet };
	char why[1024];
	if (!quiet)
		fprintf(stderr, "vcheck: %s: booting its host VM; the cells run inside it\n", t->name);
	int rc = vc_host_run(&h, why, sizeof(why));
	if (rc < 0)
		fprintf(stderr, "vcheck: %s: %s\n", t->name, why);
	for (size_t i = 0; i < in.nowned; i++)
		free(in.owned[i]);
	free(in.owned), free(in.argv), free(in.shares);
	return rc < 0 ? VC_EXIT_ERROR : rc;
}
