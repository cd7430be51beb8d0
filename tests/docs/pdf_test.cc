// Every letter rendered to PDF and read back with pdftotext -layout: the text, the amounts
// (worked examples in letter_test.cc), the FI line, the portal login, the page numbers. Each
// PDF is also rendered to PNG in build-dir/letters-png for people to look at.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "docs/letter_pdf.h"
#include "letter_cases.h"

namespace inkasso {
namespace {

using testing::company_case_until;
using testing::input_for;
using testing::pdf_pages;
using testing::pdf_text;

struct Rendered {
  LetterData data;
  std::string pdf;
  std::string text;
};

Rendered render(ActionType type, const std::string& name) {
  auto built = company_case_until(type);
  auto d = build_letter_data(input_for(built));
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  if (!d.ok()) return {};
  auto pdf = render_default_pdf(*d, template_keys_for(type));
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  if (!pdf.ok()) return {};
  return {*d, *pdf, pdf_text(*pdf, name)};
}

bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

#define EXPECT_HAS(text, what) EXPECT_TRUE(has(text, what)) << "missing \"" << (what) << "\""

// What every letter to the debtor shows: letterhead, window address, date, case number, the
// portal login, the payment details with the FI line, the page numbers.
void expect_letter_frame(const std::string& t, const std::string& date, int pages) {
  EXPECT_HAS(t, "Tømrerfirmaet Bøgh & Søn ApS");
  EXPECT_HAS(t, "Åboulevarden 12");
  EXPECT_HAS(t, "27355021");
  EXPECT_HAS(t, "Østergaard Byg ApS");
  EXPECT_HAS(t, "Nørregade 7, 1. th.");
  EXPECT_HAS(t, "5000 Odense C");
  EXPECT_HAS(t, date);
  EXPECT_HAS(t, "1042");
  EXPECT_HAS(t, "Sags-ID: 1042");
  EXPECT_HAS(t, "Adgangskode: K7M4-XP9D");
  EXPECT_HAS(t, "https://minesager.dk/l/1042-4FJ8Q2ZR");
  EXPECT_HAS(t, "reg.nr. 1234, kontonr. 0012345678");
  EXPECT_HAS(t, "+71<000000000010421+85412347<");
  for (int p = 1; p <= pages; ++p)
    EXPECT_HAS(t, "Side " + std::to_string(p) + " af " + std::to_string(pages));
  EXPECT_FALSE(has(t, "Side " + std::to_string(pages + 1) + " af"));
}

TEST(LetterPdf, Reminder) {
  auto r = render(ActionType::reminder, "reminder");
  expect_letter_frame(r.text, "7. februar 2026", 1);
  EXPECT_HAS(r.text, "Rykker nr. 1");
  // 10.000,00 + 100,00 fee + 310,00 compensation = 10.410,00.
  EXPECT_HAS(r.text, "10.000,00 kr.");
  EXPECT_HAS(r.text, "10.410,00 kr.");
  EXPECT_HAS(r.text, "rykkergebyr på 100,00 kr.");
  EXPECT_HAS(r.text, "kompensationsbeløb på 310,00 kr.");
  EXPECT_HAS(r.text, "Faktura 2026-117");
  EXPECT_HAS(r.text, "05-01-2026");
  EXPECT_HAS(r.text, "04-02-2026");
  EXPECT_HAS(r.text, "17. februar 2026");
  EXPECT_EQ(pdf_pages(r.pdf, "reminder"), 1);
  // Without a logo of its own the creditor's letterhead carries the product's.
  EXPECT_HAS(r.text.substr(0, r.text.find('\n')), "inkasso");
}

TEST(LetterPdf, SecondReminder) {
  auto built = company_case_until(ActionType::collection_notice);
  built.index = 1;
  auto d = build_letter_data(input_for(built));
  ASSERT_TRUE(d.ok());
  auto pdf = render_default_pdf(*d, {"reminder"});
  ASSERT_TRUE(pdf.ok());
  std::string t = pdf_text(*pdf, "reminder-2");
  EXPECT_HAS(t, "Rykker nr. 2");
  // 10.410,00 + the second 100,00 fee = 10.510,00.
  EXPECT_HAS(t, "10.510,00 kr.");
  EXPECT_FALSE(has(t, "kompensationsbeløb"));
}

TEST(LetterPdf, CollectionNoticeWithDeclarationAndSettlementForms) {
  auto r = render(ActionType::collection_notice, "collection_notice");
  int pages = pdf_pages(r.pdf, "collection_notice");
  EXPECT_EQ(pages, 3);  // the notice, the declaration, the settlement form
  expect_letter_frame(r.text, "3. marts 2026", pages);
  EXPECT_HAS(r.text, "Inkassovarsel");
  // 10.510,00 + 100,00 = 10.610,00; interest starts 7 March.
  EXPECT_HAS(r.text, "10.610,00 kr.");
  EXPECT_HAS(r.text, "13. marts 2026");
  EXPECT_HAS(r.text, "yderligere omkostninger");
  EXPECT_HAS(r.text, "Skyldnererklæring");
  EXPECT_HAS(r.text, "Frivilligt forlig");
  EXPECT_HAS(r.text, "retsplejelovens § 478");
  EXPECT_HAS(r.text, "31415926");
}

TEST(LetterPdf, CollectionDemand) {
  auto r = render(ActionType::collection_demand, "collection_demand");
  expect_letter_frame(r.text, "15. marts 2026", pdf_pages(r.pdf, "collection_demand"));
  EXPECT_HAS(r.text, "Inkassopåkrav");
  // 10.000,00 + 24,04 interest + 610,00 fees − 500,00 paid = 10.134,04.
  EXPECT_HAS(r.text, "24,04 kr.");
  EXPECT_HAS(r.text, "610,00 kr.");
  EXPECT_HAS(r.text, "-500,00 kr.");
  EXPECT_HAS(r.text, "10.134,04 kr.");
  EXPECT_HAS(r.text, "inkassoomkostninger");
  EXPECT_HAS(r.text, "750,00 kr.");
  EXPECT_HAS(r.text, "9,75 %");
}

TEST(LetterPdf, SettlementOffer) {
  auto r = render(ActionType::settlement_offer, "settlement_offer");
  expect_letter_frame(r.text, "25. marts 2026", 1);
  // Owed 10.160,75; pay 8.128,60 by 8 April, saving 2.032,15; at court 11.028,28.
  EXPECT_HAS(r.text, "10.160,75 kr.");
  EXPECT_HAS(r.text, "8.128,60 kr.");
  EXPECT_HAS(r.text, "2.032,15 kr.");
  EXPECT_HAS(r.text, "11.028,28 kr.");
  EXPECT_HAS(r.text, "8. april 2026");
  EXPECT_HAS(r.text, "20 %");
  EXPECT_HAS(r.text, "Akkordbeløb: 8.128,60 kr.");
}

TEST(LetterPdf, MissingPaymentLetter) {
  auto r = render(ActionType::missing_payment_letter, "missing_payment_letter");
  expect_letter_frame(r.text, "24. april 2026", 1);
  // 10.000,00 + 130,89 interest + 610,00 − 500,00 = 10.240,89.
  EXPECT_HAS(r.text, "130,89 kr.");
  EXPECT_HAS(r.text, "10.240,89 kr.");
  EXPECT_HAS(r.text, "manglende betaling");
}

TEST(LetterPdf, PaymentAgreement) {
  auto r = render(ActionType::payment_agreement, "payment_agreement");
  expect_letter_frame(r.text, "20. marts 2026", 1);
  const LetterAgreement& g = *r.data.agreement;
  EXPECT_HAS(r.text, "Betalingsaftale");
  EXPECT_HAS(r.text, "10.147,39 kr.");  // the debt on 20 March (letter_test.cc)
  EXPECT_HAS(r.text, "2.000,00 kr.");   // the down payment
  EXPECT_HAS(r.text, "1.000,00 kr.");   // the instalment
  EXPECT_HAS(r.text, "1. april 2026");
  EXPECT_HAS(r.text, "1. december 2026");
  EXPECT_HAS(r.text, "9,75 % om året");
  EXPECT_HAS(r.text, g.total_interest.to_kr());
  EXPECT_HAS(r.text, g.last_instalment.to_kr());
  EXPECT_HAS(r.text, "fri for renter");
  EXPECT_HAS(r.text, "Månedlig rate: 1.000,00 kr.");
}

TEST(LetterPdf, AgreementWarningAndTermination) {
  auto w = render(ActionType::agreement_default_warning, "agreement_default_warning");
  expect_letter_frame(w.text, "8. april 2026", 1);
  EXPECT_HAS(w.text, "Varsel om ophævelse");
  EXPECT_HAS(w.text, "3.000,00 kr.");  // due: 2.000 down payment + 1.000 instalment
  EXPECT_HAS(w.text, "1.000,00 kr.");  // arrears: 3.000 − 2.000 paid
  EXPECT_HAS(w.text, "18. april 2026");
  auto t = render(ActionType::agreement_terminated, "agreement_terminated");
  expect_letter_frame(t.text, "20. april 2026", 1);
  EXPECT_HAS(t.text, "Ophævelse af betalingsaftale");
  EXPECT_HAS(t.text, t.data.amounts.outstanding_total.to_kr());
}

TEST(LetterPdf, PaymentOrderIsAddressedToTheCourt) {
  auto r = render(ActionType::payment_order, "payment_order");
  EXPECT_HAS(r.text, "Betalingspåkrav");
  EXPECT_HAS(r.text, "Retten i Odense");
  EXPECT_HAS(r.text, "Albanigade 28");
  EXPECT_HAS(r.text, "Sagsøger");
  EXPECT_HAS(r.text, "Sagsøgte");
  EXPECT_HAS(r.text, "Østergaard Byg ApS");
  EXPECT_HAS(r.text, "300,00 kr.");     // reminder fees
  EXPECT_HAS(r.text, "310,00 kr.");     // compensation
  EXPECT_HAS(r.text, "750,00 kr.");     // court fee
  EXPECT_HAS(r.text, "10.990,89 kr.");  // the claim (letter_test.cc)
  EXPECT_HAS(r.text, "3. marts 2026");  // the § 10 letter
  EXPECT_HAS(r.text, "14 dage");
  EXPECT_FALSE(has(r.text, "Adgangskode"));  // the court gets no portal login
  int pages = pdf_pages(r.pdf, "payment_order");
  EXPECT_HAS(r.text, "Side " + std::to_string(pages) + " af " + std::to_string(pages));
}

TEST(LetterPdf, EnforcementRequestNamesTheFundament) {
  auto r = render(ActionType::enforcement_request, "enforcement_request");
  EXPECT_HAS(r.text, "Fogedrekvisition");
  EXPECT_HAS(r.text, "skyldnererklæring");
  EXPECT_HAS(r.text, "20. marts 2026");
  EXPECT_HAS(r.text, "10.916,09 kr.");
}

TEST(LetterPdf, FreeLetterShowsTheCreditorsTextAsText) {
  auto r = render(ActionType::letter, "letter");
  expect_letter_frame(r.text, "10. februar 2026", 1);
  EXPECT_HAS(r.text, "Aftale om levering af restordre");
  EXPECT_HAS(r.text, "Tak for samtalen i dag.");
  EXPECT_HAS(r.text, "<noget> & andet");
}

TEST(LetterPdf, EveryTemplateKeyRenders) {
  // The parts rendered on their own, with the data of the letter they belong to.
  std::map<std::string, ActionType> owner{{"debtor_declaration", ActionType::collection_notice},
                                          {"voluntary_settlement", ActionType::collection_notice}};
  for (const auto& key : all_template_keys()) {
    ActionType type = owner.contains(key) ? owner[key] : *action_type_from_string(key);
    auto d = build_letter_data(input_for(company_case_until(type)));
    ASSERT_TRUE(d.ok()) << key;
    auto pdf = render_default_pdf(*d, {key});
    ASSERT_TRUE(pdf.ok()) << key << ": " << pdf.error().message;
    std::string t = pdf_text(*pdf, "part-" + key);
    EXPECT_HAS(t, "Side 1 af") << key;
    EXPECT_HAS(t, "Tømrerfirmaet Bøgh & Søn ApS") << key;
  }
}

TEST(LetterPdf, SameInputSameBytes) {
  auto d = build_letter_data(input_for(company_case_until(ActionType::collection_notice)));
  ASSERT_TRUE(d.ok());
  auto a = render_default_pdf(*d, template_keys_for(ActionType::collection_notice));
  auto b = render_default_pdf(*d, template_keys_for(ActionType::collection_notice));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  // ... also on another thread, with its own pango context.
  std::string c;
  std::thread([&] {
    auto r = render_default_pdf(*d, template_keys_for(ActionType::collection_notice));
    if (r.ok()) c = *r;
  }).join();
  EXPECT_EQ(*a, c);
  // The creation date is the letter's date, not the clock.
  EXPECT_NE(a->find("/CreationDate (20260303000000)"), std::string::npos);
  // Fonts are embedded.
  std::string fonts =
      testing::run("pdffonts '" +
                   (testing::build_dir() / "letters-png" / "collection_notice.pdf").string() + "'");
  EXPECT_HAS(fonts, "DejaVuSans");
  EXPECT_FALSE(has(fonts, " no  "));  // the "emb" column: every font embedded
}

TEST(LetterPdf, MergedPdfNumbersEachLetterOnItsOwn) {
  std::vector<LetterDocument> docs;
  for (ActionType t : {ActionType::reminder, ActionType::collection_notice}) {
    auto d = build_letter_data(input_for(company_case_until(t)));
    ASSERT_TRUE(d.ok());
    LetterDocument doc{*d, {}};
    for (const auto& k : template_keys_for(t)) doc.template_texts.emplace_back(default_template(k));
    docs.push_back(doc);
  }
  auto pdf = render_pdf(docs);
  ASSERT_TRUE(pdf.ok());
  std::string t = pdf_text(*pdf, "merged");
  EXPECT_EQ(pdf_pages(*pdf, "merged"), 4);  // 1 + 3
  EXPECT_HAS(t, "Side 1 af 1");
  EXPECT_HAS(t, "Side 3 af 3");
  EXPECT_HAS(t, "Rykker nr. 1");
  EXPECT_HAS(t, "Inkassovarsel");
}

TEST(LetterPdf, LongLetterBreaksPagesAndNeverSplitsARow) {
  auto built = company_case_until(ActionType::reminder);
  // 60 invoices: the claims table runs over two pages.
  for (int i = 0; i < 60; ++i)
    built.history.claims.push_back({"Faktura " + std::to_string(3000 + i), Date::ymd(2026, 1, 5),
                                    Date::ymd(2026, 2, 4), Money::from_kroner(100)});
  auto d = build_letter_data(input_for(built));
  ASSERT_TRUE(d.ok()) << d.error().message;
  auto pdf = render_default_pdf(*d, {"reminder"});
  ASSERT_TRUE(pdf.ok());
  std::string t = pdf_text(*pdf, "long-reminder");
  int pages = pdf_pages(*pdf, "long-reminder");
  EXPECT_GE(pages, 2);
  EXPECT_HAS(t, "Side 2 af " + std::to_string(pages));
  for (int i = 0; i < 60; ++i) EXPECT_HAS(t, "Faktura " + std::to_string(3000 + i));
  // The header row is repeated on the next page.
  size_t first = t.find("Forfaldsdato");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(t.find("Forfaldsdato", first + 1), std::string::npos);
}

TEST(LetterPdf, CreditorLogoAndBadLogo) {
  // A real PNG: the first page of a letter, rendered by pdftoppm.
  auto dir = testing::build_dir() / "letters-png";
  std::string png;
  {
    std::ifstream in(dir / "reminder-1.png", std::ios::binary);
    if (!in) {
      render(ActionType::reminder, "reminder");
      in.open(dir / "reminder-1.png", std::ios::binary);
    }
    std::ostringstream s;
    s << in.rdbuf();
    png = s.str();
  }
  ASSERT_FALSE(png.empty());
  EXPECT_TRUE(validate_logo_png(png).ok());
  auto d = build_letter_data(input_for(company_case_until(ActionType::reminder)));
  ASSERT_TRUE(d.ok());
  d->creditor.logo_png = png;
  auto pdf = render_default_pdf(*d, {"reminder"});
  ASSERT_TRUE(pdf.ok());
  std::string t = pdf_text(*pdf, "with-logo");
  // The letterhead's first line: the creditor's name, and no product logo beside it.
  std::string first_line = t.substr(0, t.find('\n'));
  EXPECT_HAS(first_line, "Tømrerfirmaet Bøgh & Søn ApS");
  EXPECT_FALSE(has(first_line, "inkasso"));
  EXPECT_HAS(testing::run("pdfimages -list '" + (dir / "with-logo.pdf").string() + "'"), "image");

  d->creditor.logo_png = "GIF89a not a png";
  auto bad = render_default_pdf(*d, {"reminder"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_logo");
  EXPECT_FALSE(validate_logo_png(png.substr(0, png.size() / 2)).ok());
}

TEST(LetterPdf, BrokenTemplateIsAnError) {
  auto d = build_letter_data(input_for(company_case_until(ActionType::reminder)));
  ASSERT_TRUE(d.ok());
  LetterDocument doc{*d, {"<p>{{nonsense}}</p>"}};
  auto pdf = render_pdf(std::span<const LetterDocument>(&doc, 1));
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, "invalid_template");
  EXPECT_FALSE(render_pdf({}).ok());
}

}  // namespace
}  // namespace inkasso
