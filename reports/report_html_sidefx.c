/* The side-effect sections of report.html:
 *   table#matrix: one row per device with registers,
 *     tr[data-cell][data-device][data-interface][data-registers], and per
 *     model td[data-model][data-verdict=<worst>] holding one
 *     span.count[data-verdict][data-count] per verdict present (the worst
 *     also .worst);
 *   the heatmap (report_html_heatmap.c);
 *   section.sidefx-device[data-cell][data-device][data-interface] with
 *     table.registers tr[data-space][data-offset][data-width], its model
 *     cells td[data-model][data-verdict], and the evidence in a <details>;
 *     the backend parts are in report_html_backend.c. */
#include <stdio.h>
#include "reports/report_html.h"
#include "reports/report_html_text.h"

const char *rep_html_hv_class(int v)
{
	switch (v) {
	case VC_HV_NOT_APPLICABLE: return "na";
	case REP_HV_OTHER: return "unknown";
	case REP_HV_NONE: return "none";
	default: return rep_hv_label(v);
	}
}

static const char *model_name(int m) { return vc_hv_model_name((enum vc_hv_model)m); }

static void device_attrs(FILE *f, const struct rep_cell *c, const struct rep_device *d)
{
	fputs(" data-cell=\"", f);
	html_text(f, c->name);
	fputs("\" data-device=\"", f);
	html_text(f, rep_device_label(d));
	fputs("\" data-interface=\"", f);
	html_text(f, d->interface);
	fputs("\"", f);
}

static void model_counts_cell(FILE *f, const struct rep_device *d, int m)
{
	int worst = d->hv_worst[m];
	fprintf(f, "<td data-model=\"%s\" data-verdict=\"%s\" class=\"hv-%s\">", model_name(m),
		rep_hv_label(worst), rep_html_hv_class(worst));
	for (int v = 0; v <= REP_HV_OTHER; v++) {
		unsigned n = d->hv_counts[m][v];
		if (n)
			fprintf(f, "<span class=\"count%s\" data-verdict=\"%s\" data-count=\"%u\">%u %s</span>",
				v == worst ? " worst" : "", rep_hv_label(v), n, n, rep_hv_label(v));
	}
	if (worst == REP_HV_NONE)
		fputs("&mdash;", f);
	fputs("</td>", f);
}

static void matrix_row(FILE *f, const struct rep_cell *c, const struct rep_device *d)
{
	fputs("<tr", f);
	device_attrs(f, c, d);
	fprintf(f, " data-registers=\"%zu\"><td>", d->nregs);
	html_cell_text(f, c->name);
	fputs("</td><th scope=\"row\">", f);
	html_text(f, rep_device_label(d));
	fputs("</th><td>", f);
	html_cell_text(f, d->interface);
	fprintf(f, "</td><td class=\"num\">%zu</td>", d->nregs);
	for (int m = 0; m < VC_HV__COUNT; m++)
		model_counts_cell(f, d, m);
	fputs("</tr>\n", f);
}

static void write_matrix(const struct rep_run *run, FILE *f)
{
	fputs("<h3>Devices and hypervisor models</h3>\n<p>Registers per model verdict; "
	      "the worst verdict of each model underlined and its colour.</p>\n"
	      "<table id=\"matrix\"><thead><tr><th scope=\"col\">cell</th><th scope=\"col\">device</th>"
	      "<th scope=\"col\">interface</th><th scope=\"col\">registers</th>", f);
	for (int m = 0; m < VC_HV__COUNT; m++)
		fprintf(f, "<th scope=\"col\">%s</th>", model_name(m));
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++)
			if (run->cells[i].devices[k].has_registers)
				matrix_row(f, &run->cells[i], &run->cells[i].devices[k]);
	fputs("</tbody></table>\n", f);
}

