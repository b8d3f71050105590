#ifndef FAREFLOW_FANOUT_DUFFEL_PAGES_H_
#define FAREFLOW_FANOUT_DUFFEL_PAGES_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "fanout/search_state.h"
#include "fanout/supplier_endpoint.h"
#include "model/search_request.h"
#include "net/http_client.h"

namespace fareflow::fanout {

// A request to Duffel's API with the endpoint's access token and the version header: `target`
// is a path and query, `body` JSON (sent with its content type when not empty); its answer
// bounded by the endpoint's max_body_bytes.
net::ClientRequest DuffelApiRequest(const SupplierEndpoint& endpoint, std::string method,
                                    std::string target, std::string body,
                                    std::chrono::steady_clock::time_point deadline);

// Starts call `i` of `search` as Duffel paging (the endpoint's page_size > 0):
//   1. `POST /air/offer_requests?return_offers=false…`, for the offer request's id;
//   2. `GET /air/offers?offer_request_id=…&limit=…&sort=…[&after=…]`, following `meta.after`.
// Each page goes to search->DeliverPage as it arrives (parsed on a worker while the next one is
// fetched). Pages stop at the last one (`meta.after` null), an empty page, once max_offers
// offers came (each page asks for at most the offers still missing, so the last one is cut),
// or after max_offers / page_size + 1 pages, so a cursor that never ends cannot loop. Every
// request is bounded by the call's deadline. A failed offer request reaches search->Deliver; a
// failed or unreadable page reaches search->EndPages, which keeps the pages before it.
void StartDuffelPages(std::shared_ptr<SupplierEndpoint> endpoint,
                      std::shared_ptr<SearchState> search, std::size_t i,
                      const SearchRequest& request, net::HttpClient& http);

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_DUFFEL_PAGES_H_
