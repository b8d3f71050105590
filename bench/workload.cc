#include "bench/workload.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include <benchmark/benchmark.h>

#include "api/search_response.h"
#include "engine/payload_parser.h"
#include "engine/run_pipeline.h"
#include "engine/supplier_outcome.h"

namespace fareflow::bench {

Workload& W5k() {
  static Workload w;
  return w;
}

bool LoadW5k(const std::string& dir) {
  Workload& w = W5k();
  simdjson::padded_string manifest_bytes;
  simdjson::dom::parser manifest_parser;
  simdjson::dom::element manifest;
  if (simdjson::padded_string::load(dir + "/workload.json").get(manifest_bytes) ||
      manifest_parser.parse(manifest_bytes).get(manifest)) {
    std::fprintf(stderr, "cannot read %s/workload.json (make workload writes it)\n", dir.c_str());
    return false;
  }
  std::string_view name;
  simdjson::dom::array files;
  if (manifest["workload"].get(name) || manifest["payloads"].get(files)) {
    std::fprintf(stderr, "%s/workload.json: no workload or payloads\n", dir.c_str());
    return false;
  }
  w.name = std::string(name);
  for (simdjson::dom::element file : files) {
    std::string_view file_name, kind_name;
    if (file["name"].get(file_name) || file["kind"].get(kind_name)) {
      std::fprintf(stderr, "%s/workload.json: a payload without name or kind\n", dir.c_str());
      return false;
    }
    const std::optional<SupplierKind> kind = ParseSupplierKind(kind_name);
    if (!kind || *kind == SupplierKind::kBuiltin) {
      std::fprintf(stderr, "%s/workload.json: unknown kind\n", dir.c_str());
      return false;
    }
    const std::string path = dir + "/" + std::string(file_name);
    simdjson::padded_string bytes;
    if (simdjson::padded_string::load(path).get(bytes)) {
      std::fprintf(stderr, "cannot read %s (make workload writes it)\n", path.c_str());
      return false;
    }
    w.bytes += static_cast<int64_t>(bytes.size());
    w.payloads.emplace_back(*kind, std::move(bytes));
  }
  // The request the workload answers (see tools/payloadgen): LHR-JFK round trip, 2 adults,
  // prices in EUR, cheapest first.
  w.request.slices = {{LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), 0},
                      {LocationCode::Parse("JFK"), LocationCode::Parse("LHR"), 0}};
  w.request.passengers.adults = 2;
  w.request.currency = CurrencyCode::Parse("EUR");
  w.request.sort = SortKey::kCheapest;
  return true;
}

simdjson::ondemand::parser& ThreadParser() {
  thread_local simdjson::ondemand::parser parser;
  return parser;
}
simdjson::dom::parser& ThreadDomParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

void DomParseAll(simdjson::dom::parser& parser, const SupplierKind* kind) {
  for (auto& [k, bytes] : W5k().payloads) {
    if (kind != nullptr && k != *kind) continue;
    simdjson::dom::element doc;
    if (parser.parse(bytes).get(doc)) std::abort();
    benchmark::DoNotOptimize(doc);
  }
}

std::vector<OfferBatch*> ParseAll(RequestContext& context, simdjson::ondemand::parser& parser,
                                  const Enricher& enricher, const SupplierKind* kind,
                                  std::size_t chunk_bytes) {
  std::vector<OfferBatch*> batches;
  uint16_t index = 0;
  for (auto& [k, bytes] : W5k().payloads) {
    if (kind != nullptr && k != *kind) continue;
    Arena& arena = context.NewArena();
    OfferBatch& batch = context.NewBatch(arena);
    suppliers::Piece whole;
    whole.chunk_bytes = chunk_bytes;
    if (!ParsePayloadPiece(k, bytes, parser, enricher, arena, index++, batch, whole)) {
      std::abort();
    }
    batches.push_back(&batch);
  }
  return batches;
}

int64_t BytesOf(const SupplierKind* kind) {
  int64_t n = 0;
  for (auto& [k, bytes] : W5k().payloads) {
    if (kind == nullptr || k == *kind) n += static_cast<int64_t>(bytes.size());
  }
  return n;
}

void SearchOnThisThread(simdjson::ondemand::parser& parser, const Enricher& enricher,
                        std::string& out) {
  RequestContext context(W5k().request);
  std::vector<SupplierOutcome> outcomes;
  for (OfferBatch* b : ParseAll(context, parser, enricher, nullptr)) {
    SupplierOutcome o;
    o.batch = b;
    outcomes.push_back(std::move(o));
  }
  auto result = RunPipeline(context, std::move(outcomes), "w5k");
  out.clear();
  WriteSearchResponse(*result, context.request(), context.timings(), {}, out);
  benchmark::DoNotOptimize(out.data());
}

}  // namespace fareflow::bench
