#include "engine/payload_files.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <latch>
#include <thread>

#include "engine/builtin_supplier.h"
#include "engine/payload_parser.h"

namespace fareflow {
namespace {

int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

void ParseOneFile(const PayloadFile& file, uint16_t index, const Enricher& enricher,
                  simdjson::ondemand::parser& parser, RequestContext& context,
                  SupplierOutcome& outcome) {
  const auto start = std::chrono::steady_clock::now();
  outcome.name = file.name;
  outcome.kind = file.kind;
  simdjson::padded_string bytes;
  if (auto err = simdjson::padded_string::load(file.path).get(bytes)) {
    outcome.status = SupplierStatus::kIoError;
    outcome.error = "cannot read " + file.path + ": " + simdjson::error_message(err);
    outcome.micros = MicrosSince(start);
    return;
  }
  const simdjson::padded_string& payload = context.AddPayload(std::move(bytes));
  outcome.bytes = static_cast<int64_t>(payload.size());
  outcome.payload = payload;
  Arena& arena = context.NewArena();
  OfferBatch& batch = context.NewBatch(arena);
  auto parsed = ParsePayload(file.kind, payload, parser, enricher, arena, index, batch);
  if (!parsed) {
    outcome.status = SupplierStatus::kMalformed;
    outcome.error = parsed.error().message;
  }
  outcome.batch = &batch;
  outcome.micros = MicrosSince(start);
}

}  // namespace

std::vector<SupplierOutcome> ParsePayloadFiles(std::span<const PayloadFile> files,
                                               const Enricher& enricher, WorkerPool& pool,
                                               RequestContext& context) {
  std::vector<SupplierOutcome> outcomes(files.size());
  std::latch done(static_cast<std::ptrdiff_t>(files.size()));
  for (std::size_t i = 0; i < files.size(); ++i) {
    pool.Submit([&, i](simdjson::ondemand::parser& parser) {
      ParseOneFile(files[i], static_cast<uint16_t>(i), enricher, parser, context, outcomes[i]);
      done.count_down();
    });
  }
  done.wait();
  return outcomes;
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
  std::string id = builtin_offers_ ? "builtin\n" : "";
  for (std::size_t i = 0; i < files_.size() && i < outcomes.size(); ++i) {
    id += std::filesystem::path(files_[i].path).filename().string() + ":" +
          std::to_string(outcomes[i].bytes) + "\n";
  }
  return id;
}

}  // namespace fareflow
