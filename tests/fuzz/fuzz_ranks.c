/* Check-rank sets (include/vcheck/ranks.h) as they travel both ways: the
 * image sends them in "pass"/"skip" records (set=), the host sends them
 * back on the kernel command line (vcheck.run, vcheck.resume). The input,
 * exactly its bytes, is parsed against every catalogue size up to the
 * largest; what parses is formatted, and the formatted text must parse
 * into the same set (what the host writes, the image reads as meant) and
 * fit VC_RANKS_TEXT. */
#include <stdint.h>
#include <string.h>
#include "vcheck/ranks.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const unsigned limits[] = { 0, 1, 4, 100, 1023, VC_RANKS_MAX, VC_RANKS_MAX + 7 };
	for (size_t l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
		uint8_t bits[VC_RANKS_BYTES], again[VC_RANKS_BYTES];
		unsigned top, top2;
		if (vc_ranks_parse((const char *)d, n, bits, limits[l], &top))
			continue;
		fz_require(top <= limits[l] && top <= VC_RANKS_MAX, "top %u past the limit %u", top, limits[l]);
		for (unsigned r = top; r < VC_RANKS_MAX; r++)
			fz_require(!vc_ranks_has(bits, r), "rank %u at or past top %u", r, top);
		char text[VC_RANKS_TEXT + 16];
		memset(text, 0x5a, sizeof(text));
		size_t len = vc_ranks_format(bits, top, text);
		fz_require(len < VC_RANKS_TEXT && text[len] == 0 && text[VC_RANKS_TEXT] == 0x5a, "formatted %zu bytes", len);
		fz_require(vc_ranks_parse(text, len, again, VC_RANKS_MAX, &top2) == 0, "'%s' does not parse back", text);
		fz_require(!memcmp(bits, again, sizeof(bits)) && top2 == top, "'%s' parses into another set", text);
	}
	return 0;
}
