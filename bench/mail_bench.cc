// E-mails handed to a local SMTP server per second (issue 5, "Measure"; goal: at least 200).
//
// Queues N e-mails with a 30 KB PDF each in a fresh SQLite database and times the dispatch worker
// sending them all (claim, tracking token, SMTP over one kept connection, outcome recorded) to
// two local SMTP servers: tests/dispatch/smtp_server.py (aiosmtpd, the tests' server, in Python)
// and a minimal SMTP sink in this program (it answers every command and reads DATA to its end,
// so its own cost is near zero and the figure is what inkasso can hand over). Then N more
// through SmtpSender alone (no database) to the sink, to show what the queue costs.
//
//   inkasso_mail_bench [N=2000] [SOURCE_DIR]
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include <sodium.h>

#include "dispatch/mail_format.h"
#include "dispatch/worker.h"
#include "store/database.h"
#include "store/dispatch_store.h"

#ifndef INKASSO_SOURCE_DIR
#define INKASSO_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;
using namespace inkasso;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

size_t count_mail(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".eml") ++n;
  return n;
}

// A minimal SMTP server on loopback: enough protocol for curl, every message accepted.
class SmtpSink {
 public:
  SmtpSink() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    std::thread([this] {
      for (;;) {
        int fd = ::accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) return;
        ++connections;
        std::thread([this, fd] { serve(fd); }).detach();
      }
    }).detach();
  }
  int port() const { return port_; }
  std::atomic<int> messages{0}, connections{0};

 private:
  void reply(int fd, std::string_view text) { (void)!::write(fd, text.data(), text.size()); }
  void serve(int fd) {
    reply(fd, "220 sink ESMTP\r\n");
    std::string buf;
    bool data = false;
    char chunk[65536];
    for (;;) {
      ssize_t got = ::read(fd, chunk, sizeof chunk);
      if (got <= 0) break;
      buf.append(chunk, static_cast<size_t>(got));
      for (;;) {
        if (data) {
          size_t end = buf.find("\r\n.\r\n");
          if (end == std::string::npos) break;
          buf.erase(0, end + 5);
          data = false;
          ++messages;
          reply(fd, "250 2.0.0 queued\r\n");
          continue;
        }
        size_t eol = buf.find("\r\n");
        if (eol == std::string::npos) break;
        std::string cmd = buf.substr(0, 4);
        buf.erase(0, eol + 2);
        if (cmd == "EHLO") {
          reply(fd, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
        } else if (cmd == "DATA") {
          data = true;
          // The message starts on the next line: let the terminator search see its "\r\n".
          buf.insert(0, "\r\n");
          reply(fd, "354 go on\r\n");
        } else if (cmd == "QUIT") {
          reply(fd, "221 bye\r\n");
          ::close(fd);
          return;
        } else {
          reply(fd, "250 OK\r\n");
        }
      }
    }
    ::close(fd);
  }
  int listen_fd_ = -1;
  int port_ = 0;
};

// Queues n e-mails (all due) with the PDF in a fresh SQLite database in `dir`.
std::unique_ptr<Database> queued_database(const fs::path& file, int n, const std::string& pdf,
                                          int64_t now) {
  auto db = Database::open("sqlite:" + file.string(), 2);
  if (!db || !(*db)->migrate()) std::exit(1);
  soci::session sql((*db)->pool());
  sql << "INSERT INTO accounts (kind, name, created_at) VALUES ('company', 'Kreditor A/S', 0)";
  sql << "INSERT INTO debtors (account_id, kind, name, name_search, created_at, updated_at) "
         "VALUES (1, 'company', 'Jensen', 'jensen', 0, 0)";
  sql << "INSERT INTO cases (account_id, number, debtor_id, debtor_kind, track, interest_kind, "
         "interest_from, created_at) VALUES (1, 1, 1, 'company', 'standard', 'procesrente', "
         "'day31', 0)";
  std::string encoded = base64(pdf);
  sql << "INSERT INTO documents (account_id, case_id, event_seq, kind, title, letter_date, "
         "content_json, pdf_base64, rendered_at, created_at) VALUES (1, 1, 1, 'reminder', "
         "'Rykker nr. 1', '2025-06-01', '{}', :p, 1, 1)",
      soci::use(encoded);
  soci::transaction tr(sql);
  for (int i = 0; i < n; ++i) {
    NewDispatch d;
    d.account_id = d.case_id = d.document_id = 1;
    d.recipient = "debitor" + std::to_string(i) + "@example.dk";
    d.reply_to = "bogholderi@kreditor.dk";
    d.sender_name = "Kreditor A/S";
    d.subject = "Rykker nr. 1 – betal 1.477,50 kr.";
    d.body = "Kære debitor\n\nSe brevet her: {{link}}\n\nMed venlig hilsen\nKreditor A/S";
    d.send_at = now - 60;
    insert_dispatch(sql, d, now - 60);
  }
  tr.commit();
  return std::move(*db);
}

