/* report.html: one self-contained HTML5 file (inline CSS, no script, no
 * external resources). Tables carry ids, classes and data-* attributes so
 * tests and scripts can select what they read:
 *   #run-verdict, table#cells tr[data-cell], table.check-counts
 *   tr[data-device][data-interface] td[data-verdict], table.non-pass
 *   tr[data-check][data-verdict], the personalities section (see
 *   report_html_personalities.c), the side-effect tables (see
 *   report_html_sidefx.c) and the backend parts (report_html_backend.c). */
#include <stdio.h>
#include "reports/report_html.h"
#include "reports/report_html_text.h"
#include "reports/report_writers.h"

static const char style[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
	"table{border-collapse:collapse;margin:.5em 0 1.5em}"
	"th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
	"thead th{background:#f0f0f0}td.num{text-align:right}td.zero{color:#aaa}"
	".v-PASS{background:#d9f2d9}.v-SKIP,.v-XFAIL{background:#eee}.v-WARN{background:#fff0c0}"
	".v-XPASS,.v-FAIL,.v-FAULT,.v-WEDGED,.v-CRASH,.v-other{background:#f8c8c8}"
	".v-ERROR{background:#e0d0f0}"
	/* model verdicts: one colour-blind-safe scale (Okabe-Ito's sky blue,
	 * yellow, orange, vermillion) for the matrix, the heatmap and the
	 * register tables; the heatmap adds a symbol to every cell */
	".hv-emulable{background:#9fd3f2}.hv-special-case{background:#f0e442}"
	".hv-sync-backend{background:#e69f00}.hv-cannot-work{background:#d55e00}"
	".hv-na,.hv-none{background:#d9d9d9}.hv-unknown{background:#ffffff;outline:1px dashed #555}"
	"div.hm-scroll{overflow-x:auto}table.heatmap{font-size:12px;margin-bottom:.5em}"
	"table.heatmap td,table.heatmap th{padding:.1em .25em}table.heatmap caption{text-align:left;font-weight:bold}"
	"th.hm-col{vertical-align:bottom}th.hm-col span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}"
	"td.hm{text-align:center;min-width:1.4em;white-space:nowrap}td.hm-same{background:#fafafa}"
	"td.hm-absent{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#ccc 3px,#ccc 4px)}"
	"span.hm{display:inline-block;padding:0 .3em;margin:1px;border-radius:2px;white-space:nowrap;min-width:1em}"
	"tr.hm-shared th,td.hm-note{font-style:italic}td.hm-note{color:#555}"
	"ul.hm-legend{list-style:none;padding:0}ul.hm-legend li{margin:.15em 0}ol.hm-reasons{font-size:12px}"
	/* report.html#heatmap shows the heatmap alone, #hm-MODEL one model */
	"body:has(#heatmap:target,.hm-model:target)>:not(#sidefx){display:none}"
	"#sidefx:has(#heatmap:target,.hm-model:target)>:not(#heatmap){display:none}"
	"#heatmap:has(.hm-model:target)>:not(.hm-model:target){display:none}"
	"span.count{white-space:nowrap;margin-right:.6em}span.worst{font-weight:bold;text-decoration:underline}"
	"span.class{display:inline-block;background:#e8eef8;border-radius:3px;padding:0 .3em;margin:1px}"
	"details ul{margin:.3em 0;padding-left:1.2em}code{font-size:90%}"
	".agree-agrees{background:#d9f2d9}.agree-disagrees{background:#f8c8c8;font-weight:bold}"
	".agree-unexplained{background:#fff0c0}.agree-no-prediction,.agree-not-given{background:#eee}"
	"ul.rules{margin:0;padding-left:1em}table.personality-diffs th code{white-space:nowrap}";

static void cell(FILE *f, const char *text)
{
	fputs("<td>", f);
	html_cell_text(f, text);
	fputs("</td>", f);
}

/* The accelerator, with why it was chosen on hover. */
static void accel_cell(FILE *f, const struct rep_cell *c)
{
	fputs("<td data-accel=\"", f);
	html_text(f, c->accel);
	if (c->accel_why) {
		fputs("\" title=\"", f);
		html_text(f, c->accel_why);
	}
	fputs("\">", f);
	html_cell_text(f, c->accel);
	fputs("</td>", f);
}

static void write_cells(const struct rep_run *run, FILE *f)
{
	fputs("<section id=\"cells-section\"><h2>Cells</h2>\n<table id=\"cells\"><thead><tr>"
	      "<th scope=\"col\">cell</th><th scope=\"col\">target</th><th scope=\"col\">transport</th>"
	      "<th scope=\"col\">personality</th><th scope=\"col\">accel</th><th scope=\"col\">mode</th><th scope=\"col\">outcome</th>"
	      "<th scope=\"col\">verdict</th><th scope=\"col\">seconds</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *c = &run->cells[i];
		fputs("<tr data-cell=\"", f);
		html_text(f, c->name);
		fputs("\">", f);
		cell(f, c->name);
		cell(f, c->target);
		cell(f, c->transport);
		cell(f, c->personality);
		accel_cell(f, c);
		cell(f, c->mode);
		fputs("<td>", f);
		html_cell_text(f, c->outcome);
		if (c->outcome_detail) {
			fputs(" (", f);
			html_text(f, c->outcome_detail);
			fputc(')', f);
		}
		fputs("</td>", f);
		rep_html_verdict_cell(f, c->verdict_name, c->verdict);
		if (c->seconds >= 0)
			fprintf(f, "<td class=\"num\">%.2f</td></tr>\n", c->seconds);
		else
			fputs("<td class=\"num\">&mdash;</td></tr>\n", f);
	}
	fputs("</tbody></table></section>\n", f);
}

static void device_attrs(FILE *f, const struct rep_device *d)
{
	fputs(" data-device=\"", f);
	html_text(f, rep_device_label(d));
	fputs("\" data-interface=\"", f);
	html_text(f, d->interface);
	fputs("\"", f);
}

static void write_counts(const struct rep_cell *c, FILE *f)
{
	int other = 0;
	for (size_t i = 0; i < c->ndevices; i++)
		other |= c->devices[i].verdict_counts[REP_VERDICT_OTHER] != 0;
	int nv = VC_VERDICT__COUNT + other;
	fputs("<table class=\"check-counts\"><thead><tr><th scope=\"col\">device</th>"
	      "<th scope=\"col\">interface</th><th scope=\"col\">location</th>", f);
	for (int v = 0; v < nv; v++)
		fprintf(f, "<th scope=\"col\">%s</th>", rep_verdict_label(v));
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < c->ndevices; i++) {
		const struct rep_device *d = &c->devices[i];
		fputs("<tr", f);
		device_attrs(f, d);
		fputs("><th scope=\"row\">", f);
		html_text(f, rep_device_label(d));
		fputs("</th>", f);
		cell(f, d->interface);
		cell(f, d->location);
		for (int v = 0; v < nv; v++) {
			unsigned n = d->verdict_counts[v];
			const char *name = rep_verdict_label(v);
			if (n)
				fprintf(f, "<td class=\"num v-%s\" data-verdict=\"%s\">%u</td>", name, name, n);
			else
				fprintf(f, "<td class=\"num zero\" data-verdict=\"%s\">0</td>", name);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void write_check_row(const struct rep_device *d, const struct rep_check *r, FILE *f)
{
	fputs("<tr data-check=\"", f);
	html_text(f, r->id);
	fputs("\"", f);
	device_attrs(f, d);
	fputs(">", f);
	cell(f, rep_device_label(d));
	fputs("<td><code>", f);
	html_cell_text(f, r->id);
	fputs("</code></td>", f);
	rep_html_verdict_cell(f, r->verdict_name, r->verdict);
	cell(f, r->spec);
	cell(f, r->title);
	fputs("<td>", f);
	html_cell_text(f, r->detail);
	if (r->baseline) {
		fputs(" <span class=\"baseline\">(known: ", f);
		html_text(f, r->baseline);
		fputs(")</span>", f);
	}
	fputs("</td></tr>\n", f);
}

static void write_non_pass(const struct rep_cell *c, FILE *f)
{
	size_t total = 0, shown = 0;
	for (size_t i = 0; i < c->ndevices; i++)
		for (size_t k = 0; k < c->devices[i].nchecks; k++, total++) {
			if (c->devices[i].checks[k].verdict == VC_PASS)
				continue;
			if (!shown++)
				fputs("<table class=\"non-pass\"><caption>Checks that did not pass</caption>"
				      "<thead><tr><th scope=\"col\">device</th><th scope=\"col\">check</th>"
				      "<th scope=\"col\">verdict</th><th scope=\"col\">spec</th>"
				      "<th scope=\"col\">title</th><th scope=\"col\">detail</th></tr></thead>\n"
				      "<tbody>\n", f);
			write_check_row(&c->devices[i], &c->devices[i].checks[k], f);
		}
	if (shown)
		fputs("</tbody></table>\n", f);
	else if (total)
		fprintf(f, "<p class=\"all-pass\">All %zu checks passed.</p>\n", total);
	else
		fputs("<p class=\"no-checks\">No checks ran in this cell.</p>\n", f);
}

static void write_cell_conformance(const struct rep_cell *c, FILE *f)
{
	fputs("<section class=\"cell\" data-cell=\"", f);
	html_text(f, c->name);
	fputs("\"><h3>", f);
	html_cell_text(f, c->name);
	fputs("</h3>\n", f);
	if (c->nproblems) {
		fputs("<ul class=\"problems\">", f);
		for (size_t p = 0; p < c->nproblems; p++) {
			fputs("<li>", f);
			html_text(f, c->problems[p]);
			fputs("</li>", f);
		}
		fputs("</ul>\n", f);
	}
	if (c->ndevices)
		write_counts(c, f);
	else
		fputs("<p>No devices were found.</p>\n", f);
	write_non_pass(c, f);
	fputs("</section>\n", f);
}

int rep_write_html(const struct rep_run *run, FILE *f)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>vcheck report: ", f);
	html_cell_text(f, run->verdict_name);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>vcheck report</h1>\n", style);
	fprintf(f, "<p>Run verdict: <span id=\"run-verdict\" class=\"verdict v-%s\">",
		rep_verdict_label(run->verdict));
	html_cell_text(f, run->verdict_name);
	fprintf(f, "</span>; %zu cell%s; schema %s.</p>\n", run->ncells, run->ncells == 1 ? "" : "s", REP_SCHEMA);
	write_cells(run, f);
	rep_html_daemons(run, f);
	fputs("<section id=\"conformance\"><h2>Conformance</h2>\n", f);
	for (size_t i = 0; i < run->ncells; i++)
		if (rep_cell_shows_conformance(&run->cells[i]))
			write_cell_conformance(&run->cells[i], f);
	fputs("</section>\n", f);
	rep_html_personalities(run, f);
	rep_html_sidefx(run, f);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
