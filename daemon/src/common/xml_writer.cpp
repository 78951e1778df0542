#include "common/xml_writer.h"

#include <libxml/xmlwriter.h>

#include <cstdio>

namespace backcoach {
namespace {

// libxml2 takes NUL-terminated xmlChar strings.
const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

}  // namespace

struct XmlWriter::Impl {
  xmlBufferPtr buffer = xmlBufferCreate();
  xmlTextWriterPtr writer = buffer ? xmlNewTextWriterMemory(buffer, 0) : nullptr;
  bool ok = writer != nullptr && xmlTextWriterStartDocument(writer, nullptr, "UTF-8", nullptr) >= 0;
  bool finished = false;

  void check(int rc) { ok = ok && rc >= 0; }
  ~Impl() {
    if (writer != nullptr) xmlFreeTextWriter(writer);
    if (buffer != nullptr) xmlBufferFree(buffer);
  }
};

XmlWriter::XmlWriter() : impl_(std::make_unique<Impl>()) {}
XmlWriter::~XmlWriter() = default;

XmlWriter& XmlWriter::start(std::string_view element) {
  if (impl_->ok) impl_->check(xmlTextWriterStartElement(impl_->writer, x(std::string(element))));
  return *this;
}

XmlWriter& XmlWriter::attr(std::string_view name, std::string_view value) {
  if (impl_->ok) {
    impl_->check(
        xmlTextWriterWriteAttribute(impl_->writer, x(std::string(name)), x(std::string(value))));
  }
  return *this;
}

XmlWriter& XmlWriter::attr(std::string_view name, double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return attr(name, std::string_view(text));
}

XmlWriter& XmlWriter::text(std::string_view content) {
  if (impl_->ok) impl_->check(xmlTextWriterWriteString(impl_->writer, x(std::string(content))));
  return *this;
}

XmlWriter& XmlWriter::end() {
  if (impl_->ok) impl_->check(xmlTextWriterEndElement(impl_->writer));
  return *this;
}

std::string XmlWriter::finish() {
  if (!impl_->ok || impl_->finished) return {};
  impl_->finished = true;
  impl_->check(xmlTextWriterEndDocument(impl_->writer));  // closes open elements
  if (!impl_->ok) return {};
  impl_->check(xmlTextWriterFlush(impl_->writer));
  if (!impl_->ok) return {};
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(impl_->buffer)),
                     static_cast<std::size_t>(xmlBufferLength(impl_->buffer)));
}

}  // namespace backcoach
