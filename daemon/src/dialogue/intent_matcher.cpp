#include "dialogue/intent_matcher.h"

#include <algorithm>
#include <charconv>

namespace backcoach::dialogue {
namespace {

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(true);  // text is already lower-cased by the normaliser
  return o;
}

// One RE2 from a list of alternatives; null when the list is empty.
std::unique_ptr<RE2> alternation(const std::vector<std::string>& parts, std::string& error) {
  if (parts.empty()) return nullptr;
  std::string joined;
  for (const auto& p : parts) {
    if (!joined.empty()) joined += '|';
    joined += "(?:" + p + ")";
  }
  auto re = std::make_unique<RE2>(joined, pattern_options());
  if (!re->ok()) error = re->error();
  return re;
}

}  // namespace

IntentMatcher::IntentMatcher(std::vector<IntentDef> intents, const NegationConfig& negation)
    : intents_(std::move(intents)), max_scope_words_(negation.max_scope_words) {
  set_ = std::make_unique<RE2::Set>(pattern_options(), RE2::UNANCHORED);
  for (std::size_t i = 0; i < intents_.size(); ++i) {
    for (std::size_t p = 0; p < intents_[i].patterns.size(); ++p) {
      const std::string& src = intents_[i].patterns[p];
      auto re = std::make_unique<RE2>(src, pattern_options());
      std::string why;
      if (!re->ok()) {
        errors_.push_back({i, p, re->error()});
        continue;
      }
      if (set_->Add(src, &why) < 0) {
        errors_.push_back({i, p, why});
        continue;
      }
      pattern_owner_.push_back(i);
      patterns_.push_back(std::move(re));
      static const RE2 kNegationWord("(?:^|[^a-z])(?:no|not|never|without|none|nothing)(?:[^a-z]|$)");
      literal_negation_.push_back(RE2::PartialMatch(src, kNegationWord));
    }
  }
  if (errors_.empty() && !set_->Compile()) {
    errors_.push_back({0, 0, "the intent patterns are too large to compile into one set"});
  }
  compile_cues(negation);
}

void IntentMatcher::compile_cues(const NegationConfig& negation) {
  std::string why;
  negation_cues_ = alternation(negation.negation_cues, why);
  if (!why.empty()) cue_errors_.push_back("negation cue: " + why);
  why.clear();
  uncertainty_cues_ = alternation(negation.uncertainty_cues, why);
  if (!why.empty()) cue_errors_.push_back("uncertainty cue: " + why);
  why.clear();
  terminators_ = alternation(negation.terminators, why);
  if (!why.empty()) cue_errors_.push_back("terminator: " + why);
}

std::optional<std::size_t> IntentMatcher::find(std::string_view id) const {
  for (std::size_t i = 0; i < intents_.size(); ++i) {
    if (intents_[i].id == id) return i;
  }
  return std::nullopt;
}

// A cue's scope runs from its end to the first terminator or after max_scope_words words.
std::vector<IntentMatcher::Scope> IntentMatcher::scopes(const RE2& cues, std::string_view text,
                                                        std::vector<std::size_t>* starts) const {
  std::vector<Scope> out;
  re2::StringPiece rest(text.data(), text.size());
  re2::StringPiece m;
  while (!rest.empty() && cues.Match(rest, 0, rest.size(), RE2::UNANCHORED, &m, 1)) {
    std::size_t begin = static_cast<std::size_t>(m.data() + m.size() - text.data());
    std::size_t end = text.size();
    int words = 0;
    for (std::size_t i = begin + 1; i < text.size(); ++i) {
      if (text[i] == ' ' && ++words > max_scope_words_) {
        end = i;
        break;
      }
    }
    if (terminators_) {
      re2::StringPiece after(text.data() + begin, end - begin);
      re2::StringPiece t;
      if (terminators_->Match(after, 0, after.size(), RE2::UNANCHORED, &t, 1)) {
        end = static_cast<std::size_t>(t.data() - text.data());
      }
    }
    out.push_back({begin, end});
    starts->push_back(static_cast<std::size_t>(m.data() - text.data()));
    const std::size_t consumed = std::max<std::size_t>(m.size(), 1);
    const std::size_t next = static_cast<std::size_t>(m.data() - rest.data()) + consumed;
    if (next >= rest.size()) break;
    rest.remove_prefix(next);
  }
  return out;
}

