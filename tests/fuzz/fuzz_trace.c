/* A side-effect cell end to end: its console (records sealed afresh, so
 * mutated "sfx" records reach harness/collect/sfx_collect.c), QEMU's device
 * trace joined onto it (harness/collect/trace_join.h, the vhost-user
 * events in it read by harness/collect/vhost_user.h when the registers are
 * classified), the chardev file the host end of a device wrote
 * (harness/collect/sfx_chardev.h), then classes, models, results.json and
 * the reports (fuzz_pipeline.h).
 *
 * Input: CONSOLE FZ_SEP TRACE [FZ_SEP CHARDEV-FILE-BYTES]. Without a third
 * part the chardev file does not exist (the "could not be read" path). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/trace_join.h"
#include "fuzz_pipeline.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_setup();
	fz_dir();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t cn, tn, fn;
	const uint8_t *console = fz_part(d, n, 0, &cn), *trace = fz_part(d, n, 1, &tn),
		      *file = fz_part(d, n, 2, &fn);
	char chardev[128];
	snprintf(chardev, sizeof(chardev), "%s/virtconsole0.txt", fz_dir());
	if (file)
		fz_write_file(chardev, file, fn);
	else
		unlink(chardev);

	size_t sn;
	char *sealed = fz_reseal(console, cn, &sn);
	struct vc_run run;
	struct vc_cell *c = fz_new_cell(&run, 1, sealed, sn, chardev);
	fz_collect(c, sealed, sn, 1, 0);
	free(sealed);

	/* the trace as the runner's FILE, exactly its bytes (fmemopen wants
	 * at least one byte of buffer, so an empty trace is an empty file) */
	FILE *f = tn ? fmemopen((void *)trace, tn, "r") : fopen("/dev/null", "r");
	if (!f)
		abort();
	vc_trace_join(c, f);
	fclose(f);
	fz_classify(c);
	fz_finish_run(&run);
	vc_run_free(&run);
	return 0;
}
