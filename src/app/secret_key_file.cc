#include "app/secret_key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace inkasso {

namespace {

namespace fs = std::filesystem;

Error key_file_error(const fs::path& path, const std::string& what) {
  return make_error("secret_key_file", path.string() + ": " + what);
}

Result<SecretBox> read_key_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return key_file_error(path, "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' '))
    hex.pop_back();
  auto box = SecretBox::from_hex(hex);
  if (!box) return key_file_error(path, "does not hold a key of 64 hex digits");
  return box;
}

// Creates the file with a fresh key, exclusively (O_EXCL) and readable by the owner only. When
// another process created it first, that one's key is used.
Result<SecretBox> create_key_file(const fs::path& path) {
  const std::string hex = SecretBox::generate_hex_key();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return read_key_file(path);
    return key_file_error(path, std::string("cannot be created: ") + std::strerror(errno));
  }
  const std::string line = hex + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    std::error_code ignored;
    fs::remove(path, ignored);
    return key_file_error(path, "cannot be written");
  }
  return SecretBox::from_hex(hex);
}

}  // namespace

Result<SecretBox> secret_box_for(const std::string& data_dir, bool embedded) {
  const char* env = std::getenv("INKASSO_SECRET_KEY");
  if ((env && *env) || !embedded) return SecretBox::from_environment();
  fs::path dir = data_dir.empty() ? fs::path(".") : fs::path(data_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return key_file_error(dir, "cannot be created: " + ec.message());
  fs::path path = dir / kSecretKeyFileName;
  if (fs::exists(path, ec)) return read_key_file(path);
  return create_key_file(path);
}

}  // namespace inkasso
