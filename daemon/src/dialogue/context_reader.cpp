#include "dialogue/context_reader.h"

#include <map>

#include "dialogue/lazy_regex.h"
#include "dialogue/pattern_text.h"

namespace backcoach::dialogue {

std::optional<Modifier> parse_modifier(std::string_view name) {
  for (Modifier m : {kNegated, kPossible, kHypothetical, kHistorical, kOtherPerson, kRecurrent}) {
    if (modifier_name(m) == name) return m;
  }
  return std::nullopt;
}

std::string_view modifier_name(Modifier m) {
  switch (m) {
    case kNegated:
      return "negated";
    case kPossible:
      return "possible";
    case kHypothetical:
      return "hypothetical";
    case kHistorical:
      return "historical";
    case kOtherPerson:
      return "other_person";
    case kRecurrent:
      return "recurrent";
  }
  return "?";
}

// A modifier's regexes are built when its cue first fires (LazyRegex): there are some 250
// of them, two fifths of a load's work when built up front, and a message fires few. Their
// syntax is checked at load all the same: the triggers and pseudo-triggers by the cue set,
// the terminators by a set that only parses (compile()).
struct ContextReader::CompiledModifier {
  Modifier category = kNegated;
  Direction direction = Direction::kForward;
  int max_words = 6;
  std::unique_ptr<LazyRegex> trigger, pseudo;
  std::shared_ptr<const LazyRegex> stops;  // shared + own terminators + sentence ends
};

namespace {
constexpr std::int64_t kCueSetMemory = std::int64_t{16} << 20;  // program + DFA cache, a set
constexpr std::size_t kCueShards = 2;  // the cues' sets, one per core (docs/architecture.md)
}  // namespace

ContextReader::ContextReader(const ContextConfig& config, std::vector<RuleError>& errors) {
  // The sets hold the triggers alone: a pseudo-trigger matters only where its rule's
  // trigger fired, and is then looked for by the rule's own regex (read()).
  std::vector<std::string> sources;
  std::vector<const std::string*> written;  // each source as the rule file has it
  std::vector<std::size_t> rule_of;         // each source's modifier
  for (std::size_t r = 0; r < config.modifiers.size(); ++r) {
    const ModifierRule& rule = config.modifiers[r];
    CompiledModifier m;
    m.category = rule.category;
    m.direction = rule.direction;
    m.max_words = rule.max_words;
    for (const auto& src : rule.patterns) {
      sources.push_back(unbounded(src));
      written.push_back(&src);
      rule_of.push_back(r);
    }
    modifiers_.push_back(std::move(m));
  }
  RE2::Options options = pattern_options();
  options.set_max_mem(kCueSetMemory);
  std::vector<std::string> why;
  cues_ = std::make_unique<PatternSets>(sources, options, kCueShards, why);
  // A cue the sets refuse takes no number, so cue_rule_ keeps only those they took.
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const ModifierRule& rule = config.modifiers[rule_of[k]];
    if (why[k].empty()) {
      cue_rule_.push_back(rule_of[k]);
    } else {
      errors.push_back(
          {rule.file, rule.mark, "pattern '" + *written[k] + "' does not compile: " + why[k]});
    }
  }
  if (errors.empty() && !cues_->compiled()) {
    errors.push_back({"", {}, "the context cues are too large to compile"});
  }
}

namespace {

std::unique_ptr<LazyRegex> lazy_alternation(const std::vector<std::string>& parts) {
  if (parts.empty()) return nullptr;
  return std::make_unique<LazyRegex>(alternation_source(parts), pattern_options());
}

}  // namespace

