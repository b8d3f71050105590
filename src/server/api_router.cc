#include "server/api_router.h"

#include <memory>

#include "server/health_handler.h"
#include "server/places_handler.h"
#include "server/search_handler.h"

namespace fareflow::server {

Router MakeApiRouter(const ApiServices& services) {
  Router router;
  router.Add("POST", "/v1/searches", MakeSearchHandler(services));
  router.Add("GET", "/v1/places", [](std::shared_ptr<net::Exchange> exchange) {
    exchange->Respond(AnswerPlaces(exchange->request()));
  });
  router.Add("GET", "/v1/health",
             [](std::shared_ptr<net::Exchange> exchange) { exchange->Respond(AnswerHealth()); });
  return router;
}

}  // namespace fareflow::server
