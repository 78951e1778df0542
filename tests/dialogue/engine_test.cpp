#include "dialogue/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {
namespace {

// Every message of a self-care conversation up to the routine (a 35-year-old, no flag):
// each question answered as asked, the routine within 10 turns (issue 7).
const std::vector<std::string> kToRoutine = {
    "my lower back", "35", "1 to 2 weeks", "4", "gradually", "nothing in particular",
    "none of these",   // emergency signs
    "none of these",   // urgent signs
    "none of these"};  // risk questionnaire

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string root = BACKCOACH_SOURCE_DIR;
    auto loaded = load_rule_set(root + "/rules", root + "/intents");
    for (const auto& d : loaded.errors) ADD_FAILURE() << d.to_string();
    rules_ = loaded.rules;
  }
  static void TearDownTestSuite() { rules_.reset(); }

  void SetUp() override { ASSERT_NE(rules_, nullptr); }

  // Plays messages from the start; returns the last result.
  StepResult play(const Engine& engine, const std::vector<std::string>& messages) const {
    StepResult r = engine.start(engine.initial_state());
    for (const auto& m : messages) r = engine.step(r.state, Input::text_input(m));
    return r;
  }

  template <class A>
  static bool has_action(const StepResult& r) {
    return std::any_of(r.actions.begin(), r.actions.end(),
                       [](const Action& a) { return std::holds_alternative<A>(a); });
  }

  static std::shared_ptr<const RuleSet> rules_;
};

std::shared_ptr<const RuleSet> EngineTest::rules_;

TEST_F(EngineTest, StartGreetsAndAsksWhereItHurtsWithQuickReplies) {
  const Engine engine(rules_);
  const auto r = engine.start(engine.initial_state());
  ASSERT_GE(r.replies.size(), 2u);
  const Node* location = rules_->impl().flow.find("location");
  ASSERT_NE(location, nullptr);
  EXPECT_EQ(r.replies.back().text, location->text.back());
  EXPECT_FALSE(r.replies.back().quick_replies.empty());
  EXPECT_EQ(r.state.node, "location");
  EXPECT_FALSE(r.state.tier.has_value());
  EXPECT_EQ(r.state.turn, 0);
}

TEST_F(EngineTest, SameStateAndInputGiveTheSameResult) {
  const Engine engine(rules_);
  const auto a = play(engine, kToRoutine);
  const auto b = play(engine, kToRoutine);
  EXPECT_EQ(a.state, b.state);
  ASSERT_EQ(a.replies.size(), b.replies.size());
  for (std::size_t i = 0; i < a.replies.size(); ++i)
    EXPECT_EQ(a.replies[i].text, b.replies[i].text);
  EXPECT_EQ(a.exercises, b.exercises);
  // And the input state is not touched: stepping it again gives the same answer.
  const auto mid = play(engine, {"my lower back", "35"});
  const auto x = engine.step(mid.state, Input::text_input("I've had a fever"));
  const auto y = engine.step(mid.state, Input::text_input("I've had a fever"));
  EXPECT_EQ(x.state, y.state);
  EXPECT_EQ(x.new_flags, y.new_flags);
}

TEST_F(EngineTest, StepIsSafeFromSeveralThreadsAtOnce) {
  const Engine engine(rules_);
  const auto expected = play(engine, kToRoutine);
  std::vector<ConversationState> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = play(engine, kToRoutine).state; });
  }
  for (auto& t : threads) t.join();
  for (const auto& s : got) EXPECT_EQ(s, expected.state);
}

TEST_F(EngineTest, StateSurvivesAJsonRoundTripAtEveryTurn) {
  const Engine engine(rules_);
  StepResult r = engine.start(engine.initial_state());
  // A conversation that fills numbers, facts, re-asks, scores, flags and a routine.
  std::vector<std::string> messages = kToRoutine;
  messages.insert(messages.begin() + 6, "not sure");
  for (const auto& m : messages) {
    r = engine.step(r.state, Input::text_input(m));
    const auto text = to_json(r.state).dump();
    const auto back = state_from_json(nlohmann::json::parse(text));
    ASSERT_TRUE(back.has_value()) << "after \"" << m << "\"";
    EXPECT_EQ(*back, r.state) << "after \"" << m << "\": " << text;
  }
  EXPECT_FALSE(r.state.routine.empty());
  EXPECT_FALSE(r.state.reasks.empty());
  EXPECT_TRUE(r.state.intake_done);
}

TEST_F(EngineTest, StateFromJsonRejectsWhatIsNotAState) {
  EXPECT_FALSE(state_from_json(nlohmann::json::parse("[1,2]")).has_value());
  EXPECT_FALSE(state_from_json(nlohmann::json{{"version", 99}}).has_value());
  auto j = to_json(ConversationState{});
  j["tier"] = "very_urgent";
  EXPECT_FALSE(state_from_json(j).has_value());
  j = to_json(ConversationState{});
  j.erase("facts");
  EXPECT_FALSE(state_from_json(j).has_value());
}

