#ifndef FAREFLOW_SERVER_POST_RESPONSE_HOUSEKEEPER_H_
#define FAREFLOW_SERVER_POST_RESPONSE_HOUSEKEEPER_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace fareflow::server {

// One background thread that runs the work following responses -- search log lines, metrics,
// storing searches, freeing request memory -- one task at a time, in the order posted, so that
// none of it runs on the path of a response.
//
// Thread-safe. Tasks must not throw (a task that does is counted and skipped) and must not call
// Drain(). The destructor drains and joins.
class Housekeeper {
 public:
  // `on_idle` (optional) runs on the housekeeping thread each time the queue runs empty after a
  // batch of tasks: e.g. flushing the lines the batch appended to the search log.
  explicit Housekeeper(std::function<void()> on_idle = {});
  Housekeeper(const Housekeeper&) = delete;
  Housekeeper& operator=(const Housekeeper&) = delete;
  ~Housekeeper();

  // Queues `task` to run after every task posted before it. Never blocks on the tasks.
  void Post(std::function<void()> task);

  // Blocks until every task posted before the call (and any they post) has run and on_idle has
  // followed them. For shutdown and tests.
  void Drain();

  // Tasks that threw.
  uint64_t failures() const;

 private:
  void Run();

  const std::function<void()> on_idle_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  bool busy_ = false;  // a task or on_idle is running
  bool stopping_ = false;
  uint64_t failures_ = 0;
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_POST_RESPONSE_HOUSEKEEPER_H_
