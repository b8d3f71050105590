#include "engine/recorded_search.h"

#include <algorithm>
#include <chrono>
#include <latch>
#include <numeric>

#include "core/mac.h"
#include "engine/payload_parser.h"
#include "engine/stage_timings.h"
#include "pipeline/page.h"

namespace fareflow {

std::vector<std::string> RecordedSupplierNames(std::span<const SupplierKind> kinds) {
  std::vector<std::string> names;
  names.reserve(kinds.size());
  int per_kind[3] = {0, 0, 0};
  for (SupplierKind kind : kinds) {
    names.push_back(std::string(SupplierKindName(kind)) + "-" +
                    std::to_string(++per_kind[static_cast<std::size_t>(kind)]));
  }
  return names;
}

std::string RecordedSearchId(bool builtin, std::span<const SupplierOutcome> payloads) {
  std::string id = builtin ? "builtin\n" : "";
  for (const SupplierOutcome& outcome : payloads) {
    id += outcome.name + ":" + std::to_string(outcome.bytes) + "\n";
  }
  return id;
}

void ParseRecordedPayload(SupplierKind kind, const std::string& name,
                          simdjson::padded_string_view payload, uint16_t index,
                          const Enricher& enricher, simdjson::ondemand::parser& parser,
                          RequestContext& context, SupplierOutcome& outcome, WorkerPool* pool) {
  outcome.name = name;
  outcome.kind = kind;
  outcome.bytes = static_cast<int64_t>(payload.size());
  outcome.payload = payload;
  Arena& arena = context.NewArena();
  OfferBatch& batch = context.NewBatch(arena);
  auto parsed = ParsePayload(kind, payload, parser, enricher, arena, index, batch, pool);
  if (!parsed) {
    outcome.status = SupplierStatus::kMalformed;
    outcome.error = parsed.error().message;
  }
  outcome.batch = &batch;
}

std::vector<std::size_t> LargestFirst(std::span<const std::size_t> sizes) {
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

std::vector<SupplierOutcome> ParseRecordedOnPool(std::size_t count, WorkerPool& pool,
                                                 const ParseOneRecorded& parse_one,
                                                 std::span<const std::size_t> sizes) {
  std::vector<SupplierOutcome> outcomes(count);
  std::latch done(static_cast<std::ptrdiff_t>(count));
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (sizes.size() == count) order = LargestFirst(sizes);
  std::vector<WorkerPool::Task> tasks;
  tasks.reserve(count);
  for (const std::size_t i : order) {
    tasks.emplace_back([&, i](simdjson::ondemand::parser& parser) {
      const auto start = std::chrono::steady_clock::now();
      parse_one(i, parser, outcomes[i]);
      outcomes[i].micros = MicrosSince(start);
      done.count_down();
    });
  }
  // All at once: a large payload's tail piece then waits behind the other payloads instead of
  // taking a worker before they are queued (engine/split_payload.cc).
  pool.SubmitAll(std::move(tasks));
  done.wait();
  return outcomes;
}

void InstallLocalCursorKey() {
  // "fareflow search, no secret here." in hex.
  static constexpr const char* kLocalKey =
      "66617265666c6f77207365617263682c206e6f2073656372657420686572652e";
  SetCursorKey(*MacKey::Parse(kLocalKey));
}

}  // namespace fareflow
