// The letter's content (build_letter_data), its frozen JSON snapshot, and the templates:
// defaults, validation and that nothing a value holds becomes markup.
#include <gtest/gtest.h>

#include "docs/letter_data.h"
#include "docs/letter_markup.h"
#include "docs/templates.h"
#include "letter_cases.h"

namespace inkasso {
namespace {

using testing::company_case_until;
using testing::input_for;

LetterData build(ActionType type) {
  auto d = build_letter_data(input_for(company_case_until(type)));
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : LetterData{};
}

TEST(LetterData, FirstReminderCarriesItsFeeAndCompensation) {
  LetterData d = build(ActionType::reminder);
  EXPECT_EQ(d.kind, "reminder");
  EXPECT_EQ(d.letter_date, Date::ymd(2026, 2, 7));
  EXPECT_EQ(d.reminder_number, 1);
  EXPECT_EQ(d.fee, Money::from_kroner(100));
  // A business debtor: 310 kr. compensation for the one overdue invoice (renteloven § 9 a).
  EXPECT_EQ(d.compensation, Money::from_kroner(310));
  // 10.000,00 principal + 100,00 fee + 310,00 compensation, no interest before 7 March.
  EXPECT_EQ(d.amounts.outstanding_total, Money::from_kroner(10'410));
  EXPECT_EQ(d.amounts.interest, Money::zero());
  EXPECT_EQ(d.pay_by, Date::ymd(2026, 2, 17));  // 10 days
  // Interest from the 31st day after the due date 4 February; 1,75 % + 8 = 9,75 % in 2026.
  EXPECT_EQ(d.amounts.interest_from, Date::ymd(2026, 3, 7));
  EXPECT_EQ(d.amounts.interest_rate_bp, 975);
  // FI line: payer id 00000000001042 + Luhn digit. Weighted sum 1·1 + 0·2 + 4·1 + 2·2 = 9,
  // check digit (10 − 9) mod 10 = 1.
  EXPECT_EQ(d.fi_line, "+71<000000000010421+85412347<");
  // The debtor is a company: its CVR number, no CPR.
  EXPECT_EQ(d.debtor.cvr, "31415926");
  EXPECT_TRUE(d.debtor.cpr.empty());
}

TEST(LetterData, PersonDebtorsCprIsMaskedInTheLetter) {
  auto built = company_case_until(ActionType::reminder);
  built.history.debtor = DebtorKind::person;
  built.history.actions[0].compensation = false;
  LetterInput in = input_for(built);
  in.debtor = sample_debtor(DebtorKind::person);
  auto d = build_letter_data(in);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->debtor.cpr, "010782-XXXX");
  EXPECT_EQ(letter_to_json(*d).find("0107821234"), std::string::npos);
}

TEST(LetterData, CollectionDemandAmountsAfterAPartPayment) {
  LetterData d = build(ActionType::collection_demand);
  // Interest at 9,75 % on 10.000,00 from 7 March:
  //   7-10 March (4 days, rounded at the payment): 10.000 × 0,0975 × 4 / 365 = 10,68
  //   11-15 March (5 days): 10.000 × 0,0975 × 5 / 365 = 13,36           → interest 24,04
  // The 500,00 paid on 10 March covers the 10,68 interest first, then 489,32 of the fees.
  // Total: 10.000,00 + 24,04 + 610,00 fees − 500,00 = 10.134,04.
  EXPECT_EQ(d.amounts.interest, Money::from_ore(2404));
  EXPECT_EQ(d.amounts.fees, Money::from_kroner(610));
  EXPECT_EQ(d.amounts.paid, Money::from_kroner(500));
  EXPECT_EQ(d.amounts.allocated_interest, Money::from_ore(1068));
  EXPECT_EQ(d.amounts.allocated_fees, Money::from_ore(48932));
  EXPECT_EQ(d.amounts.outstanding_total, Money::from_ore(1'013'404));
  EXPECT_EQ(d.notice_date, Date::ymd(2026, 3, 3));
  EXPECT_EQ(d.fee, Money::zero());
}

TEST(LetterData, SettlementOfferQuotesTheCourtAlternative) {
  LetterData d = build(ActionType::settlement_offer);
  ASSERT_TRUE(d.settlement.has_value());
  // 25 March: interest 10,68 + 11-25 March 15 days 10.000 × 0,0975 × 15 / 365 = 40,07 = 50,75.
  // Owed 10.000,00 + 50,75 + 610,00 − 500,00 = 10.160,75; 20 % off: 8.128,60, saving 2.032,15.
  EXPECT_EQ(d.settlement->total, Money::from_ore(1'016'075));
  EXPECT_EQ(d.settlement->offered_amount, Money::from_ore(812'860));
  EXPECT_EQ(d.settlement->saving, Money::from_ore(203'215));
  EXPECT_EQ(d.settlement->deadline, Date::ymd(2026, 4, 8));
  // At court 30 days after the deadline (8 May): 11 March-8 May 59 days = 157,60 interest,
  // + 10,68 = 168,28; 10.000 + 168,28 + 610 − 500 = 10.278,28, + 750,00 court fee = 11.028,28.
  EXPECT_EQ(d.settlement->court_date, Date::ymd(2026, 5, 8));
  EXPECT_EQ(d.settlement->total_if_court, Money::from_ore(1'102'828));
  EXPECT_EQ(d.pay_by, Date::ymd(2026, 4, 8));
}

TEST(LetterData, PaymentAgreementSchedule) {
  LetterData d = build(ActionType::payment_agreement);
  ASSERT_TRUE(d.agreement.has_value());
  const LetterAgreement& g = *d.agreement;
  // 20 March: interest 10,68 + 11-20 March 10 days 26,71 = 37,39;
  // debt 10.000 + 37,39 + 610 − 500 = 10.147,39.
  EXPECT_EQ(g.debt_at_start, Money::from_ore(1'014'739));
  EXPECT_EQ(g.down_payment, Money::from_kroner(2'000));
  EXPECT_EQ(g.instalment, Money::from_kroner(1'000));
  EXPECT_EQ(g.first_date, Date::ymd(2026, 4, 1));
  EXPECT_EQ(g.annual_rate_bp, 975);
  // 8.147,39 after the down payment plus interest needs 9 instalments: 8 full ones and a
  // smaller last one on 1 December 2026.
  EXPECT_EQ(g.instalments, 9);
  EXPECT_EQ(g.last_date, Date::ymd(2026, 12, 1));
  EXPECT_GT(g.last_instalment, Money::zero());
  EXPECT_LE(g.last_instalment, g.instalment);
  // Everything paid = the debt at the start + the interest during the agreement.
  EXPECT_EQ(g.total_paid, g.debt_at_start + g.total_interest);
  EXPECT_EQ(g.total_paid, g.down_payment +
                              Money::from_ore(g.instalment.ore() * (g.instalments - 1)) +
                              g.last_instalment);
  EXPECT_EQ(d.pay_by, Date::ymd(2026, 3, 25));  // the down payment's date
}

TEST(LetterData, DefaultWarningNamesTheArrears) {
  LetterData d = build(ActionType::agreement_default_warning);
  ASSERT_TRUE(d.agreement.has_value());
  // Due by 8 April: the down payment 2.000 and the 1 April instalment 1.000; paid 2.000.
  EXPECT_EQ(d.agreement->missed_date, Date::ymd(2026, 4, 1));
  EXPECT_EQ(d.agreement->due_so_far, Money::from_kroner(3'000));
  EXPECT_EQ(d.agreement->paid_since_agreement, Money::from_kroner(2'000));
  EXPECT_EQ(d.agreement->arrears, Money::from_kroner(1'000));
  EXPECT_EQ(d.agreement->termination_date, Date::ymd(2026, 4, 18));  // + 10 days
}

TEST(LetterData, PaymentOrderFillsTheCourtForm) {
  LetterData d = build(ActionType::payment_order);
  ASSERT_TRUE(d.court.has_value());
  const LetterCourt& c = *d.court;
  EXPECT_EQ(c.court.name, "Retten i Odense");
  EXPECT_EQ(c.court_fee, Money::from_kroner(750));
  EXPECT_TRUE(c.court_fee_added);
  EXPECT_EQ(c.reminder_fees, Money::from_kroner(300));  // three reminders of 100,00
  EXPECT_EQ(c.compensation, Money::from_kroner(310));
  // 24 April: interest 10,68 + 11 March-24 April 45 days 10.000 × 0,0975 × 45 / 365 = 120,21
  // = 130,89; 10.000 + 130,89 + 300 + 310 + 750 − 500 = 10.990,89.
  EXPECT_EQ(d.amounts.interest, Money::from_ore(13'089));
  EXPECT_EQ(c.claim_total, Money::from_ore(1'099'089));
  EXPECT_EQ(d.notice_date, Date::ymd(2026, 3, 3));
  EXPECT_EQ(d.notice_deadline, Date::ymd(2026, 3, 13));
}

TEST(LetterData, EnforcementRequestNamesTheFundament) {
  LetterData d = build(ActionType::enforcement_request);
  ASSERT_TRUE(d.court.has_value());
  EXPECT_EQ(d.court->fundament, "skyldnererklæring");
  EXPECT_EQ(d.court->fundament_date, Date::ymd(2026, 3, 20));
  // 27 March: 10,68 + 11-27 March 17 days 45,41 = 56,09; 10.000 + 56,09 + 610 + 750 − 500.
  EXPECT_EQ(d.court->claim_total, Money::from_ore(1'091'609));
}

TEST(LetterData, RefusesActionsWithoutADocumentAndBadInput) {
  auto built = company_case_until(ActionType::enforcement_request);
  LetterInput in = input_for(built);
  in.action_index = built.index - 1;  // the fundament: no letter
  auto r = build_letter_data(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_input");
  in.action_index = 99;
  EXPECT_FALSE(build_letter_data(in).ok());
  in.action_index = built.index;
  in.creditor.fi_creditor_no = "1234";  // not 8 digits
  r = build_letter_data(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "fi_creditor_no");
  in.creditor.fi_creditor_no.clear();  // no FI number: no FI line, and that is fine
  r = build_letter_data(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->fi_line.empty());
}

TEST(LetterJson, RoundTripIsExactForEveryKind) {
  for (ActionType t :
       {ActionType::reminder, ActionType::collection_notice, ActionType::collection_demand,
        ActionType::settlement_offer, ActionType::missing_payment_letter,
        ActionType::payment_agreement, ActionType::agreement_default_warning,
        ActionType::agreement_terminated, ActionType::payment_order,
        ActionType::enforcement_request, ActionType::letter}) {
    LetterData d = build(t);
    // Binary logo bytes, every byte value, survive.
    for (int b = 0; b < 256; ++b) d.creditor.logo_png += static_cast<char>(b);
    std::string json = letter_to_json(d);
    auto back = letter_from_json(json);
    ASSERT_TRUE(back.ok()) << to_string(t) << ": " << back.error().message;
    EXPECT_TRUE(*back == d) << to_string(t);
    EXPECT_EQ(letter_to_json(*back), json);
  }
}

TEST(LetterJson, MoneyIsOreAndDatesAreIso) {
  std::string json = letter_to_json(build(ActionType::reminder));
  EXPECT_NE(json.find("\"outstanding_total\":1041000"), std::string::npos) << json;
  EXPECT_NE(json.find("\"letter_date\":\"2026-02-07\""), std::string::npos);
}

TEST(LetterJson, RefusesBrokenSnapshots) {
  EXPECT_FALSE(letter_from_json("").ok());
  EXPECT_FALSE(letter_from_json("{}").ok());
  std::string json = letter_to_json(build(ActionType::reminder));
  std::string bad = json;
  bad.replace(bad.find("2026-02-07"), 10, "2026-02-30");
  EXPECT_FALSE(letter_from_json(bad).ok());
  EXPECT_EQ(letter_from_json(json.substr(0, json.size() / 2)).error().code, "invalid_snapshot");
}

TEST(Templates, KeysAndParts) {
  EXPECT_EQ(all_template_keys().size(), 13u);
  EXPECT_EQ(template_keys_for(ActionType::collection_notice),
            (std::vector<std::string>{"collection_notice", "debtor_declaration",
                                      "voluntary_settlement"}));
  EXPECT_EQ(template_keys_for(ActionType::reminder), std::vector<std::string>{"reminder"});
  for (ActionType t : {ActionType::pause, ActionType::track_change, ActionType::close,
                       ActionType::fundament, ActionType::settlement_accepted})
    EXPECT_TRUE(template_keys_for(t).empty()) << to_string(t);
  for (const auto& key : all_template_keys()) {
    EXPECT_FALSE(template_title(key).empty()) << key;
    auto st = validate_template(default_template(key));
    EXPECT_TRUE(st.ok()) << key << ": " << (st.ok() ? "" : st.error().message);
  }
  EXPECT_TRUE(default_template("nonsense").empty());
}

TEST(Templates, DefaultsSayWhatTheLawRequires) {
  EXPECT_NE(default_template("reminder").find("renteloven § 9 b"), std::string::npos);
  // Inkassoloven § 10: costs follow if not paid within at least 10 days.
  auto notice = default_template("collection_notice");
  EXPECT_NE(notice.find("yderligere omkostninger"), std::string::npos);
  EXPECT_NE(notice.find("mindst 10 dage"), std::string::npos);
  EXPECT_NE(default_template("collection_demand").find("inkassoomkostninger"), std::string::npos);
  auto agreement = default_template("payment_agreement");
  EXPECT_NE(agreement.find("ikke fri for renter og gebyrer"), std::string::npos);
  EXPECT_NE(agreement.find("ophæve aftalen"), std::string::npos);
  EXPECT_NE(default_template("debtor_declaration").find("§ 478, stk. 1, nr. 5"), std::string::npos);
}

Status check(std::string_view t) {
  return validate_template(t);
}

void expect_refused(std::string_view t, const std::string& fragment) {
  auto st = check(t);
  ASSERT_FALSE(st.ok()) << t;
  EXPECT_EQ(st.error().code, "invalid_template");
  EXPECT_NE(st.error().message.find(fragment), std::string::npos)
      << t << " → " << st.error().message;
}

TEST(Templates, ValidationRefusesWithTheLine) {
  EXPECT_TRUE(check("<p>Hej {{debtor_name}}</p>\n{{#has_fee}}<p>{{fee}}</p>{{/has_fee}}").ok());
  expect_refused("<p>ok</p>\n<p>{{belob}}</p>", "Linje 2: ukendt felt {{belob}}");
  expect_refused("{{#has_fee}}\n<p>x</p>\n", "Linje 1: {{#has_fee}} er ikke lukket");
  expect_refused("{{#has_fee}}{{#claims}}\n{{/has_fee}}{{/claims}}",
                 "Linje 2: {{/has_fee}} passer");
  expect_refused("{{{debtor_name}}}", "{{{ }}}");
  expect_refused("{{&debtor_name}}", "{{{ }}}");
  expect_refused("{{> header}}", "indlejre");
  expect_refused("{{=<% %>=}}", "skilletegn");
  expect_refused("<p>x</p>\n\n<div>y</div>", "Linje 3: ukendt mærke <div>");
  expect_refused("<p>a\n<b>b</p>", "</p> passer ikke: <b> fra linje 2");
  expect_refused("<table>\n<tr><td>x</td></tr>\n", "Linje 1: <table> er ikke lukket");
  expect_refused("<td>x</td>", "<td> skal stå i <tr>");
  expect_refused("<p>a < b</p>", "&lt;");
  expect_refused("<td align=\"center\">", "kender ikke egenskaben");
  expect_refused("<p><h1>x</h1></p>", "<h1> kan ikke stå inden i <p>");
  // Markup a section opens must close inside it, or leaving the section out breaks the letter.
  expect_refused("<p>{{#has_fee}}<b>{{/has_fee}}x</b></p>", "sektionen fra linje 1");
  expect_refused("{{debtor_name", "er ikke lukket med }}");
  expect_refused(std::string(100'001, 'x'), "for lang");
}

TEST(Templates, ValuesNeverBecomeMarkup) {
  LetterData d = build(ActionType::letter);
  d.debtor.name = "<b>Ond</b> & Co </p><h1>";
  auto body = render_body(
      "<p>Til {{debtor_name}}</p>\n{{#text_paragraphs}}<p>{{.}}</p>{{/text_paragraphs}}", d);
  ASSERT_TRUE(body.ok()) << body.error().message;
  auto blocks = parse_markup(*body);
  ASSERT_TRUE(blocks.ok()) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 3u);  // the name's paragraph and the text's two
  EXPECT_EQ((*blocks)[0].kind, BlockKind::paragraph);
  EXPECT_EQ((*blocks)[0].pango, "Til &lt;b&gt;Ond&lt;/b&gt; &amp; Co &lt;/p&gt;&lt;h1&gt;");
  std::string plain = markup_plain_text(*blocks);
  EXPECT_EQ(plain.substr(0, plain.find('\n')), "Til <b>Ond</b> & Co </p><h1>");
  EXPECT_NE((*blocks)[2].pango.find("&lt;noget&gt; &amp; andet"), std::string::npos);
}

TEST(Markup, ParagraphsTablesAndEntities) {
  auto blocks = parse_markup(
      "Første afsnit\nfortsætter her.\n\nAndet &amp; <b>fed</b> &#248;\n<table><tr class=\"total\">"
      "<th>A</th><td align=\"right\">1,00 kr.</td></tr></table><pagebreak/><ul><li>punkt</li></ul>"
      "<sign>Underskrift</sign>");
  ASSERT_TRUE(blocks.ok()) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 6u);
  EXPECT_EQ((*blocks)[0].pango, "Første afsnit fortsætter her.");
  EXPECT_EQ((*blocks)[1].pango, "Andet &amp; <b>fed</b> ø");
  EXPECT_EQ((*blocks)[2].kind, BlockKind::table);
  EXPECT_TRUE((*blocks)[2].rows[0].total);
  EXPECT_TRUE((*blocks)[2].rows[0].cells[0].header);
  EXPECT_EQ((*blocks)[2].rows[0].cells[1].align, Align::right);
  EXPECT_EQ((*blocks)[3].kind, BlockKind::page_break);
  EXPECT_EQ((*blocks)[4].kind, BlockKind::list_item);
  EXPECT_EQ((*blocks)[5].kind, BlockKind::signature);
}

}  // namespace
}  // namespace inkasso
