// Batch follow-up ("Multiopfølgning", issue 6): step 1 (/opfoelgning: the due steps grouped by
// track and document, chosen with a limit), step 2 (/opfoelgning/tidspunkt: the sending time
// per document, the channel, paydays advice and "Vis/Skjul sager"), the execution (POST
// /opfoelgning/koer) and the run's progress (/opfoelgning/koersler/{id}, refreshed until done).
// Thin: the use cases are in app/followup.h; the background worker (cli/serve.cc) finishes a
// run the request did not.
#include <algorithm>
#include <set>

#include "app/followup.h"
#include "app/local_time.h"
#include "app/sessions.h"
#include "core/paydays.h"
#include "web/case_action_forms.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

// Items worked in the request that starts a run; the rest in the background, so a large batch
// answers at once with its progress.
constexpr int kItemsInRequest = 200;
constexpr int kPaydaysShown = 4;

Installation installation_of(PageContext& ctx) {
  return Installation{ctx.services().config.public_url};
}

std::string track_name(const PageContext& ctx, const std::string& track) {
  if (auto t = track_from_string(track)) return ctx.text(track_key(*t));
  return ctx.text("followup.track.defaulted_agreement");
}

std::string step_name(ActionType type, int reminder_number) {
  return document_title(type, reminder_number, "");
}

