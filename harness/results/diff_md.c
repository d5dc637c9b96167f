/* `vcheck diff --markdown`: the counts per kind as a table, then a table of
 * differences per device pair; every text from the files through md_text,
 * the escaping the Markdown report uses too. */
#include <stdio.h>
#include "harness/results/diff_internal.h"
#include "harness/util/md_text.h"

static void md_header(const struct vc_diff *d, FILE *f, size_t pair)
{
	if (pair == VC_DIFF_RUN) {
		fputs("\n## Run and cells\n", f);
	} else {
		const struct vc_diff_pair *p = &d->pairs[pair];
		fputs("\n## ", f);
		md_text(f, p->title);
		fputs("\n\n- A: ", f);
		md_text(f, p->a ? p->a : "(not in A)");
		fputs("\n- B: ", f);
		md_text(f, p->b ? p->b : "(not in B)");
		fputc('\n', f);
	}
	fputs("\n| kind | what | A | B | why |\n|---|---|---|---|---|\n", f);
}

static void md_summary(const struct vc_diff *d, FILE *f, const char *a, const char *b, unsigned gate)
{
	char g[96];
	diff_gate_text(gate, g, sizeof(g));
	fputs("# vcheck diff\n\n- A: ", f);
	md_text(f, a);
	fputs("\n- B: ", f);
	md_text(f, b);
	fprintf(f, "\n- gate %s: %zu difference%s\n\n| kind | differences | gated |\n|---|---:|---|\n", g,
		vc_diff_gated(d, gate), vc_diff_gated(d, gate) == 1 ? "" : "s");
	for (unsigned k = 0; k < VC_DIFF__COUNT; k++)
		fprintf(f, "| %s | %zu | %s |\n", vc_diff_kind_name(k), d->counts[k], gate & VC_DIFF_BIT(k) ? "yes" : "no");
}

int vc_diff_write_md(const struct vc_diff *d, FILE *f, const char *a, const char *b, unsigned gate)
{
	md_summary(d, f, a, b, gate);
	for (size_t i = 0; i < d->nitems; i++) {
		const struct vc_diff_item *it = &d->items[i];
		if (!i || it->pair != d->items[i - 1].pair)
			md_header(d, f, it->pair);
		fprintf(f, "| %s | ", vc_diff_kind_name(it->kind));
		md_text(f, it->what);
		fputs(" | ", f);
		md_text(f, it->a);
		fputs(" | ", f);
		md_text(f, it->b);
		fputs(" | ", f);
		md_text(f, it->why);
		fputs(" |\n", f);
	}
	return ferror(f) ? -1 : 0;
}
