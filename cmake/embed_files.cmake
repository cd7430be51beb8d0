# Writes OUTPUT: a C++ file defining `const std::vector<inkasso::EmbeddedFile>& FUNCTION()` from
# the files in DIR matching GLOB (file name and contents). Run at build time (CMakeLists.txt) so
# that editing a template, a stylesheet or the text table rebuilds the program.
file(GLOB files "${DIR}/${GLOB}")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" contents)
  string(FIND "${contents}" ")inkasso_embed\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter )inkasso_embed\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"inkasso_embed(${contents})inkasso_embed\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${DIR} by cmake/embed_files.cmake. Do not edit.
#include \"web/embedded.h\"

namespace inkasso {

const std::vector<EmbeddedFile>& ${FUNCTION}() {
  static const std::vector<EmbeddedFile> files{
${body}  };
  return files;
}

}  // namespace inkasso
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
