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

// On a channel that gives no zone (Telegram, bots) the time waits for the zone, named in
// the person's words: a city, an IANA name in any case, a country with one zone, an offset.
TEST_F(TurnCoachingTest, WithoutTheChannelsZoneTheZoneIsAskedAndReadFromTheirWords) {
  const auto offer = play(kToOffer);
  const auto asked = Engine(rules_).step(offer.state, Input::text_input("7pm", false));
  EXPECT_TRUE(actions<SetReminder>(asked).empty()) << "not set before its zone is known";
  ASSERT_EQ(asked.state.node, "reminder_zone");
  ASSERT_FALSE(asked.replies.empty());
  EXPECT_NE(asked.replies.back().text.find("Which time zone"), std::string::npos);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"London", "Europe/London"},
      {"I'm in new york", "America/New_York"},
      {"europe/berlin", "Europe/Berlin"},
      {"Europe/Berlin", "Europe/Berlin"},
      {"sydney, australia", "Australia/Sydney"},
      {"UK", "Europe/London"},
      {"UTC", "UTC"},
      {"UTC+2", "Etc/GMT-2"},
      {"gmt -5", "Etc/GMT+5"},
      {"Asia/Kolkata please", "Asia/Kolkata"},
      {"Manchester", "Europe/London"}};
  for (const auto& [text, zone] : cases) {
    const auto r = Engine(rules_).step(asked.state, Input::text_input(text, false));
    const auto set = actions<SetReminder>(r);
    ASSERT_EQ(set.size(), 1u) << text;
    EXPECT_EQ(set[0].minutes, 19 * 60) << text;
    EXPECT_EQ(set[0].zone, zone) << text;
    EXPECT_EQ(r.state.time_zone, zone) << text;
    EXPECT_EQ(r.state.node, "coaching") << text;
    EXPECT_NE(r.replies.front().text.find("19:00, " + zone + " time"), std::string::npos) << text;
  }
}

// An answer naming no zone, a country with several, or two places is asked again: the
// reminder is never set in a guessed zone.
TEST_F(TurnCoachingTest, AnUnclearZoneIsAskedAgainNeverGuessed) {
  const auto asked = Engine(rules_).step(play(kToOffer).state, Input::text_input("at 9", false));
  ASSERT_EQ(asked.state.node, "reminder_zone");
  for (const std::string text : {"somewhere nice", "the usa", "Australia", "London or Paris",
                                 "UTC+20", "Mars/Olympus", "I've wet myself again"}) {
    const auto r = Engine(rules_).step(asked.state, Input::text_input(text, false));
    EXPECT_TRUE(actions<SetReminder>(r).empty()) << text;
    if (r.state.node != "reminder_zone") {
      // Only a red flag may take the conversation elsewhere ("wet myself").
      EXPECT_TRUE(r.state.tier.has_value()) << text;
      continue;
    }
    ASSERT_FALSE(r.replies.empty()) << text;
    EXPECT_NE(r.replies.back().text.find("Which time zone"), std::string::npos) << text;
  }
  const auto no = Engine(rules_).step(asked.state, Input::text_input("no thanks", false));
  EXPECT_TRUE(actions<SetReminder>(no).empty());
  EXPECT_EQ(no.state.node, "coaching");
}

// Named once, the zone is remembered: a time chosen later on the same channel uses it,
// and the widget's own zone (the channel's) always wins.
TEST_F(TurnCoachingTest, ANamedZoneIsRememberedAndTheChannelsZoneWins) {
  auto r = Engine(rules_).step(play(kToOffer).state, Input::text_input("8am", false));
  r = Engine(rules_).step(r.state, Input::text_input("Europe/Paris", false));
  ASSERT_EQ(r.state.time_zone, "Europe/Paris");
  auto state = r.state;
  state.node = "reminder_offer";
  state.answered.erase("reminder_offer");
  state.facts.numbers.erase("reminder_time");
  const auto again = Engine(rules_).step(state, Input::text_input("9pm", false));
  ASSERT_EQ(actions<SetReminder>(again).size(), 1u);
  EXPECT_EQ(actions<SetReminder>(again)[0].zone, "Europe/Paris");
  const auto widget = Engine(rules_).step(state, Input::text_input("9pm", true));
  ASSERT_EQ(actions<SetReminder>(widget).size(), 1u);
  EXPECT_EQ(actions<SetReminder>(widget)[0].zone, "") << "the channel's zone";
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
