#include "dialogue/intent_matcher.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace backcoach::dialogue {
namespace {

constexpr int kMaxMentions = 16;  // mentions of one pattern looked at in one message
constexpr std::int64_t kSetMemory = std::int64_t{64} << 20;  // program + DFA cache of the set

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(true);  // text is already lower-cased by the normaliser
  return o;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '|';
    out += "(?:" + p + ")";
  }
  return out;
}

// One RE2 from a list of alternatives; null when the list is empty.
std::unique_ptr<RE2> alternation(const std::vector<std::string>& parts, std::string& error) {
  if (parts.empty()) return nullptr;
  auto re = std::make_unique<RE2>(joined(parts), pattern_options());
  if (!re->ok()) error = re->error();
  return re;
}

struct Span {
  std::size_t begin, end;
};

// Every non-overlapping match of `re` in `text`, in order.
std::vector<Span> spans(const RE2* re, std::string_view text) {
  std::vector<Span> out;
  if (re == nullptr) return out;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  std::size_t at = 0;
  while (at <= text.size() && re->Match(input, at, input.size(), RE2::UNANCHORED, &m, 1)) {
    const auto begin = static_cast<std::size_t>(m.data() - text.data());
    out.push_back({begin, begin + m.size()});
    at = begin + std::max<std::size_t>(m.size(), 1);
  }
  return out;
}

// True when `word` appears in the pattern's source as a word of its own: the pattern
// spells it ("can not feel the toilet paper"), so it is part of the finding, not a cue.
bool spelled_in(std::string_view source, std::string_view word) {
  if (word.empty()) return false;
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = source.find(word); i != std::string_view::npos;
       i = source.find(word, i + 1)) {
    const bool before = i == 0 || !letter(source[i - 1]) || (i >= 2 && source[i - 2] == '\\');
    const std::size_t after = i + word.size();
    if (before && (after == source.size() || !letter(source[after]))) return true;
  }
  return false;
}

// How strongly a mention counts: affirmed, then hedged, then denied, then ignored.
int rank(std::uint8_t context) {
  if ((context & kIgnoring) != 0) return 3;
  if ((context & kPossible) != 0) return 1;
  return (context & kNegated) != 0 ? 2 : 0;
}
int rank(const IntentHit& h) { return rank(h.context); }

// Keeps one hit per intent in `hits`: the best-ranked mention, the earlier on a tie.
void keep_best(std::vector<IntentHit>& hits, const IntentHit& hit) {
  auto existing = std::find_if(hits.begin(), hits.end(),
                               [&](const IntentHit& h) { return h.intent == hit.intent; });
  if (existing == hits.end()) {
    hits.push_back(hit);
  } else if (rank(hit) < rank(*existing) ||
             (rank(hit) == rank(*existing) && hit.position < existing->position)) {
    *existing = hit;
  }
}

void settle(IntentHit& h) {
  h.uncertain = (h.context & kPossible) != 0;
  h.negated = !h.uncertain && (h.context & kNegated) != 0;
}

}  // namespace

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

struct IntentMatcher::CompiledModifier {
  Modifier category = kNegated;
  Direction direction = Direction::kForward;
  int max_words = 6;
  std::unique_ptr<RE2> trigger, pseudo, stops;  // stops: shared + own terminators + sentence ends
};

// A pattern's match in one message, with the context that applies to it.
struct IntentMatcher::Mention {
  std::size_t intent = 0;
  std::size_t pattern = 0;
  std::size_t begin = 0, end = 0;
  std::uint8_t context = 0;
  std::optional<double> value;
  std::size_t value_at = std::string_view::npos;  // where the captured number starts
};

// What one message's context triggers and boundaries are, worked out once per match().
struct IntentMatcher::Reading {
  struct Trigger {
    std::size_t begin, end;  // the cue itself
    std::size_t scope_begin, scope_end;
    Modifier category;
    bool forward = false;
    bool spelled = false;  // part of a finding's own words (see mark_spelled_triggers)
  };
  std::string_view text;
  std::vector<Trigger> triggers;
  std::vector<std::size_t> sentence_breaks,
      clause_breaks;  // where each unit after the first starts

