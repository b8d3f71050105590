#include "app/trust_anchors.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "lambda/log_line.h"

namespace fareflow {
namespace {

constexpr std::string_view kFileConsequence = "https suppliers will fail certificate verification";

// Why `path` cannot serve as a PEM bundle; empty when it can be read.
std::string UnreadableFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? "no such file"
                           : std::string("cannot be read: ") + std::strerror(errno);
  }
  if (S_ISDIR(st.st_mode)) return "is a directory, not a file";
  if (::access(path.c_str(), R_OK) != 0) {
    return std::string("cannot be read: ") + std::strerror(errno);
  }
  return {};
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

bool HasHttpsSupplier(const ServiceConfig& config) {
  for (const SupplierConfig& s : config.suppliers) {
    if (s.enabled && s.base_url.rfind("https://", 0) == 0) return true;
  }
  return false;
}

std::vector<std::string> TrustAnchorWarnings(const ServiceConfig& config, const EnvReader& env) {
  std::vector<std::string> warnings;
  if (!HasHttpsSupplier(config)) return warnings;
  if (const std::optional<std::string> file = env("SSL_CERT_FILE")) {
    const std::string why = file->empty() ? "set but empty" : UnreadableFile(*file);
    if (!why.empty()) {
      warnings.push_back("SSL_CERT_FILE=" + *file + ": " + why + "; " +
                         std::string(kFileConsequence));
    }
  }
  // A list, like PATH; OpenSSL looks in each folder, so each missing one is worth a line.
  if (const std::optional<std::string> dirs = env("SSL_CERT_DIR"); dirs && !dirs->empty()) {
    std::size_t start = 0;
    while (start <= dirs->size()) {
      const std::size_t end = std::min(dirs->find(':', start), dirs->size());
      const std::string dir = dirs->substr(start, end - start);
      if (!dir.empty() && !IsDirectory(dir)) {
        warnings.push_back("SSL_CERT_DIR=" + *dirs + ": " + (dir == *dirs ? "" : dir + ": ") +
                           "no such directory; https suppliers will find no trust anchors there");
      }
      start = end + 1;
    }
  }
  return warnings;
}

void LogTlsFailure(const fanout::TlsFailureReport& report) {
  const std::string line = lambda::LogLine({.level = "error",
                                            .message = "supplier refused by TLS",
                                            .supplier = report.supplier,
                                            .host = report.host,
                                            .error = report.error});
  std::fputs(line.c_str(), stderr);  // one line, one call: lines of other threads do not mix
}

}  // namespace fareflow
