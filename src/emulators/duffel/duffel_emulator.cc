#include "emulators/duffel/duffel_emulator.h"

#include <algorithm>
#include <charconv>
#include <exception>
#include <memory>
#include <span>
#include <tuple>
#include <utility>

#include "core/clock.h"
#include "core/splitmix64.h"
#include "refdata/airports.h"
#include "refdata/time_zones.h"
#include "suppliers/builtin/offer_generator.h"
#include "suppliers/duffel/paths.h"
#include "suppliers/duffel/response_writer.h"
#include "suppliers/duffel/server/offer_request_body.h"
#include "suppliers/duffel/server/offers_query.h"

namespace fareflow::emulators {
namespace {

using Problem = tl::unexpected<duffel::DuffelProblem>;

using duffel::kDuffelOfferRequestsPath;
using duffel::kDuffelOffersPath;

// The id after `prefix` + "/" in `path` ("/air/offers/off_1" -> "off_1"); empty when the path
// is not of that shape.
std::string_view IdAfter(std::string_view path, std::string_view prefix) {
  if (path.size() <= prefix.size() + 1 || !path.starts_with(prefix) || path[prefix.size()] != '/') {
    return {};
  }
  std::string_view id = path.substr(prefix.size() + 1);
  return id.find('/') == std::string_view::npos ? id : std::string_view();
}

// Whether an Accept header admits JSON: absent, or listing application/json, application/* or
// */* (parameters such as q= are ignored).
bool AcceptsJson(std::string_view accept) {
  if (accept.empty()) return true;
  while (!accept.empty()) {
    const std::size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    item = item.substr(0, item.find(';'));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (net::EqualsIgnoreCase(item, "application/json") ||
        net::EqualsIgnoreCase(item, "application/*") || item == "*/*") {
      return true;
    }
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return false;
}

Minutes ToUtc(LocationCode airport, Minutes local) {
  const refdata::Airport* a = refdata::FindAirport(airport);
  return a == nullptr ? local : refdata::LocalToUtc(a->time_zone, local);
}

// Duffel's `total_duration` sort key: the sum of the slices' elapsed times.
int64_t TotalMinutes(const Offer& offer) {
  int64_t total = 0;
  for (const Slice& slice : offer.slices) {
    if (slice.segments.empty()) continue;
    const Segment& first = slice.segments.front();
    const Segment& last = slice.segments.back();
    total +=
        ToUtc(last.destination, last.arrival_local) - ToUtc(first.origin, first.departure_local);
  }
  return total;
}

// Whether no slice of `offer` has more than `max_connections` connections.
bool WithinConnections(const Offer& offer, int max_connections) {
  return std::all_of(offer.slices.begin(), offer.slices.end(), [&](const Slice& s) {
    return static_cast<int>(s.segments.size()) - 1 <= max_connections;
  });
}

net::WireResponse Json(int status, std::string body) {
  net::WireResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace

DuffelEmulator::DuffelEmulator(DuffelEmulatorOptions options)
    : options_(std::move(options)), store_(options_.max_stored_requests) {}

int64_t DuffelEmulator::Now() const {
  return options_.now_unix_seconds ? options_.now_unix_seconds() : UnixSecondsNow();
}

net::WireResponse DuffelEmulator::Handle(const net::WireRequest& request) {
  const std::string request_id =
      duffel::DuffelRequestId(SplitMix64(options_.id_seed ^ 0x726571ull) ^ requests_.fetch_add(1));
  tl::expected<net::WireResponse, duffel::DuffelProblem> result = Problem(duffel::DuffelNotFound());
  try {
    if (std::optional<duffel::DuffelProblem> problem = CheckHeaders(request)) {
      result = Problem(std::move(*problem));
    } else if (request.path == kDuffelOfferRequestsPath) {
      if (request.method == "POST") result = CreateOfferRequest(request);
    } else if (std::string_view id = IdAfter(request.path, kDuffelOfferRequestsPath); !id.empty()) {
      if (request.method == "GET") result = GetOfferRequest(id);
    } else if (request.path == kDuffelOffersPath) {
      if (request.method == "GET") result = ListOffers(request);
    } else if (std::string_view offer_id = IdAfter(request.path, kDuffelOffersPath);
               !offer_id.empty()) {
      if (request.method == "GET") result = GetOffer(offer_id);
    }
  } catch (const std::exception&) {
    // Out of memory and the like: answer as Duffel would, without taking the server down.
    return duffel::DuffelApiError();
  }
  if (!result) return duffel::DuffelErrorResponse(result.error(), request_id);
  result->headers.emplace_back("x-request-id", request_id);
  return std::move(*result);
}

std::optional<duffel::DuffelProblem> DuffelEmulator::CheckHeaders(
    const net::WireRequest& request) const {
  const std::string_view authorization = request.Header("Authorization");
  if (authorization.empty()) return duffel::DuffelMissingAuthorization();
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      !net::EqualsIgnoreCase(authorization.substr(0, kBearer.size()), kBearer)) {
    return duffel::DuffelInvalidAuthorization();
  }
  const std::string_view token = authorization.substr(kBearer.size());
  if (std::find(options_.access_tokens.begin(), options_.access_tokens.end(), token) ==
      options_.access_tokens.end()) {
    return duffel::DuffelInvalidAuthorization();
  }
  const std::string_view version = request.Header("Duffel-Version");
  if (version.empty()) return duffel::DuffelMissingVersion();
  if (version != "v2") return duffel::DuffelUnsupportedVersion(version);
  if (!AcceptsJson(request.Header("Accept"))) return duffel::DuffelNotAcceptable();
  return std::nullopt;
}

tl::expected<net::WireResponse, duffel::DuffelProblem> DuffelEmulator::CreateOfferRequest(
    const net::WireRequest& request) {
  bool return_offers = true;
  if (const std::string* value = request.Query("return_offers")) {
    if (*value != "true" && *value != "false") {
      return Problem(
          duffel::DuffelBadParameter("return_offers", "'return_offers' must be true or false."));
    }
    return_offers = *value == "true";
  }
  if (const std::string* value = request.Query("supplier_timeout")) {
    // Duffel ignores values outside 2,000..60,000 ms; the emulator has no supplier to wait for.
    int64_t ms = 0;
    const auto [end, err] = std::from_chars(value->data(), value->data() + value->size(), ms);
    if (err != std::errc() || end != value->data() + value->size()) {
      return Problem(duffel::DuffelBadParameter(
          "supplier_timeout", "'supplier_timeout' must be a number of milliseconds."));
    }
  }
  const int64_t now = Now();
  const Days today = static_cast<Days>(now >= 0 ? now / 86400 : -((-now + 86399) / 86400));
  tl::expected<SearchRequest, duffel::DuffelProblem> search =
      duffel::DecodeOfferRequestBody(request.body, today);
  if (!search) return Problem(std::move(search.error()));

  auto entry = std::make_shared<StoredOfferRequest>();
  entry->request = std::move(*search);
  entry->arena = std::make_unique<Arena>();
  builtin::GeneratorOptions generator;
  generator.offer_count = options_.offers_per_request;
  std::vector<Offer> generated = builtin::GenerateOffers(entry->request, generator, *entry->arena);
  const int max_connections = entry->request.max_connections.value_or(2);
  for (const Offer& offer : generated) {
    if (WithinConnections(offer, max_connections)) entry->offers.push_back(offer);
  }

  const uint64_t sequence = offer_requests_.fetch_add(1);
  uint64_t key = SplitMix64(options_.id_seed ^ builtin::RequestSeed(entry->request));
  key = SplitMix64(key ^ static_cast<uint64_t>(max_connections));
  entry->context.key = SplitMix64(key ^ sequence);
  entry->context.created_unix_seconds = std::max<int64_t>(0, now);
  entry->id = duffel::OfferRequestId(entry->context);
  entry->offer_ids.reserve(entry->offers.size());
  entry->total_minutes.reserve(entry->offers.size());
  for (std::size_t i = 0; i < entry->offers.size(); ++i) {
    entry->offer_ids.push_back(duffel::OfferId(entry->offers[i], i, entry->context));
    entry->total_minutes.push_back(TotalMinutes(entry->offers[i]));
  }

  std::string body;
  duffel::WriteOfferRequest(entry->offers, entry->request, entry->context, return_offers, body);
  store_.Add(std::move(entry));
  return Json(201, std::move(body));
}

tl::expected<net::WireResponse, duffel::DuffelProblem> DuffelEmulator::GetOfferRequest(
    std::string_view id) const {
  std::shared_ptr<const StoredOfferRequest> entry = store_.Find(id);
  if (entry == nullptr) return Problem(duffel::DuffelNotFound());
  std::string body;
  duffel::WriteOfferRequest(entry->offers, entry->request, entry->context,
                            /*include_offers=*/true, body);
  return Json(200, std::move(body));
}

tl::expected<net::WireResponse, duffel::DuffelProblem> DuffelEmulator::ListOffers(
    const net::WireRequest& request) const {
  tl::expected<duffel::OffersQuery, duffel::DuffelProblem> query =
      duffel::ParseOffersQuery(request);
  if (!query) return Problem(std::move(query.error()));
  std::shared_ptr<const StoredOfferRequest> entry = store_.Find(query->offer_request_id);
  if (entry == nullptr) return Problem(duffel::DuffelNotFound());

  const uint64_t fingerprint = duffel::ListingFingerprint(*query);
  std::optional<std::size_t> after, before;
  for (auto [name, text, position] : {std::tuple{"after", &query->after, &after},
                                      std::tuple{"before", &query->before, &before}}) {
    if (text->empty()) continue;
    *position = duffel::DecodeCursor(*text, fingerprint);
    if (!*position) {
      return Problem(duffel::DuffelBadParameter(
          name, "'" + std::string(name) + "' is not a cursor of this listing of offers."));
    }
  }

  std::vector<std::size_t> order;
  order.reserve(entry->offers.size());
  for (std::size_t i = 0; i < entry->offers.size(); ++i) {
    if (!query->max_connections || WithinConnections(entry->offers[i], *query->max_connections)) {
      order.push_back(i);
    }
  }
  auto key = [&](std::size_t i) -> int64_t {
    switch (query->sort) {
      case duffel::OffersSort::kTotalAmount:
        return entry->offers[i].total.minor;
      case duffel::OffersSort::kTotalDuration:
        return entry->total_minutes[i];
      default:
        return 0;
    }
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int64_t ka = key(a), kb = key(b);
    if (ka != kb) return query->descending ? ka > kb : ka < kb;
    const int by_id = entry->offer_ids[a].compare(entry->offer_ids[b]);
    return by_id != 0 ? by_id < 0 : a < b;
  });

  const duffel::PageRange page = duffel::SelectPage(order.size(), query->limit, after, before);
  const std::string next =
      page.end < order.size() ? duffel::EncodeCursor(page.end, fingerprint) : "";
  const std::string previous = page.begin > 0 ? duffel::EncodeCursor(page.begin, fingerprint) : "";
  std::string body;
  duffel::WriteOfferRequestOffersPage(
      entry->offers, std::span<const std::size_t>(order).subspan(page.begin, page.end - page.begin),
      entry->request, entry->context, duffel::ListPageMeta{query->limit, previous, next}, body);
  return Json(200, std::move(body));
}

tl::expected<net::WireResponse, duffel::DuffelProblem> DuffelEmulator::GetOffer(
    std::string_view id) const {
  OfferRequestStore::OfferRef ref = store_.FindOffer(id);
  if (ref.request == nullptr) return Problem(duffel::DuffelNotFound());
  std::string body;
  duffel::WriteOfferRequestOffer(ref.request->offers[ref.index], ref.index, ref.request->request,
                                 ref.request->context, body);
  return Json(200, std::move(body));
}

}  // namespace fareflow::emulators
