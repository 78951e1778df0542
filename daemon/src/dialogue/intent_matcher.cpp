#include "dialogue/intent_matcher.h"

#include <algorithm>
#include <charconv>
#include <future>

#include "dialogue/pattern_text.h"

namespace backcoach::dialogue {
namespace {

constexpr int kMaxMentions = 16;  // mentions of one pattern looked at in one message
constexpr std::int64_t kSetMemory = std::int64_t{64} << 20;  // program + DFA cache of a set
constexpr std::size_t kShards = 2;  // the lexicon's sets, one per core (docs/architecture.md)

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

// A pattern's match in one message, with the context that applies to it.
struct IntentMatcher::Mention {
  std::size_t intent = 0;
  std::size_t pattern = 0;
  std::size_t begin = 0, end = 0;
  std::uint8_t context = 0;
  std::optional<double> value;
  std::size_t value_at = std::string_view::npos;  // where the captured number starts
};

IntentMatcher::IntentMatcher(std::vector<IntentDef> intents, const ContextConfig& context,
                             std::vector<AssemblyRule> assembly)
    : intents_(std::move(intents)), assembly_(std::move(assembly)) {
  // The lexicon's sets and the context reader are most of a load's time: the reader is
  // built on a thread of its own while the sets compile on theirs.
  std::vector<RuleError> context_errors;
  auto context_built = std::async(std::launch::async | std::launch::deferred, [&] {
    context_ = std::make_unique<ContextReader>(context, context_errors);
    context_->compile(context, context_errors);
  });
  // The sets parse each pattern as its own RE2 would, so a syntax error is reported here,
  // at load; the pattern's own RE2 is compiled when it first fires. Counted gaps are
  // unbounded for the sets (pattern_text.h).
  std::vector<std::string> sources;
  for (const auto& d : intents_) {
    for (const auto& p : d.patterns) sources.push_back(unbounded(p));
  }
  RE2::Options set_options = pattern_options();
  set_options.set_max_mem(kSetMemory);
  std::vector<std::string> why;
  sets_ = std::make_unique<PatternSets>(sources, set_options, kShards, why);
  std::size_t k = 0;
  for (std::size_t i = 0; i < intents_.size(); ++i) {
    for (std::size_t p = 0; p < intents_[i].patterns.size(); ++p, ++k) {
      if (!why[k].empty()) {  // a pattern refused takes no number in the sets
        errors_.push_back({i, p, why[k]});
        continue;
      }
      pattern_owner_.push_back(i);
      patterns_.emplace_back(intents_[i].patterns[p], pattern_options());
    }
  }
  if (errors_.empty() && !sets_->compiled()) {
    errors_.push_back({0, 0, "the intent patterns are too large to compile"});
  }
  compile_assembly();
  context_built.get();
  rule_errors_.insert(rule_errors_.end(), context_errors.begin(), context_errors.end());
}

IntentMatcher::~IntentMatcher() = default;

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
                                                            std::string_view text) const {
  std::vector<Mention> out;
  const RE2& re = patterns_[pattern].get();
  const int n = std::min(2, re.NumberOfCapturingGroups() + 1);
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

ContextReader::Match IntentMatcher::match_of(const Mention& m) const {
  const IntentDef& def = intents_[m.intent];
  return {m.begin, m.end, patterns_[m.pattern].source(), def.ignores,
          def.kind == IntentKind::kConcept};
}

MatchResult IntentMatcher::match(std::string_view text) const {
  MatchResult result;
  if (!ok() || !rule_errors_.empty() || text.empty()) return result;
  std::vector<int> fired;
  RE2::Set::ErrorInfo info{};
  if (!sets_->match(text, fired, info)) {
    result.failed = true;
    result.why = set_failure(info, "");
    return result;
  }
  if (fired.empty()) return result;
  std::sort(fired.begin(), fired.end());

  Reading reading = context_->read(text);
  if (!reading.failure.empty()) {
    result.failed = true;
    result.why = reading.failure;
    return result;
  }

  std::vector<Mention> all;
  for (int f : fired) {
    const auto pattern = static_cast<std::size_t>(f);
    if (!patterns_[pattern].get().ok()) {  // the set took it, its own RE2 did not
      result.failed = true;
      result.why = "pattern of '" + intents_[pattern_owner_[pattern]].id +
                   "' does not compile alone: " + patterns_[pattern].get().error();
      return result;
    }
    auto found = mentions(pattern, text);
    all.insert(all.end(), found.begin(), found.end());
  }
  if (!reading.triggers.empty()) {
    std::vector<ContextReader::Match> scoped_matches;
    for (const Mention& m : all) {
      if (scoped(intents_[m.intent])) scoped_matches.push_back(match_of(m));
    }
    context_->mark_spelled(scoped_matches, reading);
  }
  keep_widest_reading_of_each_number(all);

  std::vector<IntentHit> hits;
  std::vector<Mention> concepts;
  for (Mention& m : all) {
    m.context = scoped(intents_[m.intent]) ? context_->context_of(match_of(m), reading) : 0;
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
    context_->find_units(reading);
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
