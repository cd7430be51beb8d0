// "Søg en sag" (/sager) and the TODO page (/todo).
//
// The list reads the case list cache (search_cases): what the cases looked like at their last
// change. A row is red (tr.due) when its follow-up date has come, exactly as the TODO counter
// counts "Sager til opfølgning", so the number on the home page and the red rows agree.
#include <algorithm>
#include <array>

#include "app/cases.h"
#include "app/todo.h"
#include "core/text.h"
#include "web/domain_names.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

constexpr int kPageSize = 50;
constexpr int64_t kPageMax = 100'000;  // far beyond any account; keeps the offset in an int
constexpr size_t kSearchTextMax = 200;

constexpr std::array kActionTypes = {
    ActionType::reminder,
    ActionType::collection_notice,
    ActionType::collection_demand,
    ActionType::settlement_offer,
    ActionType::settlement_accepted,
    ActionType::missing_payment_letter,
    ActionType::payment_agreement,
    ActionType::agreement_default_warning,
    ActionType::agreement_terminated,
    ActionType::payment_order,
    ActionType::enforcement_request,
    ActionType::fundament,
    ActionType::letter,
    ActionType::pause,
    ActionType::track_change,
    ActionType::close,
};

// The sort orders as they appear in the address ("?sortering=skyldner").
struct SortOption {
  const char* value;
  CaseSort sort;
  const char* text_key;
};
constexpr std::array kSorts = {
    SortOption{"nyeste", CaseSort::number_desc, "case_list.sort.number_desc"},
    SortOption{"aeldste", CaseSort::number_asc, "case_list.sort.number_asc"},
    SortOption{"opfoelgning", CaseSort::review_date_asc, "case_list.sort.review_date"},
    SortOption{"skyldner", CaseSort::debtor_name_asc, "case_list.sort.debtor_name"},
    SortOption{"udestaaende", CaseSort::outstanding_desc, "case_list.sort.outstanding"},
};

// What the search form says, as typed, plus what it means.
struct ListParams {
  std::string text;
  std::string last_action;  // ActionType name or ""
  std::string from;
  std::string to;
  bool include_closed = false;
  bool due_only = false;
  std::string sort = "nyeste";
  int64_t page = 1;
};

ListParams read_params(const Request& req) {
  ListParams p;
  p.text = trim(req.query_value("q"));
  if (p.text.size() > kSearchTextMax) p.text.resize(kSearchTextMax);
  p.last_action = req.query_value("handling");
  if (!action_type_from_string(p.last_action)) p.last_action.clear();
  p.from = trim(req.query_value("fra"));
  p.to = trim(req.query_value("til"));
  p.include_closed = req.query_value("lukkede") == "1";
  p.due_only = req.query_value("opfoelgning") == "1";
  const std::string& sort = req.query_value("sortering");
  for (const auto& s : kSorts)
    if (sort == s.value) p.sort = sort;
  // The follow-up list is worked oldest first unless another order is asked for.
  if (p.due_only && sort.empty()) p.sort = "opfoelgning";
  if (auto n = parse_int(req.query_value("side"))) p.page = std::clamp<int64_t>(*n, 1, kPageMax);
  return p;
}

bool has_filters(const ListParams& p) {
  return !p.text.empty() || !p.last_action.empty() || !p.from.empty() || !p.to.empty() ||
         p.due_only;
}

// The query string of the list with `p`'s search, another sort order and page.
std::string list_url(const ListParams& p, const std::string& sort, int64_t page) {
  std::string q;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    q += q.empty() ? "?" : "&";
    q += name;
    q += "=" + url_encode(value);
  };
  add("q", p.text);
  add("handling", p.last_action);
  add("fra", p.from);
  add("til", p.to);
  if (p.include_closed) add("lukkede", "1");
  if (p.due_only) add("opfoelgning", "1");
  add("sortering", sort);
  if (page > 1) add("side", std::to_string(page));
  return "/sager" + q;
}

