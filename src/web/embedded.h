// Files compiled into the binary (cmake/embed_files.cmake): the page templates, the static
// assets and the text tables. The server needs no files beside itself.
#pragma once

#include <string_view>
#include <vector>

namespace inkasso {

struct EmbeddedFile {
  std::string_view name;  // the file name, e.g. "case.mustache"
  std::string_view contents;
};

const std::vector<EmbeddedFile>& embedded_templates();  // src/web/templates/*.mustache
const std::vector<EmbeddedFile>& embedded_static();     // src/web/static/*
const std::vector<EmbeddedFile>& embedded_texts();      // src/web/texts/*.txt
const std::vector<EmbeddedFile>& embedded_data();       // src/web/data/*.csv (reference data)

}  // namespace inkasso