void ContextReader::compile(const ContextConfig& config, std::vector<RuleError>& errors) {
  std::string why;
  auto compiled = [&](const std::vector<std::string>& parts, const std::string& file,
                      const YAML::Mark& mark, const char* what) {
    why.clear();
    auto re = alternation(parts, why);
    if (!why.empty())
      errors.push_back({file, mark, std::string(what) + " does not compile: " + why});
    return re;
  };
  // Pseudo-triggers and terminators are in no set: this one parses each list, as its RE2
  // would, and is never compiled, so a syntax error is still a load error at the
  // modifier's place.
  RE2::Set syntax(pattern_options(), RE2::UNANCHORED);
  auto check_syntax = [&](const std::vector<std::string>& parts, const std::string& file,
                          const YAML::Mark& mark, const char* what = "terminator") {
    why.clear();
    if (!parts.empty() && syntax.Add(alternation_source(parts), &why) < 0) {
      errors.push_back({file, mark, std::string(what) + " does not compile: " + why});
    }
  };
  // Most modifiers stop at the shared terminators alone: one regex each list, not each rule.
  std::map<std::vector<std::string>, std::shared_ptr<const LazyRegex>> stop_lists;
  auto stops_of = [&](const ModifierRule& rule) {
    std::vector<std::string> all;
    if (!rule.within_message) all = config.terminators;
    all.insert(all.end(), rule.terminators.begin(), rule.terminators.end());
    if (!rule.within_message) {
      all.insert(all.end(), config.sentence_ends.begin(), config.sentence_ends.end());
    }
    auto& re = stop_lists[all];
    if (!re) {
      check_syntax(all, rule.file, rule.mark);
      re = lazy_alternation(all);
    }
    return re;
  };
  for (std::size_t r = 0; r < config.modifiers.size(); ++r) {
    const ModifierRule& rule = config.modifiers[r];
    CompiledModifier& m = modifiers_[r];
    m.trigger = lazy_alternation(rule.patterns);  // each part parsed by the cue set
    check_syntax(rule.pseudo, rule.file, rule.mark, "pseudo-trigger");
    m.pseudo = lazy_alternation(rule.pseudo);
    m.stops = stops_of(rule);
  }
  check_syntax(config.terminators, "", {});
  // The boundaries are looked for in every message: built now.
  sentence_ends_ = compiled(config.sentence_ends, "", {}, "sentence end");
  std::vector<std::string> clause = config.sentence_ends;
  clause.insert(clause.end(), config.clause_ends.begin(), config.clause_ends.end());
  clause_ends_ = compiled(clause, "", {}, "clause end");
  clause_continues_ = compiled(config.clause_continues, "", {}, "clause continuation");
}

ContextReader::~ContextReader() = default;

namespace {

// A modifier's regex, built on its first use; null, with `reading.failure` set, when it
// does not build (its parts parsed at load, its program too large for one RE2).
const RE2* built(const LazyRegex* lazy, ContextReader::Reading& reading) {
  if (lazy == nullptr) return nullptr;
  const RE2& re = lazy->get();
  if (re.ok()) return &re;
  reading.failure = "a context regex does not compile: " + re.error();
  return nullptr;
}

}  // namespace