SmtpConfig smtp_to(int port) {
  SmtpConfig smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(port);
  smtp.from_address = "udsendelse@inkasso.example";
  return smtp;
}

// Sends everything queued with one worker; returns {sent, seconds}.
std::pair<int, double> drain(Database& db, const SmtpConfig& smtp, int64_t now) {
  DispatchConfig config;
  config.smtp = smtp;
  config.worker_name = "bench";
  config.batch_size = 100;
  DispatchWorker worker(db, config);
  auto start = std::chrono::steady_clock::now();
  int sent = 0;
  while (worker.run_once(now) > 0) sent += worker.last_round().received;
  return {sent, seconds_since(start)};
}

double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  const std::string source = argc > 2 ? argv[2] : INKASSO_SOURCE_DIR;
  if (n < 1 || sodium_init() < 0) return 2;
  const int64_t now = 1'750'000'000;
  std::string pdf = "%PDF-1.5\n";
  while (pdf.size() < 30000) pdf += "stream of a one-page letter with some text in it 0123456789\n";

  char tmpl[] = "/tmp/inkasso-mail-bench-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl, mail = dir / "mail", port_file = dir / "port";
  fs::create_directories(mail);
  pid_t server = fork();
  if (server == 0) {
    execl("/usr/bin/python3", "/usr/bin/python3",
          (source + "/tests/dispatch/smtp_server.py").c_str(), "--dir", mail.c_str(), "--port-file",
          port_file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 500 && !fs::exists(port_file); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  int port = 0;
  std::ifstream(port_file) >> port;
  if (port == 0) {
    std::fprintf(stderr, "the SMTP server did not start (python3-aiosmtpd?)\n");
    return 1;
  }

  std::printf("%d e-mails (30 KB PDF each), one worker, SQLite queue, loopback:\n", n);
  const double cpu_before = cpu_seconds(RUSAGE_SELF);
  auto python_db = queued_database(dir / "python.db", n, pdf, now);
  auto [python_sent, python_s] = drain(*python_db, smtp_to(port), now);
  const double cpu_python_run = cpu_seconds(RUSAGE_SELF) - cpu_before;
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
  const size_t arrived = count_mail(mail);
  std::printf(
      "  to aiosmtpd (Python):   %d sent, %zu arrived in %.2f s = %.0f/s "
      "(CPU: inkasso %.2f s, the Python server %.2f s)\n",
      python_sent, arrived, python_s, python_sent / python_s, cpu_python_run,
      cpu_seconds(RUSAGE_CHILDREN));

  SmtpSink sink;
  auto sink_db = queued_database(dir / "sink.db", n, pdf, now);
  auto [sink_sent, sink_s] = drain(*sink_db, smtp_to(sink.port()), now);
  std::printf(
      "  to the SMTP sink:       %d sent, %d arrived in %.2f s = %.0f/s "
      "(%d connection(s))\n",
      sink_sent, sink.messages.load(), sink_s, sink_sent / sink_s, sink.connections.load());

  SmtpSender sender(smtp_to(sink.port()));
  MailMessage m;
  m.to = "debitor@example.dk";
  m.subject = "Rykker nr. 1 – betal 1.477,50 kr.";
  m.text = "Kære debitor\n\nSe brevet her: https://inkasso.example/aabn/x\n";
  m.html = text_to_html(m.text);
  m.attachment = pdf;
  m.attachment_name = "rykker-nr-1-sag-1.pdf";
  m.date_unix = now;
  auto start = std::chrono::steady_clock::now();
  int accepted = 0;
  for (int i = 0; i < n; ++i) {
    m.dispatch_id = i + 1;
    if (sender.send(m).outcome == SendOutcome::accepted) ++accepted;
  }
  const double smtp_s = seconds_since(start);
  std::printf("  SmtpSender alone, sink: %d accepted in %.2f s = %.0f/s\n", accepted, smtp_s,
              accepted / smtp_s);

  std::error_code ec;
  fs::remove_all(dir, ec);
  const bool all =
      python_sent == n && arrived == static_cast<size_t>(n) && sink_sent == n && accepted == n;
  return all ? 0 : 1;
}