TEST_F(EngineTest, RoutineIsRecommendedWithCardsAndACheckInIsScheduledAfterFeedback) {
  const Engine engine(rules_);
  const auto r = play(engine, kToRoutine);
  ASSERT_FALSE(r.exercises.empty());
  EXPECT_TRUE(has_action<Recommend>(r));
  for (const auto& reply : r.replies) {
    if (!reply.exercise) continue;
    const auto j = reply_to_json(reply, *rules_);
    EXPECT_TRUE(j.contains("exercise")) << j.dump();
    EXPECT_FALSE(j["exercise"].is_null()) << j.dump();
  }
  const auto fb = engine.step(r.state, Input::text_input("better"));
  EXPECT_EQ(fb.state.node, "reminder_offer");  // a daily check-in is offered first
  const auto declined = engine.step(fb.state, Input::text_input("no thanks"));
  EXPECT_EQ(declined.state.node, "coaching");
  EXPECT_TRUE(has_action<ScheduleCheckin>(declined));
}

TEST_F(EngineTest, ACooperativePersonReachesTheFirstStretchWithinTenTurns) {
  const Engine engine(rules_);
  StepResult r = engine.start(engine.initial_state());
  int turns = 0;
  for (const auto& m : kToRoutine) {
    r = engine.step(r.state, Input::text_input(m));
    ++turns;
    if (!r.exercises.empty()) break;
  }
  EXPECT_FALSE(r.exercises.empty());
  EXPECT_LE(turns, 10);
  EXPECT_EQ(r.state.tier, triage::Tier::kSelfCare);
}

// A checklist lists only the signs still unknown, and offers "None of these" first.
TEST_F(EngineTest, ChecklistLeavesOutWhatThePersonAlreadyDenied) {
  const Engine engine(rules_);
  const auto r = play(engine, {"my lower back, no fever", "35", "1 to 2 weeks", "4", "gradually",
                               "nothing in particular", "none of these"});
  ASSERT_EQ(r.state.node, "safety_urgent");
  const Reply& ask = r.replies.back();
  EXPECT_EQ(ask.text.find("Fever"), std::string::npos) << ask.text;
  ASSERT_FALSE(ask.quick_replies.empty());
  EXPECT_EQ(ask.quick_replies.front(), rules_->impl().flow.checklist_none);
}

// A hedged item is asked alone as a yes/no, never taken as "no"; the rest are denied.
TEST_F(EngineTest, AHedgedChecklistItemIsAskedAloneNeverTakenAsNo) {
  const Engine engine(rules_);
  auto r = play(engine,
                {"my lower back", "35", "1 to 2 weeks", "4", "gradually", "nothing in particular"});
  r = engine.step(r.state, Input::text_input("no to the rest, not sure about the bladder thing"));
  EXPECT_EQ(r.state.node, "safety_emergency");
  EXPECT_FALSE(r.state.facts.known("bladder_dysfunction"));
  EXPECT_TRUE(r.state.facts.denied("bowel_incontinence"));
  const auto& alone = rules_->impl().flow.find("safety_emergency")->items[1].alone;
  EXPECT_NE(r.replies.back().text.find(alone), std::string::npos) << r.replies.back().text;
  r = engine.step(r.state, Input::text_input("yes"));
  EXPECT_EQ(r.state.tier, triage::Tier::kEmergency);
  EXPECT_EQ(r.state.node, "emergency");
}

// "Sorry, I didn't quite get that" only when nothing was read; never the same bubble twice.
TEST_F(EngineTest, AMessageThatCarriedFactsIsAcknowledgedNotMisunderstood) {
  const Engine engine(rules_);
  auto r = play(engine, {"my lower back"});
  const std::string asked = r.replies.back().text;
  r = engine.step(r.state, Input::text_input("it's worse when I sit"));
  const std::string sorry = rules_->impl().response("not_understood");
  for (const auto& reply : r.replies) EXPECT_EQ(reply.text.find(sorry), std::string::npos);
  EXPECT_NE(r.replies.back().text, asked);
  EXPECT_NE(r.replies.back().text.find(asked), std::string::npos) << "back to the question";
  const auto unread = play(engine, {"my lower back", "blorp"});
  EXPECT_EQ(unread.replies.back().text.rfind(sorry, 0), 0u) << unread.replies.back().text;
}

