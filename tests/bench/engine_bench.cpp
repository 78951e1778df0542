// Google Benchmark for the dialogue engine (issue 2, "Performance"): one step on
// typical messages, matching alone, loading the whole rule set (by phase) and checking
// its examples.
// Run: build/bench/tests/bench/engine_bench (the `bench` preset is optimised).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dialogue/engine.h"
#include "dialogue/rule_set_impl.h"

namespace {

using backcoach::dialogue::ConversationState;
using backcoach::dialogue::Engine;
using backcoach::dialogue::Input;

const std::string kRules = std::string(BACKCOACH_SOURCE_DIR) + "/rules";
const std::string kIntents = std::string(BACKCOACH_SOURCE_DIR) + "/intents";

std::shared_ptr<const backcoach::dialogue::RuleSet> rules() {
  static auto loaded = backcoach::dialogue::load_rule_set(kRules, kIntents);
  return loaded.rules;
}

// A state in the middle of intake (at the red-flag questions), where most turns land.
ConversationState mid_intake(const Engine& engine) {
  ConversationState s = engine.start(engine.initial_state()).state;
  for (const char* msg :
       {"lower back only", "45", "1 to 2 weeks", "4", "lifting or twisting", "no", "sitting"}) {
    s = engine.step(s, Input::text_input(msg)).state;
  }
  return s;
}

void BM_EngineStep(benchmark::State& state, const char* text) {
  Engine engine(rules());
  const ConversationState s = mid_intake(engine);
  const Input in = Input::text_input(text);
  for (auto _ : state) benchmark::DoNotOptimize(engine.step(s, in));
}
BENCHMARK_CAPTURE(BM_EngineStep, yes_no_answer, "no");
BENCHMARK_CAPTURE(BM_EngineStep, typical_sentence,
                  "no, nothing like that, it's just stiff when I sit at my desk all day");
BENCHMARK_CAPTURE(BM_EngineStep, red_flag_volunteered,
                  "I can't feel the toilet paper when I wipe and I've wet myself");
BENCHMARK_CAPTURE(BM_EngineStep, faq_question, "how long should I hold each stretch?");

void BM_NormaliseAndMatch(benchmark::State& state) {
  const auto& impl = rules()->impl();
  const std::string text = "not numb but tingly down my left leg when I sit for long, about 6/10";
  for (auto _ : state) {
    benchmark::DoNotOptimize(impl.matcher->match(impl.normalizer->normalize(text)));
  }
}
BENCHMARK(BM_NormaliseAndMatch);

// Until the rule set is usable: freeing it afterwards (and joining the spelling's word
// lists, read ahead on a thread of their own as the load returns) is not the load.
void BM_LoadRuleSet(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = backcoach::dialogue::load_rule_set(kRules, kIntents);
    if (!loaded.ok()) state.SkipWithError("rules did not load");
    benchmark::DoNotOptimize(loaded);
    state.PauseTiming();
    loaded.rules.reset();
    state.ResumeTiming();
  }
  state.SetLabel(std::to_string(rules()->intent_count()) + " intents");
}
BENCHMARK(BM_LoadRuleSet)->Unit(benchmark::kMillisecond);

// Phases of one load, as load_rule_set times them (wall, ms; means over the iterations).
void BM_LoadRuleSetPhases(benchmark::State& state) {
  double read = 0, compile = 0, validate = 0;
  for (auto _ : state) {
    auto loaded = backcoach::dialogue::load_rule_set(kRules, kIntents);
    if (!loaded.ok()) state.SkipWithError("rules did not load");
    read += loaded.timings.read_ms;
    compile += loaded.timings.compile_ms;
    validate += loaded.timings.validate_ms;
    state.PauseTiming();
    loaded.rules.reset();
    state.ResumeTiming();
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["read_ms"] = read / n;
  state.counters["compile_ms"] = compile / n;
  state.counters["validate_ms"] = validate / n;
}
BENCHMARK(BM_LoadRuleSetPhases)->Unit(benchmark::kMillisecond);

// Every example and counter-example on a freshly loaded set (cold RE2 caches, as after a
// start or reload); the load itself is not timed.
void BM_CheckExamples(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto loaded = backcoach::dialogue::load_rule_set(kRules, kIntents);
    state.ResumeTiming();
    if (!loaded.ok() || !backcoach::dialogue::check_examples(*loaded.rules).empty()) {
      state.SkipWithError("an example misbehaves");
    }
  }
}
BENCHMARK(BM_CheckExamples)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
