// simdjson's stage 1 alone on the workload's Amadeus payloads, in pieces, and what finding the
// pieces costs (below).

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "bench/workload.h"
#include "engine/payload_parser.h"
#include "engine/split_payload.h"
#include "engine/supplier_kind.h"
#include "suppliers/chunked_index.h"

namespace fareflow::bench {
namespace {

// Stage 1 alone on the Amadeus payloads: what indexing a payload in pieces, as a stage-1 driver of
// fareflow's own would, costs and saves. /0 indexes each payload whole, as the On-Demand parser
// does; /1 one offer at a time (pieces end where the pool's cut would, before the format's offer
// start); /2 the payload without every traveler's fareDetailsBySegment whose bytes repeat the
// previous traveler's, which such a driver would not need to index (the same bytes hold the same
// tokens), in the pieces between them. simdjson's own stage 1, CPU time; `tokens` is what the
// pieces indexed.
// The key of a traveler's fare details in an Amadeus offer.
constexpr std::string_view kFareDetailsKey = R"("fareDetailsBySegment":)";

class Stage1Pieces {
 public:
  enum Mode { kWhole, kOffers, kWithoutRepeats };

  Stage1Pieces(std::string_view payload, Mode mode) : payload_(payload) {
    if (mode == kWhole) {
      pieces_.emplace_back(0, payload.size());
      return;
    }
    const std::string_view start = PieceShapeOf(SupplierKind::kAmadeus, payload).offer_start;
    std::vector<std::size_t> cuts = {0};
    for (const char* cut = suppliers::FindElementStart(payload, start, 1); cut != nullptr;
         cut = suppliers::FindElementStart(payload, start,
                                           static_cast<std::size_t>(cut - payload.data()) + 1)) {
      cuts.push_back(static_cast<std::size_t>(cut - payload.data()));
    }
    cuts.push_back(payload.size());
    if (mode == kOffers) {
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) pieces_.emplace_back(cuts[i], cuts[i + 1]);
      return;
    }
    std::size_t from = 0;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      for (const auto& [begin, end] : Repeats(cuts[i], cuts[i + 1])) {
        pieces_.emplace_back(from, begin);
        from = end;
      }
    }
    pieces_.emplace_back(from, payload.size());
  }

  // Indexes every piece with `impl`; the tokens they hold.
  std::size_t Index(simdjson::internal::dom_parser_implementation& impl) const {
    std::size_t tokens = 0;
    const auto* bytes = reinterpret_cast<const uint8_t*>(payload_.data());
    for (const auto& [begin, end] : pieces_) {
      if (impl.stage1(bytes + begin, end - begin, simdjson::stage1_mode::regular)) std::abort();
      tokens += impl.n_structural_indexes;
    }
    return tokens;
  }

 private:
  // The fareDetailsBySegment arrays in [from, to) that repeat the array before them byte for byte.
  std::vector<std::pair<std::size_t, std::size_t>> Repeats(std::size_t from, std::size_t to) const {
    std::vector<std::pair<std::size_t, std::size_t>> repeats;
    std::string_view previous;
    for (std::size_t at = payload_.find(kFareDetailsKey, from); at < to;
         at = payload_.find(kFareDetailsKey, at + 1)) {
      const std::size_t begin = at + kFareDetailsKey.size();
      const std::size_t end = ValueEnd(begin);
      if (end > to || payload_[begin] != '[') break;
      const std::string_view array = payload_.substr(begin, end - begin);
      if (array == previous) repeats.emplace_back(begin, end);
      previous = array;
    }
    return repeats;
  }

  // One past the bracket that closes the array or object at `at`, strings stepped over; npos when
  // it never closes.
  std::size_t ValueEnd(std::size_t at) const {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = at; i < payload_.size(); ++i) {
      const char c = payload_[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if ((c == ']' || c == '}') && --depth == 0) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }

  std::string_view payload_;
  std::vector<std::pair<std::size_t, std::size_t>> pieces_;  // [begin, end) of each piece
};

void BM_Stage1Pieces(benchmark::State& state) {
  const auto mode = static_cast<Stage1Pieces::Mode>(state.range(0));
  std::vector<Stage1Pieces> payloads;
  std::size_t largest = 0;
  for (auto& [k, bytes] : W5k().payloads) {
    if (k != SupplierKind::kAmadeus) continue;
    payloads.emplace_back(std::string_view(bytes.data(), bytes.size()), mode);
    largest = std::max(largest, bytes.size());
  }
  std::unique_ptr<simdjson::internal::dom_parser_implementation> impl;
  if (simdjson::get_active_implementation()->create_dom_parser_implementation(
          largest, simdjson::DEFAULT_MAX_DEPTH, impl)) {
    std::abort();
  }
  std::size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    for (const Stage1Pieces& p : payloads) tokens += p.Index(*impl);
  }
  state.counters["tokens"] = static_cast<double>(tokens);
  const SupplierKind amadeus = SupplierKind::kAmadeus;
  state.SetBytesProcessed(state.iterations() * BytesOf(&amadeus));
}
BENCHMARK(BM_Stage1Pieces)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// What a driver that leaves the repeats unindexed (/2 above) must spend before stage 1, at the
// least: with no index yet, finding where each traveler's fareDetailsBySegment begins takes a
// pass over the bytes. glibc's memmem (vectorised) over the Amadeus payloads, CPU time; `found`
// is how many keys it found. Leaving repeats unindexed pays only if this costs less than /0 less
// /2 (and that is before comparing the values and ending a piece at each).
void BM_FindFareDetails(benchmark::State& state) {
  std::size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (auto& [k, bytes] : W5k().payloads) {
      if (k != SupplierKind::kAmadeus) continue;
      const char* at = bytes.data();
      const char* const end = bytes.data() + bytes.size();
      while (const void* hit = memmem(at, static_cast<std::size_t>(end - at),
                                      kFareDetailsKey.data(), kFareDetailsKey.size())) {
        ++found;
        at = static_cast<const char*>(hit) + kFareDetailsKey.size();
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.counters["found"] = static_cast<double>(found);
  const SupplierKind amadeus = SupplierKind::kAmadeus;
  state.SetBytesProcessed(state.iterations() * BytesOf(&amadeus));
}
BENCHMARK(BM_FindFareDetails)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fareflow::bench
