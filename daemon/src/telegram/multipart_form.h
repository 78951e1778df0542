#pragma once

#include <string>
#include <string_view>

namespace backcoach::telegram {

// A multipart/form-data body (RFC 7578) for a file upload: Beast and Boost have no encoder.
// Field names and file names are quoted as browsers do (WHATWG HTML: '"' -> %22, CR -> %0D,
// LF -> %0A); values and file bytes go in as they are. Not thread-safe; a value.
class MultipartForm {
 public:
  // `boundary` must be 1-70 characters of [0-9A-Za-z'()+_,-./:=?] (RFC 2046); random_boundary()
  // makes one that no real content contains by chance.
  explicit MultipartForm(std::string boundary);
  static std::string random_boundary();

  // False (and nothing added) when the content holds the boundary line, which would cut the
  // body there; pick another boundary then.
  bool add_field(std::string_view name, std::string_view value);
  bool add_file(std::string_view name, std::string_view filename, std::string_view content_type,
                std::string_view bytes);

  // "multipart/form-data; boundary=…", for the request's Content-Type.
  std::string content_type() const;
  // The body with its closing delimiter. The form may not be added to afterwards.
  std::string finish();

 private:
  bool start_part(std::string_view name, std::string_view content);

  std::string boundary_;
  std::string body_;
};

}  // namespace backcoach::telegram
