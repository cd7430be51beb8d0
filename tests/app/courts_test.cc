// Court districts and filing court documents (app/courts.h), on SQLite and PostgreSQL: the
// seeded table of the 24 district courts, postal code → court, the operator's edits, and filing
// a payment order by e-mail (a court_email sending with the creditor's copy, which the worker
// takes with the PDF) or via the courts' portal (a court_portal sending on the date filed).
#include "app/courts.h"

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/debtors.h"
#include "app/letters.h"
#include "app/users.h"
#include "store/migrations.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// 2026-11-23 10:00 UTC.
constexpr int64_t kNow = 1795428000;

std::vector<std::string> names(const std::vector<CourtDistrict>& courts) {
  std::vector<std::string> out;
  for (const CourtDistrict& c : courts) out.push_back(c.name);
  return out;
}

class Courts : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    box_.emplace(*box);
    operator_ = {testing::insert_user(db(), "drift@inkasso.dk")};
    ASSERT_TRUE(set_installation_operator(db(), "drift@inkasso.dk", true));
    creditor_ = {testing::insert_user(db(), "jens@hansen.dk")};
    stranger_ = {testing::insert_user(db(), "anden@firma.dk")};
    account_ = company(creditor_, "Hansens Tømrer ApS");
    other_account_ = company(stranger_, "Andet Firma ApS");
  }

  int64_t company(const Actor& admin, const std::string& name) {
    CompanyAccount form{name,         "27355021",  "kontor@hansen.dk", "12345678",    true,
                        "Vejen 1",    "8000",      "Aarhus C",         "Danske Bank", "1234",
                        "1234567890", std::nullopt};
    auto id = create_company_account(db(), clock_, admin, form);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // A case of 10.000,00 kr. due 01-06-2026 against a debtor in `postal_code`, with a reminder
  // (05-06-2026) and a collection notice (20-06-2026) already sent, so a payment order is lawful
  // on 23-11-2026 (the notice's 10 days have long passed; 10.000 kr. is under the 100.000 kr.
  // limit). Returns the case number.
  int64_t court_ready_case(const std::string& postal_code, const std::string& city) {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = "Skyldner ApS";
    in.cvr = "27355021";
    in.street = "Gaden 2";
    in.postal_code = postal_code;
    in.city = city;
    auto debtor = create_debtor(db(), clock_, *box_, creditor_, account_, in);
    EXPECT_TRUE(debtor) << (debtor ? "" : debtor.error().message);
    NewCase c;
    c.debtor_id = debtor ? *debtor : 0;
    c.claims.push_back(
        Claim{"F-100", Date::ymd(2026, 5, 15), Date::ymd(2026, 6, 1), Money::from_kroner(10'000)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 5), Money::from_kroner(100), false});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 20), Money::from_kroner(100), true});
    auto created = create_case(db(), clock_, *box_, creditor_, account_, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  int64_t version(int64_t number) {
    auto v = get_case(db(), clock_, creditor_, account_, number);
    return v ? v->stored.version : -1;
  }

  // Adds an action of `type` today that makes a document, renders it, returns the document id.
  int64_t document(int64_t number, ActionType type) {
    Action a;
    a.type = type;
    a.date = clock_.today();
    a.court_fee_added = true;
    if (type == ActionType::reminder) a.fee = Money();
    auto made = add_action_with_document(db(), clock_, *box_, Installation{}, creditor_, account_,
                                         number, version(number), a, SendingChoice{});
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    if (!made || !made->document_id) return 0;
    EXPECT_GE(render_pending_documents(db(), clock_), 1);
    return *made->document_id;
  }

  const CourtDistrict& court(const std::string& name) {
    courts_ = list_court_districts(db());
    for (const CourtDistrict& c : courts_)
      if (c.name == name) return c;
    ADD_FAILURE() << "no court " << name;
    static const CourtDistrict none;
    return none;
  }

  // The operator switches a court to filing by e-mail.
  void takes_email(const std::string& name) {
    const CourtDistrict c = court(name);
    ASSERT_TRUE(update_court_district(db(), clock_, operator_, c.id,
                                      {c.street, c.postal_code, c.city, c.email, c.phone, "email",
                                       c.note, c.fee_reg_no, c.fee_account_no}));
  }

  struct Row {
    std::string channel, status, recipient, copy_to;
    long long sent_at = 0;
    soci::indicator sent_i = soci::i_null;
  };
  std::vector<Row> sendings() {
    soci::session sql(db().pool());
    std::vector<Row> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT channel, status, recipient, copy_to, sent_at FROM dispatches "
                        "ORDER BY id");
    for (const soci::row& r : rows) {
      Row x{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
            r.get<std::string>(3)};
      x.sent_i = r.get_indicator(4);
      if (x.sent_i == soci::i_ok)
        x.sent_at = r.get_properties(4).get_data_type() == soci::dt_integer ? r.get<int>(4)
                                                                            : r.get<long long>(4);
      out.push_back(x);
    }
    return out;
  }

  FixedClock clock_{kNow, Date::ymd(2026, 11, 23)};
  std::optional<SecretBox> box_;
  Actor operator_, creditor_, stranger_;
  int64_t account_ = 0, other_account_ = 0;
  std::vector<CourtDistrict> courts_;
};

TEST_P(Courts, TheTableHoldsTheTwentyFourDistrictCourts) {
  const auto all = list_court_districts(db());
  ASSERT_EQ(all.size(), 24u);
  std::set<std::string> unique;
  for (const CourtDistrict& c : all) {
    unique.insert(c.name);
    EXPECT_EQ(c.postal_code.size(), 4u) << c.name;
    EXPECT_NE(c.email.find("@domstol.dk"), std::string::npos) << c.name;
    EXPECT_EQ(c.filing_method, FilingMethod::portal) << c.name << ": minretssag.dk by default";
    EXPECT_EQ(c.updated_at, 0) << "as seeded";
  }
  EXPECT_EQ(unique.size(), 24u);
  EXPECT_TRUE(unique.count("Retten i Aarhus"));
  EXPECT_TRUE(unique.count("Københavns Byret"));
  EXPECT_TRUE(unique.count("Retten på Bornholm"));
  const CourtDistrict& aarhus = court("Retten i Aarhus");
  EXPECT_EQ(aarhus.street, "Vester Allé 10");
  EXPECT_EQ(aarhus.email, "aarhus@domstol.dk");
}

// Migration 0019 wrote what the courts' pages on domstol.dk show (the URL by each court in the
// migration's comments); the rest keep 0012's values and a note asking to check them.
TEST_P(Courts, TheCourtsCheckedAgainstDomstolDkHaveThePagesDetails) {
  // https://domstol.dk/bornholm/praktisk/: postal address (fogedret included) Damgade 4A,
  // 3700 Rønne, the court rooms at St. Torv 1; https://domstol.dk/bornholm/aktuelt/2020/3/
  // pressemeddelelse/: 9968 8300, bornholm@domstol.dk. 0012 had Fælledvej 1 and no phone.
  const CourtDistrict bornholm = court("Retten på Bornholm");
  EXPECT_EQ(bornholm.street, "Damgade 4A");
  EXPECT_EQ(bornholm.postal_code, "3700");
  EXPECT_EQ(bornholm.city, "Rønne");
  EXPECT_EQ(bornholm.email, "bornholm@domstol.dk");
  EXPECT_EQ(bornholm.phone, "99 68 83 00");
  EXPECT_EQ(bornholm.note, "Retslokalerne: St. Torv 1, 3700 Rønne.");
  EXPECT_EQ(bornholm.updated_at, 0) << "a migration is no operator's edit";

  // https://domstol.dk/aarhus/praktiske-forhold/ and /aarhus/notarbooking/: Tinghuset, Vester
  // Allé 10; the Fogedret at Vester Allé 12, 8000 Aarhus C.
  const CourtDistrict aarhus = court("Retten i Aarhus");
  EXPECT_EQ(aarhus.street, "Vester Allé 10");
  EXPECT_EQ(aarhus.postal_code, "8000");
  EXPECT_EQ(aarhus.city, "Aarhus C");
  EXPECT_EQ(aarhus.email, "aarhus@domstol.dk");
  EXPECT_EQ(aarhus.phone, "99 68 78 00");
  EXPECT_EQ(aarhus.note, "Fogedretten: Vester Allé 12, 8000 Aarhus C.");

  // https://domstol.dk/holbaek/praktiske-forhold/sideindhold/praktiskbroed: "rettens hovednummer
  // 59 49 07 10", Fogedretten 59 49 07 12 (0012 had 99 68 66 00); address as 0012 seeded it.
  const CourtDistrict holbaek = court("Retten i Holbæk");
  EXPECT_EQ(holbaek.phone, "59 49 07 10");
  EXPECT_EQ(holbaek.street, "Domhusstræde 1");
  EXPECT_EQ(holbaek.email, "holbaek@domstol.dk");
  EXPECT_EQ(holbaek.note, "Kontrollér e-mail på domstol.dk. Fogedretten: 59 49 07 12.");

  // https://domstol.dk/roskilde/praktiske-forhold/: 9968 7600.
  EXPECT_EQ(court("Retten i Roskilde").phone, "99 68 76 00");
  // https://domstol.dk/lyngby/praktiske-forhold/: 99 68 48 00.
  EXPECT_EQ(court("Retten i Lyngby").phone, "99 68 48 00");
  // https://domstol.dk/svendborg/aktuelt/2020/5/covid-19/: Administrationen 9968 3200,
  // Fogedretten 9968 3202.
  const CourtDistrict svendborg = court("Retten i Svendborg");
  EXPECT_EQ(svendborg.phone, "99 68 32 00");
  EXPECT_EQ(svendborg.note,
            "Kontrollér adresse og e-mail på domstol.dk. Fogedretten: 99 68 32 02.");

  // https://domstol.dk/koebenhavn/kontakt: as 0012 seeded it, untouched.
  const CourtDistrict kbh = court("Københavns Byret");
  EXPECT_EQ(kbh.street, "Domhuset, Nytorv 25");
  EXPECT_EQ(kbh.postal_code, "1450");
  EXPECT_EQ(kbh.email, "kobenhavn@domstol.dk");
  EXPECT_EQ(kbh.phone, "99 68 70 00");

  // Exactly the courts whose address, phone or e-mail no domstol.dk page confirmed still ask
  // the operator to check them.
  std::set<std::string> to_check;
  for (const CourtDistrict& c : list_court_districts(db()))
    if (c.note.find("Kontrollér") != std::string::npos) to_check.insert(c.name);
  const std::set<std::string> expected{
      "Retten i Hjørring",   "Retten i Aalborg",          "Retten i Randers",
      "Retten i Viborg",     "Retten i Holstebro",        "Retten i Herning",
      "Retten i Horsens",    "Retten i Kolding",          "Retten i Esbjerg",
      "Retten i Sønderborg", "Retten i Odense",           "Retten i Svendborg",
      "Retten i Næstved",    "Retten i Nykøbing Falster", "Retten i Holbæk",
      "Retten i Roskilde",   "Retten i Helsingør",        "Retten i Lyngby",
      "Retten i Glostrup",   "Retten på Frederiksberg"};
  EXPECT_EQ(to_check, expected);
}

// Migration 0020: the courts whose own page on domstol.dk states the account for court fees
// have it; every other court has none (the operator fills it in), never a half.
TEST_P(Courts, TheCourtsAccountsForCourtFeesAreThoseTheirPagesState) {
  // https://domstol.dk/bornholm/praktisk/: Danske Bank 0216-4069134726 (IBAN DK63 0216 ...).
  const CourtDistrict bornholm = court("Retten på Bornholm");
  EXPECT_EQ(bornholm.fee_reg_no, "0216");
  EXPECT_EQ(bornholm.fee_account_no, "4069134726");
  // https://domstol.dk/roskilde/praktiske-forhold/: retsafgifter to 0216 4069134327 (hovedkasse,
  // foged- og civilkasse); 4069134343 is the skiftekasse's.
  const CourtDistrict roskilde = court("Retten i Roskilde");
  EXPECT_EQ(roskilde.fee_reg_no, "0216");
  EXPECT_EQ(roskilde.fee_account_no, "4069134327");
  int with_account = 0;
  for (const CourtDistrict& c : list_court_districts(db())) {
    EXPECT_EQ(c.fee_reg_no.empty(), c.fee_account_no.empty()) << c.name;
    if (!c.fee_reg_no.empty()) ++with_account;
  }
  EXPECT_EQ(with_account, 2);
}

// The statements of migration 0019's file, comments removed, split at the semicolons (the file
// has none inside its strings, and no "--" either).
std::vector<std::string> migration_0019_statements() {
  std::string text;
  for (const MigrationFile& f : migration_files())
    if (f.number == 19) text = std::string(f.sql);
  EXPECT_FALSE(text.empty()) << "migration 0019 is compiled in";
  std::string code;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const size_t comment = line.find("--");
    code += line.substr(0, comment) + "\n";
  }
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t at = code.find(';'); at != std::string::npos; at = code.find(';', from)) {
    const std::string stmt = code.substr(from, at - from);
    if (stmt.find_first_not_of(" \n") != std::string::npos) out.push_back(stmt);
    from = at + 1;
  }
  return out;
}

// There is no migrating up to a given version (Database::migrate applies all), so the row of
// an operator's edit made before 0019 is set up by hand: the 0019 statements, run again over
// it, leave it alone, while a row still as 0012 seeded it (updated_at = 0) gets 0019's values.
TEST_P(Courts, Migration0019LeavesACourtAnOperatorEditedAlone) {
  const auto statements = migration_0019_statements();
  ASSERT_GE(statements.size(), 7u) << "one UPDATE per court 0019 changes";

  // The operator corrected Retten i Holbæk's details on /drift/retskredse.
  const CourtDistrict holbaek = court("Retten i Holbæk");
  ASSERT_TRUE(update_court_district(db(), clock_, operator_, holbaek.id,
                                    {"Domhusstræde 1", "4300", "Holbæk", "foged.hol@domstol.dk",
                                     "12 34 56 78", "email", "Rettet af driften.", "", ""}));
  // Retten på Bornholm back as 0012 seeded it, untouched by any operator.
  {
    soci::session sql(db().pool());
    sql << "UPDATE court_districts SET street = 'Fælledvej 1', phone = '', note = "
           "'Kontrollér adresse og e-mail på domstol.dk.', updated_at = 0 "
           "WHERE name = 'Retten på Bornholm'";
    for (const std::string& stmt : statements) sql << stmt;
  }

  const CourtDistrict edited = court("Retten i Holbæk");
  EXPECT_EQ(edited.email, "foged.hol@domstol.dk");
  EXPECT_EQ(edited.phone, "12 34 56 78") << "not 0019's 59 49 07 10";
  EXPECT_EQ(edited.note, "Rettet af driften.");
  EXPECT_EQ(edited.filing_method, FilingMethod::email);
  EXPECT_EQ(edited.updated_at, kNow);
  EXPECT_EQ(edited.updated_by, operator_.user_id);

  const CourtDistrict seeded = court("Retten på Bornholm");
  EXPECT_EQ(seeded.street, "Damgade 4A");
  EXPECT_EQ(seeded.phone, "99 68 83 00");
  EXPECT_EQ(seeded.note, "Retslokalerne: St. Torv 1, 3700 Rønne.");
}

TEST_P(Courts, APostalCodeGivesItsCourtOrTheCandidates) {
  soci::session sql(db().pool());
  EXPECT_EQ(names(courts_for_postal_code(sql, "8000")),
            std::vector<std::string>{"Retten i Aarhus"});
  EXPECT_EQ(names(courts_for_postal_code(sql, " 9000 ")),
            std::vector<std::string>{"Retten i Aalborg"})
      << "trimmed";
  // 2000 Frederiksberg reaches Frederiksberg and Copenhagen municipalities: two courts.
  EXPECT_EQ(names(courts_for_postal_code(sql, "2000")),
            (std::vector<std::string>{"Københavns Byret", "Retten på Frederiksberg"}));
  // 4000 Roskilde reaches Høje-Taastrup (Glostrup) and Roskilde and Lejre (Roskilde).
  EXPECT_EQ(names(courts_for_postal_code(sql, "4000")),
            (std::vector<std::string>{"Retten i Glostrup", "Retten i Roskilde"}));
  // 3760 Gudhjem also covers Christiansø, missing from the source: Bornholm's alone.
  EXPECT_EQ(names(courts_for_postal_code(sql, "3760")),
            std::vector<std::string>{"Retten på Bornholm"});
  EXPECT_TRUE(courts_for_postal_code(sql, "0000").empty());
  EXPECT_TRUE(courts_for_postal_code(sql, "80000").empty());
  EXPECT_TRUE(courts_for_postal_code(sql, "").empty());
}

TEST_P(Courts, TheLetterGetsTheCourtOnlyWhenThePostalCodeDecides) {
  soci::session sql(db().pool());
  auto aarhus = court_for_debtor(sql, "8000");
  ASSERT_TRUE(aarhus);
  EXPECT_EQ(*aarhus, (CourtInfo{"Retten i Aarhus", "Vester Allé 10", "8000", "Aarhus C",
                                "aarhus@domstol.dk"}));
  EXPECT_FALSE(court_for_debtor(sql, "2000")) << "ambiguous: the creditor chooses";
  EXPECT_FALSE(court_for_debtor(sql, "1234"));
}

TEST_P(Courts, AnOperatorEditsACourtOthersAreRefusedAndNothingChanges) {
  const CourtDistrict before = court("Retten i Aarhus");
  CourtDistrictInput in{before.street,
                        before.postal_code,
                        before.city,
                        " Foged.Aarhus@Domstol.dk ",
                        "99 68 78 00",
                        "email",
                        "Fogedretten: Vester Allé 12.",
                        "0216",
                        "4069 133568"};

  // A creditor (administrator of an account, not an operator) is refused.
  auto refused = update_court_district(db(), clock_, creditor_, before.id, in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, app_error::kForbidden);
  EXPECT_EQ(court("Retten i Aarhus").email, "aarhus@domstol.dk");

  // Invalid input names the field and changes nothing.
  CourtDistrictInput bad = in;
  bad.email = "aarhus@domstol";
  auto invalid_email = update_court_district(db(), clock_, operator_, before.id, bad);
  ASSERT_FALSE(invalid_email);
  EXPECT_EQ(invalid_email.error().field, "email");
  bad = in;
  bad.postal_code = "800";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "postal_code");
  bad = in;
  bad.filing_method = "fax";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "filing_method");
  bad = in;
  bad.phone = "ring til os";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field, "phone");
  // The court's account for court fees: both or neither, reg.nr. 4 digits, kontonr. at most 10.
  bad = in;
  bad.fee_reg_no = "216";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "fee_reg_no");
  bad = in;
  bad.fee_account_no = "";
  auto half = update_court_district(db(), clock_, operator_, before.id, bad);
  ASSERT_FALSE(half);
  EXPECT_EQ(half.error().field, "fee_account_no");
  EXPECT_EQ(half.error().message, "Skriv også kontonummeret, eller lad begge felter stå tomme.")
      << "what is missing, not a digit count";
  bad = in;
  bad.fee_reg_no = " ";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "fee_reg_no");
  bad = in;
  bad.fee_account_no = "40691335680";
  EXPECT_EQ(update_court_district(db(), clock_, operator_, before.id, bad).error().field,
            "fee_account_no");
  const CourtDistrict unchanged = court("Retten i Aarhus");
  EXPECT_EQ(unchanged.email, "aarhus@domstol.dk");
  EXPECT_EQ(unchanged.filing_method, FilingMethod::portal);
  EXPECT_EQ(unchanged.updated_at, 0);
  EXPECT_EQ(unchanged.fee_reg_no, "");

  ASSERT_TRUE(update_court_district(db(), clock_, operator_, before.id, in));
  const CourtDistrict after = court("Retten i Aarhus");
  EXPECT_EQ(after.email, "foged.aarhus@domstol.dk") << "trimmed, lower-case";
  EXPECT_EQ(after.filing_method, FilingMethod::email);
  EXPECT_EQ(after.note, "Fogedretten: Vester Allé 12.");
  EXPECT_EQ(after.fee_reg_no, "0216");
  EXPECT_EQ(after.fee_account_no, "4069133568") << "the form's spaces removed";
  EXPECT_EQ(after.updated_at, kNow);
  EXPECT_EQ(after.updated_by, operator_.user_id);
  EXPECT_EQ(after.name, "Retten i Aarhus");

  auto unknown = update_court_district(db(), clock_, operator_, 999'999, in);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, app_error::kNotFound);
}

