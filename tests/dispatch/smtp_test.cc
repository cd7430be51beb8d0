// The worker sending e-mail to a real SMTP server on loopback (aiosmtpd): the message as the
// debtor gets it, retries with back-off, permanent refusals, and a channel that is not set up.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "dispatch/worker.h"
#include "store/dispatch_store.h"
#include "tests/dispatch/dispatch_fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

constexpr int64_t kNow = 1'750'000'000;  // Sun, 15 Jun 2025 15:06:40 UTC

class SmtpDispatch : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    case_ = testing::insert_case_rows(db(), "Kreditor A/S", "Jensen Byg ApS", 1042);
    doc_ = testing::insert_document_row(db(), case_, "reminder", "Rykker nr. 2",
                                        testing::sample_pdf());
  }
  DispatchConfig config(const testing::SmtpServer& server) {
    DispatchConfig c;
    SmtpConfig smtp;
    smtp.url = server.url();
    smtp.from_address = "udsendelse@inkasso.example";
    smtp.from_name = "Inkasso";
    c.smtp = smtp;
    c.public_url = "https://inkasso.example/";
    c.worker_name = "test-worker";
    return c;
  }
  testing::DispatchState state(int64_t id) { return testing::dispatch_state(db(), id); }

  testing::CaseRows case_;
  int64_t doc_ = 0;
};

TEST_P(SmtpDispatch, TheDebtorGetsTheLetterWithTheRightHeadersPdfAndLink) {
  testing::SmtpServer server;
  NewDispatch d;
  d.account_id = case_.account_id;
  d.case_id = case_.case_id;
  d.document_id = doc_;
  d.channel = Channel::email;
  d.recipient = "jensen@example.dk";
  d.reply_to = "bogholderi@kreditor.dk";
  d.sender_name = "Kreditor Ærøskøbing A/S";
  d.subject = "Rykker nr. 2 – sag 1042: betal 1.477,50 kr. før fristen (æøå ÆØÅ)";
  d.body = "Kære Jensen Byg ApS\n\nSe brevet her: {{link}}.\n\nMed venlig hilsen\nKreditor";
  d.send_at = kNow - 60;
  int64_t id = 0;
  {
    soci::session sql(db().pool());
    id = insert_dispatch(sql, d, kNow - 60);
  }
  DispatchWorker worker(db(), config(server));
  EXPECT_EQ(worker.run_once(kNow), 1);
  EXPECT_EQ(worker.last_round().received, 1);

  ASSERT_EQ(server.messages().size(), 1u);
  auto mail = testing::read_eml(server.messages()[0]);
  EXPECT_EQ(mail["Subject"], d.subject) << "RFC 2047 decodes back to the UTF-8 subject";
  EXPECT_EQ(mail["From"], "Kreditor Ærøskøbing A/S <udsendelse@inkasso.example>");
  EXPECT_EQ(mail["Reply-To"], "Kreditor Ærøskøbing A/S <bogholderi@kreditor.dk>");
  EXPECT_EQ(mail["To"], "jensen@example.dk");
  EXPECT_EQ(mail["X-Inkasso-Dispatch"], std::to_string(id));
  EXPECT_EQ(mail["Date"], "Sun, 15 Jun 2025 15:06:40 +0000");
  // A letter to a debtor is no mailing list: no unsubscribe headers (only the digest has them).
  EXPECT_TRUE(mail["List-Unsubscribe"].is_null());
  EXPECT_TRUE(mail["List-Unsubscribe-Post"].is_null());
  ASSERT_EQ(mail["attachments"].size(), 1u);
  EXPECT_EQ(mail["attachments"][0]["filename"], "rykker-nr-2-sag-1042.pdf");
  EXPECT_EQ(mail["attachments"][0]["type"], "application/pdf");
  EXPECT_EQ(mail["attachments"][0]["hex"], testing::hex_of(testing::sample_pdf()))
      << "the PDF arrives byte for byte";

  // The link: public URL + /aabn/ + a 43-character token whose hash the row holds.
  const std::string text = mail["text"];
  const std::string prefix = "Se brevet her: https://inkasso.example/aabn/";
  const size_t at = text.find(prefix);
  ASSERT_NE(at, std::string::npos) << text;
  const std::string token = text.substr(at + prefix.size(), 43);
  EXPECT_EQ(text.substr(at + prefix.size() + 43, 1), ".");
  EXPECT_EQ(text.rfind("Kære Jensen Byg ApS\n\n", 0), 0u) << "the text with its line breaks";
  const std::string html = mail["html"];
  EXPECT_NE(html.find("<a href=\"https://inkasso.example/aabn/" + token + "\">"), std::string::npos)
      << html;

  auto s = state(id);
  EXPECT_EQ(s.status, "received");
  EXPECT_TRUE(s.sent && s.received);
  EXPECT_EQ(s.attempts, 1);
  EXPECT_EQ(s.provider_id, mail["Message-ID"].get<std::string>());
  EXPECT_EQ(s.tracking_hash, tracking_token_hash(token));
  soci::session sql(db().pool());
  auto opened = record_opened(sql, token, kNow + 100);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(opened->dispatch_id, id);
  EXPECT_EQ(state(id).status, "opened");

  // Nothing more is due: the next round sends nothing.
  EXPECT_EQ(worker.run_once(kNow + 10), 0);
  EXPECT_EQ(server.messages().size(), 1u);
}

