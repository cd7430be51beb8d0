// The SMS gateway's delivery reports (issue 5): POST /sms/kvittering/{secret} with the gateway's
// JSON (dispatch/sms_gateway.h parse_delivery_report).
//
// A machine calls it (Access::machine: no session, no CSRF token); the secret in the path is
// its authentication (app/sms_delivery.h). Answers, all plain text and quick:
//   404  a wrong secret (as any unknown address; nothing done),
//   400  a body that is not a delivery report,
//   503  a report on a message no sending has yet (it overtook the worker's record of the send:
//        the gateway repeats it later),
//   200  recorded, or an interim report (ENROUTE, BUFFERED, ...) with nothing to record.
#include "app/sms_delivery.h"
#include "dispatch/sms_gateway.h"
#include "web/pages.h"

namespace inkasso::web {

namespace {

Response receive_delivery_report(PageContext& ctx) {
  if (!is_sms_callback_secret(ctx.box(), ctx.req().param("secret")))
    return Response::text("Ikke fundet.", 404);
  auto report = parse_delivery_report(ctx.req().body);
  if (!report) return Response::text("Kvitteringen kunne ikke læses.", 400);
  if (report->state == SmsDeliveryReport::State::pending) return Response::text("OK");
  const bool delivered = report->state == SmsDeliveryReport::State::delivered;
  const bool known =
      record_sms_delivery(ctx.db(), ctx.clock(), report->provider_id,
                          delivered ? DeliveryOutcome::delivered : DeliveryOutcome::failed,
                          delivered ? std::string() : delivery_failure_reason(*report));
  if (!known) return Response::text("Ukendt besked; prøv igen senere.", 503);
  return Response::text("OK");
}

}  // namespace

void register_sms_callback_pages(WebApp& app) {
  app.post("/sms/kvittering/{secret}", Access::machine, receive_delivery_report);
}

}  // namespace inkasso::web
