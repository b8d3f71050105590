#ifndef FAREFLOW_SERVER_OBSERVABILITY_SEARCH_LOG_H_
#define FAREFLOW_SERVER_OBSERVABILITY_SEARCH_LOG_H_

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow::server {

// An append-only file of JSON lines, one per search (format in docs/api.md, "Search log";
// the line is written by WriteSearchLogLine). Lines are buffered and written together by
// Flush() -- after each batch of post-response work, and by the destructor. A failed write
// loses its lines and is counted, never fatal: the service answers searches without a log.
// Thread-safe.
class SearchLog {
 public:
  // Opens `path` for appending, creating it if needed. Fails (kIo) when it cannot be opened.
  static Result<std::unique_ptr<SearchLog>> Open(const std::string& path);
  SearchLog(const SearchLog&) = delete;
  SearchLog& operator=(const SearchLog&) = delete;
  ~SearchLog();  // flushes and closes

  // Buffers `line` and a newline. `line` must not contain a newline itself.
  void Append(std::string_view line);
  // Writes the buffered lines to the file and flushes the C library's buffer.
  void Flush();

  // Flushes that failed, each losing the lines it carried.
  uint64_t write_errors() const { return write_errors_.load(std::memory_order_relaxed); }
  // Lines written successfully.
  uint64_t lines_written() const { return lines_written_.load(std::memory_order_relaxed); }

 private:
  explicit SearchLog(std::FILE* file) : file_(file) {}

  std::mutex mu_;
  std::FILE* file_;
  std::string buffer_;
  uint64_t buffered_lines_ = 0;
  std::atomic<uint64_t> write_errors_{0};
  std::atomic<uint64_t> lines_written_{0};
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_OBSERVABILITY_SEARCH_LOG_H_
