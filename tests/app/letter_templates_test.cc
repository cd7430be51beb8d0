// The account's letter templates and logo (app/letter_templates.h) on SQLite and PostgreSQL:
// the list, saving (checked, nothing written when refused), returning to the default, the
// preview's PDF (read back with pdftotext), the logo's versions, and who may do what.
#include "app/letter_templates.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "docs/templates.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// A valid 4 × 2 pixel red PNG and a 2 × 2 blue one (written by a few lines of Python with zlib).
const std::string kRedPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04"
    "\x00\x00\x00\x02\x08\x02\x00\x00\x00\xf0\xca\xea\x34\x00\x00\x00\x10\x49\x44\x41"
    "\x54\x78\xda\x63\x38\x21\xa7\x01\x47\x0c\xc8\x1c\x00\x72\xca\x08\x71\xcc\xec\x70"
    "\xd7\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    73);
const std::string kBluePng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02"
    "\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x10\x49\x44\x41"
    "\x54\x78\xda\x63\x10\xb1\x39\x01\x44\x0c\x10\x0a\x00\x1b\xde\x04\x61\x5a\x02\xcc"
    "\x2d\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    73);

// The text of a PDF as pdftotext reads it.
std::string pdf_text(const std::string& pdf) {
  std::random_device rd;
  auto file = std::filesystem::temp_directory_path() /
              ("inkasso-preview-" + std::to_string(rd()) + std::to_string(rd()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = popen(("pdftotext -layout '" + file.string() + "' -").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(file);
  return out;
}

class LetterTemplates : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    account_ = testing::insert_company_account(db(), "Hansens Tømrer ApS");
    admin_ = member("admin@hansen.dk", Role::administrator);
    handler_ = member("sag@hansen.dk", Role::case_handler);
    guest_ = member("gaest@hansen.dk", Role::guest);
    other_account_ = testing::insert_company_account(db(), "Andersens VVS ApS");
    stranger_ = Actor{testing::insert_user(db(), "vvs@andersen.dk")};
    testing::insert_membership(db(), other_account_, stranger_.user_id, Role::administrator);
  }

  Actor member(const std::string& email, Role role) {
    Actor a{testing::insert_user(db(), email)};
    testing::insert_membership(db(), account_, a.user_id, role);
    return a;
  }

  int count(const std::string& sql_text) {
    soci::session sql(db().pool());
    int n = 0;
    sql << sql_text, soci::into(n);
    return n;
  }

  FixedClock clock_{1'795'428'000, Date::ymd(2026, 11, 23)};
  int64_t account_ = 0, other_account_ = 0;
  Actor admin_, handler_, guest_, stranger_;
};

// A reminder of the account's own: a marker line, then the default's text.
std::string own_reminder() {
  return "<p>Særlig besked fra Hansens Tømrer: ring på 12345678.</p>\r\n" +
         std::string(default_template("reminder"));
}

TEST_P(LetterTemplates, TheListHasEveryTemplateAtItsDefault) {
  auto list = list_letter_templates(db(), guest_, account_);
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), all_template_keys().size());
  EXPECT_EQ((*list)[0].key, "reminder");
  EXPECT_EQ((*list)[0].title, "Rykker");
  for (const auto& t : *list) {
    EXPECT_FALSE(t.changed) << t.key;
    EXPECT_FALSE(t.updated_at) << t.key;
  }
  auto one = get_letter_template(db(), guest_, account_, "collection_notice");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->title, "Inkassovarsel");
  EXPECT_EQ(one->body, default_template("collection_notice"));
}

TEST_P(LetterTemplates, AnAdministratorSavesTheAccountsOwnTextWithItsLineEndsAsLf) {
  ASSERT_TRUE(save_letter_template(db(), clock_, admin_, account_, "reminder", own_reminder()));
  auto t = get_letter_template(db(), guest_, account_, "reminder");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->changed);
  EXPECT_EQ(t->body.find('\r'), std::string::npos);
  EXPECT_EQ(t->body, "<p>Særlig besked fra Hansens Tømrer: ring på 12345678.</p>\n" +
                         std::string(default_template("reminder")));
  EXPECT_EQ(t->updated_at, clock_.now_unix());
  EXPECT_EQ(t->updated_by, "Test Bruger");
  auto list = list_letter_templates(db(), guest_, account_);
  ASSERT_TRUE(list);
  EXPECT_TRUE((*list)[0].changed);
  EXPECT_FALSE((*list)[1].changed);
  EXPECT_TRUE((*list)[0].body.empty()) << "the list carries no texts";

  // Saved again: one row, the new text.
  ASSERT_TRUE(save_letter_template(db(), clock_, admin_, account_, "reminder",
                                   "<p>Betal venligst {{total}}.</p>"));
  EXPECT_EQ(get_letter_template(db(), guest_, account_, "reminder")->body,
            "<p>Betal venligst {{total}}.</p>");
  EXPECT_EQ(count("SELECT COUNT(*) FROM letter_templates"), 1);
}

