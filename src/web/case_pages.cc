// The case page (/sager/{number}) and its settings: the guide to the next step, the economy,
// the allocation of payments, the details, the track, the timeline; "Slet sidste handling",
// "Redigér sag" (batch follow-up, track) and "Slet sag".
//
// Every form carries the case version the page was rendered from; the use cases refuse a
// stale one (409, nothing changed). Guests see the page without write buttons, and the use
// cases refuse their POSTs (403). A case number of another account answers 404 on every route.
#include <array>

#include "app/cases.h"
#include "app/debtors.h"
#include "app/portal.h"
#include "core/tracks.h"
#include "web/case_view.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

constexpr std::array kTracks = {Track::gentle, Track::standard, Track::fast};

std::string case_url(int64_t number) {
  return "/sager/" + std::to_string(number);
}

// The case number of the URL; anything else is a case that does not exist.
Result<int64_t> number_of(const PageContext& ctx) {
  auto n = parse_int(ctx.req().param("number"));
  if (!n || *n <= 0) return not_found("Sagen");
  return *n;
}

// The version the form was rendered from; a missing one can only be stale.
int64_t form_version(const PageContext& ctx) {
  return parse_int(ctx.req().form_value("version")).value_or(-1);
}

Result<CaseView> load(PageContext& ctx) {
  auto number = number_of(ctx);
  if (!number) return number.error();
  return get_case(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), *number);
}

mstch::map debtor_view(const Debtor& d) {
  std::string city = d.postal_code + (d.postal_code.empty() || d.city.empty() ? "" : " ") + d.city;
  return mstch::map{
      {"url", "/skyldnere/" + std::to_string(d.id)},
      {"name", d.name},
      {"street", d.street},
      {"city", city},
      {"phone", d.phone},
      {"mobile", d.mobile},
      {"email", d.email},
      {"customer_no", d.customer_no},
      {"cvr", d.cvr},
  };
}

mstch::array track_options(const PageContext& ctx, Track current) {
  mstch::array out;
  for (Track t : kTracks) {
    std::string key(track_key(t));
    out.push_back(mstch::map{{"value", std::string(to_string(t))},
                             {"name", ctx.text(key)},
                             {"description", ctx.text(key + ".description")},
                             {"selected", t == current}});
  }
  return out;
}

// What every page of a case shows in its head and forms.
mstch::map case_basics(PageContext& ctx, const CaseView& v) {
  const StoredCase& c = v.stored;
  return mstch::map{
      {"number", std::to_string(c.number)},
      {"url", case_url(c.number)},
      {"version", std::to_string(c.version)},
      {"can_write", ctx.can_write()},
      {"batch_follow_up", c.batch_follow_up},
      {"track_name", ctx.text(track_key(v.state.track))},
      {"track_description", ctx.text(std::string(track_key(v.state.track)) + ".description")},
      {"tracks", track_options(ctx, v.state.track)},
      {"flow_name", ctx.text(flow_key(v.state.flow))},
      {"flow", std::string(to_string(v.state.flow))},
      {"has_actions", !c.history.actions.empty()},
  };
}

std::string case_title(PageContext& ctx, int64_t number) {
  return ctx.text("case.title") + " " + std::to_string(number);
}

Response show_case(PageContext& ctx) {
  auto v = load(ctx);
  if (!v) return ctx.error_page(v.error());
  const StoredCase& c = v->stored;
  const CaseState& s = v->state;
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), c.debtor_id);
  if (!debtor) return ctx.error_page(debtor.error());

  mstch::map data = case_basics(ctx, *v);
  data["debtor"] = debtor_view(*debtor);
  data["economy"] = economy_rows(ctx.texts(), s);
  data["allocation"] = allocation_rows(ctx.texts(), s);
  data["adjustments"] = adjustment_items(s);
  data["has_adjustments"] = !s.adjustments.empty();
  data["details"] = details_view(ctx.texts(), c, s);
  data["timeline"] = timeline_entries(ctx.texts(), c, s, user_names(ctx.db(), event_authors(c)),
                                      case_documents(ctx.db(), *v), ctx.clock().now_unix());
  data["guide"] =
      guide_view(ctx.texts(), c.history, s,
                 GuideInput{c.number, ctx.can_write(), ctx.req().query_value("guide") == "nej"});
  data["closed"] = s.flow == Flow::closed;
  // The debtor's login to the portal: the case's global id (printed on the letters) and, for
  // case handlers, the password and the direct link that logs in with it.
  data["portal_case_id"] = std::to_string(c.id);
  if (ctx.can_write()) {
    auto password = case_portal_password(ctx.box(), *v);
    if (password) {
      data["portal_password"] = *password;
      data["portal_link"] = ctx.services().config.public_url +
                            portal_direct_link_path(ctx.box(), c.id, *password);
    }
  }
  return ctx.page("case_page", data, case_title(ctx, c.number));
}

// Where a settings form returns to: the edit page it came from, or the case.
std::string back_to(const PageContext& ctx, int64_t number) {
  return ctx.req().form_value("tilbage") == "rediger" ? case_url(number) + "/rediger"
                                                      : case_url(number);
}

