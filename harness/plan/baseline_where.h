/* Where a baseline line applies: its TRANSPORT field,
 *     TRANSPORTS[/INTERFACES][.PERSONALITIES]
 * each part "*" or a comma-separated list of names. A transitional PCI
 * device shows two interfaces in one cell (pci-modern and pci-legacy), and a
 * deviation may live behind one of them only; naming the interface lets the
 * baseline say so without turning the other interface's PASS into XPASS.
 * Left out, INTERFACES is "*" and PERSONALITIES "direct" (the device as the
 * VMM serves it), so lines written before either could be named keep their
 * meaning. */
#ifndef VC_BASELINE_WHERE_H
#define VC_BASELINE_WHERE_H
#include <stddef.h>
#include "harness/plan/target.h"

struct vc_bl_where {
	char *transports, *interfaces, *personalities;
};

/* Splits `field` and checks every name in it: interfaces and personalities
 * against the ones vcheck knows; when t is given, transports and
 * personalities against target t, and each name must reach at least one of
 * t's cells together with the rest of the field (a name that can never
 * match is a mistake, not a wildcard). 0, or -1 with why in err. */
int vc_bl_where_parse(const char *field, const struct vc_target *t, struct vc_bl_where *w, char *err,
		      size_t errlen);
/* Whether the line applies to a device seen through `interface` in a cell
 * of `transport` under `personality` (NULL: direct). */
int vc_bl_where_match(const struct vc_bl_where *w, const char *transport, const char *interface,
		      const char *personality);
void vc_bl_where_free(struct vc_bl_where *w);

/* `list` is "*" or comma-separated names; whether value is one of them (a
 * NULL value matches "*" only). */
int vc_bl_list_match(const char *list, const char *value);
#endif
