#pragma once
// For the two programs that hold a token in memory, triplydb-profile and its network helper: no
// core file with the token in it, and no reading of their memory by the user's other processes.
#include <sys/prctl.h>
#include <sys/resource.h>

namespace tdb {

// Not dumpable: /proc/PID/mem, environ and ptrace are closed to everyone but root, and the
// kernel writes no core file; a core file limit of 0 as well, for a kernel set to dump anyway
// (suid_dumpable=2). Call it once, first thing. exec() makes a program dumpable again, but the
// core file limit is inherited: a token_command, and the program `exec` runs, start with 0 too.
inline void make_not_dumpable() {
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  const rlimit no_core_file{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core_file);
}

}  // namespace tdb
