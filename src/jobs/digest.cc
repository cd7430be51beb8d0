#include "jobs/digest.h"

#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "app/local_time.h"
#include "app/todo.h"
#include "jobs/digest_unsubscribe.h"
#include "jobs/job_lock.h"

namespace inkasso {

namespace {

constexpr std::string_view kJobName = "digest";

// SQLite reports INTEGER PRIMARY KEY columns as int and BIGINT as long long; PostgreSQL BIGINT
// as long long.
int64_t integer_at(const soci::row& r, std::size_t i) {
  if (r.get_properties(i).get_data_type() == soci::dt_integer) return r.get<int>(i);
  return r.get<long long>(i);
}

std::vector<DigestRecipient> subscribed_members(Database& db) {
  soci::session sql(db.pool());
  std::vector<DigestRecipient> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT m.user_id, m.account_id, u.email, u.first_name, a.name "
                      "FROM memberships m JOIN users u ON u.id = m.user_id "
                      "JOIN accounts a ON a.id = m.account_id "
                      "WHERE u.digest_subscribed = 1 ORDER BY m.user_id, m.account_id");
  for (const soci::row& r : rows)
    out.push_back(DigestRecipient{integer_at(r, 0), r.get<std::string>(2), r.get<std::string>(3),
                                  integer_at(r, 1), r.get<std::string>(4)});
  return out;
}

std::optional<DigestState> load_state(soci::session& sql, int64_t user, int64_t account) {
  long long u = user, a = account;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT follow_up, documents_to_print, court_fees, defaulted_agreements, "
                      "agreement_requests, unchanged_since_day, last_sent_day FROM digest_state "
                      "WHERE user_id = :u AND account_id = :a",
       soci::use(u), soci::use(a));
  for (const soci::row& r : rows) {
    DigestState s;
    s.counts = {integer_at(r, 0), integer_at(r, 1), integer_at(r, 2), integer_at(r, 3),
                integer_at(r, 4)};
    auto since = Date::parse(r.get<std::string>(5));
    if (!since) return std::nullopt;  // unreadable: start afresh, as for a new member
    s.unchanged_since = *since;
    if (r.get_indicator(6) == soci::i_ok)
      if (auto last = Date::parse(r.get<std::string>(6))) s.last_sent = *last;
    return s;
  }
  return std::nullopt;
}