  static std::size_t unit_of(const std::vector<std::size_t>& breaks, std::size_t pos) {
    return static_cast<std::size_t>(std::upper_bound(breaks.begin(), breaks.end(), pos) -
                                    breaks.begin());
  }
};

IntentMatcher::IntentMatcher(std::vector<IntentDef> intents, const ContextConfig& context,
                             std::vector<AssemblyRule> assembly)
    : intents_(std::move(intents)), assembly_(std::move(assembly)) {
  // The whole lexicon is one program; RE2's default budget (8 MiB) is sized for one regex.
  RE2::Options set_options = pattern_options();
  set_options.set_max_mem(kSetMemory);
  set_ = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
  for (std::size_t i = 0; i < intents_.size(); ++i) {
    for (std::size_t p = 0; p < intents_[i].patterns.size(); ++p) {
      // Add() parses the pattern as its own RE2 would, so a syntax error is reported
      // here, at load; the pattern's own RE2 is compiled when it first fires.
      const std::string& src = intents_[i].patterns[p];
      std::string why;
      if (set_->Add(src, &why) < 0) {
        errors_.push_back({i, p, why});
        continue;
      }
      entries_.push_back({Entry::Kind::kPattern, i, patterns_.size()});
      pattern_owner_.push_back(i);
      patterns_.emplace_back(src, pattern_options());
    }
  }
  compile_context(context);
  compile_assembly();
  if (errors_.empty() && rule_errors_.empty() && !set_->Compile()) {
    errors_.push_back({0, 0, "the intent patterns are too large to compile into one set"});
  }
}

IntentMatcher::~IntentMatcher() = default;

void IntentMatcher::compile_context(const ContextConfig& context) {
  auto fail = [&](const std::string& file, const YAML::Mark& mark, const std::string& why) {
    rule_errors_.push_back({file, mark, why});
  };
  std::string why;
  auto stops_of = [&](const ModifierRule& rule) {
    std::vector<std::string> all = context.terminators;
    all.insert(all.end(), rule.terminators.begin(), rule.terminators.end());
    all.insert(all.end(), context.sentence_ends.begin(), context.sentence_ends.end());
    return all;
  };
  for (std::size_t r = 0; r < context.modifiers.size(); ++r) {
    const ModifierRule& rule = context.modifiers[r];
    CompiledModifier m;
    m.category = rule.category;
    m.direction = rule.direction;
    m.max_words = rule.max_words;
    why.clear();
    m.trigger = alternation(rule.patterns, why);
    if (!why.empty()) fail(rule.file, rule.mark, "trigger does not compile: " + why);
    why.clear();
    m.pseudo = alternation(rule.pseudo, why);
    if (!why.empty()) fail(rule.file, rule.mark, "pseudo-trigger does not compile: " + why);
    why.clear();
    m.stops = alternation(stops_of(rule), why);
    if (!why.empty()) fail(rule.file, rule.mark, "terminator does not compile: " + why);
    // Triggers and pseudo-triggers join the one set, so a message with no cue costs
    // nothing more than the intent pass.
    for (const auto& [list, kind] : {std::pair{&rule.patterns, Entry::Kind::kTrigger},
                                     std::pair{&rule.pseudo, Entry::Kind::kPseudo}}) {
      for (const auto& src : *list) {
        if (set_->Add(src, &why) < 0) {
          fail(rule.file, rule.mark, "pattern '" + src + "' does not compile: " + why);
          continue;
        }
        entries_.push_back({kind, r, 0});
      }
    }
    modifiers_.push_back(std::move(m));
  }
  why.clear();
  terminators_ = alternation(context.terminators, why);
  if (!why.empty()) fail("", {}, "context terminator does not compile: " + why);
  why.clear();
  sentence_ends_ = alternation(context.sentence_ends, why);
  if (!why.empty()) fail("", {}, "sentence end does not compile: " + why);
  std::vector<std::string> clause = context.sentence_ends;
  clause.insert(clause.end(), context.clause_ends.begin(), context.clause_ends.end());
  why.clear();
  clause_ends_ = alternation(clause, why);
  if (!why.empty()) fail("", {}, "clause end does not compile: " + why);
  why.clear();
  clause_continues_ = alternation(context.clause_continues, why);
  if (!why.empty()) fail("", {}, "clause continuation does not compile: " + why);
}

