#include "telegram/multipart_form.h"

#include <gtest/gtest.h>

namespace backcoach::telegram {
namespace {

TEST(MultipartForm, WritesFieldsAndAFileAsRfc7578Says) {
  MultipartForm form("XyZ");
  ASSERT_TRUE(form.add_field("chat_id", "42"));
  ASSERT_TRUE(form.add_file("photo", "cat_cow.png", "image/png", std::string("\x89PNG\0\r\n", 7)));
  EXPECT_EQ(form.content_type(), "multipart/form-data; boundary=XyZ");
  EXPECT_EQ(form.finish(),
            "--XyZ\r\n"
            "Content-Disposition: form-data; name=\"chat_id\"\r\n"
            "\r\n"
            "42\r\n"
            "--XyZ\r\n"
            "Content-Disposition: form-data; name=\"photo\"; filename=\"cat_cow.png\"\r\n"
            "Content-Type: image/png\r\n"
            "\r\n" +
                std::string("\x89PNG\0\r\n", 7) +
                "\r\n"
                "--XyZ--\r\n");
}

TEST(MultipartForm, QuotesNamesAsBrowsersDo) {
  MultipartForm form("b");
  ASSERT_TRUE(form.add_file("a\"b", "x\r\ny\".png", "image/png", ""));
  EXPECT_NE(form.finish().find("name=\"a%22b\"; filename=\"x%0D%0Ay%22.png\""), std::string::npos);
}

TEST(MultipartForm, RefusesContentHoldingTheBoundary) {
  MultipartForm form("edge");
  EXPECT_FALSE(form.add_field("text", "before\r\n--edge\r\nafter"));
  EXPECT_FALSE(form.add_file("photo", "p.png", "image/png", "..--edge.."));
  EXPECT_EQ(form.finish(), "--edge--\r\n") << "a refused part leaves nothing behind";
}

TEST(MultipartForm, RandomBoundariesAreValidAndDiffer) {
  const auto a = MultipartForm::random_boundary();
  const auto b = MultipartForm::random_boundary();
  EXPECT_NE(a, b);
  EXPECT_LE(a.size(), 70u);
  EXPECT_EQ(a.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"), std::string::npos);
}

}  // namespace
}  // namespace backcoach::telegram