void save_state(soci::session& sql, int64_t user, int64_t account, const DigestState& s,
                Date today) {
  long long u = user, a = account, f = s.counts.follow_up, d = s.counts.documents_to_print,
            c = s.counts.court_fees, m = s.counts.defaulted_agreements,
            r = s.counts.agreement_requests;
  std::string since = s.unchanged_since.to_iso(), observed = today.to_iso(),
              last = s.last_sent ? s.last_sent->to_iso() : std::string();
  soci::indicator last_ind = s.last_sent ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO digest_state (user_id, account_id, follow_up, documents_to_print, "
         "court_fees, defaulted_agreements, agreement_requests, unchanged_since_day, "
         "observed_day, last_sent_day) VALUES (:u, :a, :f, :d, :c, :m, :r, :s, :o, :l) "
         "ON CONFLICT (user_id, account_id) DO UPDATE SET follow_up = excluded.follow_up, "
         "documents_to_print = excluded.documents_to_print, court_fees = excluded.court_fees, "
         "defaulted_agreements = excluded.defaulted_agreements, "
         "agreement_requests = excluded.agreement_requests, "
         "unchanged_since_day = excluded.unchanged_since_day, "
         "observed_day = excluded.observed_day, last_sent_day = excluded.last_sent_day",
      soci::use(u), soci::use(a), soci::use(f), soci::use(d), soci::use(c), soci::use(m),
      soci::use(r), soci::use(since), soci::use(observed), soci::use(last, last_ind);
}

// Claims today's mail for (user, account): true when this runner may send it.
bool claim_send(soci::session& sql, const DigestRecipient& to, Date today,
                const std::string& holder, const std::string& subject, int64_t now_unix) {
  long long u = to.user_id, a = to.account_id, now = now_unix;
  std::string day = today.to_iso();
  soci::statement st =
      (sql.prepare << "INSERT INTO digest_sends (user_id, account_id, day, status, holder, "
                      "subject, created_at) VALUES (:u, :a, :d, 'sending', :h, :s, :t) "
                      "ON CONFLICT (user_id, account_id, day) DO NOTHING",
       soci::use(u), soci::use(a), soci::use(day), soci::use(holder), soci::use(subject),
       soci::use(now));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void finish_send(soci::session& sql, const DigestRecipient& to, Date today,
                 const std::string& status, const std::string& error,
                 const std::string& provider_id, int64_t now_unix) {
  long long u = to.user_id, a = to.account_id, now = now_unix;
  std::string day = today.to_iso();
  sql << "UPDATE digest_sends SET status = :s, error = :e, provider_id = :p, finished_at = :t "
         "WHERE user_id = :u AND account_id = :a AND day = :d",
      soci::use(status), soci::use(error), soci::use(provider_id), soci::use(now), soci::use(u),
      soci::use(a), soci::use(day);
}

// A temporary failure: the claim is dropped, so the retry (this runner's or another's) may send.
void drop_claim(soci::session& sql, const DigestRecipient& to, Date today) {
  long long u = to.user_id, a = to.account_id;
  std::string day = today.to_iso();
  sql << "DELETE FROM digest_sends WHERE user_id = :u AND account_id = :a AND day = :d "
         "AND status = 'sending'",
      soci::use(u), soci::use(a), soci::use(day);
}

}  // namespace

Result<DigestConfig> digest_config_from_env() {
  DigestConfig c;
  if (const char* h = std::getenv("INKASSO_DIGEST_HOUR"); h && *h) {
    const std::string_view s(h);
    int hour = -1;
    if (s.size() <= 2 && s.find_first_not_of("0123456789") == std::string_view::npos)
      hour = std::atoi(h);
    if (hour < 0 || hour > 23)
      return Error{app_error::kInvalid, "INKASSO_DIGEST_HOUR must be an hour from 0 to 23",
                   "INKASSO_DIGEST_HOUR"};
    c.hour = hour;
  }
  if (const char* u = std::getenv("INKASSO_PUBLIC_URL"); u && *u) {
    c.public_url = u;
    while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  }
  return c;
}

DigestReport run_digest_job(Database& db, const Clock& clock, const SecretBox& box,
                            DigestMailer& mailer, const DigestConfig& config) {
  DigestReport report;
  const int64_t now = clock.now_unix();
  const LocalDateTime local = unix_to_copenhagen(now);
  if (local.hour < config.hour) {
    report.why_not = "before_hour";
    return report;
  }
  const Date today = local.date;
  const std::string holder =
      config.runner_name.empty() ? default_runner_name() : config.runner_name;
  if (!take_job_lock(db, kJobName, today, holder, now, config.lease_seconds)) {
    report.why_not = "locked";
    return report;
  }
  report.ran = true;

  bool channel_down = false;
  for (const DigestRecipient& to : subscribed_members(db)) {
    ++report.recipients;
    // The user's own view of the account, as the TODO page shows it to them.
    auto counters = todo_counters(db, Actor{to.user_id}, to.account_id, today);
    if (!counters) continue;  // the membership went away meanwhile
    const DigestCounts counts{counters->follow_up, counters->documents_to_print,
                              counters->court_fees, counters->defaulted_agreements,
                              counters->agreement_requests};
    soci::session sql(db.pool());
    const std::optional<DigestState> previous = load_state(sql, to.user_id, to.account_id);
    DigestDecision decision = decide_digest(previous, counts, today);
    save_state(sql, to.user_id, to.account_id, decision.next, today);
    if (!decision.send || channel_down) {
      if (decision.send) ++report.retrying;
      continue;
    }

    const DigestMail mail =
        compose_digest_mail(to, counts, today, decision.next.unchanged_since, config.public_url,
                            digest_unsubscribe_token(box, to.user_id));
    if (!claim_send(sql, to, today, holder, mail.subject, now)) continue;  // sent already
    const SendResult result = mailer.send(mail, now);
    switch (result.outcome) {
      case SendOutcome::accepted:
        finish_send(sql, to, today, "sent", "", result.provider_id, now);
        decision.next.last_sent = today;
        save_state(sql, to.user_id, to.account_id, decision.next, today);
        ++report.sent;
        break;
      case SendOutcome::temporary:
        drop_claim(sql, to, today);
        ++report.retrying;
        // A server that cannot be used at all would refuse the rest the same way.
        channel_down = result.channel_down;
        break;
      case SendOutcome::permanent:
        finish_send(sql, to, today, "failed", result.reason, "", now);
        ++report.failed;
        break;
      case SendOutcome::uncertain:
        // It may have arrived: never sent again today (at most one mail a day).
        finish_send(sql, to, today, "uncertain", result.reason, "", now);
        ++report.failed;
        break;
    }
  }

  if (report.retrying > 0)
    release_job_lock(db, kJobName, today, holder, now + config.retry_seconds);
  else
    finish_job_lock(db, kJobName, today, holder, now);
  if (config.log && (report.sent > 0 || report.failed > 0 || report.retrying > 0))
    config.log("digest " + today.to_iso() + ": " + std::to_string(report.sent) + " sent, " +
               std::to_string(report.failed) + " failed, " + std::to_string(report.retrying) +
               " to retry");
  return report;
}

SmtpDigestMailer::SmtpDigestMailer(SmtpConfig config) : sender_(std::move(config)) {}

SendResult SmtpDigestMailer::send(const DigestMail& mail, int64_t now_unix) {
  MailMessage m;
  m.to = mail.to;
  m.subject = mail.subject;
  m.text = mail.text;
  m.html = mail.html;
  m.date_unix = now_unix;
  // The header carries the one-click POST route (RFC 8058); the body links the page with the
  // button (unsubscribe_url), which is what a person clicking in the mail should see.
  m.list_unsubscribe_url = mail.one_click_url;
  return sender_.send(m);
}

}  // namespace inkasso
