#include "suppliers/duffel/offers_parser.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "suppliers/chunked_index.h"
#include "suppliers/duffel/error_envelope.h"
#include "suppliers/duffel/offer_reader.h"
#include "suppliers/json_fields.h"
#include "suppliers/payload_piece.h"
#include "suppliers/read_indexed.h"

namespace fareflow::duffel {
namespace {

namespace od = simdjson::ondemand;
using od::json_type;

// What a tail piece starts with (suppliers/payload_piece.h): the containers of the offers array
// of a list page, and of an offer request.
constexpr std::string_view kListReopen = R"({"data":[)";
constexpr std::string_view kRequestReopen = R"({"data":{"offers":[)";

// Reads one Duffel response. Every method returns a simdjson error only when the JSON itself is
// broken; problems of shape are kept in `problem_` and problems of one offer are counted in
// `out_`.
class ResponseReader {
 public:
  ResponseReader(const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
                 PageInfo* page, suppliers::Piece& piece, suppliers::ChunkedIndex& index)
      : enricher_(enricher),
        arena_(arena),
        supplier_(supplier),
        out_(out),
        page_(page),
        piece_(piece),
        chunks_(index),
        reader_(arena),
        index_(piece.kind == suppliers::PieceKind::kTail ? piece.first_index : 0) {}

  // Reads the top-level object: `data`, `meta` and `errors`, in any order.
  Result<void> Read(od::parser& parser);

 private:
  simdjson::error_code ReadData(od::value value);
  // `data` as an object: an offer request (with `offers`) or a single offer.
  simdjson::error_code ReadDataObject(od::value value);
  // `reopen`: what a tail piece cut inside this array starts with.
  simdjson::error_code ReadOfferArray(od::value value, std::string_view reopen);
  simdjson::error_code ReadMeta(od::value value);
  // Reads, enriches and keeps or drops one offer.
  template <typename Json>
  simdjson::error_code TakeOffer(Json& json);

