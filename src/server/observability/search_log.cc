#include "server/observability/search_log.h"

#include <cerrno>
#include <cstring>

namespace fareflow::server {

Result<std::unique_ptr<SearchLog>> SearchLog::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) {
    return MakeError(ErrorCode::kIo,
                     "cannot open search log " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<SearchLog>(new SearchLog(file));
}

SearchLog::~SearchLog() {
  Flush();
  std::fclose(file_);
}

void SearchLog::Append(std::string_view line) {
  std::lock_guard lock(mu_);
  buffer_.append(line);
  buffer_ += '\n';
  ++buffered_lines_;
}

void SearchLog::Flush() {
  std::lock_guard lock(mu_);
  if (buffer_.empty()) return;
  const bool ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size() &&
                  std::fflush(file_) == 0;
  if (ok) {
    lines_written_.fetch_add(buffered_lines_, std::memory_order_relaxed);
  } else {
    write_errors_.fetch_add(1, std::memory_order_relaxed);
    std::clearerr(file_);
  }
  buffer_.clear();
  buffered_lines_ = 0;
}

}  // namespace fareflow::server
