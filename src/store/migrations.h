// The migration scripts compiled into the program (generated from src/store/migrations/*.sql
// by cmake/embed_migrations.cmake). A file NNNN_name.sql applies to both dialects;
// NNNN_name.sqlite.sql and NNNN_name.postgresql.sql are the two halves of one migration whose
// SQL differs.
#pragma once

#include <string_view>
#include <vector>

namespace inkasso {

struct MigrationFile {
  int number;
  std::string_view name;     // file name
  std::string_view dialect;  // "", "sqlite" or "postgresql"
  std::string_view sql;
};

const std::vector<MigrationFile>& migration_files();

}  // namespace inkasso