static void evidence_cell(FILE *f, const struct rep_register *r)
{
	fprintf(f, "<td><details><summary>%zu line%s</summary><ul class=\"evidence\">", r->nevidence,
		r->nevidence == 1 ? "" : "s");
	for (size_t k = 0; k < r->nevidence; k++) {
		fputs("<li>", f);
		html_text(f, r->evidence[k]);
		fputs("</li>", f);
	}
	fputs("</ul><ul class=\"reasons\">", f);
	for (int m = 0; m < VC_HV__COUNT; m++) {
		fprintf(f, "<li data-model=\"%s\">%s: ", model_name(m), model_name(m));
		html_text(f, r->models[m].name);
		if (r->models[m].reason) {
			fputs(", ", f);
			html_text(f, r->models[m].reason);
		}
		fputs("</li>", f);
	}
	fputs("</ul></details></td>", f);
}

static void register_row(FILE *f, const struct rep_device *d, const struct rep_register *r)
{
	fputs("<tr data-space=\"", f);
	html_text(f, r->space);
	fputs("\" data-offset=\"", f);
	html_text(f, r->offset);
	fprintf(f, "\" data-width=\"%u\"><td>", r->width);
	html_cell_text(f, r->space);
	fputs("</td><td><code>", f);
	html_cell_text(f, r->offset);
	fprintf(f, "</code></td><td class=\"num\">%u</td><td>", r->width);
	html_cell_text(f, r->name);
	fputs("</td><td>", f);
	html_cell_text(f, r->spec_access);
	fputs("</td><td class=\"classes\">", f);
	for (size_t k = 0; k < r->nclasses; k++) {
		fputs("<span class=\"class\">", f);
		html_text(f, r->classes[k]);
		fputs("</span>", f);
	}
	fputs("</td>", f);
	rep_html_backend_cell(d, r, f);
	for (int m = 0; m < VC_HV__COUNT; m++) {
		const struct rep_judgement *j = &r->models[m];
		fprintf(f, "<td data-model=\"%s\" data-verdict=\"", model_name(m));
		html_text(f, j->name);
		fprintf(f, "\" class=\"hv-%s\" title=\"", rep_html_hv_class(j->verdict));
		html_text(f, j->reason);
		fputs("\">", f);
		html_text(f, j->name);
		fputs("</td>", f);
	}
	evidence_cell(f, r);
	fputs("</tr>\n", f);
}

static void write_device(FILE *f, const struct rep_cell *c, const struct rep_device *d)
{
	fputs("<section class=\"sidefx-device\"", f);
	device_attrs(f, c, d);
	fputs("><h3>", f);
	html_text(f, rep_device_label(d));
	fputs(" on ", f);
	html_cell_text(f, d->interface);
	fputs(" (", f);
	html_cell_text(f, d->location);
	fputs("), cell ", f);
	html_cell_text(f, c->name);
	fputs("</h3>\n", f);
	if (!d->nregs) {
		fputs("<p>No registers were touched.</p></section>\n", f);
		return;
	}
	fputs("<table class=\"registers\"><thead><tr><th scope=\"col\">space</th><th scope=\"col\">offset</th>"
	      "<th scope=\"col\">width</th><th scope=\"col\">name</th><th scope=\"col\">spec access</th>"
	      "<th scope=\"col\">classes</th>", f);
	rep_html_backend_head(d, f);
	for (int m = 0; m < VC_HV__COUNT; m++)
		fprintf(f, "<th scope=\"col\">%s</th>", model_name(m));
	fputs("<th scope=\"col\">evidence</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < d->nregs; i++)
		register_row(f, d, &d->regs[i]);
	fputs("</tbody></table>\n", f);
	rep_html_qemu_status(d, f);
	fputs("</section>\n", f);
}

void rep_html_sidefx(const struct rep_run *run, FILE *f)
{
	fputs("<section id=\"sidefx\"><h2>Side effects</h2>\n", f);
	if (!run->any_registers) {
		fputs("<p class=\"no-sidefx\">No cell ran side-effect discovery "
		      "(<code>vcheck run --sidefx</code>).</p></section>\n", f);
		return;
	}
	write_matrix(run, f);
	rep_html_heatmap(run, f);
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++)
			if (run->cells[i].devices[k].has_registers)
				write_device(f, &run->cells[i], &run->cells[i].devices[k]);
	fputs("</section>\n", f);
}
