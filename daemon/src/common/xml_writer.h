#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace backcoach {

// Writes an XML document with libxml2's xmlTextWriter, which escapes every attribute
// value and text node (&, <, >, quotes), so no caller ever concatenates markup with
// text. <libxml/xmlwriter.h> stays out of this header.
//
//   XmlWriter w;
//   w.start("svg").attr("role", "img").start("title").text(name).end().end();
//   std::string doc = w.finish();   // "" if anything failed
//
// Not thread-safe; one document per writer.
class XmlWriter {
 public:
  XmlWriter();
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  XmlWriter& start(std::string_view element);
  // Only between start() and the element's first child or text.
  XmlWriter& attr(std::string_view name, std::string_view value);
  XmlWriter& attr(std::string_view name, double value);  // shortest exact-enough form
  XmlWriter& text(std::string_view content);
  XmlWriter& end();

  // Closes what is open and returns the document (with its XML declaration), or ""
  // when libxml2 reported an error at any step (out of memory, a name not allowed).
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace backcoach