// Each assembly rule becomes a symptom intent of its own (no patterns), so a fact it
// builds flows through the engine exactly like a matched intent.
void IntentMatcher::compile_assembly() {
  first_assembled_ = intents_.size();
  for (const auto& rule : assembly_) {
    std::vector<std::vector<std::size_t>> groups;
    for (const auto& group : rule.all) {
      std::vector<std::size_t> ids;
      for (const auto& id : group) {
        auto i = find(id);
        if (!i || intents_[*i].kind != IntentKind::kConcept) {
          rule_errors_.push_back({rule.file, rule.mark,
                                  "assembly '" + rule.id + "' names unknown concept '" + id + "'"});
          continue;
        }
        ids.push_back(*i);
      }
      groups.push_back(std::move(ids));
    }
    assembly_groups_.push_back(std::move(groups));
    IntentDef d;
    d.id = rule.id;
    d.kind = IntentKind::kSymptom;
    d.facts = rule.facts;
    d.file = rule.file;
    d.mark = rule.mark;
    intents_.push_back(std::move(d));
  }
}

std::optional<std::size_t> IntentMatcher::find(std::string_view id) const {
  for (std::size_t i = 0; i < intents_.size(); ++i) {
    if (intents_[i].id == id) return i;
  }
  return std::nullopt;
}

// Every match of one pattern (a bounded number, overlapping ones included, so an affirmed
// mention after a denied one is seen).
std::vector<IntentMatcher::Mention> IntentMatcher::mentions(std::size_t pattern,
                                                            const Reading& reading) const {
  std::vector<Mention> out;
  const RE2& re = patterns_[pattern].get();
  const int n = std::min(2, re.NumberOfCapturingGroups() + 1);
  std::string_view text = reading.text;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece sub[2];
  std::size_t start = 0;
  for (int tries = 0; tries < kMaxMentions && start <= text.size() &&
                      re.Match(input, start, input.size(), RE2::UNANCHORED, sub, n);
       ++tries) {
    Mention m;
    m.intent = pattern_owner_[pattern];
    m.pattern = pattern;
    m.begin = static_cast<std::size_t>(sub[0].data() - text.data());
    m.end = m.begin + sub[0].size();
    if (n == 2 && sub[1].data() != nullptr) {
      double v = 0;
      auto [ptr, ec] = std::from_chars(sub[1].data(), sub[1].data() + sub[1].size(), v);
      if (ec == std::errc() && ptr == sub[1].data() + sub[1].size()) {
        m.value = v;
        m.value_at = static_cast<std::size_t>(sub[1].data() - text.data());
      }
    }
    out.push_back(m);
    start = m.begin + 1;
  }
  return out;
}

bool IntentMatcher::scoped(const IntentDef& d) {
  return d.kind != IntentKind::kAnswer && d.kind != IntentKind::kFaq &&
         d.kind != IntentKind::kCommand;
}

// A trigger that a mention's own pattern spells, inside a longer match ("can not feel the
// toilet paper", "no feeling in my bottom"), is part of that finding: its scope does not
// reach the concepts after it, which are the finding's other parts. It still negates
// intents after it ("not better" is no "better") and a mention it sits inside whose
// pattern does not spell it ("ibuprofen does not help" is no response to ibuprofen).
void IntentMatcher::mark_spelled_triggers(const std::vector<Mention>& all, Reading& reading) const {
  std::string_view text = reading.text;
  for (auto& t : reading.triggers) {
    t.spelled = std::any_of(all.begin(), all.end(), [&](const Mention& m) {
      return scoped(intents_[m.intent]) && t.begin >= m.begin && t.end <= m.end &&
             (t.begin > m.begin || t.end < m.end) &&
             spelled_in(patterns_[m.pattern].source(), text.substr(t.begin, t.end - t.begin));
    });
  }
}

