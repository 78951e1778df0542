#include "common/xml_writer.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>

namespace backcoach {
namespace {

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Parsed by libxml2's parser with no recovery: a document it refuses is not XML.
Doc parse(const std::string& text) {
  return Doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "t.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             &xmlFreeDoc);
}

std::string content(xmlNode* node) {
  xmlChar* c = xmlNodeGetContent(node);
  std::string s(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return s;
}

std::string prop(xmlNode* node, const char* name) {
  xmlChar* c = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (c == nullptr) return "<absent>";
  std::string s(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return s;
}

// Text and attribute values that would break markup come back exactly as given.
TEST(XmlWriter, MarkupInTextAndAttributesIsEscapedAndReadsBackTheSame) {
  const std::string nasty = R"(</title><script>alert("x")</script> & 'quotes' ]]> <!--)";
  XmlWriter w;
  w.start("svg").attr("aria-label", nasty).start("title").text(nasty).end().end();
  const std::string out = w.finish();
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.find("<script>"), std::string::npos) << out;
  const Doc doc = parse(out);
  ASSERT_NE(doc, nullptr) << out;
  xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_EQ(prop(root, "aria-label"), nasty);
  ASSERT_NE(root->children, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->children->name), "title");
  EXPECT_EQ(content(root->children), nasty);
}

TEST(XmlWriter, FinishClosesOpenElementsAndNumbersAreShort) {
  XmlWriter w;
  w.start("a").attr("x", 12.5).attr("y", 640.0).start("b").text("é ✓");
  const Doc doc = parse(w.finish());
  ASSERT_NE(doc, nullptr);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_EQ(prop(root, "x"), "12.5");
  EXPECT_EQ(prop(root, "y"), "640");
  EXPECT_EQ(content(root), "é ✓");
}

// An element name libxml2 will not write makes the whole document fail, never a
// half-written one.
TEST(XmlWriter, AnErrorMakesTheDocumentEmpty) {
  XmlWriter w;
  w.start("a").end().end();  // one end too many
  EXPECT_EQ(w.finish(), "");
}

}  // namespace
}  // namespace backcoach