// One table row of a case (also used by the TODO page's list of defaulted agreements).
mstch::map case_row(const PageContext& ctx, const CaseListItem& item, Date today) {
  mstch::map row{
      {"number", std::to_string(item.number)},
      {"href", "/sager/" + std::to_string(item.number)},
      {"debtor_name", item.debtor_name},
      {"debtor_href", "/skyldnere/" + std::to_string(item.debtor_id)},
      {"customer_no", item.customer_no},
      {"review_date", format_date(item.review_date)},
      {"principal", format_kr(item.principal)},
      {"outstanding", format_kr(item.outstanding)},
      {"closed", item.closed},
      {"due", !item.closed && item.review_date && *item.review_date <= today},
      {"manual", !item.closed && !item.batch_follow_up},
  };
  if (item.last_action_type) {
    row["last_action"] = ctx.text(action_key(*item.last_action_type));
    row["last_action_date"] = format_date(item.last_action_date);
  }
  if (!item.closed && item.next_action_type)
    row["next_step"] = ctx.text(action_key(*item.next_action_type));
  else if (item.flow)
    row["next_step"] = ctx.text(flow_key(*item.flow));
  return row;
}

// The column headers that sort: a link to the same search in that order.
mstch::map sort_links(const ListParams& p) {
  mstch::map links;
  for (const auto& s : kSorts) {
    std::string value = s.value;
    links[value] = list_url(p, value, 1);
    links[value + "_active"] = p.sort == value;
  }
  // The case number toggles between newest and oldest first.
  links["number"] = list_url(p, p.sort == "nyeste" ? "aeldste" : "nyeste", 1);
  links["number_active"] = p.sort == "nyeste" || p.sort == "aeldste";
  return links;
}

mstch::array action_options(const PageContext& ctx, const std::string& selected) {
  mstch::array out;
  for (ActionType t : kActionTypes) {
    std::string value(to_string(t));
    out.push_back(mstch::map{
        {"value", value}, {"label", ctx.text(action_key(t))}, {"selected", value == selected}});
  }
  return out;
}

mstch::array sort_options(const PageContext& ctx, const std::string& selected) {
  mstch::array out;
  for (const auto& s : kSorts)
    out.push_back(mstch::map{{"value", std::string(s.value)},
                             {"label", ctx.text(s.text_key)},
                             {"selected", selected == s.value}});
  return out;
}

// Reads a "fra"/"til" date; an error is shown beside the field and that filter left out.
std::optional<Date> read_date_filter(const std::string& text, const std::string& field,
                                     FormState& form) {
  if (text.empty()) return std::nullopt;
  auto d = parse_date_input(text);
  if (!d) {
    form.error(field, d.error().message);
    return std::nullopt;
  }
  form.set(field, d->to_iso());
  return *d;
}

Response show_cases(PageContext& ctx) {
  const Date today = ctx.clock().today();
  ListParams p = read_params(ctx.req());
  FormState form;
  form.set("q", p.text);
  form.set("fra", p.from);
  form.set("til", p.to);

  CaseQuery query;
  query.text = p.text;
  if (!p.last_action.empty()) query.last_action_type = action_type_from_string(p.last_action);
  query.follow_up_from = read_date_filter(p.from, "fra", form);
  query.follow_up_to = read_date_filter(p.to, "til", form);
  if (query.follow_up_from && query.follow_up_to && *query.follow_up_from > *query.follow_up_to)
    form.error("til", ctx.text("case_list.error.to_before_from"));
  query.only_open = !p.include_closed;
  if (p.due_only) {
    // Due today or earlier: a later "til" cannot widen it.
    query.only_open = true;
    if (!query.follow_up_to || *query.follow_up_to > today) query.follow_up_to = today;
  }
  for (const auto& s : kSorts)
    if (p.sort == s.value) query.sort = s.sort;
  query.limit = kPageSize;
  query.offset = static_cast<int>((p.page - 1) * kPageSize);

  auto page = search_cases(ctx.db(), ctx.actor(), ctx.account_id(), query);
  if (!page) return ctx.error_page(page.error());

  mstch::array rows;
  for (const auto& item : page->items) rows.push_back(case_row(ctx, item, today));
  const int64_t pages = std::max<int64_t>(1, (page->total + kPageSize - 1) / kPageSize);
  const int64_t first = page->items.empty() ? 0 : query.offset + 1;
  const int64_t last = query.offset + static_cast<int64_t>(page->items.size());

  mstch::map data{
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"total", std::to_string(page->total)},
      {"first", std::to_string(first)},
      {"last", std::to_string(last)},
      {"page", std::to_string(p.page)},
      {"pages", std::to_string(pages)},
      {"has_pager", pages > 1},
      {"filtered", has_filters(p)},
      {"due_only", p.due_only},
      {"include_closed", p.include_closed},
      {"can_write", ctx.can_write()},
      {"actions", action_options(ctx, p.last_action)},
      {"sorts", sort_options(ctx, p.sort)},
      {"sort", sort_links(p)},
  };
  if (p.page > 1) data["prev_href"] = list_url(p, p.sort, p.page - 1);
  if (p.page < pages) data["next_href"] = list_url(p, p.sort, p.page + 1);
  form.put_into(data);
  std::string title = ctx.text(p.due_only ? "case_list.due_title" : "case_list.title");
  data["heading"] = title;
  return ctx.page("case_list", data, title, form.has_errors() ? 422 : 200);
}

