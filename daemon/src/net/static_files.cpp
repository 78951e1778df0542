#include "net/static_files.h"

#include <openssl/evp.h>

#include <array>
#include <boost/algorithm/hex.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace backcoach::net {
namespace {

namespace fs = std::filesystem;

std::string etag_of(const std::string& body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), digest.data(), &len, EVP_sha256(), nullptr);
  std::string hex;
  boost::algorithm::hex_lower(digest.begin(), digest.begin() + 8, std::back_inserter(hex));
  return "\"" + hex + "\"";
}

bool segment_ok(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;
  for (char c : segment) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\' || c == '%' || c == ':') return false;
  }
  return true;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  return std::move(body).str();
}

}  // namespace

std::optional<std::string> StaticFiles::safe_path(std::string_view target) {
  const auto end = target.find_first_of("?#");
  const auto path = target.substr(0, end);
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path == "/") return std::string("/index.html");
  std::string_view rest = path.substr(1);
  while (true) {
    const auto slash = rest.find('/');
    if (!segment_ok(rest.substr(0, slash))) return std::nullopt;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return std::string(path);
}

std::string StaticFiles::content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (path.ends_with(ext)) return std::string(type);
  }
  return "application/octet-stream";
}

result<std::shared_ptr<const StaticFiles>> StaticFiles::load(const std::string& root,
                                                             std::size_t max_file_bytes) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return make_error_code(errc::not_found);
  auto files = std::make_shared<StaticFiles>();
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) return boost::system::error_code(ec.value(), boost::system::system_category());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const auto rel = fs::relative(it->path(), root, ec).generic_string();
    const auto name = "/" + rel;
    if (it->is_directory(ec) && !safe_path(name)) {
      it.disable_recursion_pending();  // hidden folders such as .git
      continue;
    }
    if (!it->is_regular_file(ec) || it->file_size(ec) > max_file_bytes) continue;
    if (!safe_path(name)) continue;
    auto body = read_file(it->path());
    if (!body) continue;
    File file;
    file.content_type = content_type_for(name);
    file.etag = etag_of(*body);
    file.cache_control =
        file.content_type.starts_with("image/") ? "public, max-age=86400" : "no-cache";
    file.body = std::move(*body);
    files->files_.emplace(name, std::move(file));
  }
  return std::shared_ptr<const StaticFiles>(std::move(files));
}

const StaticFiles::File* StaticFiles::find(std::string_view target) const {
  const auto path = safe_path(target);
  if (!path) return nullptr;
  const auto it = files_.find(*path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace backcoach::net
