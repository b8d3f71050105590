#ifndef FAREFLOW_NET_STREAM_PARTS_H_
#define FAREFLOW_NET_STREAM_PARTS_H_

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "net/after_sent.h"

namespace fareflow::net {

// The parts of one streamed answer on their way from the threads that write them to the
// connection's strand, which writes them to the socket. Thread-safe: writers Push and End from
// any thread; the strand Takes.
//
// Memory bound: the pending bytes are at most the parts pushed as not replaceable and not yet
// taken, plus one replaceable part. A replaceable part pushed while another waits (not yet taken)
// takes its place at the end of the queue, after the parts pushed between them, so the newest
// replaceable part always follows every part it could depend on. Once taken, a part is on its
// way and is never dropped.
//
// The strand is woken only when needed: Push and End report (`*kick`) when no pump is running,
// and the caller then posts one, which Takes until Take reports nothing pending. The first pump
// is the one that writes the head: the queue starts as if a pump ran.
class StreamParts {
 public:
  StreamParts() = default;
  StreamParts(const StreamParts&) = delete;
  StreamParts& operator=(const StreamParts&) = delete;

  // Queues `part`. False once ended or gone: nothing more will be sent.
  bool Push(std::string part, bool replaceable, bool* kick);

  // The end follows the parts queued so far; `after_sent` runs once it was written (kSent) or
  // when the client goes first (kDropped). A second End, or one after the client went, drops its
  // `after_sent` at once. True when this call ended the stream.
  bool End(AfterSent after_sent, bool* kick);

  // The client has gone, the connection closed or the server stopped: later Pushes fail. Returns
  // the end's work, if End was called, for the caller to Drop outside any lock.
  AfterSent MarkGone();
  bool gone() const;

  // What the strand writes next: every pending part, in order, and whether the end follows them.
  struct Taken {
    std::vector<std::string> parts;
    bool end = false;
  };
  // Takes every pending part. When there is nothing to write (no part, no end not yet taken), the
  // pump stops: the next Push or End kicks a new one.
  Taken Take();
  // The end's work, once the end was taken and written.
  AfterSent TakeAfterSent();

  // Bytes pushed and not yet taken.
  std::size_t pending_bytes() const;

 private:
  struct Part {
    std::string bytes;
    bool replaceable = false;
  };

  mutable std::mutex mu_;
  std::deque<Part> pending_;
  std::size_t pending_bytes_ = 0;
  AfterSent after_sent_;
  bool ended_ = false;      // End was called
  bool end_taken_ = false;  // the strand has the end
  bool gone_ = false;       // nothing more will be written
  bool pumping_ = true;     // a pump runs, or will run (the head's write starts the first)
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_STREAM_PARTS_H_
