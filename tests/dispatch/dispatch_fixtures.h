// Shared by the dispatch tests: rows to send (an account, a debtor, a case, a rendered document,
// inserted with plain SQL), the real SMTP server on loopback (tests/dispatch/smtp_server.py under
// /usr/bin/python3) and a reader for the e-mails it stored (tests/dispatch/read_eml.py, Python's
// own MIME parser, so the sender's encoding is checked by an independent decoder).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/dispatch_store.h"

namespace inkasso::testing {

// An account with one debtor and one case (number `case_number`) to hang documents on.
struct CaseRows {
  int64_t account_id = 0;
  int64_t debtor_id = 0;
  int64_t case_id = 0;
  int64_t case_number = 0;
};
CaseRows insert_case_rows(Database& db, const std::string& account_name,
                          const std::string& debtor_name, int64_t case_number);

// A document of the case, rendered with `pdf` (its base64 set) unless `pdf` is empty.
int64_t insert_document_row(Database& db, const CaseRows& c, const std::string& kind,
                            const std::string& title, const std::string& pdf,
                            int64_t event_seq = 1);

// A sending queued with insert_dispatch (filled with sensible defaults for the rest).
int64_t queue_dispatch(Database& db, const CaseRows& c, int64_t document_id, Channel channel,
                       const std::string& recipient, int64_t send_at,
                       const std::string& body = "Se brevet her: {{link}}");

struct DispatchState {
  std::string status;
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string error;
  std::string provider_id;
  std::string tracking_hash;
  std::string claimed_by;
  int open_count = 0;
  bool sent = false, received = false, opened = false, failed = false;
};
DispatchState dispatch_state(Database& db, int64_t id);

// Bytes that look like a small PDF, NUL and high bytes included (the attachment must survive
// byte for byte).
std::string sample_pdf(int variant = 0);

// The SMTP server of smtp_server.py, started on a free loopback port; stopped on destruction.
class SmtpServer {
 public:
  explicit SmtpServer(const std::vector<std::string>& options = {});
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The stored messages (.eml), in arrival order.
  std::vector<std::filesystem::path> messages() const;
  // Waits until at least n messages are stored; false on timeout.
  bool wait_for(size_t n, std::chrono::milliseconds timeout) const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// Starts `args` (args[0] the program's path) in a child process, its environment this process's
// without any INKASSO_ variable plus `env` ("NAME=value"), its output appended to `log`. The
// caller waits for it or kills it.
pid_t spawn_program(const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::string& log);

// read_eml.py's view of a stored message.
nlohmann::json read_eml(const std::filesystem::path& file);
// The X-Inkasso-Dispatch header of a stored message, read from the raw file (0 when missing).
int64_t dispatch_id_of(const std::filesystem::path& file);
// The header lines of a stored message as they came over the wire, CR removed (continuation
// lines of a folded header kept as separate lines).
std::vector<std::string> raw_header_lines(const std::filesystem::path& file);

std::string hex_of(const std::string& bytes);

}  // namespace inkasso::testing
