#include "suppliers/amadeus/offers_parser.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "suppliers/amadeus/error_envelope.h"
#include "suppliers/amadeus/offer_reader.h"
#include "suppliers/amadeus/offer_scratch.h"
#include "suppliers/carrier_names.h"
#include "suppliers/chunked_index.h"
#include "suppliers/json_fields.h"
#include "suppliers/payload_piece.h"
#include "suppliers/read_indexed.h"

namespace fareflow::amadeus {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// Visits every value of `v` down to a small depth without keeping anything, so that what
// On-Demand would skip by counting brackets alone is checked token by token.
error_code WalkJson(od::value v, int depth) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  if (depth >= 4) return simdjson::SUCCESS;  // deeper content is skipped (brackets checked)
  if (type == od::json_type::object) {
    od::object obj;
    if (error_code e = v.get_object().get(obj)) return e;
    for (auto field_result : obj) {
      od::field field;
      if (error_code e = std::move(field_result).get(field)) return e;
      if (error_code e = WalkJson(field.value(), depth + 1)) return e;
    }
  } else if (type == od::json_type::array) {
    od::array arr;
    if (error_code e = v.get_array().get(arr)) return e;
    for (auto element : arr) {
      od::value item;
      if (error_code e = element.get(item)) return e;
      if (error_code e = WalkJson(item, depth + 1)) return e;
    }
  }
  return simdjson::SUCCESS;
}

// Reads `dictionaries`: the names of `carriers` into `names` (escaped ones unescaped into
// `arena`); the rest, and any carrier whose name is not a string, is only walked, to check that
// it is well-formed. Places, aircraft and currencies are named from fareflow's reference data.
error_code ReadDictionaries(od::value v, Arena& arena, suppliers::CarrierNames& names) {
  od::object dictionaries;
  if (v.get_object().get(dictionaries) != simdjson::SUCCESS) return WalkJson(v, 0);
  for (auto field_result : dictionaries) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return e;
    od::value entry = field.value();
    od::object carriers;
    if (field.key() != "carriers" || entry.get_object().get(carriers) != simdjson::SUCCESS) {
      if (error_code e = WalkJson(entry, 1)) return e;
      continue;
    }
    for (auto carrier_result : carriers) {
      od::field carrier;
      if (error_code e = std::move(carrier_result).get(carrier)) return e;
      std::string_view code;
      if (error_code e = carrier.unescaped_key().get(code)) return e;
      std::string_view name;
      const error_code read = suppliers::ReadString(carrier.value(), arena, name);
      if (read == simdjson::INCORRECT_TYPE) {
        if (error_code e = WalkJson(carrier.value(), 3)) return e;
        continue;
      }
      if (read != simdjson::SUCCESS) return read;
      names.Intern(AirlineCode::Parse(code), name);
    }
  }
  return simdjson::SUCCESS;
}

// What a tail piece starts with: the containers of the offers array, `data` at the top level.
constexpr std::string_view kTailReopen = R"({"data":[)";

// True when `item`, an element of `data` not yet read, begins exactly at the cut: the walk has
// come to the element boundary where a head piece stops.
bool AtCut(od::value& item, suppliers::CutPoint& cut) {
  const char* at = nullptr;
  return item.current_location().get(at) == simdjson::SUCCESS && cut.StopsAt(at);
}

// The error for a broken document, with an approximate byte offset when simdjson knows one.
tl::unexpected<Error> Malformed(error_code e, od::document& doc, const char* payload_begin,
                                std::size_t payload_size, std::string_view where) {
  std::string message = "amadeus payload is not valid JSON: ";
  message += simdjson::error_message(e);
  const char* location = nullptr;
  if (doc.current_location().get(location) == simdjson::SUCCESS && location >= payload_begin &&
      location <= payload_begin + payload_size) {
    message += " near byte ";
    message += std::to_string(location - payload_begin);
  }
  if (!where.empty()) {
    message += " (";
    message += where;
    message += ')';
  }
  return MakeError(ErrorCode::kMalformed, std::move(message));
}

}  // namespace

Result<void> ParseFlightOffers(simdjson::padded_string_view payload,
                               simdjson::ondemand::parser& parser, const Enricher& enricher,
                               Arena& arena, uint16_t supplier, OfferBatch& out) {
  suppliers::Piece whole;
  return ParseFlightOffersPiece(payload, parser, enricher, arena, supplier, out, whole);
}

