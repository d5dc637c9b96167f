/* results.json, schema "vcheck/1" (docs/results-schema.md). */
#ifndef VC_RESULTS_JSON_H
#define VC_RESULTS_JSON_H
#include "harness/model/model.h"
int vc_write_results_json(const struct vc_run *run, const char *path);
#endif
