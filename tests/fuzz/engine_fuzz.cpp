// libFuzzer target: a conversation of arbitrary messages (one per line of the input)
// through the real rules/ and intents/: the normaliser, the reader (intent matcher)
// and Engine::step, as the service runs them for each `say`.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "dialogue/engine.h"
#include "dialogue/rule_set.h"
#include "fuzz_check.h"

using namespace backcoach;

namespace {

// Loaded once; a conversation is short enough that a few turns reach most nodes.
const dialogue::Engine* engine = nullptr;
constexpr std::size_t kMaxTurns = 12;

// What a person sees of one turn must be sendable: at least one bubble, every
// text valid UTF-8 (the protocol encoder would replace it otherwise).
void check_turn(const dialogue::StepResult& r) {
  FUZZ_CHECK(!r.replies.empty());
  for (const auto& reply : r.replies) {
    FUZZ_CHECK(is_valid_utf8(reply.text));
    for (const auto& q : reply.quick_replies) FUZZ_CHECK(is_valid_utf8(q));
    (void)dialogue::reply_to_json(reply, engine->rules()).dump();  // throws on bad UTF-8
  }
  // The store keeps the state as JSON and reads it back on the next turn.
  const auto back = dialogue::state_from_json(dialogue::to_json(r.state));
  FUZZ_CHECK(back.has_value() && *back == r.state);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto loaded =
      dialogue::load_rule_set(BACKCOACH_SOURCE_DIR "/rules", BACKCOACH_SOURCE_DIR "/intents");
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    std::abort();
  }
  engine = new dialogue::Engine(loaded.rules);  // lives as long as the process
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  auto turn = engine->start(engine->initial_state());
  for (std::size_t n = 0; n < kMaxTurns && !rest.empty(); ++n) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    turn = engine->step(turn.state, dialogue::Input::text_input(std::string(line)));
    check_turn(turn);
  }
  return 0;
}
