#include "jobs/digest_mail.h"

#include <string_view>
#include <vector>

#include "core/text.h"

namespace inkasso {

namespace {

struct Line {
  std::string label;  // "Sager til opfølgning"
  int64_t count = 0;
  std::string path;      // "/sager?opfoelgning=1"
  std::string singular;  // "sag til opfølgning", for the subject
  std::string plural;    // "sager til opfølgning"
};

std::vector<Line> lines_of(const DigestCounts& c) {
  return {
      {"Sager til opfølgning", c.follow_up, "/sager?opfoelgning=1", "sag til opfølgning",
       "sager til opfølgning"},
      {"Dokumenter til udskrivning", c.documents_to_print, "/udskriv", "dokument til udskrivning",
       "dokumenter til udskrivning"},
      {"Retsafgifter til overførsel", c.court_fees, "/todo/retsafgifter",
       "retsafgift til overførsel", "retsafgifter til overførsel"},
      {"Misligholdte aftaler", c.defaulted_agreements, "/todo#misligholdte", "misligholdt aftale",
       "misligholdte aftaler"},
      {"Betalingsaftale anmodninger", c.agreement_requests, "/todo", "anmodning om betalingsaftale",
       "anmodninger om betalingsaftale"},
  };
}

}  // namespace

DigestMail compose_digest_mail(const DigestRecipient& to, const DigestCounts& counts, Date today,
                               Date unchanged_since, const std::string& public_url,
                               const std::string& unsubscribe_token) {
  DigestMail m;
  m.to = to.email;
  m.unsubscribe_url = public_url + "/opfoelgningsmail/afmeld/" + unsubscribe_token;
  m.one_click_url = m.unsubscribe_url + "/et-klik";
  m.todo_url = public_url + "/todo";
  const std::vector<Line> lines = lines_of(counts);

  // The subject names the first thing there is to do (the caller sends nothing when all are 0).
  for (const Line& l : lines) {
    if (l.count == 0) continue;
    m.subject = std::to_string(l.count) + " " + (l.count == 1 ? l.singular : l.plural) + " hos " +
                to.account_name;
    break;
  }

  const std::string greeting = to.first_name.empty() ? "Hej" : "Hej " + to.first_name;
  const std::string intro = "Her er, hvad der venter på dig hos " + to.account_name + " i dag (" +
                            today.to_danish() + "):";
  const std::string unchanged =
      unchanged_since < today ? "Tallene er uændrede siden " + unchanged_since.to_danish() + "."
                              : "";
  const std::string footer =
      "Du får denne mail, fordi du er tilmeldt opfølgningsservicen. Vi sender højst én mail pr. "
      "dag, og kun når der er noget at gøre.";

  std::string& t = m.text;
  t += greeting + "\n\n" + intro + "\n\n";
  for (const Line& l : lines) {
    t += l.label + ": " + std::to_string(l.count) + "\n";
    if (l.count > 0) t += "  " + public_url + l.path + "\n";
  }
  t += "\n";
  if (!unchanged.empty()) t += unchanged + "\n\n";
  t += "Se det hele under TODO: " + m.todo_url + "\n\n";
  t += footer + "\n";
  t += "Afmeld opfølgningsmailen med ét klik: " + m.unsubscribe_url + "\n";

  std::string& h = m.html;
  h += "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>" +
       html_escape(m.subject) + "</title></head><body>";
  h += "<p>" + html_escape(greeting) + "</p><p>" + html_escape(intro) + "</p><table>";
  for (const Line& l : lines) {
    h += "<tr><td>";
    if (l.count > 0)
      h += "<a href=\"" + html_escape(public_url + l.path) + "\">" + html_escape(l.label) + "</a>";
    else
      h += html_escape(l.label);
    h += "</td><td align=\"right\">" +
         (l.count > 0 ? "<b>" + std::to_string(l.count) + "</b>" : std::to_string(l.count)) +
         "</td></tr>";
  }
  h += "</table>";
  if (!unchanged.empty()) h += "<p>" + html_escape(unchanged) + "</p>";
  h += "<p><a href=\"" + html_escape(m.todo_url) + "\">Se det hele under TODO</a></p>";
  h += "<p><small>" + html_escape(footer) + " <a href=\"" + html_escape(m.unsubscribe_url) +
       "\">Afmeld opfølgningsmailen</a></small></p></body></html>";
  return m;
}

}  // namespace inkasso
