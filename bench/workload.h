#ifndef FAREFLOW_BENCH_WORKLOAD_H_
#define FAREFLOW_BENCH_WORKLOAD_H_

// The workload the benchmarks of fareflow_bench read, W5k unless --workload-dir names another,
// and what they share: the thread's parsers, every payload parsed, one whole search.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "engine/request_context.h"
#include "engine/supplier_kind.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "model/search_request.h"
#include "suppliers/chunked_index.h"

namespace fareflow::bench {

// The payloads of one workload and the search they answer.
struct Workload {
  // workload.json's name for it.
  std::string name = "W5k";
  // The payloads, as the manifest lists them.
  std::vector<std::pair<SupplierKind, simdjson::padded_string>> payloads;
  // Of all the payloads.
  int64_t bytes = 0;
  // LHR-JFK round trip, 2 adults, prices in EUR, cheapest first (see tools/payloadgen).
  SearchRequest request;
};

// The workload loaded by LoadW5k. Read-only once the benchmarks run.
Workload& W5k();

// Reads the payloads that `dir`/workload.json names (fareflow-payloadgen --workload writes it).
bool LoadW5k(const std::string& dir);

// The parsers of the benchmark's thread, kept from one benchmark run to the next as a worker
// keeps its own from one search to the next (engine/worker_pool.h): their buffers are sized and
// faulted in once, for the largest payload met, not again in every run's first iterations.
simdjson::ondemand::parser& ThreadParser();
simdjson::dom::parser& ThreadDomParser();

// The floor: simdjson's DOM parse of every payload of `kind` (or of all when kind is null) with
// `parser`, each into its full tape, the least any parser of these payloads must do.
void DomParseAll(simdjson::dom::parser& parser, const SupplierKind* kind);

// Parses every payload of `kind` (or all when kind is null) into `context`, single-threaded,
// indexing `chunk_bytes` at a time (suppliers/chunked_index.h; 0: each payload at once).
std::vector<OfferBatch*> ParseAll(RequestContext& context, simdjson::ondemand::parser& parser,
                                  const Enricher& enricher, const SupplierKind* kind,
                                  std::size_t chunk_bytes = suppliers::ChunkedIndex::ChunkBytes());

// The bytes of the payloads of `kind` (or of all when kind is null).
int64_t BytesOf(const SupplierKind* kind);

// Bytes in, answer out: parse+enrich every payload on the calling thread, dedupe, filter, rank,
// facets, page and serialize the first page into `out` — what one search costs once the supplier
// bytes have arrived. The search's arenas are freed before it returns, as in the pool's searches.
void SearchOnThisThread(simdjson::ondemand::parser& parser, const Enricher& enricher,
                        std::string& out);

}  // namespace fareflow::bench

#endif  // FAREFLOW_BENCH_WORKLOAD_H_
