#ifndef FAREFLOW_TESTS_SUPPORT_RUN_COMMAND_H_
#define FAREFLOW_TESTS_SUPPORT_RUN_COMMAND_H_

// Runs a shell command line (the fareflow binary as a user runs it) and collects what it prints.

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace fareflow::testing_support {

// What a command printed on its standard output, and how it exited.
struct CommandOutput {
  std::string text;
  int status = -1;  // the exit code; -1 when it could not run or did not exit normally
};

// Runs `command` through /bin/sh (popen) and waits for it. Add " 2>&1" to the command to
// collect its standard error as well.
inline CommandOutput RunCommand(const std::string& command) {
  CommandOutput out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[65536];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.text.append(buf, n);
  const int status = pclose(pipe);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_RUN_COMMAND_H_