// The best match of one pattern: the first affirmed occurrence, else the first
// uncertain one, else the first negated one ("no numbness in my back, but my foot is numb").
bool IntentMatcher::best_match(std::size_t pattern, std::string_view text, const Cues& cues,
                               IntentHit& hit) const {
  const RE2& re = *patterns_[pattern];
  const int n = std::min(2, re.NumberOfCapturingGroups() + 1);
  const bool scoped = intents_[hit.intent].kind == IntentKind::kSymptom ||
                      intents_[hit.intent].kind == IntentKind::kInfo;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece sub[2];
  std::size_t start = 0;
  bool found = false;
  int best_rank = 3;
  // Later occurrences are looked at too (from the next character, so an affirmed match
  // overlapping a negated one is found), a bounded number of times.
  for (int tries = 0; tries < 16 && start <= text.size() &&
         re.Match(input, start, input.size(), RE2::UNANCHORED, sub, n); ++tries) {
    IntentHit h = hit;
    h.position = static_cast<std::size_t>(sub[0].data() - text.data());
    if (scoped) {
      const std::size_t end = h.position + sub[0].size();
      h.uncertain = inside(cues.uncertain, h.position) || starts_within(cues.uncertain_at, h.position, end);
      h.negated = !h.uncertain && (inside(cues.negated, h.position) ||
                                   (!literal_negation_[pattern] &&
                                    starts_within(cues.negated_at, h.position, end)));
    }
    if (n == 2 && sub[1].data() != nullptr) {
      double v = 0;
      auto [ptr, ec] = std::from_chars(sub[1].data(), sub[1].data() + sub[1].size(), v);
      if (ec == std::errc() && ptr == sub[1].data() + sub[1].size()) h.value = v;
    }
    const int rank = h.negated ? 2 : h.uncertain ? 1 : 0;
    if (rank < best_rank) {
      best_rank = rank;
      hit = h;
      found = true;
    }
    if (rank == 0) break;
    start = h.position + 1;
  }
  return found;
}

bool IntentMatcher::starts_within(const std::vector<std::size_t>& cue_starts, std::size_t begin,
                                  std::size_t end) {
  return std::any_of(cue_starts.begin(), cue_starts.end(),
                     [&](std::size_t c) { return c > begin && c < end; });
}

bool IntentMatcher::inside(const std::vector<Scope>& scopes, std::size_t pos) {
  return std::any_of(scopes.begin(), scopes.end(),
                     [pos](const Scope& s) { return pos >= s.begin && pos < s.end; });
}

std::vector<IntentHit> IntentMatcher::match(std::string_view text) const {
  std::vector<IntentHit> hits;
  if (!ok() || text.empty()) return hits;
  std::vector<int> fired;
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), &fired)) return hits;
  std::sort(fired.begin(), fired.end());
  Cues cues;
  if (negation_cues_) cues.negated = scopes(*negation_cues_, text, &cues.negated_at);
  if (uncertainty_cues_) cues.uncertain = scopes(*uncertainty_cues_, text, &cues.uncertain_at);
  auto rank = [](const IntentHit& h) { return h.negated ? 2 : h.uncertain ? 1 : 0; };
  for (int f : fired) {
    const std::size_t owner = pattern_owner_[static_cast<std::size_t>(f)];
    IntentHit hit{owner, false, false, std::nullopt, 0};
    if (!best_match(static_cast<std::size_t>(f), text, cues, hit)) continue;
    const IntentDef& def = intents_[owner];
    if (def.kind == IntentKind::kNumber) {
      if (!hit.value) hit.value = def.value;
      if (!hit.value) continue;
      hit.value = *hit.value * def.scale;
    }
    auto existing = std::find_if(hits.begin(), hits.end(),
                                 [owner](const IntentHit& h) { return h.intent == owner; });
    if (existing == hits.end()) {
      hits.push_back(hit);
    } else if (rank(hit) < rank(*existing) ||
               (rank(hit) == rank(*existing) && hit.position < existing->position)) {
      *existing = hit;
    }
  }
  std::sort(hits.begin(), hits.end(),
            [](const IntentHit& a, const IntentHit& b) { return a.position < b.position; });
  return hits;
}

}  // namespace backcoach::dialogue
