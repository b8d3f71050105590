#ifndef FAREFLOW_NET_AFTER_SENT_H_
#define FAREFLOW_NET_AFTER_SENT_H_

#include <cstddef>
#include <functional>
#include <type_traits>
#include <utility>

namespace fareflow::net {

// What became of an answer.
enum class Delivery {
  kSent,     // its last byte was handed on (to the socket, or to the Lambda Runtime API)
  kDropped,  // it never was: the write failed, the connection or the server closed first, or the
             // exchange had already been answered
};

// Work to do once an answer has left: a callback that runs exactly once, either when Run() is
// called (the answer was written: kSent) or when Drop() is called or the holder is destroyed or
// overwritten without having run it (the answer was dropped: kDropped). Whatever happens to the
// answer, the work is not leaked. A callback taking a Delivery is told which; one taking nothing
// runs either way. Move-only; not thread-safe (one owner at a time). The callback must not throw;
// if it does, the exception is swallowed, because this may run from a destructor.
class AfterSent {
 public:
  AfterSent() = default;
  // Implicit, like the constructor below: nothing to do.
  AfterSent(std::nullptr_t) {}
  // Implicit, so that RespondThen takes a lambda or a std::function as it is.
  template <typename Fn>
  requires(std::is_invocable_v<Fn&, Delivery> || std::is_invocable_v<Fn&>) &&
      (!std::is_same_v<std::remove_cvref_t<Fn>, AfterSent>)AfterSent(Fn fn) {
    if constexpr (std::is_invocable_v<Fn&, Delivery>) {
      fn_ = std::function<void(Delivery)>(std::move(fn));
    } else {
      std::function<void()> work(std::move(fn));
      if (work) fn_ = [work = std::move(work)](Delivery) { work(); };
    }
  }
  AfterSent(AfterSent&& other) noexcept : fn_(std::exchange(other.fn_, nullptr)) {}
  AfterSent& operator=(AfterSent&& other) noexcept {
    if (this != &other) {
      Drop();
      fn_ = std::exchange(other.fn_, nullptr);
    }
    return *this;
  }
  AfterSent(const AfterSent&) = delete;
  AfterSent& operator=(const AfterSent&) = delete;
  ~AfterSent() { Drop(); }

  // Runs the callback (kSent) if it has not run yet; later calls do nothing.
  void Run() noexcept { Finish(Delivery::kSent); }
  // Runs the callback (kDropped) if it has not run yet; later calls do nothing.
  void Drop() noexcept { Finish(Delivery::kDropped); }

  bool pending() const { return static_cast<bool>(fn_); }

 private:
  void Finish(Delivery delivery) noexcept {
    std::function<void(Delivery)> fn = std::exchange(fn_, nullptr);
    if (!fn) return;
    try {
      fn(delivery);
    } catch (...) {
    }
  }

  std::function<void(Delivery)> fn_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_AFTER_SENT_H_
