#include "engine/stage_timings.h"

namespace fareflow {

std::string_view StageName(Stage s) {
  switch (s) {
    case Stage::kDecode:
      return "decode";
    case Stage::kSuppliers:
      return "suppliers";
    case Stage::kParseEnrich:
      return "parse_enrich";
    case Stage::kDedupe:
      return "dedupe";
    case Stage::kFilter:
      return "filter";
    case Stage::kRank:
      return "rank";
    case Stage::kFacets:
      return "facets";
    case Stage::kSerialize:
      return "serialize";
    case Stage::kCount:
      break;
  }
  return "unknown";
}

}  // namespace fareflow