Response do_batch_follow_up(PageContext& ctx) {
  auto number = number_of(ctx);
  if (!number) return ctx.error_page(number.error());
  bool on = ctx.req().form_value("on") == "1";
  auto r =
      set_batch_follow_up(ctx.db(), ctx.actor(), ctx.account_id(), *number, form_version(ctx), on);
  if (!r) return ctx.error_page(r.error());
  return ctx.redirect(back_to(ctx, *number), on ? "flash.case.batch_on" : "flash.case.batch_off");
}

Response do_change_track(PageContext& ctx) {
  auto v = load(ctx);
  if (!v) return ctx.error_page(v.error());
  int64_t number = v->stored.number;
  auto track = track_from_string(ctx.req().form_value("track"));
  if (!track) return ctx.error_page(invalid("track", ctx.text("case.track.invalid")));
  // Choosing the track the case already follows changes nothing (no track change action).
  if (ctx.can_write() && *track == v->state.track && form_version(ctx) == v->stored.version)
    return ctx.redirect(back_to(ctx, number), "flash.case.track_unchanged");
  auto r = change_track(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), number,
                        form_version(ctx), *track);
  if (!r) return ctx.error_page(r.error());
  return ctx.redirect(back_to(ctx, number), "flash.case.track_changed");
}

// The event that recorded an action, for who made it and when.
const EventMeta* action_event(const StoredCase& c, size_t index) {
  for (const EventMeta& m : c.events)
    if (m.kind == EventKind::action && m.index == index) return &m;
  return nullptr;
}

Response show_delete_last(PageContext& ctx) {
  auto v = load(ctx);
  if (!v) return ctx.error_page(v.error());
  const StoredCase& c = v->stored;
  mstch::map data = case_basics(ctx, *v);
  const Texts& t = ctx.texts();
  data["now_suggests"] = suggestion_sentence(t, c.history, v->state);
  if (!c.history.actions.empty()) {
    size_t last = c.history.actions.size() - 1;
    const Action& a = c.history.actions[last];
    data["action_title"] = action_title(t, c.history, last);
    data["action_date"] = format_date(a.date);
    if (const EventMeta* m = action_event(c, last)) {
      auto names = user_names(ctx.db(), {m->created_by});
      if (names.count(m->created_by)) data["action_by"] = names[m->created_by];
      data["action_at"] = format_time(m->created_at);
    }
    // The rewind: the same history without the last action, evaluated today, is what the
    // case will say afterwards.
    CaseHistory rewound = c.history;
    rewound.actions.pop_back();
    auto after = evaluate(rewound, ctx.clock().today());
    if (after) data["after_suggests"] = suggestion_sentence(t, rewound, *after);
  }
  return ctx.page("case_delete_last", data, ctx.text("case.delete_last.title"));
}

Response do_delete_last(PageContext& ctx) {
  auto number = number_of(ctx);
  if (!number) return ctx.error_page(number.error());
  auto r = delete_last_action(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), *number,
                              form_version(ctx));
  if (!r) return ctx.error_page(r.error());
  return ctx.redirect(case_url(*number), "flash.case.last_action_deleted");
}

Response show_edit(PageContext& ctx) {
  auto v = load(ctx);
  if (!v) return ctx.error_page(v.error());
  return ctx.page("case_edit", case_basics(ctx, *v), ctx.text("case.edit.title"));
}

Response show_delete(PageContext& ctx) {
  auto v = load(ctx);
  if (!v) return ctx.error_page(v.error());
  mstch::map data = case_basics(ctx, *v);
  auto debtor = get_debtor(ctx.db(), ctx.box(), ctx.actor(), ctx.account_id(), v->stored.debtor_id);
  if (debtor) data["debtor_name"] = debtor->name;
  data["principal"] = format_kr(v->state.principal);
  return ctx.page("case_delete", data, ctx.text("case.delete.title"));
}

Response do_delete(PageContext& ctx) {
  auto number = number_of(ctx);
  if (!number) return ctx.error_page(number.error());
  auto st =
      delete_case(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), *number, form_version(ctx));
  if (!st) return ctx.error_page(st.error());
  return ctx.redirect("/sager", "flash.case.deleted");
}

}  // namespace

void register_case_pages(WebApp& app) {
  app.get("/sager/{number}", Access::account, show_case);
  app.post("/sager/{number}/multiopfoelgning", Access::account, do_batch_follow_up);
  app.post("/sager/{number}/forloeb", Access::account, do_change_track);
  app.get("/sager/{number}/slet-sidste-handling", Access::account, show_delete_last);
  app.post("/sager/{number}/slet-sidste-handling", Access::account, do_delete_last);
  app.get("/sager/{number}/rediger", Access::account, show_edit);
  app.get("/sager/{number}/slet", Access::account, show_delete);
  app.post("/sager/{number}/slet", Access::account, do_delete);
}

}  // namespace inkasso::web
