// Check-ins and reminders through the engine with the real rules: the time read
// from the person's words, the journal answers, "stop reminders", the follow-up.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dialogue/engine.h"

namespace backcoach::dialogue {
namespace {

const std::vector<std::string> kToOffer = {"my lower back", "35",
                                           "1 to 2 weeks",  "4",
                                           "gradually",     "nothing in particular",
                                           "none of these", "none of these",
                                           "none of these", "better"};

class TurnCoachingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string root = BACKCOACH_SOURCE_DIR;
    auto loaded = load_rule_set(root + "/rules", root + "/intents");
    for (const auto& d : loaded.errors) ADD_FAILURE() << d.to_string();
    rules_ = loaded.rules;
  }
  static void TearDownTestSuite() { rules_.reset(); }
  void SetUp() override { ASSERT_NE(rules_, nullptr); }

  StepResult play(const std::vector<std::string>& messages) const {
    const Engine engine(rules_);
    StepResult r = engine.start(engine.initial_state());
    for (const auto& m : messages) r = engine.step(r.state, Input::text_input(m));
    return r;
  }
  StepResult say(const StepResult& r, const std::string& text) const {
    return Engine(rules_).step(r.state, Input::text_input(text));
  }
  StepResult event(const StepResult& r, const std::string& id) const {
    return Engine(rules_).step(r.state, Input::event_input(id));
  }
  template <class A>
  static std::vector<A> actions(const StepResult& r) {
    std::vector<A> out;
    for (const auto& a : r.actions) {
      if (const auto* x = std::get_if<A>(&a)) out.push_back(*x);
    }
    return out;
  }

  static std::shared_ptr<const RuleSet> rules_;
};
std::shared_ptr<const RuleSet> TurnCoachingTest::rules_;

TEST_F(TurnCoachingTest, TheCheckInTimeIsReadFromThePersonsWords) {
  const auto offer = play(kToOffer);
  ASSERT_EQ(offer.state.node, "reminder_offer");
  const std::vector<std::pair<std::string, int>> cases = {
      {"At 9:00", 9 * 60},
      {"yes, 7:30pm", 19 * 60 + 30},
      {"8am please", 8 * 60},
      {"half past seven in the evening", 19 * 60 + 30},
      {"19:00", 19 * 60},
      {"sure, around 6 in the morning", 6 * 60},
      {"12 am", 0},
      {"12pm", 12 * 60},
      {"quarter past 8", 8 * 60 + 15},
      {"yes at 21.45", 21 * 60 + 45}};
  for (const auto& [text, minutes] : cases) {
    const auto r = say(offer, text);
    const auto set = actions<SetReminder>(r);
    ASSERT_EQ(set.size(), 1u) << text;
    EXPECT_EQ(set[0].minutes, minutes) << text;
    EXPECT_EQ(r.state.node, "coaching") << text;
  }
}

TEST_F(TurnCoachingTest, NoThanksSetsNothingAndAnUnclearAnswerIsAskedAgain) {
  const auto offer = play(kToOffer);
  const auto no = say(offer, "no thanks");
  EXPECT_TRUE(actions<SetReminder>(no).empty());
  EXPECT_EQ(no.state.node, "coaching");
  const auto unclear = say(offer, "hmm");
  EXPECT_TRUE(actions<SetReminder>(unclear).empty());
  EXPECT_EQ(unclear.state.node, "reminder_offer");
}

TEST_F(TurnCoachingTest, EachCheckInAnswerGoesToTheJournal) {
  auto r = say(play(kToOffer), "no thanks");
  r = event(r, "checkin_due");
  EXPECT_EQ(actions<OpenJournal>(r).size(), 1u);
  r = say(r, "it's a 3 today");
  auto answers = actions<JournalAnswer>(r);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].field, "pain");
  EXPECT_EQ(answers[0].value, 3);
  r = say(r, "yes");
  answers = actions<JournalAnswer>(r);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].field, "routine_done");
  EXPECT_EQ(answers[0].value, true);
  r = say(r, "Worse");
  answers = actions<JournalAnswer>(r);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].field, "felt");
  EXPECT_EQ(answers[0].value, "worse");
  EXPECT_EQ(answers[1].field, "flags");
  EXPECT_EQ(answers[1].value, nlohmann::json::array({"worse_with_stretch"}));
  EXPECT_EQ(r.state.node, "refer_after_routine");
}

// Red-flag screening runs on check-in answers like on any message.
TEST_F(TurnCoachingTest, ARedFlagInACheckInAnswerIsScreenedAndJournalled) {
  auto r = event(say(play(kToOffer), "no thanks"), "checkin_due");
  r = say(r, "about a 5, and since yesterday I can't feel the toilet paper when I wipe");
  EXPECT_EQ(r.state.node, "emergency");
  const auto answers = actions<JournalAnswer>(r);
  ASSERT_FALSE(answers.empty());
  EXPECT_EQ(answers.back().field, "flags");
}

TEST_F(TurnCoachingTest, StopRemindersWorksAnywhere) {
  for (const char* text : {"stop reminders", "/stop", "please no more check-ins"}) {
    const auto r = say(say(play(kToOffer), "at 9"), text);
    EXPECT_EQ(actions<StopReminders>(r).size(), 1u) << text;
    EXPECT_EQ(r.state.node, "coaching") << text;
  }
}

TEST_F(TurnCoachingTest, TheFollowUpAsksWhetherTheySawSomeone) {
  auto r = say(play(kToOffer), "no thanks");
  r = event(r, "checkin_due");
  r = say(say(say(r, "4"), "yes"), "worse");
  ASSERT_EQ(r.state.node, "refer_after_routine");
  r = event(r, "followup_due");
  EXPECT_EQ(r.state.node, "followup");
  EXPECT_EQ(say(r, "no, not yet").state.node, "followup_not_yet");
  EXPECT_EQ(rules_->follow_up_days(), 3);
}

}  // namespace
}  // namespace backcoach::dialogue
