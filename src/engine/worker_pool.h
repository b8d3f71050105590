#ifndef FAREFLOW_ENGINE_WORKER_POOL_H_
#define FAREFLOW_ENGINE_WORKER_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <simdjson.h>

namespace fareflow {

// A fixed set of threads that parse supplier payloads. Each worker owns one simdjson On-Demand
// parser for its whole life, so parser buffers are allocated once per thread, never per request.
//
// Tasks run in submission order on whichever worker is free. The destructor finishes queued tasks
// and joins the threads.
class WorkerPool {
 public:
  using Task = std::function<void(simdjson::ondemand::parser&)>;

  // `threads` == 0 means one per hardware thread.
  explicit WorkerPool(unsigned threads = 0);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  void Submit(Task task);
  // Submits unless `max_queued` tasks would then wait for a worker (tasks an idle worker takes at
  // once do not wait); false (and `task` dropped) when full, so a server can shed load with a 503
  // instead of queueing without bound.
  bool TrySubmit(Task task, std::size_t max_queued);
  // Tasks waiting for a worker now.
  std::size_t queued();
  unsigned size() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  bool stopping_ = false;
  std::size_t busy_ = 0;  // workers running a task
  std::vector<std::thread> threads_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_WORKER_POOL_H_
