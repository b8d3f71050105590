#ifndef FAREFLOW_API_REFINE_QUERY_H_
#define FAREFLOW_API_REFINE_QUERY_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "model/search_request.h"

namespace fareflow {

// What a GET /v1/searches/{id}/offers query asks of a stored search (docs/api.md, "Refining and
// paging a stored search"): a sort, a page size, a cursor, and filters that replace the stored
// request's when any filter parameter is given.
struct RefineQuery {
  std::optional<SortKey> sort;
  std::optional<int> limit;
  std::string cursor;
  // Set when at least one filter parameter was given; then these filters (and max_connections)
  // replace the stored request's, else the stored request's apply.
  std::optional<Filters> filters;
  std::optional<int> max_connections;  // only read when `filters` is set
  // `answer_form`: each refine asks for its own form; the stored search's is not kept.
  std::optional<AnswerForm> answer_form;
};

// Decodes the query parameters of a refine against a stored search asked in `currency` (for
// max_price) with `slice_count` slices (for the time windows). Unknown or repeated parameters
// and bad values are kInvalidArgument errors whose `field` is the query parameter's name
// ("max_stops"). `query` holds percent-decoded pairs, as net::WireRequest::query does.
Result<RefineQuery> DecodeRefineQuery(const std::vector<std::pair<std::string, std::string>>& query,
                                      CurrencyCode currency, int slice_count);

// The request a refine answers: `stored` with the query's sort, limit, cursor, filters and answer
// form (absent when the query gives none, whatever the stored request asked). The
// result passes ValidateSearchRequest (errors name query parameters).
Result<SearchRequest> RefinedRequest(const SearchRequest& stored, const RefineQuery& query);

}  // namespace fareflow

#endif  // FAREFLOW_API_REFINE_QUERY_H_
