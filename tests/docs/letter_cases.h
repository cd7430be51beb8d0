// Realistic cases for the letter tests, built step by step through the law's checks
// (check_new_action) so that every letter tested is one the product could really send, and the
// helpers to look at a PDF (pdftotext, pdftoppm).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/case_model.h"
#include "core/rules.h"
#include "docs/letter_data.h"
#include "docs/letter_pdf.h"
#include "docs/sample_letters.h"
#include "docs/templates.h"

namespace inkasso::testing {

// Adds `a` after checking it as the product would (a refusal fails the test).
inline void take(CaseHistory& h, Action a) {
  auto st = check_new_action(h, a);
  ASSERT_TRUE(st.ok()) << to_string(a.type) << " " << a.date.to_iso() << ": " << st.error().message;
  h.actions.push_back(a);
}

inline Action act(ActionType type, Date date) {
  Action a;
  a.type = type;
  a.date = date;
  return a;
}

inline Action reminder(Date date, int64_t fee_kr, bool compensation = false,
                       ActionType type = ActionType::reminder) {
  Action a = act(type, date);
  a.fee = Money::from_kroner(fee_kr);
  a.compensation = compensation;
  return a;
}

// A business debtor owing one invoice of 10.000,00 kr. due 4 February 2026 on the standard
// track; interest (procesrente 1,75 % + 8 = 9,75 % in 2026) from the 31st day after the due
// date, i.e. from 7 March 2026.
//   reminder 1   7 Feb 2026: 100 kr. fee + 310 kr. compensation
//   reminder 2  19 Feb 2026: 100 kr. fee (12 days later)
//   notice       3 Mar 2026: 100 kr. fee
//   payment     10 Mar 2026: 500 kr.
//   demand      15 Mar 2026
inline CaseHistory company_case() {
  CaseHistory h;
  h.debtor = DebtorKind::company;
  h.track = Track::standard;
  h.claims.push_back({"Faktura 2026-117", Date::ymd(2026, 1, 5), Date::ymd(2026, 2, 4),
                      Money::from_kroner(10'000)});
  return h;
}

struct Built {
  CaseHistory history;
  size_t index = 0;
};

// The company case up to and including the first action of `type` along the standard track
// (and the agreement, court and free-letter branches).
inline Built company_case_until(ActionType type) {
  Built b{company_case(), 0};
  CaseHistory& h = b.history;
  auto done = [&](ActionType t) {
    if (t == type) {
      b.index = h.actions.size() - 1;
      return true;
    }
    return false;
  };
  take(h, reminder(Date::ymd(2026, 2, 7), 100, true));
  if (done(ActionType::reminder)) return b;
  if (type == ActionType::letter) {
    take(h, act(ActionType::letter, Date::ymd(2026, 2, 10)));
    done(ActionType::letter);
    return b;
  }
  take(h, reminder(Date::ymd(2026, 2, 19), 100));
  take(h, reminder(Date::ymd(2026, 3, 3), 100, false, ActionType::collection_notice));
  if (done(ActionType::collection_notice)) return b;
  h.payments.push_back({Date::ymd(2026, 3, 10), Money::from_kroner(500)});
  take(h, act(ActionType::collection_demand, Date::ymd(2026, 3, 15)));
  if (done(ActionType::collection_demand)) return b;
  if (type == ActionType::payment_agreement || type == ActionType::agreement_default_warning ||
      type == ActionType::agreement_terminated) {
    Action a = act(ActionType::payment_agreement, Date::ymd(2026, 3, 20));
    a.instalment = Money::from_kroner(1'000);
    a.first_date = Date::ymd(2026, 4, 1);
    a.down_payment = Money::from_kroner(2'000);
    a.down_date = Date::ymd(2026, 3, 25);
    take(h, a);
    if (done(ActionType::payment_agreement)) return b;
    // The down payment comes; the instalment of 1 April does not.
    h.payments.push_back({Date::ymd(2026, 3, 25), Money::from_kroner(2'000)});
    take(h, act(ActionType::agreement_default_warning, Date::ymd(2026, 4, 8)));
    if (done(ActionType::agreement_default_warning)) return b;
    Action t = act(ActionType::agreement_terminated, Date::ymd(2026, 4, 20));
    t.track = Track::standard;
    take(h, t);
    done(ActionType::agreement_terminated);
    return b;
  }
  if (type == ActionType::enforcement_request) {
    Action f = act(ActionType::fundament, Date::ymd(2026, 3, 20));
    f.fundament = FundamentKind::skyldnererklaering;
    take(h, f);
    Action e = act(ActionType::enforcement_request, Date::ymd(2026, 3, 27));
    e.court_fee_added = true;
    take(h, e);
    done(ActionType::enforcement_request);
    return b;
  }
  Action offer = act(ActionType::settlement_offer, Date::ymd(2026, 3, 25));
  offer.discount_bp = 2000;
  offer.deadline = Date::ymd(2026, 4, 8);
  take(h, offer);
  if (done(ActionType::settlement_offer)) return b;
  if (type == ActionType::missing_payment_letter) {
    Action change = act(ActionType::track_change, Date::ymd(2026, 4, 9));
    change.track = Track::gentle;
    take(h, change);
    take(h, act(ActionType::missing_payment_letter, Date::ymd(2026, 4, 24)));
    done(ActionType::missing_payment_letter);
    return b;
  }
  Action order = act(ActionType::payment_order, Date::ymd(2026, 4, 24));
  order.court_fee_added = true;
  take(h, order);
  done(ActionType::payment_order);
  return b;
}

inline LetterInput input_for(const Built& b, int64_t case_number = 1042) {
  LetterInput in;
  in.history = b.history;
  in.action_index = b.index;
  in.case_number = case_number;
  in.creditor = sample_creditor();
  in.debtor = sample_debtor(b.history.debtor);
  in.portal = sample_portal(case_number);
  in.court = sample_court();
  if (b.history.actions[b.index].type == ActionType::letter) {
    in.subject = "Aftale om levering af restordre";
    in.text =
        "Tak for samtalen i dag.\n\nSom aftalt leverer vi restordren, når fakturaen er "
        "betalt. Skriv endelig, hvis <noget> & andet er uklart.";
  }
  return in;
}

inline std::filesystem::path build_dir() {
  std::array<char, 4096> buf{};
  ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  return std::filesystem::path(std::string(buf.data(), n > 0 ? static_cast<size_t>(n) : 0))
      .parent_path();
}

inline std::string run(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int st = pclose(p);
  if (status) *status = st;
  return out;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// pdftotext -layout of the PDF; the PDF is kept as <name>.pdf and rendered to PNG pages
// <name>-N.png (pdftoppm -r 60) in build-dir/letters-png for people to look at.
inline std::string pdf_text(const std::string& pdf, const std::string& name) {
  auto dir = build_dir() / "letters-png";
  std::filesystem::create_directories(dir);
  auto file = dir / (name + ".pdf");
  write_file(file, pdf);
  run("pdftoppm -r 60 -png '" + file.string() + "' '" + (dir / name).string() + "'");
  return run("pdftotext -layout '" + file.string() + "' -");
}

inline int pdf_pages(const std::string& pdf, const std::string& name) {
  auto file = build_dir() / "letters-png" / (name + ".pdf");
  std::filesystem::create_directories(file.parent_path());
  write_file(file, pdf);
  std::string info = run("pdfinfo '" + file.string() + "'");
  auto at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));
}

}  // namespace inkasso::testing
