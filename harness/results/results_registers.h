#ifndef VC_RESULTS_REGISTERS_H
#define VC_RESULTS_REGISTERS_H
#include "harness/util/json.h"
#include "harness/model/model.h"
void vc_write_registers(struct vc_json *j, const struct vc_device *d);
#endif
