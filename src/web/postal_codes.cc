#include "web/postal_codes.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "core/assert.h"
#include "web/embedded.h"

namespace inkasso::web {
namespace {

constexpr std::string_view kTableName = "postnumre.csv";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t semi = line.find(';', start);
    fields.push_back(line.substr(start, semi == std::string_view::npos ? semi : semi - start));
    if (semi == std::string_view::npos) return fields;
    start = semi + 1;
  }
}

// The table has a row per municipality a postal code reaches, all naming the same town, so the
// first row of a code wins. Columns are found by their header names, not their position, so a
// newer export with more columns still reads.
std::unordered_map<std::string, std::string> parse_table(std::string_view csv) {
  if (csv.substr(0, kUtf8Bom.size()) == kUtf8Bom) csv.remove_prefix(kUtf8Bom.size());
  std::unordered_map<std::string, std::string> towns;
  size_t code_column = std::string_view::npos, town_column = std::string_view::npos;
  bool header = true;
  while (!csv.empty()) {
    size_t end = csv.find('\n');
    std::string_view line = csv.substr(0, end);
    csv.remove_prefix(end == std::string_view::npos ? csv.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto fields = split_fields(line);
    if (header) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "POSTNR") code_column = i;
        if (fields[i] == "BYNAVN") town_column = i;
      }
      INKASSO_ASSERT(code_column != std::string_view::npos &&
                     town_column != std::string_view::npos);
      header = false;
      continue;
    }
    if (fields.size() <= code_column || fields.size() <= town_column) continue;
    towns.emplace(std::string(fields[code_column]), std::string(fields[town_column]));
  }
  return towns;
}

const std::unordered_map<std::string, std::string>& table() {
  static const auto towns = [] {
    for (const auto& f : embedded_data())
      if (f.name == kTableName) return parse_table(f.contents);
    INKASSO_ASSERT(false && "postnumre.csv is compiled in (CMakeLists.txt)");
    return std::unordered_map<std::string, std::string>{};
  }();
  return towns;
}

}  // namespace

std::optional<std::string> town_for_postal_code(std::string_view code) {
  if (code.size() != 4) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  auto it = table().find(std::string(code));
  if (it == table().end()) return std::nullopt;
  return it->second;
}

}  // namespace inkasso::web