// SmtpSender alone: the list headers arrive exactly as asked, only when asked, and a URL that
// tries to inject a header (CR/LF) or to leave the angle brackets gives none at all.
TEST(SmtpSenderListHeaders, OnlyWhenAskedAndNeverInjected) {
  testing::SmtpServer server;
  SmtpConfig config;
  config.url = server.url();
  config.from_address = "opfoelgning@inkasso.example";
  config.from_name = "Inkasso";
  SmtpSender sender(config);
  const std::string url = "https://inkasso.example/opfoelgningsmail/afmeld/7-0123/et-klik";
  const std::vector<std::string> asked = {url, "",
                                          "https://inkasso.example/a\r\nBcc: <spy@evil.example>",
                                          "https://inkasso.example/a>, <mailto:spy@evil.example>"};
  for (const std::string& u : asked) {
    MailMessage m;
    m.to = "jens@hansen.dk";
    m.subject = "1 sag til opfølgning hos Hansens Tømrer ApS";
    m.text = "Hej Jens";
    m.date_unix = kNow;
    m.list_unsubscribe_url = u;
    ASSERT_EQ(sender.send(m).outcome, SendOutcome::accepted) << u;
  }
  const auto files = server.messages();
  ASSERT_EQ(files.size(), asked.size());
  auto list_lines = [](const std::filesystem::path& f) {
    std::vector<std::string> out;
    for (const std::string& line : testing::raw_header_lines(f))
      if (line.rfind("List-", 0) == 0 || line.rfind("Bcc", 0) == 0) out.push_back(line);
    return out;
  };
  EXPECT_EQ(list_lines(files[0]),
            (std::vector<std::string>{"List-Unsubscribe: <" + url + ">",
                                      "List-Unsubscribe-Post: List-Unsubscribe=One-Click"}));
  auto parsed = testing::read_eml(files[0]);
  EXPECT_EQ(parsed["List-Unsubscribe"], "<" + url + ">") << "Python's parser reads the same";
  EXPECT_EQ(parsed["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  for (size_t i = 1; i < files.size(); ++i) {
    EXPECT_TRUE(list_lines(files[i]).empty()) << asked[i];
    std::ifstream rcpt(std::filesystem::path(files[i]).replace_extension(".rcpt"));
    std::string envelope((std::istreambuf_iterator<char>(rcpt)), std::istreambuf_iterator<char>());
    EXPECT_EQ(envelope, "jens@hansen.dk") << "nobody else got it: " << asked[i];
  }
}

TEST_P(SmtpDispatch, CourtEmailGoesToTheCourtWithACopyToTheCreditor) {
  testing::SmtpServer server;
  const int64_t id = testing::queue_dispatch(db(), case_, doc_, Channel::court_email,
                                             "retten@domstol.example", kNow - 60);
  {
    soci::session sql(db().pool());
    sql << "UPDATE dispatches SET copy_to = 'kreditor@kreditor.dk' WHERE id = :i",
        soci::use(static_cast<long long>(id));
  }
  DispatchWorker worker(db(), config(server));
  ASSERT_EQ(worker.run_once(kNow), 1);
  ASSERT_EQ(server.messages().size(), 1u);
  auto mail = testing::read_eml(server.messages()[0]);
  EXPECT_EQ(mail["To"], "retten@domstol.example");
  EXPECT_EQ(mail["Cc"], "kreditor@kreditor.dk");
  std::ifstream rcpt(server.messages()[0].replace_extension(".rcpt"));
  std::string envelope((std::istreambuf_iterator<char>(rcpt)), std::istreambuf_iterator<char>());
  EXPECT_EQ(envelope, "retten@domstol.example\nkreditor@kreditor.dk");
  EXPECT_EQ(state(id).status, "received");
}

TEST_P(SmtpDispatch, TemporaryFailureIsRetriedAfterItsBackOff) {
  // The server answers 451 to the first two attempts for this address.
  testing::SmtpServer server({"--temp-fail", "travl@example.dk:2"});
  const int64_t id =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "travl@example.dk", kNow - 60);
  DispatchWorker worker(db(), config(server));

  ASSERT_EQ(worker.run_once(kNow), 1);
  EXPECT_EQ(worker.last_round().retrying, 1);
  auto s = state(id);
  EXPECT_EQ(s.status, "waiting");
  EXPECT_EQ(s.attempts, 1);
  EXPECT_EQ(s.next_attempt_at, kNow + 60);  // 1 minute after the first failure
  EXPECT_NE(s.error.find("451"), std::string::npos) << s.error;

  EXPECT_EQ(worker.run_once(kNow + 59), 0) << "not before the back-off";
  ASSERT_EQ(worker.run_once(kNow + 60), 1);
  s = state(id);
  EXPECT_EQ(s.attempts, 2);
  EXPECT_EQ(s.next_attempt_at, kNow + 60 + 300);  // 5 minutes after the second

  ASSERT_EQ(worker.run_once(kNow + 360), 1);
  s = state(id);
  EXPECT_EQ(s.status, "received");
  EXPECT_EQ(s.attempts, 3);
  EXPECT_EQ(s.error, "");
  ASSERT_EQ(server.messages().size(), 1u) << "it arrived once";
  EXPECT_EQ(testing::dispatch_id_of(server.messages()[0]), id);
}