TEST_P(Courts, TheFilingViewSuggestsTheDebtorsCourt) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  auto v = court_filing_view(db(), *box_, creditor_, account_, n, doc);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(names(v->candidates), std::vector<std::string>{"Retten i Aarhus"});
  ASSERT_TRUE(v->suggested_court_id);
  EXPECT_EQ(*v->suggested_court_id, court("Retten i Aarhus").id);
  EXPECT_EQ(v->all.size(), 24u);
  EXPECT_EQ(v->creditor_email, "kontor@hansen.dk");
  EXPECT_TRUE(v->can_file);
  EXPECT_FALSE(v->filing);

  // Ambiguous: both candidates, none chosen for the creditor.
  const int64_t n2 = court_ready_case("2000", "Frederiksberg");
  const int64_t doc2 = document(n2, ActionType::payment_order);
  auto v2 = court_filing_view(db(), *box_, creditor_, account_, n2, doc2);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->candidates.size(), 2u);
  EXPECT_FALSE(v2->suggested_court_id);
}

TEST_P(Courts, FilingByEMailQueuesItToTheCourtWithTheCreditorsCopy) {
  takes_email("Retten i Aarhus");
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  auto filed = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {court("Retten i Aarhus").id, std::nullopt});
  ASSERT_TRUE(filed) << filed.error().message;
  EXPECT_EQ(filed->channel, Channel::court_email);
  EXPECT_EQ(filed->recipient, "aarhus@domstol.dk");
  auto rows = sendings();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].channel, "court_email");
  EXPECT_EQ(rows[0].status, "waiting");
  EXPECT_EQ(rows[0].recipient, "aarhus@domstol.dk");
  EXPECT_EQ(rows[0].copy_to, "kontor@hansen.dk");

  // The dispatch worker takes it like an e-mail, with the PDF and the copy for the Cc.
  soci::session sql(db().pool());
  auto claimed = claim_due_dispatches(sql, "test-worker", kNow, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].channel, Channel::court_email);
  EXPECT_EQ(claimed[0].copy_to, "kontor@hansen.dk");
  EXPECT_EQ(claimed[0].pdf.rfind("%PDF", 0), 0u);
  EXPECT_EQ(claimed[0].file_name, "betalingspaakrav-sag-" + std::to_string(n) + ".pdf");
  EXPECT_NE(claimed[0].subject.find("Hansens Tømrer ApS mod Skyldner ApS"), std::string::npos)
      << claimed[0].subject;
  EXPECT_NE(claimed[0].body.find("Til Retten i Aarhus"), std::string::npos) << claimed[0].body;

  // Filed once: a second filing is refused while the first stands.
  auto again = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {court("Retten i Aarhus").id, std::nullopt});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, court_error::kAlreadyFiled);
  EXPECT_EQ(sendings().size(), 1u);
}

