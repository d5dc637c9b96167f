/* Hypervisor-model verdicts for a classified register (hv_models.c). */
#ifndef VC_CLASSIFY_HV_MODELS_H
#define VC_CLASSIFY_HV_MODELS_H
#include "harness/model/sidefx.h"

/* Fills r->models[] from r->classes, its identity and the facts. */
void vc_hv_judge(struct vc_register *r, const struct vc_hv_facts *facts);
#endif