TEST_P(LetterTemplates, ABrokenTemplateIsRefusedWithTheLineAndNothingIsWritten) {
  auto saved = save_letter_template(db(), clock_, admin_, account_, "reminder",
                                    "<p>Hej {{debtor_name}}</p>\n<p>Du skylder {{beløb}}.</p>");
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, app_error::kInvalid);
  EXPECT_EQ(saved.error().field, "body");
  EXPECT_NE(saved.error().message.find("Linje 2"), std::string::npos) << saved.error().message;
  EXPECT_NE(saved.error().message.find("{{beløb}}"), std::string::npos) << saved.error().message;
  saved = save_letter_template(db(), clock_, admin_, account_, "reminder", "<p>Ikke lukket");
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().field, "body");
  EXPECT_EQ(count("SELECT COUNT(*) FROM letter_templates"), 0);
  EXPECT_FALSE(get_letter_template(db(), guest_, account_, "reminder")->changed);
}

TEST_P(LetterTemplates, ReturningToTheDefaultDeletesTheOwnText) {
  ASSERT_TRUE(save_letter_template(db(), clock_, admin_, account_, "reminder", own_reminder()));
  ASSERT_TRUE(reset_letter_template(db(), admin_, account_, "reminder"));
  auto t = get_letter_template(db(), guest_, account_, "reminder");
  EXPECT_FALSE(t->changed);
  EXPECT_EQ(t->body, default_template("reminder"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM letter_templates"), 0);
  EXPECT_TRUE(reset_letter_template(db(), admin_, account_, "reminder")) << "already default";

  // Saving the default text itself is returning to it.
  ASSERT_TRUE(save_letter_template(db(), clock_, admin_, account_, "reminder", own_reminder()));
  ASSERT_TRUE(save_letter_template(db(), clock_, admin_, account_, "reminder",
                                   std::string(default_template("reminder"))));
  EXPECT_EQ(count("SELECT COUNT(*) FROM letter_templates"), 0);
}

TEST_P(LetterTemplates, OnlyAdministratorsWriteAndOtherAccountsSeeNothing) {
  for (const Actor& a : {handler_, guest_}) {
    auto saved = save_letter_template(db(), clock_, a, account_, "reminder", own_reminder());
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, app_error::kForbidden);
    EXPECT_EQ(reset_letter_template(db(), a, account_, "reminder").error().code,
              app_error::kForbidden);
    EXPECT_EQ(upload_logo(db(), clock_, a, account_, kRedPng).error().code, app_error::kForbidden);
    EXPECT_EQ(remove_logo(db(), clock_, a, account_).error().code, app_error::kForbidden);
    EXPECT_TRUE(get_letter_template(db(), a, account_, "reminder")) << "reading: any role";
    EXPECT_TRUE(preview_letter_template(db(), a, account_, "reminder", own_reminder()));
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM letter_templates"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_logos"), 0);

  // The administrator of another account: as if the account did not exist.
  EXPECT_EQ(list_letter_templates(db(), stranger_, account_).error().code, app_error::kNotFound);
  EXPECT_EQ(get_letter_template(db(), stranger_, account_, "reminder").error().code,
            app_error::kNotFound);
  EXPECT_EQ(save_letter_template(db(), clock_, stranger_, account_, "reminder", own_reminder())
                .error()
                .code,
            app_error::kNotFound);
  EXPECT_EQ(preview_letter_template(db(), stranger_, account_, "reminder", "x").error().code,
            app_error::kNotFound);
  EXPECT_EQ(current_logo(db(), stranger_, account_).error().code, app_error::kNotFound);
  EXPECT_EQ(upload_logo(db(), clock_, stranger_, account_, kRedPng).error().code,
            app_error::kNotFound);
  // An unknown key is not found either.
  EXPECT_EQ(get_letter_template(db(), admin_, account_, "rykker").error().code,
            app_error::kNotFound);
  EXPECT_EQ(save_letter_template(db(), clock_, admin_, account_, "nope", "x").error().code,
            app_error::kNotFound);
}

TEST_P(LetterTemplates, ThePreviewShowsTheUnsavedTextOnTheAccountsLetterhead) {
  auto pdf = preview_letter_template(db(), guest_, account_, "reminder", own_reminder());
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF", 0), 0u);
  const std::string text = pdf_text(*pdf);
  EXPECT_NE(text.find("Særlig besked fra Hansens Tømrer: ring på 12345678."), std::string::npos)
      << text;
  EXPECT_NE(text.find("Hansens Tømrer ApS"), std::string::npos) << "the account's letterhead";
  EXPECT_NE(text.find("Østergaard Byg ApS"), std::string::npos) << "the sample debtor";
  // The sample case: 10.000,00 kr. with a reminder fee of 100,00 kr.
  EXPECT_NE(text.find("10.000,00"), std::string::npos) << text;
  EXPECT_EQ(count("SELECT COUNT(*) FROM letter_templates"), 0) << "a preview saves nothing";

  auto broken = preview_letter_template(db(), guest_, account_, "reminder", "{{beløb}}");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().field, "body");
}

