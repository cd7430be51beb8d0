// Sendings (issue 5): the dispatch queue ("Udsendelseskø") with its search, the e-mail and SMS
// overview per month with a chart, and the documents to print ("Send selv": one merged PDF, then
// marked printed). Thin: the use cases are in app/sendings.h.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "app/local_time.h"
#include "app/sendings.h"
#include "core/case_model.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {

namespace {

constexpr int kPageSize = 50;

const Channel kChannels[] = {Channel::email,          Channel::sms,         Channel::print_self,
                             Channel::letter_service, Channel::court_email, Channel::court_portal};
const DispatchStatus kStatuses[] = {DispatchStatus::waiting, DispatchStatus::sending,
                                    DispatchStatus::sent,    DispatchStatus::received,
                                    DispatchStatus::opened,  DispatchStatus::failed,
                                    DispatchStatus::cancelled};
const ActionType kDocumentTypes[] = {
    ActionType::reminder,          ActionType::collection_notice,
    ActionType::collection_demand, ActionType::settlement_offer,
    ActionType::missing_payment_letter, ActionType::payment_agreement,
    ActionType::agreement_default_warning, ActionType::agreement_terminated,
    ActionType::payment_order,     ActionType::enforcement_request,
    ActionType::letter};

std::string channel_name(const PageContext& ctx, Channel c) {
  return ctx.text("documents.channel." + std::string(to_string(c)));
}
std::string status_name(const PageContext& ctx, DispatchStatus s) {
  return ctx.text("documents.status." + std::string(to_string(s)));
}

// Unix seconds of a date's midnight in Copenhagen (whatever the process's TZ is; Danish clocks
// change at 02:00 and 03:00, so midnight always exists).
int64_t local_midnight(Date d) {
  return copenhagen_to_unix(d, 0, 0).value();
}

mstch::array options(const std::vector<std::pair<std::string, std::string>>& values,
                     const std::string& chosen) {
  mstch::array out;
  for (const auto& [value, label] : values)
    out.push_back(mstch::map{{"value", value}, {"label", label}, {"selected", value == chosen}});
  return out;
}

Response show_queue(PageContext& ctx) {
  const Request& req = ctx.req();
  DispatchQuery q;
  q.limit = kPageSize;
  FormState form;
  for (const char* name : {"sag", "skyldner", "handling", "kanal", "fra", "til", "status"})
    form.set(name, req.query_value(name));
  if (auto n = parse_int(req.query_value("sag")); n && *n > 0) q.case_number = *n;
  q.debtor_name = req.query_value("skyldner");
  if (auto t = action_type_from_string(req.query_value("handling"))) q.kind = std::string(to_string(*t));
  if (auto c = channel_from_string(req.query_value("kanal"))) q.channel = *c;
  const std::string& status = req.query_value("status");
  if (status == "alle")
    q.status.reset();
  else if (auto s = dispatch_status_from_string(status))
    q.status = *s;
  if (auto from = parse_date_input(req.query_value("fra")))
    q.send_from = local_midnight(*from);
  else if (!req.query_value("fra").empty())
    form.error("fra", ctx.text("dispatch.error.date"));
  if (auto to = parse_date_input(req.query_value("til")))
    q.send_before = local_midnight(*to + 1);
  else if (!req.query_value("til").empty())
    form.error("til", ctx.text("dispatch.error.date"));
  const int page = static_cast<int>(
      std::clamp<int64_t>(parse_int(req.query_value("side")).value_or(1), 1, 100'000));
  q.offset = (page - 1) * kPageSize;

  auto result = search_sendings(ctx.db(), ctx.actor(), ctx.account_id(), q);
  if (!result) return ctx.error_page(result.error());

  mstch::array rows;
  for (const DispatchRow& r : result->rows) {
    mstch::map row{{"at", format_time(r.send_at)},
                   {"case_number", std::to_string(r.case_number)},
                   {"case_url", "/sager/" + std::to_string(r.case_number)},
                   {"debtor", r.debtor_name},
                   {"title", r.title},
                   {"channel", channel_name(ctx, r.channel)},
                   {"recipient", r.recipient},
                   {"status", status_name(ctx, r.status)},
                   {"status_id", std::string(to_string(r.status))}};
    if (!r.error.empty()) row["error"] = r.error;
    if (r.status == DispatchStatus::waiting && r.send_at > ctx.clock().now_unix())
      row["planned"] = format_copenhagen_time(r.send_at);
    if (r.open_count > 0) row["open_count"] = std::to_string(r.open_count);
    if (r.attempts > 1) row["attempts"] = std::to_string(r.attempts);
    rows.push_back(std::move(row));
  }
  std::vector<std::pair<std::string, std::string>> kinds{{"", ctx.text("dispatch.any")}};
  for (ActionType t : kDocumentTypes)
    kinds.emplace_back(std::string(to_string(t)), ctx.text(std::string(action_key(t))));
  std::vector<std::pair<std::string, std::string>> channels{{"", ctx.text("dispatch.any")}};
  for (Channel c : kChannels) channels.emplace_back(std::string(to_string(c)), channel_name(ctx, c));
  std::vector<std::pair<std::string, std::string>> statuses{{"alle", ctx.text("dispatch.any")}};
  for (DispatchStatus s : kStatuses)
    statuses.emplace_back(std::string(to_string(s)), status_name(ctx, s));

  mstch::map data{{"rows", rows},
                  {"has_rows", !rows.empty()},
                  {"total", std::to_string(result->total)},
                  {"kinds", options(kinds, req.query_value("handling"))},
                  {"channels", options(channels, req.query_value("kanal"))},
                  {"statuses", options(statuses, status.empty() ? "waiting" : status)}};
  // Paging links keep the search.
  auto link = [&](int p) {
    std::string url = "/udsendelser?side=" + std::to_string(p);
    for (const char* name : {"sag", "skyldner", "handling", "kanal", "fra", "til", "status"})
      if (!req.query_value(name).empty())
        url += std::string("&") + name + "=" + url_encode(req.query_value(name));
    return url;
  };
  if (page > 1) data["prev"] = link(page - 1);
  if (static_cast<int64_t>(page) * kPageSize < result->total) data["next"] = link(page + 1);
  form.put_into(data);
  return ctx.page("dispatch_queue", data, ctx.text("dispatch.title"));
}

// The percentage of `part` in `whole`, "–" for none.
std::string percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "–";
  return fmt::format("{} %", (part * 100 + whole / 2) / whole);
}

Response show_overview(PageContext& ctx) {
  const Date today = ctx.clock().today();
  const Date from = today.first_of_month().add_months(-11);
  auto months = sendings_per_month(ctx.db(), ctx.actor(), ctx.account_id(), from, today);
  if (!months) return ctx.error_page(months.error());
  const bool as_percent = ctx.req().query_value("vis") == "procent";

  mstch::array rows;
  int64_t max_sent = 1;
  for (const MonthlySendings& m : *months) max_sent = std::max(max_sent, m.sent);
  mstch::array bars;
  // The chart: a bar per channel per month, heights in the SVG's own units (no inline style).
  constexpr int kChartHeight = 160, kBarWidth = 14, kMonthWidth = 44;
  int x = 30;
  std::string last_month;
  for (const MonthlySendings& m : *months) {
    const std::string month = fmt::format("{:02}-{}", m.month, m.year);
    // Percent of what was attempted: handed over or failed.
    auto cell = [&](int64_t n) {
      return as_percent ? percent(n, m.sent + m.failed) : std::to_string(n);
    };
    rows.push_back(mstch::map{{"month", month},
                              {"channel", channel_name(ctx, m.channel)},
                              {"sent", std::to_string(m.sent)},
                              {"delivered", cell(m.delivered)},
                              {"opened_once", cell(m.opened_once)},
                              {"opened_more", cell(m.opened_more)},
                              {"failed", cell(m.failed)}});
    if (month != last_month) {
      if (!last_month.empty()) x += kMonthWidth - kBarWidth;
      bars.push_back(mstch::map{{"label", month}, {"label_x", std::to_string(x)}});
      last_month = month;
    } else {
      x += kBarWidth + 2;
    }
    const int h = static_cast<int>(m.sent * (kChartHeight - 20) / max_sent);
    bars.push_back(mstch::map{{"bar", true},
                              {"x", std::to_string(x)},
                              {"y", std::to_string(kChartHeight - h)},
                              {"h", std::to_string(h)},
                              {"w", std::to_string(kBarWidth)},
                              {"css", std::string(m.channel == Channel::email ? "bar-email" : "bar-sms")},
                              {"title", channel_name(ctx, m.channel) + " " + month + ": " +
                                            std::to_string(m.sent)}});
  }
  mstch::map data{{"rows", rows},
                  {"has_rows", !rows.empty()},
                  {"bars", bars},
                  {"chart_width", std::to_string(x + kMonthWidth)},
                  {"as_percent", as_percent},
                  {"from", format_date(from)},
                  {"to", format_date(today)}};
  return ctx.page("dispatch_overview", data, ctx.text("dispatch.overview.title"));
}

std::vector<int64_t> ids_of(const Fields& fields, const char* name) {
  std::vector<int64_t> ids;
  for (const auto& [k, v] : fields)
    if (k == name)
      if (auto id = parse_int(v); id && *id > 0) ids.push_back(*id);
  return ids;
}

Response show_print_list(PageContext& ctx) {
  auto items = documents_to_print(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id());
  if (!items) return ctx.error_page(items.error());
  mstch::array rows;
  for (const PrintItem& i : *items)
    rows.push_back(mstch::map{{"id", std::to_string(i.dispatch_id)},
                              {"case_number", std::to_string(i.case_number)},
                              {"case_url", "/sager/" + std::to_string(i.case_number)},
                              {"title", i.title},
                              {"recipient", i.recipient},
                              {"at", format_time(i.send_at)}});
  mstch::map data{{"rows", rows}, {"has_rows", !rows.empty()}, {"can_write", ctx.can_write()}};
  return ctx.page("print_list", data, ctx.text("print.title"));
}

Response download_print_pdf(PageContext& ctx) {
  auto pdf = print_pdf(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(),
                       ids_of(ctx.req().query, "id"));
  if (!pdf) return ctx.error_page(pdf.error());
  return Response::pdf(std::move(*pdf), "dokumenter-til-print.pdf");
}

Response do_mark_printed(PageContext& ctx) {
  auto n = mark_documents_printed(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(),
                                  ids_of(ctx.req().form, "id"));
  if (!n) return ctx.error_page(n.error());
  return ctx.redirect("/udskriv", "flash.print.marked");
}

}  // namespace

void register_dispatch_pages(WebApp& app) {
  app.get("/udsendelser", Access::account, show_queue);
  app.get("/udsendelser/oversigt", Access::account, show_overview);
  app.get("/udskriv", Access::account, show_print_list);
  app.get("/udskriv/pdf", Access::account, download_print_pdf);
  app.post("/udskriv/printet", Access::account, do_mark_printed);
}

}  // namespace inkasso::web
