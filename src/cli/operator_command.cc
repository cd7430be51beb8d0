#include "cli/operator_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "app/users.h"
#include "store/database.h"

namespace inkasso {

namespace {

struct OperatorOptions {
  std::string data_dir = "var";
  std::string db_url;  // empty: the embedded SQLite file in data_dir
  std::string email;
};

int set_operator(const OperatorOptions& o, bool is_operator) {
  std::string url = o.db_url;
  if (url.empty()) {
    auto sqlite = Database::sqlite_url_for_data_dir(o.data_dir);
    if (!sqlite) {
      std::cerr << "error: " << sqlite.error().message << "\n";
      return 1;
    }
    url = *sqlite;
  }
  try {
    auto db = Database::open(url, 1);
    if (!db) {
      std::cerr << "error: " << db.error().message << "\n";
      return 1;
    }
    if (auto st = (*db)->migrate(); !st) {
      std::cerr << "error: " << st.error().message << "\n";
      return 1;
    }
    if (auto st = set_installation_operator(**db, o.email, is_operator); !st) {
      std::cerr << "error: no user with the e-mail " << o.email << "\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << database_error(e).message << "\n";
    return 1;
  }
  std::cout << o.email << (is_operator ? " is now an operator of the installation\n"
                                       : " is no longer an operator of the installation\n");
  return 0;
}

}  // namespace

void add_operator_command(CLI::App& app, std::function<int()>& chosen) {
  auto options = std::make_shared<OperatorOptions>();
  auto* cmd = app.add_subcommand(
      "operator", "Who runs the installation (court districts, the letter service's print room)");
  cmd->require_subcommand(1);
  for (bool grant : {true, false}) {
    auto* sub = cmd->add_subcommand(grant ? "add" : "remove",
                                    grant ? "Make a user an operator" : "Take it away again");
    sub->add_option("email", options->email, "The user's e-mail")->required();
    sub->add_option("--data-dir", options->data_dir, "Where the embedded SQLite file lives");
    sub->add_option("--db", options->db_url, "A database URL instead (postgresql://...)");
    sub->callback([options, grant, &chosen] {
      chosen = [options, grant] { return set_operator(*options, grant); };
    });
  }
}

}  // namespace inkasso