// The open cases whose payment agreement is defaulted: due, with the warning of termination as
// the next step (the same test as the TODO counter). Read page by page from the cache.
Result<std::vector<CaseListItem>> defaulted_agreements(PageContext& ctx, Date today) {
  constexpr int kBatch = 1000;
  constexpr int kBatchesMax = 100;  // 100,000 due cases: a limit on everything
  CaseQuery query;
  query.only_open = true;
  query.follow_up_to = today;
  query.sort = CaseSort::review_date_asc;
  query.limit = kBatch;
  std::vector<CaseListItem> out;
  for (int batch = 0; batch < kBatchesMax; ++batch) {
    query.offset = batch * kBatch;
    auto page = search_cases(ctx.db(), ctx.actor(), ctx.account_id(), query);
    if (!page) return page.error();
    for (auto& item : page->items)
      if (item.next_action_type == ActionType::agreement_default_warning)
        out.push_back(std::move(item));
    if (query.offset + kBatch >= page->total) break;
  }
  return out;
}

mstch::map todo_item(const PageContext& ctx, const char* key, int64_t count, std::string href,
                     bool later) {
  std::string k(key);
  mstch::map item{
      {"label", ctx.text("todo." + k)},
      {"text", ctx.text("todo." + k + "_text")},
      {"count", std::to_string(count)},
      {"alert", count > 0},
      {"later", later},
  };
  if (!href.empty()) item["href"] = std::move(href);
  return item;
}

Response show_todo(PageContext& ctx) {
  const Date today = ctx.clock().today();
  auto counts = todo_counters(ctx.db(), ctx.actor(), ctx.account_id(), today);
  if (!counts) return ctx.error_page(counts.error());
  auto defaulted = defaulted_agreements(ctx, today);
  if (!defaulted) return ctx.error_page(defaulted.error());

  mstch::array items{
      todo_item(ctx, "follow_up", counts->follow_up, "/sager?opfoelgning=1", false),
      todo_item(ctx, "documents", counts->documents_to_print, "/udskriv", false),
      todo_item(ctx, "court_fees", counts->court_fees, "/todo/retsafgifter", false),
      todo_item(ctx, "defaulted", counts->defaulted_agreements,
                counts->defaulted_agreements > 0 ? "#misligholdte" : "", false),
      todo_item(ctx, "agreement_requests", counts->agreement_requests, "", true),
  };
  mstch::array rows;
  for (const auto& item : *defaulted) rows.push_back(case_row(ctx, item, today));
  mstch::map data{
      {"items", items},
      {"rows", rows},
      {"has_defaulted", !rows.empty()},
  };
  return ctx.page("todo", data, ctx.text("todo.title"));
}

}  // namespace

void register_case_list_pages(WebApp& app) {
  app.get("/sager", Access::account, show_cases);
  app.get("/todo", Access::account, show_todo);
}

}  // namespace inkasso::web
