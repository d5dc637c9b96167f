/* Device-tree helpers over libfdt: everything the runtime learns about the
 * platform comes from here, never from hard-coded addresses. */
#ifndef VC_DT_H
#define VC_DT_H
#include <stdint.h>

struct dt_range { uint32_t space; uint64_t child, parent, size; };

int dt_init(const void *fdt);
const void *dt_blob(void);
uint32_t dt_total_size(void);
/* reg entry `idx` of `node`, translated by nothing (identity buses only). */
int dt_reg(int node, unsigned idx, uint64_t *addr, uint64_t *size);
int dt_next_compatible(int from, const char *compat);
int dt_stdout_node(void);
int dt_psci_uses_smc(void);
const char *dt_bootargs(void);
/* PCI-style ranges of a host bridge: fills up to max, returns the count. */
int dt_pci_ranges(int node, struct dt_range *r, int max);
int dt_bus_range(int node, unsigned *first, unsigned *last);
/* Calls fn for each /memory region. */
void dt_for_each_memory(void (*fn)(uint64_t base, uint64_t size));
int dt_is_compatible(int node, const char *compat);
#endif
