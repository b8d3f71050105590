#include <cstdio>

int main() {
  std::puts("fareflow: the command line is being assembled");
  return 0;
}
