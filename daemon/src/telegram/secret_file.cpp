#include "telegram/secret_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>

namespace backcoach::telegram {
namespace {

constexpr std::size_t kMaxLength = 256;

bool allowed(unsigned char c, SecretKind kind) {
  return std::isalnum(c) != 0 || c == '_' || c == '-' ||
         (kind == SecretKind::bot_token && c == ':');
}

bool well_formed(const std::string& text, SecretKind kind) {
  if (text.empty() || text.size() > kMaxLength) return false;
  if (!std::all_of(text.begin(), text.end(),
                   [kind](unsigned char c) { return allowed(c, kind); })) {
    return false;
  }
  return kind != SecretKind::bot_token || std::count(text.begin(), text.end(), ':') == 1;
}

}  // namespace

result<std::string> read_secret_file(const std::string& path, SecretKind kind) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return boost::system::error_code(errno, boost::system::system_category());
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) return make_error_code(errc::invalid_argument);
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error_code(errc::not_found);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  if (!well_formed(text, kind)) return make_error_code(errc::parse_error);
  return text;
}

std::string secret_file_hint(SecretKind kind) {
  return kind == SecretKind::bot_token
             ? "the file must hold the bot's token from BotFather (digits:letters) on one line "
               "and be readable by its owner only (chmod 600)"
             : "the file must hold 1-256 characters of A-Z a-z 0-9 _ - on one line and be "
               "readable by its owner only (chmod 600)";
}

}  // namespace backcoach::telegram