// The context of one mention: every trigger whose scope holds its start, or that starts
// inside it (a cue inside the match: "stretching does not make it worse").
std::uint8_t IntentMatcher::context_of(const Mention& m, const Reading& reading) const {
  const IntentDef& def = intents_[m.intent];
  if (!scoped(def)) return 0;
  std::uint8_t bits = 0;
  for (const auto& t : reading.triggers) {
    if ((def.ignores & t.category) != 0) continue;
    // In scope: starts within the scope, or, for a forward trigger, within the trigger's
    // own words after its first ("if a STRETCH hurts", "can not feel any NUMBNESS").
    const bool in_scope = !(t.spelled && def.kind == IntentKind::kConcept) &&
                          ((m.begin >= t.scope_begin && m.begin < t.scope_end) ||
                           (t.forward && m.begin > t.begin && m.begin < t.end));
    const bool inside =
        t.begin > m.begin && t.begin < m.end &&
        !spelled_in(patterns_[m.pattern].source(), reading.text.substr(t.begin, t.end - t.begin));
    if (in_scope || inside) bits |= t.category;
  }
  return bits;
}

// The context triggers of the modifier rules that fired, less those inside one of their
// pseudo-triggers, each with its scope: forward to a stop or max_words words, backward from
// one, or both.
void IntentMatcher::read_triggers(const std::vector<int>& fired, Reading& reading) const {
  std::string_view text = reading.text;
  std::vector<bool> trigger_fired(modifiers_.size()), pseudo_fired(modifiers_.size());
  for (int f : fired) {
    const Entry& e = entries_[static_cast<std::size_t>(f)];
    if (e.kind == Entry::Kind::kTrigger) trigger_fired[e.owner] = true;
    if (e.kind == Entry::Kind::kPseudo) pseudo_fired[e.owner] = true;
  }
  for (std::size_t r = 0; r < modifiers_.size(); ++r) {
    if (!trigger_fired[r]) continue;
    const CompiledModifier& m = modifiers_[r];
    const auto pseudo = pseudo_fired[r] ? spans(m.pseudo.get(), text) : std::vector<Span>{};
    const auto stops = spans(m.stops.get(), text);
    for (const Span& t : spans(m.trigger.get(), text)) {
      if (std::any_of(pseudo.begin(), pseudo.end(),
                      [&](const Span& p) { return p.begin < t.end && t.begin < p.end; })) {
        continue;
      }
      Reading::Trigger trig{
          t.begin, t.end, t.end, t.end, m.category, m.direction == Direction::kForward, false};
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
}

MatchResult IntentMatcher::match(std::string_view text) const {
  MatchResult result;
  if (!ok() || !rule_errors_.empty() || text.empty()) return result;
  std::vector<int> fired;
  RE2::Set::ErrorInfo info{};
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), &fired, &info)) {
    if (info.kind != RE2::Set::kNoError) {
      result.failed = true;
      result.why =
          info.kind == RE2::Set::kOutOfMemory ? "RE2 DFA out of memory" : "RE2 set match failed";
    }
    return result;
  }
  std::sort(fired.begin(), fired.end());

  Reading reading;
  reading.text = text;
  read_triggers(fired, reading);

  std::vector<Mention> all;
  for (int f : fired) {
    const Entry& e = entries_[static_cast<std::size_t>(f)];
    if (e.kind != Entry::Kind::kPattern) continue;
    if (!patterns_[e.pattern].get().ok()) {  // the set took it, its own RE2 did not
      result.failed = true;
      result.why = "pattern of '" + intents_[e.owner].id +
                   "' does not compile alone: " + patterns_[e.pattern].get().error();
      return result;
    }
    auto found = mentions(e.pattern, reading);
    all.insert(all.end(), found.begin(), found.end());
  }
  if (!reading.triggers.empty()) mark_spelled_triggers(all, reading);
  keep_widest_reading_of_each_number(all);

  std::vector<IntentHit> hits;
  std::vector<Mention> concepts;
  for (Mention& m : all) {
    m.context = context_of(m, reading);
    const IntentDef& def = intents_[m.intent];
    if (def.kind == IntentKind::kConcept) {
      concepts.push_back(m);
      continue;
    }
    IntentHit hit;
    hit.intent = m.intent;
    hit.context = m.context;
    hit.position = m.begin;
    hit.value = m.value;
    settle(hit);
    if (def.kind == IntentKind::kNumber) {
      if (!hit.value) hit.value = def.value;
      if (!hit.value) continue;
      hit.value = *hit.value * def.scale;
    }
    keep_best(hits, hit);
  }
  for (const Mention& m : concepts) {
    IntentHit hit;
    hit.intent = m.intent;
    hit.context = m.context;
    hit.position = m.begin;
    settle(hit);
    keep_best(result.concepts, hit);
  }
  if (!concepts.empty() && !assembly_.empty()) {
    for (const Span& s : spans(sentence_ends_.get(), text))
      reading.sentence_breaks.push_back(s.end);
    for (const Span& s : spans(clause_ends_.get(), text)) {
      if (!continues_clause(text, s.end)) reading.clause_breaks.push_back(s.end);
    }
    assemble(concepts, reading, hits);
  }
  std::sort(hits.begin(), hits.end(),
            [](const IntentHit& a, const IntentHit& b) { return a.position < b.position; });
  result.hits = std::move(hits);
  return result;
}

