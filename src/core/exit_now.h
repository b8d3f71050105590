#ifndef FAREFLOW_CORE_EXIT_NOW_H_
#define FAREFLOW_CORE_EXIT_NOW_H_

namespace fareflow {

// Ends the process at once with `status`, as std::_Exit does: no destructors, no atexit handlers,
// no flush of stdio (the caller flushes what it wrote). For a process whose work is done and
// whose memory, mappings and threads the kernel takes back anyway.
//
// In a build instrumented for profile-guided optimisation (FAREFLOW_PGO=generate) it first writes
// the profile, which is otherwise written by an atexit handler that _Exit skips.
[[noreturn]] void ExitNow(int status);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_EXIT_NOW_H_