ContextReader::Reading ContextReader::read(std::string_view text) const {
  Reading reading;
  reading.text = text;
  std::vector<int> fired;
  RE2::Set::ErrorInfo info{};
  if (!cues_->match(text, fired, info)) {
    reading.failure = set_failure(info, "context cues");
    return reading;
  }
  std::vector<bool> trigger_fired(modifiers_.size());
  for (int f : fired) trigger_fired[cue_rule_[static_cast<std::size_t>(f)]] = true;
  for (std::size_t r = 0; r < modifiers_.size(); ++r) {
    if (!trigger_fired[r]) continue;
    const CompiledModifier& m = modifiers_[r];
    const RE2* trigger = built(m.trigger.get(), reading);
    const RE2* pseudo_re = built(m.pseudo.get(), reading);
    const RE2* stops_re = built(m.stops.get(), reading);
    if (!reading.failure.empty()) return reading;
    const auto pseudo = spans(pseudo_re, text);
    const auto stops = spans(stops_re, text);
    for (const Span& t : spans(trigger, text)) {
      if (std::any_of(pseudo.begin(), pseudo.end(),
                      [&](const Span& p) { return p.begin < t.end && t.begin < p.end; })) {
        continue;
      }
      Trigger trig{t.begin, t.end, t.end, t.end, m.category, m.direction == Direction::kForward,
                   false};
      if (m.direction != Direction::kBackward) {  // forward: to a stop or max_words words
        std::size_t end = text.size();
        int words = 0;
        for (std::size_t i = t.end + 1; i < text.size(); ++i) {
          if (text[i] == ' ' && ++words > m.max_words) {
            end = i;
            break;
          }
        }
        for (const Span& s : stops) {
          if (s.begin >= t.end) {
            end = std::min(end, s.begin);
            break;
          }
        }
        trig.scope_end = end;
      }
      trig.scope_begin = t.end;
      if (m.direction != Direction::kForward) {  // backward: from a stop or max_words words
        std::size_t begin = 0;
        int words = 0;
        for (std::size_t i = t.begin; i-- > 0;) {
          if (text[i] == ' ' && ++words > m.max_words) {
            begin = i + 1;
            break;
          }
        }
        for (const Span& s : stops) {
          if (s.end <= t.begin) begin = std::max(begin, s.end);
        }
        trig.scope_begin = begin;
        if (m.direction == Direction::kBackward) trig.scope_end = t.begin;
      }
      reading.triggers.push_back(trig);
    }
  }
  return reading;
}

// A cue that a match's own pattern spells, inside a longer match ("can not feel the
// toilet paper", "no feeling in my bottom"), is part of that finding: its scope does not
// reach the concepts after it, which are the finding's other parts. It still negates
// intents after it ("not better" is no "better") and a match it sits inside whose
// pattern does not spell it ("ibuprofen does not help" is no response to ibuprofen).
void ContextReader::mark_spelled(const std::vector<Match>& matches, Reading& reading) const {
  for (auto& t : reading.triggers) {
    const std::string_view cue = reading.text.substr(t.begin, t.end - t.begin);
    t.spelled = std::any_of(matches.begin(), matches.end(), [&](const Match& m) {
      return t.begin >= m.begin && t.end <= m.end && (t.begin > m.begin || t.end < m.end) &&
             spelled_in(m.source, cue);
    });
  }
}

void ContextReader::find_units(Reading& reading) const {
  for (const Span& s : spans(sentence_ends_.get(), reading.text)) {
    reading.sentence_breaks.push_back(s.end);
  }
  for (const Span& s : spans(clause_ends_.get(), reading.text)) {
    if (!continues_clause(reading.text, s.end)) reading.clause_breaks.push_back(s.end);
  }
}

bool ContextReader::continues_clause(std::string_view text, std::size_t at) const {
  if (!clause_continues_) return false;
  const std::string_view rest = text.substr(at);
  return RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), *clause_continues_);
}

// Every cue whose scope holds the match's start, or that starts inside it (a cue inside
// the match: "stretching does not make it worse").
std::uint8_t ContextReader::context_of(const Match& m, const Reading& reading) const {
  std::uint8_t bits = 0;
  for (const auto& t : reading.triggers) {
    if ((m.ignores & t.category) != 0) continue;
    // In scope: starts within the scope, or, for a forward cue, within the cue's own
    // words after its first ("if a STRETCH hurts", "can not feel any NUMBNESS").
    const bool in_scope =
        !(t.spelled && m.is_concept) && ((m.begin >= t.scope_begin && m.begin < t.scope_end) ||
                                         (t.forward && m.begin > t.begin && m.begin < t.end));
    const bool inside = t.begin > m.begin && t.begin < m.end &&
                        !spelled_in(m.source, reading.text.substr(t.begin, t.end - t.begin));
    if (in_scope || inside) bits |= t.category;
  }
  return bits;
}

}  // namespace backcoach::dialogue