// One number, one meaning: when number intents capture the same digits, the widest
// match read more of what the number is about ("4 months postpartum" is the baby's
// age, not the pain's; "it started 2 years ago" is the pain's span, not a past event),
// so the narrower readings of those digits are dropped. Equal widths are all kept.
void IntentMatcher::keep_widest_reading_of_each_number(std::vector<Mention>& all) const {
  auto is_number = [&](const Mention& m) {
    return m.value_at != std::string_view::npos && intents_[m.intent].kind == IntentKind::kNumber;
  };
  std::vector<bool> drop(all.size(), false);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!is_number(all[i])) continue;
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (j == i || !is_number(all[j]) || all[j].value_at != all[i].value_at) continue;
      if (all[j].end - all[j].begin > all[i].end - all[i].begin) {
        drop[i] = true;
        break;
      }
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!drop[i]) all[kept++] = all[i];
  }
  all.resize(kept);
}

bool IntentMatcher::continues_clause(std::string_view text, std::size_t at) const {
  if (!clause_continues_) return false;
  const std::string_view rest = text.substr(at);
  return RE2::PartialMatch(re2::StringPiece(rest.data(), rest.size()), *clause_continues_);
}

// For each assembly rule and each sentence (or clause), the best mention of each group;
// the fact's context is everything that applies to any part ("no numbness down there":
// the sensation is denied, so the saddle numbness is).
void IntentMatcher::assemble(const std::vector<Mention>& concepts, const Reading& reading,
                             std::vector<IntentHit>& hits) const {
  for (std::size_t r = 0; r < assembly_.size(); ++r) {
    static const std::vector<std::size_t> kWhole;  // the message is one unit
    const auto& breaks = assembly_[r].within_message  ? kWhole
                         : assembly_[r].within_clause ? reading.clause_breaks
                                                      : reading.sentence_breaks;
    std::optional<IntentHit> best;
    const std::size_t units = breaks.size() + 1;
    for (std::size_t u = 0; u < units; ++u) {
      IntentHit hit;
      hit.intent = first_assembled_ + r;
      hit.position = reading.text.size();
      bool complete = true;
      for (const auto& group : assembly_groups_[r]) {
        const Mention* pick = nullptr;
        for (const Mention& m : concepts) {
          if (Reading::unit_of(breaks, m.begin) != u) continue;
          if (std::find(group.begin(), group.end(), m.intent) == group.end()) continue;
          if (pick == nullptr || rank(m.context) < rank(pick->context)) pick = &m;
        }
        if (pick == nullptr) {
          complete = false;
          break;
        }
        hit.context |= pick->context;
        hit.position = std::min(hit.position, pick->begin);
      }
      if (!complete) continue;
      settle(hit);
      if (!best || rank(hit) < rank(*best)) best = hit;
    }
    if (!best) continue;
    auto existing = std::find_if(hits.begin(), hits.end(),
                                 [&](const IntentHit& h) { return h.intent == best->intent; });
    if (existing == hits.end()) hits.push_back(*best);
  }
}

}  // namespace backcoach::dialogue
