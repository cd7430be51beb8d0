// What the figure-printing benchmarks share (store_bench.cc, followup_bench.cc): their
// options, their database (--db URL, SQLite in --data-dir, or SQLite in a temporary directory
// removed at the end), and timing helpers. Header-only: each benchmark is one program.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace inkasso::bench {

using Steady = std::chrono::steady_clock;

inline double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// The value at percentile p (0..100) of v, the nearest rank.
inline double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

inline double median(std::vector<double> v) {
  return percentile(std::move(v), 50);
}

// "--name value" options and "--name" flags. Each call takes its option out of the arguments
// when present (the last one counts); unknown() is then the first argument nobody took.
class Options {
 public:
  Options(int argc, char** argv) : args_(argv + 1, argv + argc) {}

  void text(const char* name, std::string& out) {
    for (size_t i = 0; i < args_.size(); ++i)
      if (args_[i] == name) {
        out = i + 1 < args_.size() ? args_[i + 1] : "";
        args_.erase(args_.begin() + static_cast<long>(i),
                    args_.begin() + static_cast<long>(std::min(i + 2, args_.size())));
        --i;
      }
  }
  void number(const char* name, int64_t& out) {
    std::string v;
    text(name, v);
    if (!v.empty()) out = std::atoll(v.c_str());
  }
  void flag(const char* name, bool& out) {
    for (size_t i = 0; i < args_.size(); ++i)
      if (args_[i] == name) {
        out = true;
        args_.erase(args_.begin() + static_cast<long>(i));
        --i;
      }
  }
  std::string unknown() const { return args_.empty() ? "" : args_.front(); }

 private:
  std::vector<std::string> args_;
};

// The benchmark's database, migrated. `name` names the temporary directory
// ("inkasso-<name>-<pid>"), made when neither a URL nor a data directory is given and removed
// (after the database is closed) when this goes.
class BenchDatabase {
 public:
  static Result<std::unique_ptr<BenchDatabase>> open(std::string url, std::string data_dir,
                                                     const std::string& name) {
    auto out = std::unique_ptr<BenchDatabase>(new BenchDatabase);
    if (url.empty()) {
      if (data_dir.empty()) {
        out->temp_ = std::filesystem::temp_directory_path() /
                     ("inkasso-" + name + "-" + std::to_string(::getpid()));
        data_dir = out->temp_.string();
      }
      auto sqlite_url = Database::sqlite_url_for_data_dir(data_dir);
      if (!sqlite_url) return sqlite_url.error();
      url = *sqlite_url;
    }
    out->url_ = url;
    out->sqlite_ = url.rfind("sqlite:", 0) == 0;
    auto db = Database::open(url);
    if (!db) return db.error();
    if (auto st = (*db)->migrate(); !st) return st.error();
    out->db_ = std::move(*db);
    return out;
  }
  BenchDatabase(const BenchDatabase&) = delete;
  BenchDatabase& operator=(const BenchDatabase&) = delete;
  ~BenchDatabase() {
    db_.reset();
    std::error_code ec;
    if (!temp_.empty()) std::filesystem::remove_all(temp_, ec);
  }

  Database& db() { return *db_; }
  bool sqlite() const { return sqlite_; }
  const std::string& url() const { return url_; }  // sqlite:PATH or postgresql://...

 private:
  BenchDatabase() = default;
  std::unique_ptr<Database> db_;
  std::filesystem::path temp_;
  std::string url_;
  bool sqlite_ = true;
};

}  // namespace inkasso::bench