TEST_P(Courts, FilingViaThePortalRecordsTheDateFiled) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  const int64_t aarhus = court("Retten i Aarhus").id;

  // The date is needed, and cannot be in the future or before the document's date.
  auto missing =
      file_court_document(db(), clock_, *box_, creditor_, account_, n, doc, {aarhus, std::nullopt});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "filed_on");
  EXPECT_EQ(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                {aarhus, Date::ymd(2026, 11, 24)})
                .error()
                .field,
            "filed_on");
  EXPECT_EQ(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                {aarhus, Date::ymd(2026, 11, 22)})
                .error()
                .field,
            "filed_on");
  EXPECT_TRUE(sendings().empty());

  // Filed today: recorded at the moment of confirming.
  auto filed = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_TRUE(filed) << filed.error().message;
  EXPECT_EQ(filed->channel, Channel::court_portal);
  auto rows = sendings();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].channel, "court_portal");
  EXPECT_EQ(rows[0].status, "sent");
  EXPECT_EQ(rows[0].recipient, "Retten i Aarhus (minretssag.dk)");
  ASSERT_EQ(rows[0].sent_i, soci::i_ok);
  EXPECT_EQ(rows[0].sent_at, kNow);

  // Nobody sends it: the worker never takes a portal filing.
  soci::session sql(db().pool());
  EXPECT_TRUE(claim_due_dispatches(sql, "test-worker", kNow + 86'400, 10).empty());

  auto again = file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                   {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, court_error::kAlreadyFiled);
}

TEST_P(Courts, APortalFilingOnAnEarlierDayIsRecordedOnThatDay) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  // The document is dated 23-11-2026; the creditor confirms on 25-11-2026 that it was filed on
  // the 24th: recorded at noon UTC that day, 2026-11-24 12:00 UTC = 1795428000 + 86400 + 7200.
  clock_.set(kNow + 2 * 86'400, Date::ymd(2026, 11, 25));
  ASSERT_TRUE(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                  {court("Retten i Aarhus").id, Date::ymd(2026, 11, 24)}));
  auto rows = sendings();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sent_at, kNow + 86'400 + 7'200);
}

