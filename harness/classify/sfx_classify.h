/* Side-effect classes from observations (sfx_classify.c). */
#ifndef VC_CLASSIFY_SFX_CLASSIFY_H
#define VC_CLASSIFY_SFX_CLASSIFY_H
#include "harness/model/sidefx.h"

/* Classes and evidence for every register the observations touch, in
 * (space, offset, width) order. Frees nothing it is given. */
struct vc_register *vc_sfx_classify(const struct vc_sfx_obs *obs, size_t nobs, size_t *nregs);
/* As vc_sfx_classify, and also names each register with its declared access:
 * transport registers from the transport's layout, config fields from the
 * layout of device_id, "ISR" and the notify address by space. Pass
 * VC_TR__COUNT when the transport is unknown: names stay NULL. */
struct vc_register *vc_sfx_classify_for(const struct vc_sfx_obs *obs, size_t nobs,
					enum vc_transport transport, uint32_t device_id,
					size_t *nregs);
#endif
