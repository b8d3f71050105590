#include "engine/payload_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <thread>

#include "engine/builtin_supplier.h"
#include "engine/recorded_search.h"

namespace fareflow {
namespace {

// Reads payload file `file` and parses it as supplier `index`; an unreadable file is an io_error
// status.
void ParseOneFile(const PayloadFile& file, uint16_t index, const Enricher& enricher,
                  simdjson::ondemand::parser& parser, RequestContext& context,
                  SupplierOutcome& outcome, WorkerPool& pool) {
  simdjson::padded_string bytes;
  if (auto err = simdjson::padded_string::load(file.path).get(bytes)) {
    outcome.name = file.name;
    outcome.kind = file.kind;
    outcome.status = SupplierStatus::kIoError;
    outcome.error = "cannot read " + file.path + ": " + simdjson::error_message(err);
    return;
  }
  const simdjson::padded_string& payload = context.AddPayload(std::move(bytes));
  ParseRecordedPayload(file.kind, file.name, payload, index, enricher, parser, context, outcome,
                       &pool);
}

}  // namespace

std::vector<SupplierOutcome> ParsePayloadFiles(std::span<const PayloadFile> files,
                                               const Enricher& enricher, WorkerPool& pool,
                                               RequestContext& context) {
  std::vector<std::size_t> sizes;
  for (const PayloadFile& file : files) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file.path, error);
    sizes.push_back(error ? 0 : static_cast<std::size_t>(size));
  }
  return ParseRecordedOnPool(
      files.size(), pool,
      [&](std::size_t i, simdjson::ondemand::parser& parser, SupplierOutcome& outcome) {
        ParseOneFile(files[i], static_cast<uint16_t>(i), enricher, parser, context, outcome, pool);
      },
      sizes);
}

PayloadFileSource::PayloadFileSource(std::vector<PayloadFile> files,
                                     std::optional<int> builtin_offers)
    : files_(std::move(files)),
      builtin_offers_(builtin_offers),
      pool_(static_cast<unsigned>(std::clamp<std::size_t>(
          files_.size(), 1, std::max(1u, std::thread::hardware_concurrency())))) {}

std::vector<SupplierOutcome> PayloadFileSource::Fetch(RequestContext& context,
                                                      const Enricher& enricher,
                                                      std::chrono::steady_clock::time_point) {
  std::vector<SupplierOutcome> outcomes = ParsePayloadFiles(files_, enricher, pool_, context);
  if (builtin_offers_) {
    outcomes.push_back(RunBuiltinSupplier(enricher, context, static_cast<uint16_t>(outcomes.size()),
                                          *builtin_offers_));
  }
  return outcomes;
}

std::string PayloadFileSource::RecordingId(std::span<const SupplierOutcome> outcomes) const {
  return RecordedSearchId(builtin_offers_.has_value(),
                          outcomes.first(std::min(files_.size(), outcomes.size())));
}

}  // namespace fareflow