TEST_P(Courts, OnlyCourtDocumentsThatStandAreFiled) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t aarhus = court("Retten i Aarhus").id;
  const int64_t reminder = document(n, ActionType::reminder);
  auto not_court = file_court_document(db(), clock_, *box_, creditor_, account_, n, reminder,
                                       {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(not_court);
  EXPECT_EQ(not_court.error().code, court_error::kNotCourtDocument);
  EXPECT_FALSE(court_filing_view(db(), *box_, creditor_, account_, n, reminder));

  const int64_t order = document(n, ActionType::payment_order);
  ASSERT_TRUE(delete_last_action(db(), clock_, creditor_, account_, n, version(n)));
  auto withdrawn = file_court_document(db(), clock_, *box_, creditor_, account_, n, order,
                                       {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(withdrawn);
  EXPECT_EQ(withdrawn.error().code, court_error::kWithdrawn);
  EXPECT_TRUE(sendings().empty());
}

TEST_P(Courts, AnotherAccountsDocumentIsNotFound) {
  const int64_t n = court_ready_case("8000", "Aarhus C");
  const int64_t doc = document(n, ActionType::payment_order);
  const int64_t aarhus = court("Retten i Aarhus").id;
  auto outsider = file_court_document(db(), clock_, *box_, stranger_, other_account_, n, doc,
                                      {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, app_error::kNotFound);
  auto not_member = file_court_document(db(), clock_, *box_, stranger_, account_, n, doc,
                                        {aarhus, Date::ymd(2026, 11, 23)});
  ASSERT_FALSE(not_member);
  EXPECT_EQ(not_member.error().code, app_error::kNotFound);
  EXPECT_FALSE(court_filing_view(db(), *box_, stranger_, other_account_, n, doc));
  EXPECT_TRUE(sendings().empty());
}

INKASSO_INSTANTIATE_BACKENDS(Courts);

}  // namespace
}  // namespace inkasso