namespace {

// ParseFlightOffersPiece over the index `index` builds; on failure `out` is left for the caller
// to put back.
Result<void> ReadPayload(simdjson::padded_string_view payload, od::parser& parser,
                         const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
                         suppliers::Piece& piece, bool head, suppliers::ChunkedIndex& index) {
  thread_local internal::Scratch scratch;
  const std::size_t kept_before = out.offers.size();
  od::document doc;
  if (error_code e = index.Iterate(parser, doc)) {
    return MakeError(ErrorCode::kMalformed, std::string("amadeus payload is not valid JSON: ") +
                                                simdjson::error_message(e));
  }
  od::object root;
  if (error_code e = doc.get_object().get(root)) {
    if (e == simdjson::INCORRECT_TYPE) {
      return MakeError(ErrorCode::kMalformed, "amadeus payload: top level is not an object");
    }
    return Malformed(e, doc, payload.data(), payload.length(), {});
  }
  internal::OfferReader offers(enricher, arena, supplier, out, scratch);
  suppliers::CarrierNames carrier_names;
  bool data_seen = false;
  std::optional<Result<void>> envelope_error;
  bool read_beside_data = false;
  // A tail's first `data` array is the continuation of the head's.
  bool continuing = piece.kind == suppliers::PieceKind::kTail;
  const bool tail = continuing;
  for (auto field_result : root) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) {
      return Malformed(e, doc, payload.data(), payload.length(), {});
    }
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key == "data") {
      od::array data;
      if (error_code e = v.get_array().get(data)) {
        if (e != simdjson::INCORRECT_TYPE) {
          return Malformed(e, doc, payload.data(), payload.length(), "/data");
        }
        continue;  // null or not an array: reported below unless an error envelope explains it
      }
      data_seen = true;
      int index_in_data = continuing ? piece.first_index : 0;
      continuing = false;
      for (auto element : data) {
        od::value item;
        if (error_code e = element.get(item)) {
          return Malformed(e, doc, payload.data(), payload.length(), "/data");
        }
        const bool may_stop = head && !read_beside_data;
        if (error_code e = index.Reached(item, may_stop)) {
          return Malformed(e, doc, payload.data(), payload.length(), "/data");
        }
        if (may_stop && AtCut(item, *piece.cut)) {
          piece.stopped_at_cut = true;
          piece.next_index = index_in_data;
          return {};  // the tail reads the rest, the dictionaries included
        }
        const char* at = nullptr;
        if (tail && item.current_location().get(at) == simdjson::SUCCESS) piece.Reached(at);
        ++out.received;
        if (!offers.TakeOffer(item, index_in_data)) {
          const std::string where = "/data/" + std::to_string(index_in_data) + offers.path();
          return Malformed(offers.fatal(), doc, payload.data(), payload.length(), where);
        }
        if (at != nullptr) piece.Took(at, index_in_data, !out.first_drop_detail.empty());
        ++index_in_data;
      }
    } else if (key == "errors") {
      read_beside_data = true;
      envelope_error = internal::ParseErrors(v);
    } else if (key == "dictionaries") {
      read_beside_data = true;
      if (error_code e = ReadDictionaries(v, arena, carrier_names)) {
        return Malformed(e, doc, payload.data(), payload.length(), "/dictionaries");
      }
    }
    // "meta", "warnings" and anything else are skipped.
  }
  const char* location = nullptr;
  if (doc.current_location().get(location) == simdjson::SUCCESS) {
    return Malformed(simdjson::TRAILING_CONTENT, doc, payload.data(), payload.length(), {});
  }
  if (envelope_error) return tl::unexpected<Error>(envelope_error->error());
  if (!data_seen) {
    return MakeError(ErrorCode::kMalformed, "amadeus payload: no data array");
  }
  // The dictionaries usually follow `data`: the offers get their carriers' names now.
  for (std::size_t i = kept_before; i < out.offers.size(); ++i) {
    carrier_names.NameCarriers(out.offers[i]);
  }
  if (piece.kind == suppliers::PieceKind::kTail) piece.names = carrier_names;  // for the head's
  return {};
}

}  // namespace

Result<void> ParseFlightOffersPiece(simdjson::padded_string_view payload,
                                    simdjson::ondemand::parser& parser, const Enricher& enricher,
                                    Arena& arena, uint16_t supplier, OfferBatch& out,
                                    suppliers::Piece& piece) {
  // A head may stop at its cut only while the tail's parse would come to the same answer: not
  // after an error envelope or dictionaries, which the tail would not see.
  const bool head = piece.kind == suppliers::PieceKind::kHead && piece.cut != nullptr &&
                    piece.reopen == kTailReopen;
  return suppliers::ReadIndexed(payload, kFlightOfferStart, piece, head ? piece.cut : nullptr, out,
                                [&](suppliers::ChunkedIndex& index) {
                                  return ReadPayload(payload, parser, enricher, arena, supplier,
                                                     out, piece, head, index);
                                });
}

std::string_view FlightOffersTailReopen() { return kTailReopen; }

}  // namespace fareflow::amadeus
