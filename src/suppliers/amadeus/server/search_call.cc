#include "suppliers/amadeus/server/search_call.h"

#include <string_view>

#include "core/text.h"
#include "suppliers/amadeus/server/get_query.h"
#include "suppliers/amadeus/server/post_query.h"

namespace fareflow::amadeus {

SearchOrIssues ReadSearchCall(const net::WireRequest& request, Days today,
                              MethodOverride method_override) {
  if (request.method == "GET") return ReadGetQuery(request, today);
  const std::string_view override_method = Trim(request.Header("X-HTTP-Method-Override"));
  if (override_method.empty() && method_override == MethodOverride::kRequired) {
    return tl::unexpected(Issues{MakeIssue(
        kMandatoryDataMissing, "a search by POST needs the header X-HTTP-Method-Override: GET",
        "X-HTTP-Method-Override", "", "GET")});
  }
  if (!override_method.empty() && !net::EqualsIgnoreCase(override_method, "GET")) {
    return tl::unexpected(
        Issues{MakeIssue(kInvalidData, "only GET can be overridden on this resource",
                         "X-HTTP-Method-Override", "", "GET")});
  }
  return ReadPostBody(request.body, today);
}

}  // namespace fareflow::amadeus
