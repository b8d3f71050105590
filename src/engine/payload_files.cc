#include "engine/payload_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <thread>

#include "core/mapped_file.h"
#include "engine/builtin_supplier.h"
#include "engine/recorded_search.h"
#include "suppliers/parser_buffers.h"

namespace fareflow {
namespace {

// The error of a payload file that cannot be read, worded as simdjson words it.
void CannotRead(const PayloadFile& file, simdjson::error_code err, SupplierOutcome& outcome) {
  outcome = {};
  outcome.name = file.name;
  outcome.kind = file.kind;
  outcome.status = SupplierStatus::kIoError;
  outcome.error = "cannot read " + file.path + ": " + simdjson::error_message(err);
}

// Reads payload file `file` and parses it as supplier `index`; an unreadable file is an io_error
// status. A regular file of known size is mapped (core/mapped_file.h: no copy, no page cleared);
// anything else (a missing file, a directory, a file whose size the kernel does not state, such
// as procfs's) goes through simdjson's loader, which gives the errors and bytes it always gave.
void ParseOneFile(const PayloadFile& file, uint16_t index, const Enricher& enricher,
                  simdjson::ondemand::parser& parser, RequestContext& context,
                  SupplierOutcome& outcome, WorkerPool& pool) {
  if (Result<MappedFile> mapped = MappedFile::Map(file.path); mapped && mapped->size() > 0) {
    const MappedFile& payload = context.AddPayload(std::move(*mapped));
    ParseRecordedPayload(file.kind, file.name, payload.view(), index, enricher, parser, context,
                         outcome, &pool);
    // Cut short while parsed: zeros were read in place of the lost bytes, so what was parsed is
    // not the file. read() reports a file that shrinks under it the same way.
    if (payload.changed()) CannotRead(file, simdjson::IO_ERROR, outcome);
    return;
  }
  simdjson::padded_string bytes;
  if (auto err = simdjson::padded_string::load(file.path).get(bytes)) {
    CannotRead(file, err, outcome);
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
  // Each worker's parser is made ready for the largest file before its first: a worker that
  // parsed a smaller file first would otherwise allocate its buffers again for a larger one, and
  // fault in fresh pages where the ones it had would do. What a worker's files never reach is
  // never touched, so it costs address space only.
  std::vector<std::size_t> sizes;
  for (const PayloadFile& file : files) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file.path, error);
    sizes.push_back(error ? 0 : static_cast<std::size_t>(size));
  }
  const std::size_t largest = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  return ParseRecordedOnPool(
      files.size(), pool,
      [&](std::size_t i, simdjson::ondemand::parser& parser, SupplierOutcome& outcome) {
        // A failure here (a file too large for simdjson) is the parse's to report.
        [[maybe_unused]] const simdjson::error_code error =
            suppliers::ReserveParser(parser, largest);
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
