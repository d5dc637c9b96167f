#include "options.h"

#include "mmio.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: vcheck-xen-ref --domid N --base ADDR --irq SPI [--mode honest|planted]\n"
		   "                      [--config-size N] [--tick-ms N] [--vcpus N] [--trace FILE]\n"
		   "                      [--no-access-platform]\n");
}

static int number(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || !*s || *end || *s == '-' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int small(const char *s, unsigned min, unsigned max, unsigned *out)
{
	uint64_t v;
	if (number(s, min, max, &v) < 0)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* The window is libxl's 0x200 bytes, on a 0x200 boundary. */
static int parse_base(const char *s, uint64_t *base)
{
	if (number(s, 0, UINT64_MAX - XR_WINDOW, base) < 0)
		return -1;
	return (*base & (XR_WINDOW - 1)) ? -1 : 0;
}

static int parse_option(int c, const char *arg, struct xr_options *o)
{
	switch (c) {
	case 'd': return small(arg, 1, XR_DOMID_LIMIT - 1, &o->domid);
	case 'b': return parse_base(arg, &o->base);
	case 'i': return small(arg, XR_SPI_FIRST, XR_SPI_LAST, &o->irq);
	case 'm': return vu_mode_parse(arg, &o->dev.mode);
	case 'c': return small(arg, 1, VU_CONFIG_MAX, &o->dev.config_size);
	case 't': return small(arg, 1, 60000, &o->dev.tick_ms);
	case 'v': return small(arg, 1, XR_VCPUS_MAX, &o->vcpus);
	case 'T': o->trace = arg; return 0;
	case 'A': o->no_access_platform = 1; return 0;
	}
	return -1;
}

/* What a single option cannot say: the required ones, planted's size. */
static int check(const struct xr_options *o, int have_base, FILE *err)
{
	if (!o->domid || !have_base || !o->irq) {
		fprintf(err, "vcheck-xen-ref: --domid, --base and --irq are required\n");
		return -1;
	}
	unsigned min = o->dev.mode == VU_MODE_PLANTED ? VU_PLANTED_MIN_SIZE : 1;
	if (o->dev.config_size < min) {
		fprintf(err, "vcheck-xen-ref: --config-size %u: %s mode needs %u..%u bytes\n", o->dev.config_size,
			vu_mode_name(o->dev.mode), min, VU_CONFIG_MAX);
		return -1;
	}
	return 0;
}

static const char *hint(int c)
{
	switch (c) {
	case 'd': return " (a domain ID, 1..32751)";
	case 'b': return " (a guest-physical address on a 0x200 boundary)";
	case 'i': return " (a GIC SPI, 32..1019)";
	case 'm': return " (honest or planted)";
	case 'c': return " (1..256 bytes)";
	case 't': return " (1..60000 ms)";
	case 'v': return " (1..128)";
	}
	return "";
}

static const struct option longs[] = {
	{ "domid", required_argument, NULL, 'd' },	 { "base", required_argument, NULL, 'b' },
	{ "irq", required_argument, NULL, 'i' },	 { "mode", required_argument, NULL, 'm' },
	{ "config-size", required_argument, NULL, 'c' }, { "tick-ms", required_argument, NULL, 't' },
	{ "vcpus", required_argument, NULL, 'v' },	 { "trace", required_argument, NULL, 'T' },
	{ "no-access-platform", no_argument, NULL, 'A' },
	{ "help", no_argument, NULL, 'h' },		 { NULL, 0, NULL, 0 },
};

int xr_options_parse(int argc, char **argv, struct xr_options *o, FILE *out, FILE *err)
{
	*o = (struct xr_options){ .dev = { VU_MODE_HONEST, VU_CONFIG_MAX, VU_TICK_MS_DEFAULT } };
	int c, at = 0, have_base = 0;
	optind = 1; /* callable more than once (the unit test) */
	opterr = 0; /* say it here, on err */
	while ((c = getopt_long(argc, argv, ":", longs, &at)) != -1) {
		if (c == 'h') {
			usage(out);
			return 1;
		}
		if (c == '?' || c == ':') {
			fprintf(err, "vcheck-xen-ref: %s: %s\n", argv[optind - 1],
				c == ':' ? "needs a value" : "unknown option");
			break;
		}
		if (parse_option(c, optarg, o) < 0) {
			fprintf(err, "vcheck-xen-ref: bad value for --%s: %s%s\n", longs[at].name, optarg, hint(c));
			break;
		}
		have_base |= c == 'b';
	}
	if (c == -1 && optind < argc)
		fprintf(err, "vcheck-xen-ref: unexpected argument: %s\n", argv[optind]);
	if (c != -1 || optind < argc || check(o, have_base, err) < 0) {
		usage(err);
		return -1;
	}
	return 0;
}
