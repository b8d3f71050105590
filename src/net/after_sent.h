#ifndef FAREFLOW_NET_AFTER_SENT_H_
#define FAREFLOW_NET_AFTER_SENT_H_

#include <functional>
#include <utility>

namespace fareflow::net {

// Work to do once an answer has left: a callback that runs exactly once, either when Run() is
// called (the answer was written) or when the holder is destroyed or overwritten without having
// run it (the answer was dropped: a failed write, a closed connection, a stopped server, a second
// answer to the same exchange). Whatever happens to the answer, the work is not leaked.
// Move-only; not thread-safe (one owner at a time). The callback must not throw; if it does,
// the exception is swallowed, because this may run from a destructor.
class AfterSent {
 public:
  AfterSent() = default;
  explicit AfterSent(std::function<void()> fn) : fn_(std::move(fn)) {}
  AfterSent(AfterSent&& other) noexcept : fn_(std::exchange(other.fn_, nullptr)) {}
  AfterSent& operator=(AfterSent&& other) noexcept {
    if (this != &other) {
      Run();
      fn_ = std::exchange(other.fn_, nullptr);
    }
    return *this;
  }
  AfterSent(const AfterSent&) = delete;
  AfterSent& operator=(const AfterSent&) = delete;
  ~AfterSent() { Run(); }

  // Runs the callback if it has not run yet; later calls do nothing.
  void Run() noexcept {
    std::function<void()> fn = std::exchange(fn_, nullptr);
    if (!fn) return;
    try {
      fn();
    } catch (...) {
    }
  }

  bool pending() const { return static_cast<bool>(fn_); }

 private:
  std::function<void()> fn_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_AFTER_SENT_H_
