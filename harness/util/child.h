/* What every process vcheck starts (QEMU, a backend daemon) does between
 * fork and exec. */
#ifndef VC_UTIL_CHILD_H
#define VC_UTIL_CHILD_H
#include <sys/types.h>

/* Nothing may outlive vcheck, however it ends (SIGKILL, a closed
 * terminal, a CI job cancelled): the child is killed when `parent` dies,
 * and exits at once if it already has. Its own process group keeps a
 * terminal's Ctrl-C for vcheck to decide on. */
void vc_child_leash(pid_t parent);
#endif
