#include <stdlib.h>
#include "sidefx.h"
struct vc_register *vc_sfx_classify_for(const struct vc_sfx_obs *obs, size_t nobs, enum vc_transport t, uint32_t id, size_t *n) { *n = 0; return NULL; }
void vc_hv_judge(struct vc_register *r, const struct vc_hv_facts *f) {}
void vc_register_free(struct vc_register *r, size_t n) { free(r); }
void vc_sfx_obs_free(struct vc_sfx_obs *o, size_t n) { for (size_t i = 0; i < n; i++) { for (size_t k = 0; k < o[i].ndev_events; k++) free(o[i].dev_events[k]); free(o[i].dev_events);} free(o); }
