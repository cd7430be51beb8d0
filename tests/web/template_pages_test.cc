// The account's letter templates and logo over HTTP (/konto/breve, issue 5): the list, saving
// and the refusal of a broken template (nothing stored), the preview's PDF of the unsaved text,
// returning to the default, documents keeping the text and logo they were made with, the logo
// upload as a real multipart/form-data body, and who may do what.
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/letter_templates.h"
#include "app/letters.h"
#include "docs/templates.h"
#include "store/document_store.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

// A valid 4 × 2 pixel red PNG (written by a few lines of Python with zlib).
const std::string kRedPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04"
    "\x00\x00\x00\x02\x08\x02\x00\x00\x00\xf0\xca\xea\x34\x00\x00\x00\x10\x49\x44\x41"
    "\x54\x78\xda\x63\x38\x21\xa7\x01\x47\x0c\xc8\x1c\x00\x72\xca\x08\x71\xcc\xec\x70"
    "\xd7\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    73);

const std::string kMarker = "Særlig besked fra Hansens Tømrer: ring på 12345678.";

// The default reminder with the marker paragraph first.
std::string own_reminder() {
  return "<p>" + kMarker + "</p>\r\n" + std::string(default_template("reminder"));
}

class TemplatePages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  // A client logged in as `user` in `account`, with the token kept for multipart posts (which
  // WebClient does not send) and the CSRF token of /konto/breve.
  struct Browser {
    WebClient client;
    std::string token;
  };
  Browser browser(int64_t user, int64_t account) {
    Browser b{client(), create_session(*db_, clock_, user, account).token};
    b.client.set_cookie("inkasso_session", b.token);
    b.client.get("/konto/breve");
    return b;
  }

  // POSTs a real multipart/form-data body: the csrf field and the file part "logo".
  HttpResult upload(const Browser& b, const std::string& csrf, const std::string& file_name,
                    const std::string& content, const std::string& content_type = "image/png") {
    httplib::Client http("127.0.0.1", server_->port());
    httplib::Headers headers{{"Cookie", "inkasso_session=" + b.token}};
    httplib::MultipartFormDataItems items{{"csrf", csrf, "", ""},
                                          {"logo", content, file_name, content_type}};
    auto res = http.Post("/konto/logo", headers, items);
    HttpResult out;
    if (!res) {
      ADD_FAILURE() << "no response";
      return out;
    }
    out.status = res->status;
    out.body = res->body;
    out.location = res->get_header_value("Location");
    return out;
  }

  // 10.000,00 kr. due 01-10-2026 from a company debtor without e-mail: the letter is kept on
  // the case only.
  int64_t make_case(int64_t account, int64_t user) {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = "Skyldner ApS";
    in.cvr = "27355021";
    in.street = "Gaden 2";
    in.postal_code = "8000";
    in.city = "Aarhus C";
    auto debtor = create_debtor(*db_, clock_, *box_, Actor{user}, account, in);
    EXPECT_TRUE(debtor);
    NewCase c;
    c.debtor_id = *debtor;
    c.claims.push_back(
        Claim{"F-100", Date::ymd(2026, 9, 15), Date::ymd(2026, 10, 1), Money::from_kroner(10'000)});
    auto created = create_case(*db_, clock_, *box_, Actor{user}, account, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  // A reminder of 100,00 kr. on the case, made the way the action form makes it; its document.
  int64_t remind(int64_t number) {
    auto v = get_case(*db_, clock_, Actor{user_}, account_, number);
    EXPECT_TRUE(v);
    Action a;
    a.type = ActionType::reminder;
    a.date = Date::ymd(2026, 11, 23);
    a.fee = Money::from_kroner(100);
    auto made = add_action_with_document(*db_, clock_, *box_, Installation{}, Actor{user_},
                                         account_, number, v->stored.version, a, SendingChoice{});
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    return made && made->document_id ? *made->document_id : 0;
  }

  std::string pdf_of(int64_t number, int64_t document) {
    auto file = document_pdf(*db_, Actor{user_}, account_, number, document);
    EXPECT_TRUE(file) << (file ? "" : file.error().message);
    return file ? file->pdf : std::string();
  }

  std::string run(const std::string& command, const std::string& pdf) {
    auto in = dir_ / "doc.pdf";
    std::ofstream(in, std::ios::binary) << pdf;
    std::string out;
    if (FILE* p = popen(
            (command + " '" + in.string() + "'" + (command == "pdftotext -layout" ? " -" : ""))
                .c_str(),
            "r")) {
      char buf[4096];
      size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
      pclose(p);
    }
    return out;
  }
  std::string pdf_text(const std::string& pdf) { return run("pdftotext -layout", pdf); }
  // The images of a PDF: pdfimages -list prints two header lines, then one line per image.
  int pdf_images(const std::string& pdf) {
    std::string list = run("pdfimages -list", pdf);
    int lines = 0;
    for (char c : list) lines += c == '\n';
    EXPECT_GE(lines, 2) << list;
    return lines - 2;
  }

  int own_templates() {
    soci::session sql(db_->pool());
    int n = 0;
    sql << "SELECT COUNT(*) FROM letter_templates", soci::into(n);
    return n;
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

TEST_F(TemplatePages, TheAccountMenuLinksToTheListOfTemplatesAndTheLogo) {
  WebClient c = logged_in_client(user_, account_);
  EXPECT_TRUE(c.get("/konto").has("href=\"/konto/breve\""));
  auto page = c.get("/konto/breve");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("<a href=\"/konto/breve/rykker\">Rykker</a>"));
  EXPECT_TRUE(page.has("<a href=\"/konto/breve/frivilligt-forlig\">Frivilligt forlig</a>"));
  EXPECT_TRUE(page.has("<a href=\"/konto/breve/varsel-om-ophaevelse-af-betalingsaftale\">"));
  EXPECT_TRUE(page.has("Standardtekst"));
  EXPECT_FALSE(page.has("Egen tekst"));
  EXPECT_TRUE(page.has("Kontoen bruger produktets logo."));
  EXPECT_TRUE(page.has("enctype=\"multipart/form-data\""));
  EXPECT_EQ(c.get("/konto/breve/findes-ikke").status, 404);
}

TEST_F(TemplatePages, SavingTheTextChangesLettersMadeAfterwardsOnly) {
  const int64_t before_case = make_case(account_, user_);
  const int64_t after_case = make_case(account_, user_);
  // Made before the edit, rendered only after it: the document froze the default text.
  const int64_t before_doc = remind(before_case);

  WebClient c = logged_in_client(user_, account_);
  auto editor = c.get("/konto/breve/rykker");
  ASSERT_EQ(editor.status, 200);
  EXPECT_TRUE(editor.has("Skabelonen er produktets standardtekst."));
  EXPECT_TRUE(editor.has("<code>{{debtor_name}}</code>")) << "the fields are listed";
  EXPECT_TRUE(editor.has("formaction=\"/konto/breve/rykker/forhaandsvisning\""));
  auto r = c.post("/konto/breve/rykker", {{"body", own_reminder()}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, "/konto/breve/rykker");
  editor = c.follow(r);
  EXPECT_TRUE(editor.has("Skabelonen er gemt."));
  EXPECT_TRUE(editor.has("Kontoens egen tekst, ændret 23-11-2026"));
  EXPECT_TRUE(editor.has(kMarker));
  EXPECT_TRUE(editor.has("href=\"/konto/breve/rykker/gendan\""));
  EXPECT_TRUE(c.get("/konto/breve").has("Egen tekst"));

  const int64_t after_doc = remind(after_case);
  EXPECT_EQ(render_pending_documents(*db_, clock_), 2);
  const std::string before_text = pdf_text(pdf_of(before_case, before_doc));
  const std::string after_text = pdf_text(pdf_of(after_case, after_doc));
  EXPECT_EQ(before_text.find(kMarker), std::string::npos) << before_text;
  EXPECT_NE(before_text.find("Rykker nr. 1"), std::string::npos) << before_text;
  EXPECT_NE(after_text.find(kMarker), std::string::npos) << after_text;
  EXPECT_NE(after_text.find("Rykker nr. 1"), std::string::npos) << after_text;

  // The documents refer to their texts (migration 0017): the default and the own text, a row
  // each, neither copied into the content.
  soci::session sql(db_->pool());
  long long rows = 0;
  sql << "SELECT COUNT(*) FROM letter_texts", soci::into(rows);
  EXPECT_EQ(rows, 2);
  auto content = load_document_content(sql, account_, after_doc);
  ASSERT_TRUE(content);
  EXPECT_EQ(content->find("Særlig besked"), std::string::npos) << *content;
  auto parsed = nlohmann::json::parse(*content);
  ASSERT_TRUE(parsed["templates_id"].is_number_integer()) << *content;
  // Content written before the texts were referred to carries them itself, and still reads.
  auto texts = load_letter_texts(sql, account_, parsed["templates_id"].get<int64_t>());
  ASSERT_TRUE(texts);
  parsed["templates"] = nlohmann::json::parse(*texts);
  parsed.erase("templates_id");
  auto inline_letter = letter_document_of(sql, account_, parsed.dump());
  ASSERT_TRUE(inline_letter) << inline_letter.error().message;
  ASSERT_FALSE(inline_letter->template_texts.empty());
  EXPECT_NE(inline_letter->template_texts[0].find(kMarker), std::string::npos);
  // A reference to another account's texts (or none) is unreadable, not another's letter.
  parsed.erase("templates");
  parsed["templates_id"] = 999'999;
  EXPECT_EQ(letter_document_of(sql, account_, parsed.dump()).error().code, app_error::kInvalid);
}

TEST_F(TemplatePages, ABrokenTemplateIsShownAgainWithTheErrorAndNothingStored) {
  WebClient c = logged_in_client(user_, account_);
  c.get("/konto/breve/rykker");
  auto r = c.post("/konto/breve/rykker", {{"body", "<p>Du skylder {{beløb}}.</p>"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Linje 1: ukendt felt {{beløb}}.")) << r.body;
  EXPECT_TRUE(r.has("&lt;p&gt;Du skylder {{beløb}}.&lt;/p&gt;</textarea>")) << "the text kept";
  EXPECT_EQ(own_templates(), 0);
  // The preview refuses it the same way.
  r = c.post("/konto/breve/rykker/forhaandsvisning", {{"body", "<p>Du skylder {{beløb}}.</p>"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("ukendt felt"));
}

TEST_F(TemplatePages, ThePreviewIsAPdfOfTheUnsavedText) {
  WebClient c = logged_in_client(user_, account_);
  c.get("/konto/breve/rykker");
  auto r = c.post("/konto/breve/rykker/forhaandsvisning", {{"body", own_reminder()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/pdf");
  EXPECT_NE(r.header("Content-Disposition").find("Forhaandsvisning-Rykker.pdf"), std::string::npos)
      << r.header("Content-Disposition");
  const std::string text = pdf_text(r.body);
  EXPECT_NE(text.find(kMarker), std::string::npos) << text;
  EXPECT_NE(text.find("Hansens Tømrer ApS"), std::string::npos) << "the account's letterhead";
  EXPECT_EQ(own_templates(), 0) << "nothing saved";
}

TEST_F(TemplatePages, ReturningToTheDefaultAsksFirst) {
  WebClient c = logged_in_client(user_, account_);
  c.get("/konto/breve/rykker");
  ASSERT_EQ(c.post("/konto/breve/rykker", {{"body", own_reminder()}}).status, 303);
  auto confirm = c.get("/konto/breve/rykker/gendan");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(confirm.has("Gendan standardteksten?"));
  EXPECT_EQ(own_templates(), 1) << "asking changes nothing";
  auto r = c.post("/konto/breve/rykker/gendan", {});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(c.follow(r).has("Standardteksten er gendannet."));
  EXPECT_EQ(own_templates(), 0);
  EXPECT_FALSE(c.get("/konto/breve/rykker").has(kMarker));
}

TEST_F(TemplatePages, AGuestReadsAndPreviewsButCannotSave) {
  const int64_t guest = make_user("gaest@hansen.dk", "kodeord-1234", "Gitte", "Gæst");
  ASSERT_TRUE(attach_user(*db_, clock_, Actor{user_}, account_, "gaest@hansen.dk", Role::guest));
  WebClient c = logged_in_client(guest, account_);
  auto editor = c.get("/konto/breve/rykker");
  ASSERT_EQ(editor.status, 200);
  EXPECT_TRUE(editor.has("readonly"));
  EXPECT_FALSE(editor.has(">Gem</button>"));
  EXPECT_TRUE(editor.has("Kun kontoens administratorer kan ændre brevskabeloner og logo."));
  EXPECT_EQ(c.post("/konto/breve/rykker", {{"body", own_reminder()}}).status, 403);
  EXPECT_EQ(c.post("/konto/breve/rykker/gendan", {}).status, 403);
  EXPECT_EQ(c.post("/konto/logo/fjern", {}).status, 403);
  EXPECT_EQ(own_templates(), 0);
  EXPECT_EQ(c.post("/konto/breve/rykker/forhaandsvisning", {{"body", own_reminder()}}).status, 200);
  Browser b = browser(guest, account_);
  EXPECT_EQ(upload(b, b.client.csrf(), "logo.png", kRedPng).status, 403);
}

TEST_F(TemplatePages, AnotherAccountHasItsOwnTemplatesAndLogo) {
  WebClient c = logged_in_client(user_, account_);
  c.get("/konto/breve/rykker");
  ASSERT_EQ(c.post("/konto/breve/rykker", {{"body", own_reminder()}}).status, 303);
  Browser mine = browser(user_, account_);
  ASSERT_EQ(upload(mine, mine.client.csrf(), "logo.png", kRedPng).status, 303);

  const int64_t other_user = make_user("post@andersen.dk");
  const int64_t other = make_company(other_user, "Andersens VVS ApS");
  WebClient o = logged_in_client(other_user, other);
  EXPECT_FALSE(o.get("/konto/breve").has("Egen tekst"));
  EXPECT_FALSE(o.get("/konto/breve/rykker").has(kMarker));
  EXPECT_EQ(o.get("/konto/logo.png").status, 404);
  EXPECT_TRUE(o.get("/konto/breve").has("Kontoen bruger produktets logo."));
  // A user who is no member of the account: the use cases answer as if it did not exist.
  EXPECT_EQ(get_letter_template(*db_, Actor{other_user}, account_, "reminder").error().code,
            app_error::kNotFound);
}

TEST_F(TemplatePages, AnUploadedLogoIsOnLettersMadeAfterwardsOnly) {
  const int64_t n = make_case(account_, user_);
  const int64_t before_doc = remind(n);
  ASSERT_EQ(render_pending_documents(*db_, clock_), 1);
  const std::string before_pdf = pdf_of(n, before_doc);
  EXPECT_EQ(pdf_images(before_pdf), 0) << "the product's logo is drawn, not an image";

  Browser b = browser(user_, account_);
  // Without the form's CSRF token: refused, nothing stored.
  EXPECT_EQ(upload(b, "forkert", "logo.png", kRedPng).status, 403);
  auto r = upload(b, b.client.csrf(), "logo.png", kRedPng);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location, "/konto/breve#logo");
  auto page = b.client.get("/konto/breve");
  EXPECT_TRUE(page.has("<img src=\"/konto/logo.png?v="));
  EXPECT_FALSE(page.has("Kontoen bruger produktets logo."));
  auto png = b.client.get("/konto/logo.png");
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.header("Content-Type"), "image/png");
  EXPECT_EQ(png.body, kRedPng);

  // A reminder on another case (a second reminder with a fee must wait 10 days).
  const int64_t m = make_case(account_, user_);
  const int64_t after_doc = remind(m);
  ASSERT_EQ(render_pending_documents(*db_, clock_), 1);
  EXPECT_EQ(pdf_images(pdf_of(m, after_doc)), 1);
  // The letter made before is the same, byte for byte, and rendering it again from its frozen
  // content (as the print list does) still gives no logo: the same bytes.
  EXPECT_EQ(pdf_of(n, before_doc), before_pdf);
  soci::session sql(db_->pool());
  auto content = load_document_content(sql, account_, before_doc);
  ASSERT_TRUE(content);
  auto letter = letter_document_of(sql, account_, *content);
  ASSERT_TRUE(letter);
  auto again = render_pdf(std::span<const LetterDocument>(&*letter, 1));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, before_pdf);

  // Removed: the product's logo again, for new letters.
  b.client.get("/konto/breve");
  r = b.client.post("/konto/logo/fjern", {});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location, "/konto/breve#logo");
  page = b.client.get("/konto/breve");
  EXPECT_TRUE(page.has("Logoet er fjernet."));
  EXPECT_TRUE(page.has("Kontoen bruger produktets logo."));
  EXPECT_EQ(b.client.get("/konto/logo.png").status, 404);
  // The letter made with the logo refers to the logo's row, which is retired, never deleted:
  // rendered again from its content now, it still shows the logo.
  auto with_logo = load_document_content(sql, account_, after_doc);
  ASSERT_TRUE(with_logo);
  EXPECT_EQ(with_logo->find("iVBOR"), std::string::npos);  // no base64 PNG copied in
  auto again_with_logo = letter_document_of(sql, account_, *with_logo);
  ASSERT_TRUE(again_with_logo);
  auto rendered = render_pdf(std::span<const LetterDocument>(&*again_with_logo, 1));
  ASSERT_TRUE(rendered);
  EXPECT_EQ(pdf_images(*rendered), 1);
}

TEST_F(TemplatePages, AFileThatIsNoPngIsRefusedInDanish) {
  Browser b = browser(user_, account_);
  auto r = upload(b, b.client.csrf(), "logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                  "image/png");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.body.find("Logoet skal være en PNG-fil") != std::string::npos) << r.body;
  // No file chosen at all.
  r = upload(b, b.client.csrf(), "", "", "application/octet-stream");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.body.find("Vælg en PNG-fil med dit logo.") != std::string::npos) << r.body;
  EXPECT_EQ(b.client.get("/konto/logo.png").status, 404);
}

}  // namespace
}  // namespace inkasso::testing
