#include "fanout/duffel_pages.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "fanout/supplier_calls.h"
#include "suppliers/duffel/client/offer_request.h"
#include "suppliers/duffel/client/offers_page.h"

namespace fareflow::fanout {
namespace {

// One call's paging. Touched by one callback at a time (each request is sent by the callback of
// the one before), so it needs no lock; the callbacks own it.
struct Paging {
  std::shared_ptr<SupplierEndpoint> endpoint;
  std::shared_ptr<SearchState> search;
  std::size_t i = 0;
  net::HttpClient* http = nullptr;
  std::string offer_request_id;
  int offers = 0;  // offers on the pages so far
  int pages = 0;   // pages received
  int max_pages = 0;
};

void FetchPage(std::shared_ptr<Paging> paging, std::string after) {
  Paging& p = *paging;
  const SupplierConfig& config = p.endpoint->config;
  const int limit = std::min(config.page_size, config.max_offers - p.offers);
  net::ClientRequest request = DuffelApiRequest(
      *p.endpoint, "GET",
      duffel::DuffelOffersPageTarget(p.offer_request_id, limit, config.sort, after), "",
      p.search->deadline(p.i));
  p.http->Send(std::move(request), [paging](Result<net::ClientResponse> response) mutable {
    Paging& p = *paging;
    const std::string which = "page " + std::to_string(p.pages + 1) + " of the offers: ";
    if (std::optional<SupplierFailure> failure = FailureOf(response)) {
      failure->error = which + failure->error;
      p.search->EndPages(p.i, std::move(failure));
      return;
    }
    Result<duffel::OffersPageInfo> page = duffel::ReadOffersPage(response->body);
    if (!page) {
      p.search->EndPages(p.i, SupplierFailure{SupplierStatus::kMalformed,
                                              which + page.error().message, response->status});
      return;
    }
    ++p.pages;
    p.offers += page->offers;
    if (!p.search->DeliverPage(p.i, std::move(response->body), page->items_begin,
                               page->items_end)) {
      return;
    }
    const SupplierConfig& config = p.endpoint->config;
    if (page->after.empty() || page->offers == 0 || p.offers >= config.max_offers ||
        p.pages >= p.max_pages) {
      p.search->EndPages(p.i, std::nullopt);
      return;
    }
    FetchPage(std::move(paging), std::move(page->after));
  });
}

}  // namespace

net::ClientRequest DuffelApiRequest(const SupplierEndpoint& endpoint, std::string method,
                                    std::string target, std::string body,
                                    std::chrono::steady_clock::time_point deadline) {
  net::ClientRequest request;
  request.method = std::move(method);
  request.url = endpoint.config.base_url + target;
  request.headers = {{"Authorization", "Bearer " + endpoint.access_token},
                     {"Duffel-Version", "v2"},
                     {"Accept", "application/json"}};
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  request.deadline = deadline;
  // Each answer within the supplier's body limit: a page past it is a failed page (a whole
  // offer request past it is cut and kept by StartDuffel instead).
  request.max_body = endpoint.config.max_body_bytes;
  return request;
}

void StartDuffelPages(std::shared_ptr<SupplierEndpoint> endpoint,
                      std::shared_ptr<SearchState> search, std::size_t i,
                      const SearchRequest& search_request, net::HttpClient& http) {
  auto paging = std::make_shared<Paging>();
  paging->endpoint = std::move(endpoint);
  paging->search = std::move(search);
  paging->i = i;
  paging->http = &http;
  paging->max_pages = paging->endpoint->config.max_offers / paging->endpoint->config.page_size + 1;
  net::ClientRequest request = DuffelApiRequest(
      *paging->endpoint, "POST",
      duffel::DuffelOfferRequestTarget(paging->search->time_left(i), /*return_offers=*/false),
      duffel::DuffelOfferRequestBody(search_request), paging->search->deadline(i));
  http.Send(std::move(request), [paging](Result<net::ClientResponse> response) mutable {
    Paging& p = *paging;
    if (std::optional<SupplierFailure> failure = FailureOf(response)) {
      p.search->Deliver(p.i, tl::unexpected(*std::move(failure)));
      return;
    }
    Result<std::string> id = duffel::ReadOfferRequestId(response->body);
    if (!id) {
      p.search->Deliver(p.i, tl::unexpected(SupplierFailure{SupplierStatus::kMalformed,
                                                            id.error().message, response->status}));
      return;
    }
    if (p.search->closed()) return;
    p.offer_request_id = *std::move(id);
    p.search->BeginPages(p.i, duffel::kJoinedPagesHead, duffel::kJoinedPagesTail);
    FetchPage(std::move(paging), "");
  });
}

}  // namespace fareflow::fanout