  const Enricher& enricher_;
  Arena& arena_;
  const uint16_t supplier_;
  OfferBatch& out_;
  PageInfo* const page_;
  suppliers::Piece& piece_;
  suppliers::ChunkedIndex& chunks_;
  internal::OfferReader reader_;
  int index_ = 0;                 // position of the next offer in the payload
  bool stopped_ = false;          // a head piece stopped at its cut: nothing more is read
  std::optional<Error> problem_;  // a payload that is valid JSON but unusable
};

Result<void> ResponseReader::Read(od::parser& parser) {
  auto malformed = [](simdjson::error_code error) {
    return MakeError(ErrorCode::kMalformed, std::string("duffel response is not valid JSON: ") +
                                                simdjson::error_message(error));
  };
  od::document document;
  if (auto error = chunks_.Iterate(parser, document)) return malformed(error);
  od::object root;
  if (auto error = document.get_object().get(root)) {
    if (error != simdjson::INCORRECT_TYPE) return malformed(error);
    return MakeError(ErrorCode::kMalformed, "duffel response is not a JSON object");
  }
  bool saw_data = false;
  for (auto field_result : root) {
    od::field field;
    if (auto error = std::move(field_result).get(field)) return malformed(error);
    const od::raw_json_string key = field.key();
    if (key == "data") {
      saw_data = true;
      if (auto error = ReadData(field.value())) return malformed(error);
      if (problem_) return tl::unexpected(std::move(*problem_));
      if (stopped_) return {};  // the tail reads the rest
    } else if (key == "meta") {
      if (auto error = ReadMeta(field.value())) return malformed(error);
    } else if (key == "errors") {
      std::optional<Error> envelope;
      if (auto error = ReadErrorEnvelope(field.value(), envelope)) return malformed(error);
      if (envelope) return tl::unexpected(std::move(*envelope));
    }
  }
  // Anything after the top-level object ("{…}}" passes simdjson's own end check) is broken JSON.
  const char* trailing = nullptr;
  if (document.current_location().get(trailing) == simdjson::SUCCESS) {
    return malformed(simdjson::TRAILING_CONTENT);
  }
  if (!saw_data) {
    return MakeError(ErrorCode::kMalformed, "duffel response has no `data`", "/data");
  }
  return {};
}

simdjson::error_code ResponseReader::ReadData(od::value value) {
  json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case json_type::array:
      return ReadOfferArray(value, kListReopen);
    case json_type::object:
      return ReadDataObject(value);
    case json_type::null:
      problem_ = Error{ErrorCode::kMalformed, "duffel response has a null `data`", "/data"};
      return simdjson::SUCCESS;
    default:
      problem_ = Error{ErrorCode::kMalformed,
                       "duffel `data` is neither an offer, an offer request nor a list of offers",
                       "/data"};
      return simdjson::SUCCESS;
  }
}

simdjson::error_code ResponseReader::ReadDataObject(od::value value) {
  od::object data;
  if (auto error = value.get_object().get(data)) return error;
  // An offer request and an offer share `id`, `slices` and `passengers` (of different shapes),
  // so the shape is decided by the first key only one of them has: `offers` for the request,
  // `total_amount`, `total_currency` or `owner` for an offer. For a request this loop is the only
  // pass; for an offer it stops at that key and the object is rewound and read as an offer.
  std::string_view id;
  bool is_request = false;
  for (auto field_result : data) {
    od::field field;
    if (auto error = std::move(field_result).get(field)) return error;
    const od::raw_json_string key = field.key();
    if (key == "offers") {
      is_request = true;
      json_type type;
      if (auto error = field.value().type().get(type)) return error;
      if (type == json_type::array) {
        if (auto error = ReadOfferArray(field.value(), kRequestReopen)) return error;
        if (stopped_) return simdjson::SUCCESS;
      } else if (type != json_type::null) {
        problem_ =
            Error{ErrorCode::kMalformed, "duffel `data.offers` is not an array", "/data/offers"};
        return simdjson::SUCCESS;
      }
    } else if (key == "id") {
      const simdjson::error_code error = suppliers::ReadString(field.value(), arena_, id);
      if (error && error != simdjson::INCORRECT_TYPE) return error;
    } else if (!is_request &&
               (key == "total_amount" || key == "total_currency" || key == "owner")) {
      break;
    }
  }
  if (is_request) {
    if (page_) page_->offer_request_id.assign(id);
    return simdjson::SUCCESS;
  }
  // A single offer; an object that is neither shape is read as an offer too, and so dropped and
  // counted.
  bool non_empty = false;
  if (auto error = data.reset().get(non_empty)) return error;
  return TakeOffer(data);
}

simdjson::error_code ResponseReader::ReadOfferArray(od::value value, std::string_view reopen) {
  od::array offers;
  if (auto error = value.get_array().get(offers)) return error;
  // A head piece stops where its cut is, when the tail was told it is in this array. Nothing the
  // tail would need is read before an offers array: a page's `meta` and request `id` are only
  // read when the caller asks for them, and no piece is parsed then.
  const bool head = piece_.kind == suppliers::PieceKind::kHead && piece_.cut != nullptr &&
                    page_ == nullptr && piece_.reopen == reopen;
  const bool tail = piece_.kind == suppliers::PieceKind::kTail;
  for (auto element : offers) {
    od::value offer;
    if (auto error = std::move(element).get(offer)) return error;
    if (auto error = chunks_.Reached(offer, head)) return error;
    const char* at = nullptr;
    if (head && offer.current_location().get(at) == simdjson::SUCCESS && piece_.cut->StopsAt(at)) {
      stopped_ = true;
      piece_.stopped_at_cut = true;
      piece_.next_index = index_;
      return simdjson::SUCCESS;
    }
    if (tail && offer.current_location().get(at) == simdjson::SUCCESS) piece_.Reached(at);
    const int index = index_;
    if (auto error = TakeOffer(offer)) return error;
    if (tail && at != nullptr) piece_.Took(at, index, !out_.first_drop_detail.empty());
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ResponseReader::ReadMeta(od::value value) {
  json_type type;
  if (auto error = value.type().get(type)) return error;
  if (type != json_type::object) return simdjson::SUCCESS;
  od::object meta;
  if (auto error = value.get_object().get(meta)) return error;
  for (auto field_result : meta) {
    od::field field;
    if (auto error = std::move(field_result).get(field)) return error;
    if (page_ && field.key() == "after") {
      std::string_view after;  // null: the last page
      const simdjson::error_code error = suppliers::ReadString(field.value(), arena_, after);
      if (error && error != simdjson::INCORRECT_TYPE) return error;
      page_->after.assign(after);
    }
  }
  return simdjson::SUCCESS;
}

template <typename Json>
simdjson::error_code ResponseReader::TakeOffer(Json& json) {
  const int index = index_++;
  ++out_.received;
  Offer offer;
  if (!reader_.Read(json, offer)) {
    const internal::ReadFailure& failure = reader_.failure();
    if (failure.fatal) return failure.fatal;
    // Only the first drop's detail is kept; skip building the others.
    out_.Drop(failure.reason,
              out_.first_drop_detail.empty() ? reader_.DescribeFailure(index) : std::string());
    return simdjson::SUCCESS;
  }
  offer.supplier = supplier_;
  if (std::optional<DropReason> reason =
          enricher_.Enrich(offer, arena_, &out_.zone_disagreements)) {
    std::string detail;
    if (out_.first_drop_detail.empty()) {
      detail = "offer " + std::string(offer.supplier_offer_id) + " (#" + std::to_string(index) +
               "): rejected by enrichment";
    }
    out_.Drop(*reason, detail);
    return simdjson::SUCCESS;
  }
  out_.offers.push_back(offer);
  return simdjson::SUCCESS;
}

}  // namespace

Result<void> ParseOffers(simdjson::padded_string_view payload, simdjson::ondemand::parser& parser,
                         const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
                         PageInfo* page) {
  suppliers::Piece whole;
  return ParseOffersPiece(payload, parser, enricher, arena, supplier, out, whole, page);
}

std::string_view OffersTailReopen(std::string_view payload) {
  // The first `"data"` key says which: `[` a list page, `{` an offer request. A wrong guess only
  // costs the split, since the head stops only in an array of the shape the tail was told.
  const std::size_t data = payload.find(R"("data")");
  if (data == std::string_view::npos) return kListReopen;
  for (std::size_t i = data + 6; i < payload.size() && i < data + 64; ++i) {
    const char c = payload[i];
    if (c == '[') return kListReopen;
    if (c == '{') return kRequestReopen;
  }
  return kListReopen;
}

Result<void> ParseOffersPiece(simdjson::padded_string_view payload,
                              simdjson::ondemand::parser& parser, const Enricher& enricher,
                              Arena& arena, uint16_t supplier, OfferBatch& out,
                              suppliers::Piece& piece, PageInfo* page) {
  // Only a head that may stop is given its cut to end a chunk at (ReadOfferArray).
  const bool head = piece.kind == suppliers::PieceKind::kHead && page == nullptr;
  // On failure the batch is put back as it was: no offer of a broken payload survives.
  Result<void> result = suppliers::ReadIndexed(
      payload, kOfferStart, piece, head ? piece.cut : nullptr, out,
      [&](suppliers::ChunkedIndex& index) {
        if (page) *page = PageInfo{};
        ResponseReader reader(enricher, arena, supplier, out, page, piece, index);
        return reader.Read(parser);
      });
  if (!result && page) *page = PageInfo{};
  return result;
}

}  // namespace fareflow::duffel
