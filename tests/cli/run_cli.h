// Running the `inkasso` command as a user does, for the CLI tests: a real process in a fresh
// temporary directory per test, its exit code and both outputs.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace inkasso::testing {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CliProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("inkasso-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `env_prefix` goes before the command, e.g. "env -u INKASSO_SECRET_KEY".
  Outcome run(const std::string& args, const std::string& env_prefix = "") {
    std::filesystem::path out = dir_ / "stdout", err = dir_ / "stderr";
    std::string cmd = env_prefix + (env_prefix.empty() ? "" : " ") + INKASSO_CLI + " " + args +
                      " >" + out.string() + " 2>" + err.string() + " </dev/null";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

  std::filesystem::path dir_;
};

}  // namespace inkasso::testing
