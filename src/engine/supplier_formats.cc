// The engine's one list of supplier kinds: the name of each, as configurations, outcomes and the
// CLI spell it, and the parser of its wire format. SupplierKindName, ParseSupplierKind,
// SupplierKindFromNumber (engine/supplier_kind.h) and ParsePayload (engine/payload_parser.h) all
// read this table, so a new kind is one enum value and one row here (docs/architecture.md,
// "Adding a supplier").
#include <cstddef>
#include <iterator>

#include "engine/payload_parser.h"
#include "engine/supplier_kind.h"
#include "suppliers/amadeus/offers_parser.h"
#include "suppliers/duffel/offers_parser.h"
#include "suppliers/parser_buffers.h"

namespace fareflow {
namespace {

using ParseFn = Result<void> (*)(simdjson::padded_string_view payload,
                                 simdjson::ondemand::parser& parser, const Enricher& enricher,
                                 Arena& arena, uint16_t supplier, OfferBatch& out);

using PieceFn = Result<void> (*)(simdjson::padded_string_view payload,
                                 simdjson::ondemand::parser& parser, const Enricher& enricher,
                                 Arena& arena, uint16_t supplier, OfferBatch& out,
                                 suppliers::Piece& piece);

struct SupplierFormat {
  SupplierKind kind;
  std::string_view name;
  ParseFn parse;        // nullptr: no wire format
  PieceFn parse_piece;  // nullptr: never cut in pieces
  // What each offer begins with, as the supplier writes it (engine/payload_parser.h PieceShape).
  std::string_view offer_start;
  std::string_view (*tail_reopen)(std::string_view payload);
};

// In the order of the enum, which is the numbering search snapshots store.
constexpr SupplierFormat kFormats[] = {
    {SupplierKind::kAmadeus, "amadeus", &amadeus::ParseFlightOffers,
     &amadeus::ParseFlightOffersPiece, amadeus::kFlightOfferStart,
     [](std::string_view) { return amadeus::FlightOffersTailReopen(); }},
    {SupplierKind::kDuffel, "duffel",
     [](simdjson::padded_string_view payload, simdjson::ondemand::parser& parser,
        const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out) {
       return duffel::ParseOffers(payload, parser, enricher, arena, supplier, out);
     },
     [](simdjson::padded_string_view payload, simdjson::ondemand::parser& parser,
        const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
        suppliers::Piece& piece) {
       return duffel::ParseOffersPiece(payload, parser, enricher, arena, supplier, out, piece);
     },
     duffel::kOfferStart, &duffel::OffersTailReopen},
    // Generated in process by engine/builtin_supplier: nothing to parse.
    {SupplierKind::kBuiltin, "builtin", nullptr, nullptr, {}, nullptr},
};

consteval bool RowsInEnumOrder() {
  for (std::size_t i = 0; i < std::size(kFormats); ++i) {
    if (static_cast<std::size_t>(kFormats[i].kind) != i) return false;
  }
  return true;
}
static_assert(RowsInEnumOrder(), "kFormats[k] must describe SupplierKind k");

// The row of `kind`; the built-in one for a value outside the enum.
const SupplierFormat& FormatOf(SupplierKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < std::size(kFormats) ? kFormats[i] : kFormats[std::size(kFormats) - 1];
}

}  // namespace

std::string_view SupplierKindName(SupplierKind kind) { return FormatOf(kind).name; }

std::optional<SupplierKind> ParseSupplierKind(std::string_view s) {
  for (const SupplierFormat& format : kFormats) {
    if (s == format.name) return format.kind;
  }
  return std::nullopt;
}

std::optional<SupplierKind> SupplierKindFromNumber(int number) {
  if (number < 0 || static_cast<std::size_t>(number) >= std::size(kFormats)) return std::nullopt;
  return kFormats[static_cast<std::size_t>(number)].kind;
}

Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out) {
  const ParseFn parse = FormatOf(kind).parse;
  if (parse == nullptr) {
    return MakeError(ErrorCode::kUnsupported, "the built-in supplier has no wire format");
  }
  // A failure to allocate is reported by the parse, as simdjson words it.
  [[maybe_unused]] const simdjson::error_code reserved =
      suppliers::ReserveParser(parser, payload.length());
  return parse(payload, parser, enricher, arena, supplier, out);
}

Result<void> ParsePayloadPiece(SupplierKind kind, simdjson::padded_string_view payload,
                               simdjson::ondemand::parser& parser, const Enricher& enricher,
                               Arena& arena, uint16_t supplier, OfferBatch& out,
                               suppliers::Piece& piece) {
  const PieceFn parse = FormatOf(kind).parse_piece;
  if (parse == nullptr) {
    return MakeError(ErrorCode::kUnsupported, "this supplier's payloads are not cut in pieces");
  }
  [[maybe_unused]] const simdjson::error_code reserved =
      suppliers::ReserveParser(parser, payload.length());
  return parse(payload, parser, enricher, arena, supplier, out, piece);
}

PieceShape PieceShapeOf(SupplierKind kind, std::string_view payload) {
  const SupplierFormat& format = FormatOf(kind);
  if (format.parse_piece == nullptr) return {};
  return {format.offer_start, format.tail_reopen(payload)};
}

}  // namespace fareflow
