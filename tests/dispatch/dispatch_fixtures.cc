#include "tests/dispatch/dispatch_fixtures.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sodium.h>

#include "core/text.h"

extern char** environ;

namespace inkasso::testing {

namespace fs = std::filesystem;

namespace {

int64_t last_insert_id(soci::session& sql, Database& db, const char* table) {
  long long id = 0;
  if (db.dialect() == Dialect::sqlite)
    sql << "SELECT last_insert_rowid()", soci::into(id);
  else
    sql << std::string("SELECT currval(pg_get_serial_sequence('") + table + "', 'id'))",
        soci::into(id);
  return id;
}

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

}  // namespace

std::string hex_of(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

CaseRows insert_case_rows(Database& db, const std::string& account_name,
                          const std::string& debtor_name, int64_t case_number) {
  soci::session sql(db.pool());
  CaseRows c;
  sql << "INSERT INTO accounts (kind, name, cvr, created_at) VALUES ('company', :n, '27355021', 0)",
      soci::use(account_name);
  c.account_id = last_insert_id(sql, db, "accounts");
  long long account = c.account_id;
  std::string key = search_key(debtor_name);
  sql << "INSERT INTO debtors (account_id, kind, name, name_search, created_at, updated_at) "
         "VALUES (:a, 'company', :n, :s, 0, 0)",
      soci::use(account), soci::use(debtor_name), soci::use(key);
  c.debtor_id = last_insert_id(sql, db, "debtors");
  long long debtor = c.debtor_id, number = case_number;
  sql << "INSERT INTO cases (account_id, number, debtor_id, debtor_kind, track, interest_kind, "
         "interest_from, created_at) VALUES (:a, :n, :d, 'company', 'standard', 'procesrente', "
         "'day31', 0)",
      soci::use(account), soci::use(number), soci::use(debtor);
  c.case_id = last_insert_id(sql, db, "cases");
  c.case_number = case_number;
  return c;
}

int64_t insert_document_row(Database& db, const CaseRows& c, const std::string& kind,
                            const std::string& title, const std::string& pdf, int64_t event_seq) {
  soci::session sql(db.pool());
  long long account = c.account_id, case_id = c.case_id, seq = event_seq,
            bytes = static_cast<long long>(pdf.size()), at = 1'748'736'000;
  std::string encoded = base64(pdf);
  soci::indicator rendered = pdf.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  sql << "INSERT INTO documents (account_id, case_id, event_seq, kind, title, letter_date, "
         "content_json, pdf_base64, pdf_bytes, rendered_at, created_at) VALUES (:a, :c, :s, :k, "
         ":t, '2025-06-01', '{}', :p, :b, :r, :ca) RETURNING id",
      soci::use(account), soci::use(case_id), soci::use(seq), soci::use(kind), soci::use(title),
      soci::use(encoded, rendered), soci::use(bytes, rendered), soci::use(at, rendered),
      soci::use(at), soci::into(id);
  return id;
}

int64_t queue_dispatch(Database& db, const CaseRows& c, int64_t document_id, Channel channel,
                       const std::string& recipient, int64_t send_at, const std::string& body) {
  soci::session sql(db.pool());
  NewDispatch d;
  d.account_id = c.account_id;
  d.case_id = c.case_id;
  d.document_id = document_id;
  d.channel = channel;
  d.recipient = recipient;
  d.reply_to = "bogholderi@kreditor.dk";
  d.sender_name = "Kreditor A/S";
  d.subject = "Rykker for betaling";
  d.body = body;
  d.send_at = send_at;
  return insert_dispatch(sql, d, send_at);
}

DispatchState dispatch_state(Database& db, int64_t id) {
  soci::session sql(db.pool());
  long long i = id, next = 0, sent = 0, received = 0, opened = 0, failed = 0;
  DispatchState s;
  soci::indicator error_i, provider_i, hash_i, claimed_i, sent_i, received_i, opened_i, failed_i;
  sql << "SELECT status, attempts, next_attempt_at, error, provider_id, tracking_token_hash, "
         "claimed_by, open_count, sent_at, received_at, opened_at, failed_at FROM dispatches "
         "WHERE id = :i",
      soci::use(i), soci::into(s.status), soci::into(s.attempts), soci::into(next),
      soci::into(s.error, error_i), soci::into(s.provider_id, provider_i),
      soci::into(s.tracking_hash, hash_i), soci::into(s.claimed_by, claimed_i),
      soci::into(s.open_count), soci::into(sent, sent_i), soci::into(received, received_i),
      soci::into(opened, opened_i), soci::into(failed, failed_i);
  if (!sql.got_data()) throw std::runtime_error("no dispatch " + std::to_string(id));
  s.next_attempt_at = next;
  if (error_i == soci::i_null) s.error.clear();
  if (provider_i == soci::i_null) s.provider_id.clear();
  if (hash_i == soci::i_null) s.tracking_hash.clear();
  if (claimed_i == soci::i_null) s.claimed_by.clear();
  s.sent = sent_i != soci::i_null;
  s.received = received_i != soci::i_null;
  s.opened = opened_i != soci::i_null;
  s.failed = failed_i != soci::i_null;
  return s;
}

std::string sample_pdf(int variant) {
  std::string pdf = "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n";
  pdf += std::string("binary\0part\xff\x01\r\n.\r\n", 19);  // a lone "." line, too
  for (int i = 0; i < 2000; ++i) pdf.push_back(static_cast<char>((i * 7 + variant) % 256));
  pdf += "\n%%EOF\n";
  return pdf;
}

pid_t spawn_program(const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::string& log) {
  std::vector<std::string> argv_text = args;
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("INKASSO_", 0) != 0) env_text.emplace_back(*e);
  env_text.insert(env_text.end(), env.begin(), env.end());
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> argv, envp;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

SmtpServer::SmtpServer(const std::vector<std::string>& options) {
  char tmpl[] = "/tmp/inkasso-smtp-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  const std::string script = std::string(INKASSO_SOURCE_DIR) + "/tests/dispatch/smtp_server.py";
  const std::string port_file = (dir_ / "port").string(), mail_dir = (dir_ / "mail").string();
  fs::create_directories(mail_dir);
  std::vector<std::string> args = {"/usr/bin/python3", script,        "--dir",
                                   mail_dir,           "--port-file", port_file};
  args.insert(args.end(), options.begin(), options.end());
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int i = 0; i < 500 && !fs::exists(port_file); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::ifstream in(port_file);
  if (!(in >> port_)) throw std::runtime_error("the SMTP server did not start (aiosmtpd?)");
}

SmtpServer::~SmtpServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::vector<fs::path> SmtpServer::messages() const {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir_ / "mail"))
    if (e.path().extension() == ".eml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool SmtpServer::wait_for(size_t n, std::chrono::milliseconds timeout) const {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (messages().size() < n) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

nlohmann::json read_eml(const fs::path& file) {
  const std::string cmd = "/usr/bin/python3 " + std::string(INKASSO_SOURCE_DIR) +
                          "/tests/dispatch/read_eml.py '" + file.string() + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed");
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return nlohmann::json::parse(out);
}

int64_t dispatch_id_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line == "\r" || line.empty()) break;  // end of the header
    if (line.rfind("X-Inkasso-Dispatch: ", 0) == 0) return std::stoll(line.substr(20));
  }
  return 0;
}

std::vector<std::string> raw_header_lines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;  // end of the header
    out.push_back(line);
  }
  return out;
}

}  // namespace inkasso::testing
