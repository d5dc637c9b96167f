/* "sfx" records (vcheck/sidefx.h) into observations on their device. */
#ifndef VC_SFX_COLLECT_H
#define VC_SFX_COLLECT_H
#include "harness/model/model.h"
#include "harness/collect/record_parse.h"

void vc_sfx_on_record(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r);
/* Parses "off:before>after,..." into o->ch; -1 on a malformed list. */
int vc_sfx_parse_changes(const char *s, struct vc_sfx_obs *o);
#endif
