/* Ranks the checks of a --profile run by the guest time they cost, so a
 * developer sees which waits and resets to look at first. The times are
 * the guest's (its generic timer), so host scheduling does not blur them. */
#include <stdlib.h>
#include "harness/results/profile.h"

static unsigned long long cost(const struct vc_profile_row *r)
{
	return r->check->us + r->check->reset_us;
}

static int slowest_first(const void *a, const void *b)
{
	unsigned long long x = cost(a), y = cost(b);
	return x < y ? 1 : x > y ? -1 : 0;
}

long vc_profile_rows(const struct vc_run *run, struct vc_profile_row **rows)
{
	size_t n = 0, cap = 0;
	*rows = NULL;
	for (size_t c = 0; c < run->ncells; c++)
		for (size_t d = 0; d < run->cells[c].ndevices; d++) {
			const struct vc_device *dev = &run->cells[c].devices[d];
			for (size_t k = 0; k < dev->nchecks; k++) {
				if (!dev->checks[k].timed)
					continue;
				if (n == cap) {
					cap = cap ? 2 * cap : 64;
					struct vc_profile_row *grown = realloc(*rows, cap * sizeof(**rows));
					if (!grown)
						return free(*rows), *rows = NULL, -1;
					*rows = grown;
				}
				(*rows)[n++] = (struct vc_profile_row){ &run->cells[c], dev, &dev->checks[k] };
			}
		}
	if (n)
		qsort(*rows, n, sizeof(**rows), slowest_first);
	return (long)n;
}

static void print_cells(const struct vc_run *run, FILE *f)
{
	for (size_t c = 0; c < run->ncells; c++) {
		unsigned long long us = 0, reset_us = 0, n = 0;
		for (size_t d = 0; d < run->cells[c].ndevices; d++)
			for (size_t k = 0; k < run->cells[c].devices[d].nchecks; k++) {
				const struct vc_check_result *r = &run->cells[c].devices[d].checks[k];
				us += r->us, reset_us += r->reset_us, n += r->timed;
			}
		fprintf(f, "  %-48s %4llu checks %8.3f s in checks %8.3f s in resets %7.3f s wall\n",
			run->cells[c].name, n, us / 1e6, reset_us / 1e6, run->cells[c].seconds);
	}
}

void vc_profile_print(const struct vc_run *run, FILE *f, unsigned top)
{
	struct vc_profile_row *rows;
	long n = vc_profile_rows(run, &rows);
	if (n < 0) {
		fprintf(f, "vcheck: out of memory for the profile\n");
		return;
	}
	fprintf(f, "profile: guest time per cell\n");
	print_cells(run, f);
	fprintf(f, "profile: the %ld slowest of %ld timed checks (check + reset before it)\n",
		n < (long)top ? n : (long)top, n);
	for (long i = 0; i < n && i < (long)top; i++)
		fprintf(f, "  %9.3f ms %9.3f ms  %-18s %-12s %s\n", rows[i].check->us / 1e3,
			rows[i].check->reset_us / 1e3, rows[i].check->id,
			rows[i].dev->model ? rows[i].dev->model : "?", rows[i].cell->name);
	free(rows);
}
