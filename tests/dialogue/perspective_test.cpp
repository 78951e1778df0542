#include "dialogue/perspective.h"

#include <gtest/gtest.h>

#include <string>

namespace backcoach::dialogue {
namespace {

Perspective make() {
  PerspectiveConfig c;
  c.when = "told_for_someone";
  c.rewrites = {{"she", "i"},
                {"her", "my"},
                {"she is", "i am"},
                {"she has", "i have"},
                {"herself", "myself"}};
  return Perspective(c);
}

TEST(PerspectiveTest, PatientPronounsBecomeTheFirstPerson) {
  const Perspective p = make();
  EXPECT_EQ(p.shift("she is 12"), "i am 12");
  EXPECT_EQ(p.shift("she can not lift either leg off her bed"),
            "i can not lift either leg off my bed");
  EXPECT_EQ(p.shift("and she has wet herself ."), "and i have wet myself .");
}

TEST(PerspectiveTest, TheLongestPhraseWinsAndOtherWordsStay) {
  const Perspective p = make();
  EXPECT_EQ(p.shift("she has"), "i have");              // not "i has"
  EXPECT_EQ(p.shift("shed her coat"), "shed my coat");  // whole tokens only
  EXPECT_EQ(p.shift("my back hurts"), "my back hurts");
  EXPECT_EQ(p.shift(""), "");
  EXPECT_EQ(p.when(), "told_for_someone");
}

}  // namespace
}  // namespace backcoach::dialogue