TEST_P(SmtpDispatch, PermanentRefusalFailsWithTheReason) {
  testing::SmtpServer server({"--perm-fail", "findesikke@example.dk"});
  const int64_t refused = testing::queue_dispatch(db(), case_, doc_, Channel::email,
                                                  "findesikke@example.dk", kNow - 60);
  const int64_t bad =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "ikke en adresse", kNow - 60);
  const int64_t fine =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "jensen@example.dk", kNow - 60);
  DispatchWorker worker(db(), config(server));
  ASSERT_EQ(worker.run_once(kNow), 3);
  auto s = state(refused);
  EXPECT_EQ(s.status, "failed");
  EXPECT_EQ(s.error,
            "Modtagerens mailserver afviste adressen (SMTP 550). Kontrollér e-mailadressen.");
  s = state(bad);
  EXPECT_EQ(s.status, "failed");
  EXPECT_EQ(s.error, "E-mailadressen \"ikke en adresse\" er ugyldig.");
  EXPECT_EQ(s.attempts, 0) << "refused before any attempt";
  EXPECT_EQ(state(fine).status, "received") << "the connection is fine after a refusal";
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(testing::dispatch_id_of(server.messages()[0]), fine);
}

TEST_P(SmtpDispatch, LoginIsUsedAndAWrongPasswordHoldsTheBatch) {
  testing::SmtpServer server({"--user", "inkasso", "--password", "hemmeligt"});
  const int64_t a =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "a@example.dk", kNow - 60);
  const int64_t b =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "b@example.dk", kNow - 60);
  DispatchConfig wrong = config(server);
  wrong.smtp->username = "inkasso";
  wrong.smtp->password = "forkert";
  {
    DispatchWorker worker(db(), wrong);
    ASSERT_EQ(worker.run_once(kNow), 2);
    // The first counts a temporary failure; the second is left waiting untouched.
    EXPECT_EQ(worker.last_round().retrying, 1);
    EXPECT_EQ(worker.last_round().released, 1);
    EXPECT_EQ(state(a).attempts, 1);
    EXPECT_EQ(state(b).attempts, 0);
    EXPECT_EQ(state(b).status, "waiting");
  }
  DispatchConfig right = config(server);
  right.smtp->username = "inkasso";
  right.smtp->password = "hemmeligt";
  DispatchWorker worker(db(), right);
  ASSERT_EQ(worker.run_once(kNow + 3600), 2);
  EXPECT_EQ(state(a).status, "received");
  EXPECT_EQ(state(b).status, "received");
  EXPECT_EQ(server.messages().size(), 2u);
}