TEST_F(EngineTest, AnExerciseHowToIsShownAnywhereAndTheFlowResumes) {
  const Engine engine(rules_);
  auto r = play(engine, {"my lower back"});
  r = engine.step(r.state, Input::text_input("how do I do the cat cow?"));
  EXPECT_EQ(r.exercises, std::vector<std::string>{"cat_cow"});
  EXPECT_EQ(r.state.node, "age");
  r = engine.step(r.state, Input::text_input("I've wet myself"));
  r = engine.step(r.state, Input::text_input("show me child's pose"));
  EXPECT_TRUE(r.exercises.empty()) << "paused from soon up";
}

TEST_F(EngineTest, CheckInEventAsksTheCheckInQuestionEachTime) {
  const Engine engine(rules_);
  auto r = play(engine, kToRoutine);
  r = engine.step(r.state, Input::text_input("better"));
  const std::string question = rules_->impl().flow.find("checkin")->text.back();
  for (int day = 0; day < 2; ++day) {
    const auto due = engine.step(r.state, Input::event_input("checkin_due"));
    EXPECT_EQ(due.state.node, "checkin") << "day " << day;
    ASSERT_FALSE(due.replies.empty());
    EXPECT_EQ(due.replies.back().text, question);
    EXPECT_EQ(due.state.turn, r.state.turn) << "an event is not a user turn";
    r = engine.step(due.state, Input::text_input("3"));
    r = engine.step(r.state, Input::text_input("yes"));
    r = engine.step(r.state, Input::text_input("Better"));
    EXPECT_EQ(r.state.node, "coaching");
  }
}

TEST_F(EngineTest, UnknownEventChangesNothing) {
  const Engine engine(rules_);
  const auto start = engine.start(engine.initial_state());
  const auto r = engine.step(start.state, Input::event_input("no_such_event"));
  EXPECT_EQ(r.state, start.state);
  EXPECT_TRUE(r.replies.empty());
}

TEST_F(EngineTest, EmergencyRefersAndLateFlagPausesTheRoutine) {
  const Engine engine(rules_);
  auto r = play(engine, kToRoutine);
  r = engine.step(r.state, Input::text_input("better"));
  r = engine.step(r.state, Input::text_input("I've wet myself"));
  EXPECT_EQ(r.new_flags, std::vector<std::string>{"cauda_equina"});
  EXPECT_TRUE(has_action<Refer>(r));
  EXPECT_TRUE(has_action<PauseRoutine>(r));
  EXPECT_EQ(r.state.node, "emergency");
  const auto& advice = rules_->impl().tier_advice.at("emergency");
  EXPECT_TRUE(std::any_of(r.replies.begin(), r.replies.end(),
                          [&](const Reply& x) { return x.text == advice; }));
}

TEST_F(EngineTest, BadTextGetsAReplyNeverAFailure) {
  const Engine engine(rules_);
  const auto start = engine.start(engine.initial_state());
  const auto& impl = rules_->impl();
  const auto empty = engine.step(start.state, Input::text_input(""));
  ASSERT_FALSE(empty.replies.empty());
  EXPECT_EQ(empty.replies.front().text, impl.response("empty_message"));
  EXPECT_EQ(empty.state.node, "location");
  const auto bad = engine.step(start.state, Input::text_input("my lower back \xff\xfe"));
  ASSERT_FALSE(bad.replies.empty());
  EXPECT_EQ(bad.replies.front().text, impl.response("invalid_utf8"));
  EXPECT_EQ(bad.state.node, "age");
  const auto huge = engine.step(start.state, Input::text_input(std::string(100000, 'a')));
  EXPECT_FALSE(huge.replies.empty());
  EXPECT_EQ(huge.state.turn, 1);
}

// Someone typing for the patient tells the patient's findings in the third person; the
// same words from a person about their own back and someone else's are not the patient's.
TEST_F(EngineTest, AConversationToldForSomeoneReadsThePatientsPronounsAsThePatient) {
  const Engine engine(rules_);
  const auto told = play(engine, {"hi, I'm typing for my nan, she's 84",
                                  "she can't lift either leg off the bed and she's wet herself"});
  EXPECT_EQ(told.state.facts.number("age"), 84);
  EXPECT_TRUE(told.state.flags.count("cauda_equina"));
  EXPECT_EQ(told.state.tier, triage::Tier::kEmergency);

  const auto child = play(engine, {"asking for my daughter", "She's 12"});
  EXPECT_TRUE(child.state.flags.count("under_16"));
}

TEST_F(EngineTest, SomeoneElsesSymptomsInTheThirdPersonRaiseNothing) {
  const Engine engine(rules_);
  const auto r = play(engine, {"my lower back is stiff from gardening",
                               "my wife has the flu, she has a high temperature and shivers"});
  EXPECT_FALSE(r.state.flags.count("infection"));
  EXPECT_FALSE(r.state.tier.has_value() && *r.state.tier > triage::Tier::kSelfCare);
}

}  // namespace
}  // namespace backcoach::dialogue