TEST_P(LetterTemplates, EveryTemplateCanBePreviewedAPartInsideItsDocument) {
  for (const std::string& key : all_template_keys()) {
    auto pdf =
        preview_letter_template(db(), admin_, account_, key, std::string(default_template(key)));
    ASSERT_TRUE(pdf) << key << ": " << pdf.error().message;
    EXPECT_EQ(pdf->rfind("%PDF", 0), 0u) << key;
  }
  // The debtor declaration is the collection notice's second part: the notice is shown with it,
  // in the account's own text.
  ASSERT_TRUE(save_letter_template(db(), clock_, admin_, account_, "collection_notice",
                                   "<h1>Vores eget inkassovarsel</h1>\n<p>Betal {{total}}.</p>"));
  auto pdf = preview_letter_template(db(), admin_, account_, "debtor_declaration",
                                     "<h1>Min erklæring</h1>\n<p>Jeg skylder {{total}}.</p>");
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string text = pdf_text(*pdf);
  EXPECT_NE(text.find("Vores eget inkassovarsel"), std::string::npos) << text;
  EXPECT_NE(text.find("Min erklæring"), std::string::npos) << text;
  EXPECT_NE(text.find("Frivilligt forlig"), std::string::npos) << "the third part, default";
}

TEST_P(LetterTemplates, EachLogoIsKeptAndTheLatestIsTheAccountsUntilRemoved) {
  auto none = current_logo(db(), guest_, account_);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);

  auto first = upload_logo(db(), clock_, admin_, account_, kRedPng);
  ASSERT_TRUE(first) << first.error().message;
  auto logo = current_logo(db(), guest_, account_);
  ASSERT_TRUE(logo && *logo);
  EXPECT_EQ((*logo)->id, *first);
  EXPECT_EQ((*logo)->png, kRedPng) << "the bytes come back exactly";
  EXPECT_EQ((*logo)->created_at, clock_.now_unix());
  EXPECT_EQ((*logo)->created_by, "Test Bruger");

  clock_.set(clock_.now_unix() + 60, clock_.today());
  auto second = upload_logo(db(), clock_, admin_, account_, kBluePng);
  ASSERT_TRUE(second);
  EXPECT_NE(*second, *first);
  logo = current_logo(db(), guest_, account_);
  EXPECT_EQ((*logo)->png, kBluePng);
  // Both kept; the first retired when the second came.
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_logos"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_logos WHERE retired_at IS NULL"), 1);
  {
    soci::session sql(db().pool());
    EXPECT_EQ(current_logo_png(sql, account_), kBluePng);
    EXPECT_EQ(current_logo_png(sql, other_account_), "");
  }

  ASSERT_TRUE(remove_logo(db(), clock_, admin_, account_));
  EXPECT_FALSE(*current_logo(db(), guest_, account_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_logos"), 2);
  EXPECT_TRUE(remove_logo(db(), clock_, admin_, account_)) << "already none";
}

TEST_P(LetterTemplates, ALogoThatIsNoPngOrTooLargeIsRefused) {
  auto refused = upload_logo(db(), clock_, admin_, account_, "GIF89a not a png");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, app_error::kInvalid);
  EXPECT_EQ(refused.error().field, "logo");
  EXPECT_NE(refused.error().message.find("PNG"), std::string::npos) << refused.error().message;

  // A PNG signature with nothing readable after it.
  refused = upload_logo(db(), clock_, admin_, account_, kRedPng.substr(0, 20));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "logo");

  // One byte over the limit of 500 KB (512.000 bytes), whatever it holds.
  std::string big = kRedPng + std::string(kLogoBytesMax + 1 - kRedPng.size(), '\0');
  refused = upload_logo(db(), clock_, admin_, account_, big);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("500 KB"), std::string::npos) << refused.error().message;

  refused = upload_logo(db(), clock_, admin_, account_, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "logo");
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_logos"), 0);
}

TEST_P(LetterTemplates, ThePreviewCarriesTheAccountsLogo) {
  auto without = preview_letter_template(db(), guest_, account_, "reminder", own_reminder());
  ASSERT_TRUE(upload_logo(db(), clock_, admin_, account_, kRedPng));
  auto with = preview_letter_template(db(), guest_, account_, "reminder", own_reminder());
  ASSERT_TRUE(without && with);
  // cairo embeds the PNG as an image XObject; the product's own logo is drawn, no image.
  EXPECT_EQ(without->find("/Subtype /Image"), std::string::npos);
  EXPECT_NE(with->find("/Subtype /Image"), std::string::npos);
}

INKASSO_INSTANTIATE_BACKENDS(LetterTemplates);

}  // namespace
}  // namespace inkasso
