#include <libfdt.h>
#include "guests/lib/dt.h"
#include <string.h>

static const void *blob;

int dt_init(const void *fdt)
{
	if (fdt_check_header(fdt) != 0)
		return -1;
	blob = fdt;
	return 0;
}

const void *dt_blob(void) { return blob; }
uint32_t dt_total_size(void) { return fdt_totalsize(blob); }

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

int dt_reg(int node, unsigned idx, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(blob, node);
	int ac = fdt_address_cells(blob, parent), sc = fdt_size_cells(blob, parent);
	int len;
	const fdt32_t *reg = fdt_getprop(blob, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -1;
	int stride = ac + sc;
	if ((int)((idx + 1) * (unsigned)stride * 4) > len)
		return -1;
	reg += idx * (unsigned)stride;
	*addr = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return 0;
}

int dt_next_compatible(int from, const char *compat)
{
	return fdt_node_offset_by_compatible(blob, from, compat);
}

int dt_is_compatible(int node, const char *compat)
{
	return fdt_node_check_compatible(blob, node, compat) == 0;
}

int dt_stdout_node(void)
{
	int chosen = fdt_path_offset(blob, "/chosen");
	if (chosen < 0)
		return -1;
	const char *path = fdt_getprop(blob, chosen, "stdout-path", NULL);
	if (!path)
		return -1;
	const char *colon = strchr(path, ':'); /* "path:options" */
	int n = colon ? (int)(colon - path) : (int)strlen(path);
	if (path[0] != '/') /* an alias */
		path = fdt_get_alias_namelen(blob, path, n), n = path ? (int)strlen(path) : 0;
	return path ? fdt_path_offset_namelen(blob, path, n) : -1;
}

int dt_psci_uses_smc(void)
{
	int node = fdt_path_offset(blob, "/psci");
	const char *m = node >= 0 ? fdt_getprop(blob, node, "method", NULL) : NULL;
	return m && strcmp(m, "smc") == 0;
}

const char *dt_bootargs(void)
{
	int chosen = fdt_path_offset(blob, "/chosen");
	const char *a = chosen >= 0 ? fdt_getprop(blob, chosen, "bootargs", NULL) : NULL;
	return a ? a : "";
}

int dt_pci_ranges(int node, struct dt_range *r, int max)
{
	int pac = fdt_address_cells(blob, fdt_parent_offset(blob, node));
	int sc = fdt_size_cells(blob, node);
	int len, n = 0;
	const fdt32_t *p = fdt_getprop(blob, node, "ranges", &len);
	if (!p || pac < 1 || pac > 2 || sc < 1 || sc > 2)
		return 0;
	int stride = 3 + pac + sc;
	for (int i = 0; (i + 1) * stride * 4 <= len && n < max; i++, p += stride) {
		r[n].space = (fdt32_to_cpu(p[0]) >> 24) & 3;
		r[n].child = read_cells(p + 1, 2);
		r[n].parent = read_cells(p + 3, pac);
		r[n].size = read_cells(p + 3 + pac, sc);
		n++;
	}
	return n;
}

int dt_bus_range(int node, unsigned *first, unsigned *last)
{
	int len;
	const fdt32_t *p = fdt_getprop(blob, node, "bus-range", &len);
	if (!p || len < 8)
		return -1;
	*first = fdt32_to_cpu(p[0]);
	*last = fdt32_to_cpu(p[1]);
	return 0;
}

void dt_for_each_memory(void (*fn)(uint64_t base, uint64_t size))
{
	int node = -1;
	while ((node = fdt_node_offset_by_prop_value(blob, node, "device_type", "memory", 7)) >= 0) {
		uint64_t a, s;
		for (unsigned i = 0; dt_reg(node, i, &a, &s) == 0; i++)
			fn(a, s);
	}
}
