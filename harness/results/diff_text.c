/* `vcheck diff`'s text for the terminal: the counts per kind, then the
 * differences by device pair. */
#include <stdio.h>
#include "harness/results/diff_internal.h"

/* Text from the files goes to a terminal: one line, and no control
 * characters, C1 ones (U+0080..U+009F, UTF-8 c2 80..c2 9f) included. */
static void put_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : "-"); *p; p++) {
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fputc('?', f), p++;
		else if (*p < 0x20 || *p == 0x7f)
			fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : '?', f);
		else
			fputc(*p, f);
	}
}

static void write_counts(const struct vc_diff *d, FILE *f, unsigned gate)
{
	char g[96];
	diff_gate_text(gate, g, sizeof(g));
	for (unsigned k = 0; k < VC_DIFF__COUNT; k++)
		fprintf(f, "%s%s %zu", k ? ", " : "", vc_diff_kind_name(k), d->counts[k]);
	fprintf(f, " (gate %s: %zu)\n", g, vc_diff_gated(d, gate));
}

static void text_header(const struct vc_diff *d, FILE *f, size_t pair)
{
	if (pair == VC_DIFF_RUN) {
		fputs("\nrun and cells\n", f);
		return;
	}
	const struct vc_diff_pair *p = &d->pairs[pair];
	fputc('\n', f);
	put_text(f, p->title);
	fputs("\n  A: ", f);
	put_text(f, p->a ? p->a : "(not in A)");
	fputs("\n  B: ", f);
	put_text(f, p->b ? p->b : "(not in B)");
	fputc('\n', f);
}

void vc_diff_write_text(const struct vc_diff *d, FILE *f, const char *a, const char *b, unsigned gate, int quiet)
{
	if (!quiet) {
		fputs("A: ", f);
		put_text(f, a);
		fputs("\nB: ", f);
		put_text(f, b);
		fputc('\n', f);
	}
	write_counts(d, f, gate);
	for (size_t i = 0; !quiet && i < d->nitems; i++) {
		const struct vc_diff_item *it = &d->items[i];
		if (!i || it->pair != d->items[i - 1].pair)
			text_header(d, f, it->pair);
		fprintf(f, "  %-8s ", vc_diff_kind_name(it->kind));
		put_text(f, it->what);
		fputs(": ", f);
		put_text(f, it->a);
		fputs(" -> ", f);
		put_text(f, it->b);
		if (it->why) {
			fputs(" (", f);
			put_text(f, it->why);
			fputc(')', f);
		}
		fputc('\n', f);
	}
}
