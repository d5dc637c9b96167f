#include "reports/report_writers.h"

const struct rep_output rep_outputs[] = {
	{ REP_MD_SUMMARY, rep_write_md },
	{ REP_MD_CHECKS, rep_write_md_checks },
	{ REP_MD_REGISTERS, rep_write_md_registers },
	{ REP_HTML, rep_write_html },
	{ NULL, NULL },
};
