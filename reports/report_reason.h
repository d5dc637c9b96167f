/* A model's reason as the reports show it. hv_models.c cites its Gunyah
 * rules as "reference section N" of a study that ships with the
 * developers' notes, not with a report (gunyah-virtio-mmio.md): a reader
 * of report.html has no section 2 to turn to, so each citation becomes
 * what that section is about. results.json keeps the reason as written. */
#ifndef VC_REPORT_REASON_H
#define VC_REPORT_REASON_H

/* The reason with every "reference section(s) N[, M and K]" named, as a
 * new string; NULL when it cites none (show the reason as it is). */
char *rep_reason_readable(const char *reason);
#endif
