#include "suppliers/duffel/client/offers_page.h"

#include <simdjson.h>

#include <utility>

#include "core/percent_encoding.h"
#include "suppliers/duffel/paths.h"

namespace fareflow::duffel {
namespace {

namespace od = simdjson::ondemand;

Result<void> Malformed(std::string message) {
  return MakeError(ErrorCode::kMalformed, std::move(message));
}

// The body with simdjson's padding. The answers read here are read once, on the HTTP client's
// thread, before they are handed on: the copy is the price of not owning the body's buffer.
// The parser is the thread's own and is reused by its next answer.
od::parser& ThreadParser() {
  thread_local od::parser parser;
  return parser;
}

}  // namespace

std::string DuffelOffersPageTarget(std::string_view offer_request_id, int limit,
                                   std::string_view sort, std::string_view after) {
  std::string target(kDuffelOffersPath);
  target += "?offer_request_id=";
  AppendPercentEncoded(target, offer_request_id);
  target += "&limit=" + std::to_string(limit);
  if (!sort.empty()) {
    target += "&sort=";
    AppendPercentEncoded(target, sort);
  }
  if (!after.empty()) {
    target += "&after=";
    AppendPercentEncoded(target, after);
  }
  return target;
}

Result<std::string> ReadOfferRequestId(std::string_view body) {
  const simdjson::padded_string padded(body);
  od::document doc;
  if (ThreadParser().iterate(padded).get(doc)) {
    return tl::unexpected(Malformed("duffel offer request is not JSON").error());
  }
  od::object data;
  if (doc["data"].get_object().get(data)) {
    return tl::unexpected(Malformed("duffel offer request has no `data` object").error());
  }
  std::string_view id;
  if (data["id"].get_string().get(id) || id.empty()) {
    return tl::unexpected(Malformed("duffel offer request has no `data.id`").error());
  }
  return std::string(id);
}

Result<OffersPageInfo> ReadOffersPage(std::string_view body) {
  const simdjson::padded_string padded(body);
  od::document doc;
  od::object root;
  if (ThreadParser().iterate(padded).get(doc) || doc.get_object().get(root)) {
    return tl::unexpected(Malformed("duffel offers page is not a JSON object").error());
  }
  OffersPageInfo page{};
  bool saw_data = false;
  for (auto field_result : root) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) break;
    if (key == "data") {
      od::array data;
      std::size_t count = 0;
      std::string_view raw;
      if (field.value().get_array().get(data) || data.count_elements().get(count) ||
          data.raw_json().get(raw)) {
        return tl::unexpected(Malformed("duffel offers page has no `data` array").error());
      }
      // `raw` is the array with its brackets, a view of `padded`: its offsets are the body's.
      page.offers = static_cast<int>(count);
      page.items_begin = static_cast<std::size_t>(raw.data() - padded.data()) + 1;
      page.items_end = page.items_begin + raw.size() - 2;
      saw_data = true;
    } else if (key == "meta") {
      od::object meta;
      if (field.value().get_object().get(meta)) continue;
      std::string_view after;
      if (!meta["after"].get_string().get(after)) page.after.assign(after);
    }
  }
  // The walk of the keys stops at the first error; a page is usable only when it ended cleanly.
  if (!saw_data) return tl::unexpected(Malformed("duffel offers page has no `data` array").error());
  const char* rest = nullptr;  // what follows the object; an error at the end of the document
  if (!doc.current_location().get(rest))
    return tl::unexpected(Malformed("duffel offers page is not JSON").error());
  if (page.offers == 0) page.items_end = page.items_begin;
  return page;
}

}  // namespace fareflow::duffel