std::vector<std::string> chosen_types(const Request& req, bool from_form) {
  std::vector<std::string> out;
  if (from_form) {
    out = req.form_values("type");
  } else {
    for (const auto& [k, v] : req.query)
      if (k == "type") out.push_back(v);
  }
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

Response show_step1(PageContext& ctx) {
  auto preview = follow_up_preview(ctx.db(), ctx.actor(), ctx.account_id(), ctx.clock().today());
  if (!preview) return ctx.error_page(preview.error());
  mstch::array tracks;
  std::string current;
  mstch::array steps;
  auto flush = [&] {
    if (!steps.empty())
      tracks.push_back(mstch::map{{"name", track_name(ctx, current)}, {"steps", steps}});
    steps = mstch::array{};
  };
  for (const FollowUpGroup& g : preview->groups) {
    if (g.track != current) {
      flush();
      current = g.track;
    }
    steps.push_back(mstch::map{{"key", g.key},
                               {"title", step_name(g.type, g.reminder_number)},
                               {"count", std::to_string(g.count)},
                               {"oldest", format_date(g.oldest)}});
  }
  flush();
  mstch::map data{{"tracks", tracks},
                  {"has_groups", !tracks.empty()},
                  {"total", std::to_string(preview->total)},
                  {"limit", std::to_string(kFollowUpLimitDefault)},
                  {"can_write", ctx.can_write()}};
  return ctx.page("followup_step1", data, ctx.text("followup.title"));
}

// Step 2, with what was typed and its errors when the execution was refused.
Response render_step2(PageContext& ctx, const std::vector<std::string>& types, int limit,
                      const FormValues& typed, const FieldErrors& errors, int status) {
  const Date today = ctx.clock().today();
  auto cases = follow_up_cases(ctx.db(), ctx.actor(), ctx.account_id(), today, types, limit);
  if (!cases) return ctx.error_page(cases.error());
  // The chosen groups in step 1's order, with the counts the limit leaves.
  std::vector<std::string> order;
  std::map<std::string, int> counts;
  std::map<std::string, std::string> titles;
  for (const FollowUpCase& c : *cases) {
    if (!counts.count(c.group_key)) order.push_back(c.group_key);
    ++counts[c.group_key];
    titles[c.group_key] = step_name(c.type, c.reminder_number);
  }
  // The same document can be due in two tracks ("Inkassovarsel" in Standard and in Mest muligt
  // inden retten): each row names its track, the part of the key before the first colon.
  auto track_of = [&](const std::string& key) {
    return track_name(ctx, key.substr(0, key.find(':')));
  };
  auto value = [&](const std::string& name, const std::string& fallback) {
    auto it = typed.find(name);
    return it != typed.end() ? it->second : fallback;
  };
  auto error = [&](const std::string& name) {
    auto it = errors.find(name);
    return it != errors.end() ? it->second : std::string();
  };
  // Offered: the next whole hour in Copenhagen, tomorrow's 00:00 after 23:00 (clamping to 23:00
  // offered a time already past, which the form then refused).
  const int64_t now_unix = ctx.clock().now_unix();
  const LocalDateTime next = unix_to_copenhagen((now_unix / 3600 + 1) * 3600);
  const std::string next_day = next.date.to_iso();
  const std::string next_hour = (next.hour < 10 ? "0" : "") + std::to_string(next.hour) + ":00";
  mstch::array groups;
  for (size_t i = 0; i < order.size(); ++i) {
    const std::string& key = order[i];
    const std::string n = std::to_string(i);
    mstch::map g{{"index", n},
                 {"key", key},
                 {"title", titles[key]},
                 {"track", track_of(key)},
                 {"count", std::to_string(counts[key])},
                 {"date", value("date_" + n, next_day)},
                 {"time", value("time_" + n, next_hour)}};
    if (std::string e = error("send_at_" + n); !e.empty()) g["error"] = e;
    groups.push_back(std::move(g));
  }
  mstch::array rows;
  for (const FollowUpCase& c : *cases)
    rows.push_back(mstch::map{{"number", std::to_string(c.number)},
                              {"url", "/sager/" + std::to_string(c.number)},
                              {"debtor", c.debtor_name},
                              {"document", step_name(c.type, c.reminder_number)},
                              {"principal", format_kr(c.principal)},
                              {"due", format_date(c.due_date)}});
  mstch::array paydays;
  for (const Payday& p : next_paydays(today, kPaydaysShown))
    paydays.push_back(mstch::map{
        {"date", format_date(p.date)},
        {"kind", ctx.text(p.kind == PaydayKind::salary ? "followup.payday.salary"
                                                       : "followup.payday.child_benefit")}});
  const std::string channel =
      value("channel", std::string(to_string(BatchChannel::email_or_print)));
  mstch::array channels;
  for (BatchChannel c :
       {BatchChannel::email_or_print, BatchChannel::email, BatchChannel::email_and_sms,
        BatchChannel::print_self, BatchChannel::letter_service})
    channels.push_back(
        mstch::map{{"value", std::string(to_string(c))},
                   {"label", ctx.text("followup.channel." + std::string(to_string(c)))},
                   {"selected", channel == to_string(c)}});
  mstch::array hidden_types;
  for (const std::string& t : types) hidden_types.push_back(mstch::map{{"value", t}});
  mstch::map data{{"groups", groups},
                  {"has_groups", !groups.empty()},
                  {"rows", rows},
                  {"case_count", std::to_string(rows.size())},
                  {"paydays", paydays},
                  {"channels", channels},
                  {"types", hidden_types},
                  {"limit", std::to_string(limit)},
                  {"run_key", value("run_key", random_token())}};
  if (std::string e = error("form"); !e.empty()) data["form_error"] = e;
  return ctx.page("followup_step2", data, ctx.text("followup.step2.title"), status);
}

int limit_of(const std::string& typed) {
  auto n = parse_int(typed);
  return n ? static_cast<int>(std::clamp<int64_t>(*n, 1, kFollowUpLimitMax))
           : kFollowUpLimitDefault;
}

Response show_step2(PageContext& ctx) {
  std::vector<std::string> types = chosen_types(ctx.req(), false);
  if (types.empty()) return ctx.redirect("/opfoelgning", "flash.followup_nothing_chosen");
  return render_step2(ctx, types, limit_of(ctx.req().query_value("limit")), {}, {}, 200);
}

Response do_run(PageContext& ctx) {
  const Request& req = ctx.req();
  std::vector<std::string> types = chosen_types(req, true);
  const int limit = limit_of(req.form_value("limit"));
  FormValues typed;
  for (const auto& [k, v] : req.form) typed.emplace(k, v);
  FieldErrors errors;
  FollowUpOrder order;
  order.choices = types;
  order.limit = limit;
  order.run_key = req.form_value("run_key");
  order.channel =
      batch_channel_from_string(req.form_value("channel")).value_or(BatchChannel::email_or_print);
  // One sending time per document: "now" when it is today at a time already passed (within the
  // form's slack), otherwise that moment in Danish time.
  for (size_t i = 0;; ++i) {
    const std::string n = std::to_string(i);
    if (!req.has_form_value("key_" + n)) break;
    FormValues when{{"send_when", "later"},
                    {"send_date", req.form_value("date_" + n)},
                    {"send_time", req.form_value("time_" + n)}};
    FieldErrors one;
    auto at = parse_send_at(when, ctx.clock().now_unix(), ctx.texts(), one);
    if (at)
      order.send_at[req.form_value("key_" + n)] = *at <= ctx.clock().now_unix() ? 0 : *at;
    else if (!one.empty())
      errors.emplace("send_at_" + n, one.begin()->second);
  }
  if (!errors.empty()) return render_step2(ctx, types, limit, typed, errors, 422);
  auto run = start_follow_up_run(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(),
                                 ctx.clock().today(), order);
  if (!run) {
    if (run.error().code != app_error::kInvalid) return ctx.error_page(run.error());
    errors.emplace("form", run.error().message);
    return render_step2(ctx, types, limit, typed, errors, 422);
  }
  auto worked = work_follow_up_run(ctx.db(), ctx.clock(), ctx.box(), installation_of(ctx),
                                   ctx.actor(), ctx.account_id(), *run, kItemsInRequest);
  if (!worked) return ctx.error_page(worked.error());
  return ctx.redirect("/opfoelgning/koersler/" + std::to_string(*run));
}

Response show_run(PageContext& ctx) {
  auto id = parse_int(ctx.req().param("id"));
  if (!id) return ctx.error_page(not_found("Kørslen"));
  auto run = get_follow_up_run(ctx.db(), ctx.actor(), ctx.account_id(), *id);
  if (!run) return ctx.error_page(run.error());
  mstch::array problems;
  for (const FollowUpItem& p : run->problems) {
    problems.push_back(mstch::map{{"number", std::to_string(p.case_number)},
                                  {"url", "/sager/" + std::to_string(p.case_number)},
                                  {"document", step_name(p.type, p.reminder_number)},
                                  {"status", ctx.text("followup.item." + p.status)},
                                  {"reason", p.reason}});
  }
  const int worked = run->done + run->refused + run->left_out;
  mstch::map data{{"id", std::to_string(run->id)},
                  {"total", std::to_string(run->total)},
                  {"worked", std::to_string(worked)},
                  {"done", std::to_string(run->done)},
                  {"refused", std::to_string(run->refused)},
                  {"left_out", std::to_string(run->left_out)},
                  {"pending", std::to_string(run->pending)},
                  {"finished", run->finished},
                  {"started", format_copenhagen_time(run->created_at)},
                  {"channel", ctx.text("followup.channel." + std::string(to_string(run->channel)))},
                  {"problems", problems},
                  {"has_problems", !problems.empty()}};
  if (!run->finished) data["refresh"] = std::string("2");
  return ctx.page("followup_run", data, ctx.text("followup.run.title"));
}

}  // namespace

void register_followup_pages(WebApp& app) {
  app.get("/opfoelgning", Access::account, show_step1);
  app.get("/opfoelgning/tidspunkt", Access::account, show_step2);
  app.post("/opfoelgning/koer", Access::account, do_run);
  app.get("/opfoelgning/koersler/{id}", Access::account, show_run);
}

}  // namespace inkasso::web
