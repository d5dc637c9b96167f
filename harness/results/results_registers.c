/* The "registers" array of a side-effect device in results.json
 * (docs/results-schema.md): classes, evidence and model verdicts. */
#include <stdio.h>
#include "harness/results/results_registers.h"
#include "harness/collect/vhost_user.h"

static void request_names(struct vc_json *j, const char *key, uint64_t bits)
{
	json_key(j, key);
	json_arr(j);
	for (unsigned req = 0; req < 64; req++)
		if (bits & (1ull << req)) {
			const char *name = vc_vu_request_name(req);
			char num[24];
			snprintf(num, sizeof(num), "request %u", req);
			json_str(j, name ? name : num);
		}
	json_arr_end(j);
}

/* Only registers whose steps reached a vhost-user backend carry it. */
static void write_backend(struct vc_json *j, const struct vc_register *r)
{
	if (!r->backend_on_write && !r->backend_on_read)
		return;
	json_key(j, "backend");
	json_obj(j);
	request_names(j, "on_write", r->backend_on_write);
	request_names(j, "on_read", r->backend_on_read);
	json_obj_end(j);
}

static void write_models(struct vc_json *j, const struct vc_register *r)
{
	json_key(j, "models");
	json_obj(j);
	for (int m = 0; m < VC_HV__COUNT; m++) {
		json_key(j, vc_hv_model_name((enum vc_hv_model)m));
		json_obj(j);
		json_kstr(j, "verdict", vc_hv_verdict_name(r->models[m].verdict));
		json_kstr(j, "reason", r->models[m].reason);
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void write_register(struct vc_json *j, const struct vc_register *r)
{
	char off[16];
	json_obj(j);
	json_kstr(j, "space", vc_sfx_space_name(r->space));
	snprintf(off, sizeof(off), "0x%x", r->off);
	json_kstr(j, "offset", off);
	json_ku64(j, "width", r->width);
	json_kstr(j, "name", r->name);
	json_kstr(j, "spec_access", r->spec_access);
	if (r->field_size) {
		json_key(j, "field"); /* the layout field holding it: bytes of one field can differ */
		json_obj(j);
		json_ku64(j, "offset", r->field_off);
		json_ku64(j, "size", r->field_size);
		json_ku64(j, "width", r->field_width);
		json_obj_end(j);
	}
	json_key(j, "classes");
	json_arr(j);
	for (int c = 0; c < VC_SFX_C__COUNT; c++)
		if (r->classes & VC_SFX_CLASS_BIT(c))
			json_str(j, vc_sfx_class_name((enum vc_sfx_class)c));
	json_arr_end(j);
	json_key(j, "evidence");
	json_arr(j);
	for (size_t e = 0; e < r->nevidence; e++)
		json_str(j, r->evidence[e]);
	json_arr_end(j);
	write_backend(j, r);
	write_models(j, r);
	json_obj_end(j);
}

void vc_write_registers(struct vc_json *j, const struct vc_device *d)
{
	json_key(j, "registers");
	json_arr(j);
	for (size_t i = 0; i < d->nregisters; i++)
		write_register(j, &d->registers[i]);
	json_arr_end(j);
}