TEST_P(SmtpDispatch, StartTlsRequiredButNotOfferedIsNotSentInClear) {
  testing::SmtpServer server;  // plain SMTP, no STARTTLS
  const int64_t id =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "a@example.dk", kNow - 60);
  DispatchConfig c = config(server);
  c.smtp->use_starttls = true;
  DispatchWorker worker(db(), c);
  ASSERT_EQ(worker.run_once(kNow), 1);
  EXPECT_EQ(state(id).status, "waiting");
  EXPECT_EQ(state(id).error, "Kunne ikke forbinde til mailserveren; vi prøver igen senere.");
  EXPECT_TRUE(server.messages().empty());
}

TEST_P(SmtpDispatch, UnreachableServerIsATemporaryFailure) {
  std::string port;
  {
    testing::SmtpServer gone;  // a port that was just free and now is closed
    port = std::to_string(gone.port());
  }
  const int64_t id =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "a@example.dk", kNow - 60);
  DispatchConfig c;
  SmtpConfig smtp;
  smtp.url = "smtp://127.0.0.1:" + port;
  smtp.from_address = "udsendelse@inkasso.example";
  c.smtp = smtp;
  c.worker_name = "w";
  DispatchWorker worker(db(), c);
  ASSERT_EQ(worker.run_once(kNow), 1);
  EXPECT_EQ(state(id).status, "waiting");
  EXPECT_EQ(state(id).next_attempt_at, kNow + 60);
}

TEST_P(SmtpDispatch, AChannelThatIsNotSetUpFailsItsRows) {
  const int64_t mail =
      testing::queue_dispatch(db(), case_, doc_, Channel::email, "a@example.dk", kNow - 60);
  const int64_t sms =
      testing::queue_dispatch(db(), case_, doc_, Channel::sms, "12345678", kNow - 60);
  DispatchConfig c;
  c.worker_name = "w";
  DispatchWorker worker(db(), c);
  ASSERT_EQ(worker.run_once(kNow), 2);
  EXPECT_EQ(state(mail).status, "failed");
  EXPECT_EQ(state(mail).error, "E-mail er ikke sat op på denne installation.");
  EXPECT_EQ(state(sms).error, "SMS er ikke sat op på denne installation.");
}

INKASSO_INSTANTIATE_BACKENDS(SmtpDispatch);

}  // namespace
}  // namespace inkasso
