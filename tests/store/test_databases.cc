#include "tests/store/test_databases.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <soci/postgresql/soci-postgresql.h>

namespace inkasso::testing {

namespace {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& s) { return "'" + s + "'"; }

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string find_pg_bin() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = e.path() / "bin";
    if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl")) return bin.string();
  }
  return "";
}

// The throwaway PostgreSQL cluster: started on first use, stopped when the program ends.
class PgServer {
 public:
  static PgServer& instance() {
    static PgServer server;
    return server;
  }

  bool ok() const { return ok_; }
  const std::string& why() const { return why_; }
  int port() const { return port_; }

  ~PgServer() {
    if (!ok_) return;
    run(as_pg(bin_ + "/pg_ctl -D " + shell_quote(data_) + " -m immediate -w stop") +
        " >/dev/null 2>&1");
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

 private:
  PgServer() {
    bin_ = find_pg_bin();
    if (bin_.empty()) {
      why_ = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
             "apt-get install postgresql";
      return;
    }
    root_ = fs::temp_directory_path() / ("inkasso-pg-" + std::to_string(::getpid()));
    fs::create_directories(root_);
    data_ = (root_ / "data").string();
    // initdb's output is written by this process; the server's log by the server itself.
    std::string log = (root_ / "initdb.log").string();
    std::string server_log = (root_ / "data" / "server.log").string();
    port_ = free_loopback_port();
    if (::geteuid() == 0) run("chown -R postgres " + shell_quote(root_.string()));
    // fsync off and no WAL archiving: this cluster lives for one test run.
    if (run(as_pg(bin_ + "/initdb -D " + shell_quote(data_) +
                  " -A trust -U inkasso -E UTF8 --no-sync >" + shell_quote(log) + " 2>&1")) != 0) {
      why_ = "initdb failed; see " + log;
      return;
    }
    std::string opts = "-p " + std::to_string(port_) + " -k " + root_.string() +
                       " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
    if (run(as_pg(bin_ + "/pg_ctl -D " + shell_quote(data_) + " -l " + shell_quote(server_log) +
                  " -o " + shell_quote(opts) + " -w start >/dev/null")) != 0) {
      why_ = "pg_ctl start failed; see " + server_log;
      return;
    }
    ok_ = true;
  }

  std::string as_pg(const std::string& cmd) const {
    return ::geteuid() == 0 ? "runuser -u postgres -- " + cmd : cmd;
  }
  static int run(const std::string& cmd) { return std::system(cmd.c_str()); }

  std::string bin_, data_;
  fs::path root_;
  int port_ = 0;
  bool ok_ = false;
  std::string why_;
};

class LoudSkipBanner : public ::testing::Environment {
 public:
  void TearDown() override {
    PgServer& pg = PgServer::instance();
    if (!pg.ok())
      std::cerr << "\n*** WARNING: PostgreSQL was NOT tested: " << pg.why() << " ***\n\n";
  }
};
const auto* const kBanner = ::testing::AddGlobalTestEnvironment(new LoudSkipBanner);

std::atomic<int> counter{0};

}  // namespace

std::string fresh_database_url(const std::string& backend, std::string* why) {
  int n = ++counter;
  if (backend == "sqlite") {
    fs::path dir = fs::temp_directory_path() / ("inkasso-sqlite-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path file = dir / ("test-" + std::to_string(n) + ".db");
    fs::remove(file);
    return "sqlite:" + file.string();
  }
  PgServer& pg = PgServer::instance();
  if (!pg.ok()) {
    *why = pg.why();
    return "";
  }
  std::string base = "postgresql://inkasso@127.0.0.1:" + std::to_string(pg.port());
  std::string name = "t" + std::to_string(n);
  {
    soci::session admin(*soci::factory_postgresql(),
                        "host=127.0.0.1 port=" + std::to_string(pg.port()) +
                            " user=inkasso dbname=postgres");
    admin << "DROP DATABASE IF EXISTS " + name;
    admin << "CREATE DATABASE " + name;
  }
  return base + "/" + name;
}

void BackendTest::SetUp() {
  std::string why;
  url_ = fresh_database_url(GetParam(), &why);
  if (url_.empty()) GTEST_SKIP() << "PostgreSQL NOT TESTED: " << why;
  auto db = Database::open(url_);
  ASSERT_TRUE(db.ok()) << db.error().message;
  db_ = std::move(*db);
  Status st = db_->migrate();
  ASSERT_TRUE(st.ok()) << st.error().message;
}

}  // namespace inkasso::testing
