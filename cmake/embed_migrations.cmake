# Writes OUTPUT: a C++ file defining inkasso::migration_files() from the SQL files in DIR.
# Run at build time (see CMakeLists.txt) so that editing a migration rebuilds the program.
file(GLOB files "${DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME)
  string(REGEX MATCH "^([0-9]+)_" _ "${name}")
  set(number "${CMAKE_MATCH_1}")
  math(EXPR number "${number}" OUTPUT_FORMAT DECIMAL)
  set(dialect "")
  if(name MATCHES "\\.sqlite\\.sql$")
    set(dialect "sqlite")
  elseif(name MATCHES "\\.postgresql\\.sql$")
    set(dialect "postgresql")
  endif()
  file(READ "${f}" sql)
  string(APPEND body "      {${number}, \"${name}\", \"${dialect}\", R\"inkasso_sql(${sql})inkasso_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from src/store/migrations by cmake/embed_migrations.cmake. Do not edit.
#include \"store/migrations.h\"

namespace inkasso {

const std::vector<MigrationFile>& migration_files() {
  static const std::vector<MigrationFile> files{
${body}  };
  return files;
}

}  // namespace inkasso
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
