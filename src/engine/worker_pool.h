#ifndef FAREFLOW_ENGINE_WORKER_POOL_H_
#define FAREFLOW_ENGINE_WORKER_POOL_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <simdjson.h>

namespace fareflow {

// Why a task queued on a WorkerPool left the queue without running.
enum class PoolRefusal {
  kDeadline,  // its deadline passed while it waited for a worker
  kClosed,    // the pool was closed (the server stops)
};

// How a task waits on a WorkerPool (TrySubmit). `refuse` runs instead of the task when it leaves
// the queue without running, exactly once, on the pool's watch thread (kDeadline), a worker
// (kDeadline, noticed as it was taken) or the thread calling Close() (kClosed); it must not block
// nor call back into the pool. Empty: the task is dropped silently.
struct PoolWait {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::function<void(PoolRefusal)> refuse;
};

// A fixed set of threads that parse supplier payloads or run searches. Each worker owns one
// simdjson On-Demand parser for its whole life, so parser buffers are allocated once per thread,
// never per request.
//
// Tasks run in submission order on whichever worker is free. A task may carry a deadline: one
// still waiting when it passes leaves the queue without running, and its `refuse` callback says
// so (from the pool's watch thread), so a server can answer a request whose client has stopped
// waiting without spending a worker on it. Close() refuses everything waiting and later
// submissions. The destructor finishes queued tasks (unless closed) and joins the threads.
// Thread-safe.
//
// A worker that finds the queue empty keeps its core for up to kIdleSpin before it sleeps,
// yielding it to any other thread that wants it. On a VM a sleeping thread's virtual CPU halts,
// and waking it again is the host's business: in a trace of the W20k pool search, a third of the
// searches started their second payload 1 to 5.7 ms late, and the search waited for it. Work
// queued within kIdleSpin of a worker's last task (the helper task of a search's stages, a
// payload answered just after another, the next search under load) starts at once instead.
class WorkerPool {
 public:
  using Task = std::function<void(simdjson::ondemand::parser&)>;
  using Clock = std::chrono::steady_clock;

  // Longer than the 1.2 ms that the W20k search's stages take before they queue their helper
  // task (dedupe and filter), so that it starts at once. An idle pool stops spending CPU after it.
  static constexpr std::chrono::microseconds kIdleSpin{2000};

  // `threads` == 0 means one per hardware thread.
  explicit WorkerPool(unsigned threads = 0);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  // Queues `task` without limit; dropped (destroyed unrun) once the pool is closed.
  void Submit(Task task);
  // Queues `tasks` in order, all at once: a task that starts before the last is queued, and
  // queues work of its own (a payload's tail piece, engine/split_payload.cc), finds its work
  // behind all of them, as if they had been submitted before it started.
  void SubmitAll(std::vector<Task> tasks);
  // Submits unless `max_queued` tasks would then wait for a worker (tasks an idle worker takes at
  // once do not wait) or the pool is closed; false (and `task` dropped, `wait.refuse` not
  // called) then, so a server can shed load with a 503 instead of queueing without bound.
  bool TrySubmit(Task task, std::size_t max_queued, PoolWait wait = {});
  // Refuses (kClosed) every task waiting now, before returning, and every later submission.
  // Tasks already running go on. Idempotent.
  void Close();
  bool closed();

  // Tasks waiting for a worker now.
  std::size_t queued();
  // Workers running a task now.
  std::size_t busy();
  unsigned size() const { return static_cast<unsigned>(threads_.size()); }

 private:
  struct Entry {
    Task task;
    PoolWait wait;
  };

  void Run();
  // Sets ready_ from the queue and stopping_; called under mu_ after either changes.
  void NoteReadyLocked() { ready_.store(stopping_ || !queue_.empty(), std::memory_order_release); }
  // Refuses the waiting tasks whose deadline has passed, as it passes.
  void Watch();

  std::mutex mu_;
  std::condition_variable cv_;     // workers: a task was queued, or stopping
  std::condition_variable watch_;  // the watch thread: a deadline was queued, or stopping
  std::deque<Entry> queue_;
  bool stopping_ = false;
  bool closed_ = false;
  std::size_t busy_ = 0;  // workers running a task
  // A task waits or the pool stops: what an idle worker watches while it spins. Written under
  // mu_ (NoteReadyLocked), read without it; the queue itself is only read under mu_.
  std::atomic<bool> ready_{false};
  std::vector<std::thread> threads_;
  std::thread watcher_;
};

// Runs `here` on the calling thread while a worker of `pool` runs `there`, and returns once both
// have run. `there` is queued like any task: when no worker has taken it by the time `here` is
// done (every worker busy with other work, or the pool closed), the calling thread takes it back
// and runs it itself (a flag both claim), so a busy pool never makes the pair slower than running
// them in turn, and a caller that is itself a worker of `pool` cannot wait on a queue. An
// exception from either is rethrown here, once `there` has run or been taken back unrun. Neither
// may submit to the pool.
void RunBeside(WorkerPool& pool, const std::function<void()>& here,
               const std::function<void()>& there);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_WORKER_POOL_H_
