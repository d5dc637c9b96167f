#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "harness/util/child.h"

void vc_child_leash(pid_t parent)
{
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent) /* vcheck died before the leash was on */
		_exit(127);
}
