#include "server/api/api_router.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server/access/access_control.h"
#include "server/facade/routes.h"
#include "server/observability/metrics.h"
#include "server/page/page_handler.h"
#include "server/routes/calendar_handler.h"
#include "server/routes/health_handler.h"
#include "server/routes/places_handler.h"
#include "server/routes/search_handler.h"
#include "server/routes/stored_search_handler.h"

namespace fareflow::server {

Router MakeApiRouter(const ApiServices& services, FacadeOptions facade) {
  Router router(services.metrics);
  router.Add("POST", "/v1/searches", MakeSearchHandler(services));
  router.Add("GET", "/v1/searches/{id}/offers", MakeStoredOffersHandler(services));
  router.Add("GET", "/v1/searches/{id}/offers/{offer_id}", MakeStoredOfferHandler(services));
  if (services.calendar != nullptr) {
    router.Add("POST", "/v1/calendars", MakeCalendarHandler(services));
  }
  router.Add("GET", "/v1/places", [](std::shared_ptr<net::Exchange> exchange) {
    exchange->Respond(AnswerPlaces(exchange->request()));
  });
  router.Add("GET", "/v1/health",
             [](std::shared_ptr<net::Exchange> exchange) { exchange->Respond(AnswerHealth()); });
  if (services.metrics != nullptr) {
    router.Add("GET", "/metrics", [metrics = services.metrics](std::shared_ptr<net::Exchange> e) {
      net::WireResponse response;
      response.content_type = "text/plain; version=0.0.4";
      response.body = metrics->Render();
      e->Respond(std::move(response));
    });
  }
  const bool keys = services.access != nullptr && !services.access->open();
  // Routes that take no key: the search page's (public files), and the facade's, which
  // authenticate their callers by the facade's own OAuth, keys or not.
  std::vector<std::string> own_auth = AddPageRoutes(router);
  if (FacadeServed(facade, keys)) {
    std::vector<std::string> facade_routes =
        AddAmadeusFacadeRoutes(router, services, std::move(facade));
    own_auth.insert(own_auth.end(), facade_routes.begin(), facade_routes.end());
  }
  if (services.access != nullptr) {
    router.SetGate([access = services.access, own_auth = std::move(own_auth)](
                       const net::WireRequest& request, std::string_view route) {
      if (std::ranges::find(own_auth, route) != own_auth.end()) {
        return access->AdmitWithoutKey(request);
      }
      return access->Admit(request, route);
    });
  }
  return router;
}

}  // namespace fareflow::server
