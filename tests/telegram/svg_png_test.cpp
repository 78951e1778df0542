#include "telegram/svg_png.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "coach/journal_chart.h"

namespace backcoach::telegram {
namespace {

store::JournalEntry day(std::string date, int pain) {
  return {std::move(date), pain, true, "same", {}, 0};
}

// The PNG read back by cairo's own decoder, as a viewer would: its size and pixels.
class Decoded {
 public:
  explicit Decoded(const std::string& png) : png_(png) {
    surface_.reset(cairo_image_surface_create_from_png_stream(&Decoded::read, this));
  }
  bool ok() const { return cairo_surface_status(surface_.get()) == CAIRO_STATUS_SUCCESS; }
  int width() const { return cairo_image_surface_get_width(surface_.get()); }
  int height() const { return cairo_image_surface_get_height(surface_.get()); }
  std::uint32_t rgb(int x, int y) const {  // 0xRRGGBB
    const auto* row = cairo_image_surface_get_data(surface_.get()) +
                      y * cairo_image_surface_get_stride(surface_.get());
    std::uint32_t pixel;
    std::memcpy(&pixel, row + 4 * x, 4);
    return pixel & 0xffffff;
  }
  int count(std::uint32_t colour) const {
    int n = 0;
    for (int y = 0; y < height(); ++y) {
      for (int x = 0; x < width(); ++x) n += rgb(x, y) == colour ? 1 : 0;
    }
    return n;
  }

 private:
  static cairo_status_t read(void* self, unsigned char* data, unsigned int length) {
    auto* d = static_cast<Decoded*>(self);
    if (d->png_.size() - d->at_ < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, d->png_.data() + d->at_, length);
    d->at_ += length;
    return CAIRO_STATUS_SUCCESS;
  }
  struct Destroy {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  };
  const std::string& png_;
  std::size_t at_ = 0;
  std::unique_ptr<cairo_surface_t, Destroy> surface_;
};

TEST(SvgPng, TheJournalChartBecomesAPngTwiceItsSizeOnWhiteWithItsPoints) {
  const auto svg =
      coach::journal_svg({day("2024-05-01", 6), day("2024-05-02", 5), day("2024-05-04", 3)}, 14);
  const auto png = svg_to_png(svg);
  ASSERT_TRUE(png.has_value()) << png.error().message();
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  const Decoded image(*png);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image.width(), 1280);
  EXPECT_EQ(image.height(), 600);
  EXPECT_EQ(image.rgb(0, 0), 0xffffffu) << "a white background, not transparent (black)";
  EXPECT_GT(image.count(0x1f6fb2), 100) << "the points and the line are drawn";
  EXPECT_EQ(svg_to_png(svg, 1.0).value().size() < png->size(), true) << "scale 1 is smaller";
}

TEST(SvgPng, AnEmptyJournalIsStillAChart) {
  const auto png = svg_to_png(coach::journal_svg({}, 14));
  ASSERT_TRUE(png.has_value());
  const Decoded image(*png);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image.width(), 1280);
  EXPECT_EQ(image.count(0x1f6fb2), 0);
}

TEST(SvgPng, WhatIsNotADrawableSvgIsRefused) {
  EXPECT_EQ(svg_to_png("not svg at all").error(), errc::parse_error);
  const std::string unsized = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>)";
  EXPECT_EQ(svg_to_png(unsized).error(), errc::invalid_argument);
  const std::string huge = R"(<svg xmlns="http://www.w3.org/2000/svg" width="5000" height="10"/>)";
  EXPECT_EQ(svg_to_png(huge).error(), errc::invalid_argument);
}

}  // namespace
}  // namespace backcoach::telegram
