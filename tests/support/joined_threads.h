#ifndef FAREFLOW_TESTS_SUPPORT_JOINED_THREADS_H_
#define FAREFLOW_TESTS_SUPPORT_JOINED_THREADS_H_

#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace fareflow::testing_support {

// Threads a test's handlers start (from any thread); the destructor joins them all, so a test
// ends only once its handlers have. Declare it before the server whose handlers use it, so that
// the server stops first.
class JoinedThreads {
 public:
  JoinedThreads() = default;
  JoinedThreads(const JoinedThreads&) = delete;
  JoinedThreads& operator=(const JoinedThreads&) = delete;
  ~JoinedThreads() {
    for (std::thread& thread : threads_) thread.join();
  }

  template <typename Fn>
  void Run(Fn fn) {
    std::lock_guard<std::mutex> lock(mu_);
    threads_.emplace_back(std::move(fn));
  }

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_JOINED_THREADS_H_
