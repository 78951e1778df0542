#include <algorithm>
#include <string>

#include "dialogue/rule_set.h"
#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {
namespace {

// The intents read, affirmed, in `text`; the reader's failure (RE2 out of memory) in `why`.
std::vector<std::size_t> affirmed(const RuleSetImpl& r, const std::string& text, std::string& why) {
  std::string canonical = r.normalizer->normalize(text);
  const MatchResult m = r.read(canonical, false);  // as a conversation's first message
  std::vector<std::size_t> out;
  if (m.failed) why = m.why;
  for (const auto* list : {&m.hits, &m.concepts}) {
    for (const auto& h : *list) {
      if (h.affirmed()) out.push_back(h.intent);
    }
  }
  return out;
}

Diagnostic at(const IntentDef& d, std::string message) {
  return {d.file, d.mark.is_null() ? 0 : d.mark.line + 1, d.mark.is_null() ? 0 : d.mark.column + 1,
          std::move(message)};
}

}  // namespace

// Assembly rules are checked like intents, on the fact they build (the matcher turns
// each into a synthetic intent after the real ones).
std::vector<Diagnostic> check_examples(const RuleSet& rules, const std::atomic<bool>* stop) {
  std::vector<Diagnostic> out;
  const RuleSetImpl& r = rules.impl();
  const auto& intents = r.matcher->intents();
  const auto& assembly = r.matcher->assembly();
  const std::size_t first_assembled = intents.size() - assembly.size();
  for (std::size_t i = 0; i < intents.size(); ++i) {
    const IntentDef& d = intents[i];
    const bool built = i >= first_assembled;
    const auto& examples = built ? assembly[i - first_assembled].examples : d.examples;
    const auto& counter =
        built ? assembly[i - first_assembled].counter_examples : d.counter_examples;
    const std::string what = (built ? "assembly '" : "intent '") + d.id + "'";
    for (const auto* list : {&examples, &counter}) {
      const bool example = list == &examples;
      for (const auto& ex : *list) {
        if (stop != nullptr && stop->load(std::memory_order_relaxed)) return out;
        std::string why;
        const auto read = affirmed(r, ex, why);
        const bool hit = std::find(read.begin(), read.end(), i) != read.end();
        if (!why.empty()) {
          out.push_back(at(d, what + ": the reader failed on \"" + ex + "\": " + why));
        } else if (example && !hit) {
          out.push_back(at(d, what + " does not match its example \"" + ex + "\""));
        } else if (!example && hit) {
          out.push_back(at(d, what + " matches its counter-example \"" + ex + "\""));
        }
      }
    }
  }
  return out;
}

}  // namespace backcoach::dialogue
