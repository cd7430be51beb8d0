// `inkasso letter render` as a real process on examples/case.json.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "letter_cases.h"

namespace inkasso {
namespace {

namespace fs = std::filesystem;

struct Process {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

Process inkasso(const std::string& args) {
  fs::path binary = testing::build_dir() / "inkasso";
  EXPECT_TRUE(fs::exists(binary)) << binary << " is missing: build the inkasso target";
  int status = 0;
  Process r;
  r.output = testing::run("'" + binary.string() + "' " + args + " 2>&1", &status);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string example() {
  return std::string(INKASSO_SOURCE_DIR) + "/examples/case.json";
}

fs::path out_dir() {
  fs::path d = testing::build_dir() / "letters-png" / "cli";
  fs::create_directories(d);
  return d;
}

TEST(LetterCli, RendersTheFilesLastReminder) {
  fs::path out = out_dir() / "reminder.pdf";
  fs::remove(out);
  Process r =
      inkasso("letter render '" + example() + "' --type reminder --out '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string t = testing::run("pdftotext -layout '" + out.string() + "' -");
  // The file's last reminder up to its as_of (2025-06-01) is the second, of 30 January 2025:
  // principal 1.500,00 − 100,00 credit note = 1.400,00; fees 100 + 310 compensation + 100 =
  // 510,00; no interest yet (from 15 February): 1.910,00.
  EXPECT_NE(t.find("Rykker nr. 2"), std::string::npos) << t;
  EXPECT_NE(t.find("30. januar 2025"), std::string::npos);
  EXPECT_NE(t.find("1.910,00 kr."), std::string::npos);
  EXPECT_NE(t.find("Side 1 af 1"), std::string::npos);
  // The sample creditor: FI line for case 1001, check digit (10 − (1·1 + 1·2)) mod 10 = 7.
  EXPECT_NE(t.find("+71<000000000010017+85412347<"), std::string::npos);
}

TEST(LetterCli, NewActionWithSuggestedDefaults) {
  fs::path out = out_dir() / "settlement.pdf";
  fs::remove(out);
  Process r = inkasso("letter render '" + example() +
                      "' --type settlement_offer --as-of 2025-06-01 --case-number 77 --out '" +
                      out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string t = testing::run("pdftotext -layout '" + out.string() + "' -");
  EXPECT_NE(t.find("Tilbud om akkord"), std::string::npos) << t;
  EXPECT_NE(t.find("15. juni 2025"), std::string::npos);  // 14 days, the default deadline
  EXPECT_NE(t.find("20 %"), std::string::npos);
  EXPECT_NE(t.find("Sags-ID: 77"), std::string::npos);
}

TEST(LetterCli, LegalRefusalExitsThreeWithTheDanishReason) {
  // The collection notice of 11 February 2025 gives until 21 February: no court before that.
  fs::path out = out_dir() / "refused.pdf";
  Process r = inkasso("letter render '" + example() +
                      "' --type payment_order --as-of 2025-02-12 --out '" + out.string() + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("error: "), std::string::npos);
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST(LetterCli, BadInputExitsTwoWithOneLine) {
  fs::path out = out_dir() / "bad.pdf";
  for (std::string args :
       {"--type nonsense", "--type pause", "--type reminder --as-of 2025-13-01"}) {
    Process r =
        inkasso("letter render '" + example() + "' " + args + " --out '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << args << ": " << r.output;
  }
  Process missing =
      inkasso("letter render /nonexistent.json --type reminder --out '" + out.string() + "'");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

TEST(LetterCli, EditedTemplateAndOwnParties) {
  fs::path dir = out_dir();
  {
    std::ofstream t(dir / "template.txt");
    t << "<h1>Venlig påmindelse</h1>\n<p>Kære {{debtor_name}}, du skylder {{total}}.</p>\n";
    std::ofstream c(dir / "creditor.json");
    c << R"({"name": "Frisør Åse", "street": "Strøget 1", "postal_code": "1160",
             "city": "København K", "account_no": "1234567", "reg_no": "9876"})";
    std::ofstream d(dir / "debtor.json");
    d << R"({"name": "Bjørn & Co <test>", "street": "Vej 2", "postal_code": "2100",
             "city": "København Ø"})";
    std::ofstream bad(dir / "bad-template.txt");
    bad << "<p>ok</p>\n<p>{{ukendt}}</p>\n";
  }
  fs::path out = dir / "edited.pdf";
  Process r = inkasso("letter render '" + example() + "' --type reminder --template '" +
                      (dir / "template.txt").string() + "' --creditor '" +
                      (dir / "creditor.json").string() + "' --debtor '" +
                      (dir / "debtor.json").string() + "' --out '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string t = testing::run("pdftotext -layout '" + out.string() + "' -");
  EXPECT_NE(t.find("Venlig påmindelse"), std::string::npos) << t;
  EXPECT_NE(t.find("Kære Bjørn & Co <test>, du skylder 1.910,00 kr."), std::string::npos) << t;
  EXPECT_NE(t.find("Frisør Åse"), std::string::npos);
  EXPECT_EQ(t.find("+71<"), std::string::npos);  // no FI creditor number: no FI line

  Process bad = inkasso("letter render '" + example() + "' --type reminder --template '" +
                        (dir / "bad-template.txt").string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("Linje 2: ukendt felt {{ukendt}}"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace inkasso
