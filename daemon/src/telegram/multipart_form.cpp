#include "telegram/multipart_form.h"

#include <openssl/rand.h>

#include <array>
#include <cstdio>

namespace backcoach::telegram {
namespace {

std::string quoted(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    switch (c) {
      case '"':
        out += "%22";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace

MultipartForm::MultipartForm(std::string boundary) : boundary_(std::move(boundary)) {}

// 128 random bits: a boundary that content meets by chance with probability 2^-128.
std::string MultipartForm::random_boundary() {
  std::array<unsigned char, 16> bytes{};
  RAND_bytes(bytes.data(), static_cast<int>(bytes.size()));
  std::string out = "backcoach-";
  char hex[3];
  for (const auto b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}

bool MultipartForm::start_part(std::string_view name, std::string_view content) {
  if (content.find("--" + boundary_) != std::string_view::npos) return false;
  body_ += "--" + boundary_ + "\r\n";
  body_ += "Content-Disposition: form-data; name=" + quoted(name);
  return true;
}

bool MultipartForm::add_field(std::string_view name, std::string_view value) {
  if (!start_part(name, value)) return false;
  body_ += "\r\n\r\n";
  body_ += value;
  body_ += "\r\n";
  return true;
}

bool MultipartForm::add_file(std::string_view name, std::string_view filename,
                             std::string_view content_type, std::string_view bytes) {
  if (!start_part(name, bytes)) return false;
  body_ += "; filename=" + quoted(filename) + "\r\n";
  body_ += "Content-Type: ";
  body_ += content_type;
  body_ += "\r\n\r\n";
  body_ += bytes;
  body_ += "\r\n";
  return true;
}

std::string MultipartForm::content_type() const {
  return "multipart/form-data; boundary=" + boundary_;
}

std::string MultipartForm::finish() {
  body_ += "--" + boundary_ + "--\r\n";
  return std::move(body_);
}

}  // namespace backcoach::telegram
