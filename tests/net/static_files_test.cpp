#include "net/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace backcoach::net {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() / ("backcoach-static-" + std::to_string(std::random_device{}()));
    fs::create_directories(root_ / "img" / "exercises");
    fs::create_directories(root_ / ".git");
    write("index.html", "<!doctype html><title>Clinic</title>");
    write("widget.js", "console.log(1)");
    write("widget.css", "a{}");
    write("img/exercises/cat_cow.svg", "<svg/>");
    write(".git/config", "secret");
    write(".env", "secret");
    std::ofstream(root_.parent_path() / "outside.txt") << "outside";
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& body) {
    std::ofstream(root_ / rel) << body;
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirTypesAndValidators) {
  auto loaded = StaticFiles::load(root_.string());
  ASSERT_TRUE(loaded.has_value());
  const auto& files = **loaded;
  EXPECT_EQ(files.size(), 4u);
  const auto* page = files.find("/");
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page->body, "<!doctype html><title>Clinic</title>");
  EXPECT_EQ(page->cache_control, "no-cache");
  const auto* js = files.find("/widget.js?v=3");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js->etag.size(), 18u);
  EXPECT_EQ(js->etag.front(), '"');
  EXPECT_NE(js->etag, page->etag);
  const auto* svg = files.find("/img/exercises/cat_cow.svg");
  ASSERT_NE(svg, nullptr);
  EXPECT_EQ(svg->content_type, "image/svg+xml");
  EXPECT_EQ(svg->cache_control, "public, max-age=86400");
  EXPECT_EQ(files.find("/widget.css")->content_type, "text/css; charset=utf-8");
}

TEST_F(StaticFilesTest, NothingOutsideTheRootOrHiddenIsReachable) {
  auto files = *StaticFiles::load(root_.string());
  for (const char* target :
       {"/../outside.txt", "/img/../../outside.txt", "/.git/config", "/.env", "/%2e%2e/outside.txt",
        "/img/exercises/..%2f..%2foutside.txt", "//etc/passwd", "/img//exercises/cat_cow.svg",
        "/img\\exercises\\cat_cow.svg", "widget.js", "", "/nope.js",
        "/img/./exercises/cat_cow.svg"}) {
    EXPECT_EQ(files->find(target), nullptr) << target;
  }
}

TEST(StaticPaths, SafePathTable) {
  struct Case {
    const char* target;
    std::optional<std::string> path;
  };
  const Case cases[] = {
      {"/", "/index.html"},
      {"/?x=1", "/index.html"},
      {"/widget.js#frag", "/widget.js"},
      {"/img/exercises/plank.svg", "/img/exercises/plank.svg"},
      {"/a/../b", std::nullopt},
      {"/..", std::nullopt},
      {"/.", std::nullopt},
      {"/a//b", std::nullopt},
      {"/a/", std::nullopt},
      {"/a%20b", std::nullopt},
      {"/a\\b", std::nullopt},
      {std::string_view("/a\0b", 4).data(), "/a"},  // C string ends at the NUL
      {"relative", std::nullopt},
      {"http://x/y", std::nullopt},
      {"/C:/x", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(StaticFiles::safe_path(c.target), c.path) << c.target;
  EXPECT_EQ(StaticFiles::safe_path(std::string_view("/a\0b", 4)), std::nullopt);
  EXPECT_EQ(StaticFiles::safe_path("/a\x01"), std::nullopt);
}

TEST(StaticPaths, ContentTypes) {
  EXPECT_EQ(StaticFiles::content_type_for("/x.png"), "image/png");
  EXPECT_EQ(StaticFiles::content_type_for("/x.json"), "application/json");
  EXPECT_EQ(StaticFiles::content_type_for("/x.bin"), "application/octet-stream");
}

TEST(StaticPaths, MissingRootFails) {
  EXPECT_TRUE(StaticFiles::load("/nonexistent/backcoach/web").has_error());
}

}  // namespace
}  // namespace backcoach::net
