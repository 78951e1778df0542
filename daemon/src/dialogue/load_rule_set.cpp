// Loading a rule set: the files of rules/ and intents/ found, parsed in parallel, each
// top-level section read by its reader, the matcher built, and the whole validated.
// The RuleSet it makes is in rule_set.cpp.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <thread>
#include <unordered_map>

#include "common/yaml_unmarked.h"
#include "dialogue/loader.h"
#include "dialogue/rule_set.h"
#include "dialogue/rule_set_impl.h"
#include "dialogue/spelling.h"
#include "triage/tier.h"

namespace backcoach::dialogue {
namespace fs = std::filesystem;

namespace {

// The YAML files of a folder, sorted so that loading is deterministic.
std::vector<fs::path> yaml_files(const std::string& dir, std::vector<Diagnostic>& errors) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back({dir, 0, 0, "not a directory"});
    return out;
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// One YAML file, parsed, with the problems found parsing it.
struct ParsedFile {
  fs::path path;
  std::optional<YAML::Node> doc;
  std::vector<Diagnostic> errors;
};

bool read_text(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// With `marked`, yaml-cpp parses, and every node knows its file:line for a diagnostic.
// Without, libyaml does, three times faster but with no marks (common/yaml_unmarked.h):
// the load that finds nothing to report needs none, and one that does is run again
// marked (load_rule_set). A file libyaml cannot read is handed to yaml-cpp at once, so a
// syntax error is always reported by yaml-cpp, at its place.
void parse_into(ParsedFile& f, bool marked) {
  if (!marked) {
    std::string text;
    std::string why;
    if (read_text(f.path, text)) {
      if (auto doc = load_yaml_unmarked(text, why)) {
        f.doc = std::move(doc);
        return;
      }
    }
  }
  try {
    f.doc = YAML::LoadFile(f.path.string());
  } catch (const YAML::ParserException& e) {
    f.errors.push_back({f.path.string(), e.mark.line + 1, e.mark.column + 1, e.msg});
  } catch (const std::exception& e) {  // YAML::BadFile and the like, or out of memory
    f.errors.push_back({f.path.string(), 0, 0, e.what()});
  }
}

// Parses the files on up to `at_most` threads: the files are independent, and parsing
// is most of a load's time after the matcher. Results keep the order of `paths`.
std::vector<ParsedFile> parse_files(const std::vector<fs::path>& paths, std::size_t at_most,
                                    bool marked) {
  std::vector<ParsedFile> out(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) out[i].path = paths[i];
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < out.size(); i = next++) parse_into(out[i], marked);
  };
  const std::size_t helpers = std::min(at_most, out.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < helpers; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  return out;
}

// Runs a reader over a document of unknown shape. The readers check the shapes they
// expect, but yaml-cpp throws where one is missed (a subscript on a scalar, a bad
// conversion); that becomes one error at the node's place, and the loader never throws.
template <class F>
void read_guarded(const YamlDiag& diag, F&& read) {
  try {
    read();
  } catch (const YAML::Exception& e) {
    diag.error(e.mark, "unexpected shape: " + e.msg);
  }
}

using SectionReader = std::function<void(const YAML::Node&, const YamlDiag&)>;

// Reads each top-level section of every file with the reader registered for its key.
void read_sections(const std::vector<ParsedFile>& files,
                   const std::map<std::string, SectionReader>& readers,
                   std::map<std::string, std::string>& section_file,
                   std::vector<Diagnostic>& errors) {
  for (const auto& file : files) {
    errors.insert(errors.end(), file.errors.begin(), file.errors.end());
    if (!file.doc) continue;
    const YAML::Node& doc = *file.doc;
    YamlDiag diag(file.path.string(), &errors);
    if (doc.IsNull()) continue;
    if (!doc.IsMap()) {
      diag.error(doc, "a rule file must be a map of sections");
      continue;
    }
    for (const auto& kv : doc) {
      const std::string key = kv.first.Scalar();
      auto it = readers.find(key);
      if (it == readers.end()) {
        diag.error(kv.first, "unknown section '" + key + "'");
        continue;
      }
      section_file[key] = file.path.string();
      read_guarded(diag, [&] { it->second(kv.second, diag); });
    }
  }
}

void load_intent_dir(const std::string& dir, std::vector<ParsedFile> files, RawIntents& raw,
                     NormalizerConfig& norm, bool& have_norm, std::string& where_intents,
                     std::vector<Diagnostic>& errors) {
  std::vector<ParsedFile> intent_files;
  for (auto& file : files) {
    if (file.path.stem() != "normalization") {
      intent_files.push_back(std::move(file));
      continue;
    }
    errors.insert(errors.end(), file.errors.begin(), file.errors.end());
    if (!file.doc) continue;
    const YamlDiag diag(file.path.string(), &errors);
    read_guarded(diag, [&] { have_norm = load_normalizer_config(*file.doc, diag, norm); });
  }
  std::map<std::string, std::string> where;
  read_sections(
      intent_files,
      {{"intents", [&](const YAML::Node& n, const YamlDiag& d) { read_intents(n, d, raw); }},
       {"context", [&](const YAML::Node& n, const YamlDiag& d) { read_context(n, d, raw); }},
       {"assemble", [&](const YAML::Node& n, const YamlDiag& d) { read_assembly(n, d, raw); }},
       {"perspective",
        [&](const YAML::Node& n, const YamlDiag& d) { read_perspective(n, d, raw); }}},
      where, errors);
  where_intents = where.count("intents") ? where["intents"] : dir;
  if (!have_norm && errors.empty()) errors.push_back({dir, 0, 0, "no normalization.yaml found"});
  if (!raw.have_context && errors.empty()) errors.push_back({dir, 0, 0, "no 'context' section"});
}

// Texts the code says by id (the engine's responses, the Telegram channel's): an id
// nothing asks for would never be said, so it is an error (a misspelt id), never
// silently kept.
void read_known_texts(const YAML::Node& map, const YamlDiag& diag,
                      const std::vector<std::string>& known, const char* what,
                      std::map<std::string, std::string>& out) {
  read_string_map(map, diag, out);
  if (!map.IsMap()) return;
  for (const auto& kv : map) {
    if (std::find(known.begin(), known.end(), kv.first.Scalar()) == known.end()) {
      diag.error(kv.first, std::string("unknown ") + what + " '" + kv.first.Scalar() + "'");
    }
  }
}

// `tier_banner:` tier -> {heading, text, launcher}: a tier that is not one, or a text
// the clients do not show, is an error (validate() checks the required ones are there).
void read_tier_banners(const YAML::Node& map, const YamlDiag& diag,
                       std::map<std::string, std::map<std::string, std::string>>& out) {
  if (!map.IsMap()) {
    diag.error(map, "expected a map of tier: {heading, text, launcher}");
    return;
  }
  for (const auto& kv : map) {
    const std::string tier = kv.first.Scalar();
    if (!triage::parse_tier(tier)) {
      diag.error(kv.first, "unknown tier '" + tier + "'");
      continue;
    }
    read_known_texts(kv.second, diag, RuleSetImpl::banner_texts(), "banner text", out[tier]);
  }
}

// The corrector for misspelt words: the system word lists say what is English, the
// intents' patterns say what is ours, and the words of our other texts that the load
// normalises (`texts`: the quick replies, the perspective rewrites) are known, so the
// load never waits for the lists. Null when no lists are configured.
std::shared_ptr<const SpellingCorrector> spelling_for(const NormalizerConfig& norm,
                                                      const std::vector<std::string>& patterns,
                                                      const std::vector<std::string>& texts,
                                                      const std::string& intents_dir,
                                                      std::vector<Diagnostic>& errors) {
  if (norm.spelling_word_lists.empty()) return nullptr;
  const auto missing = SpellingCorrector::unreadable(norm.spelling_word_lists);
  if (missing.size() == norm.spelling_word_lists.size()) {
    errors.push_back({(fs::path(intents_dir) / "normalization.yaml").string(), 0, 0,
                      "spelling: none of the word lists can be read (" + missing.front() +
                          ", ...): install wbritish or wamerican"});
    return nullptr;
  }
  std::unordered_map<std::string, int> ours;
  // Our words are what the patterns spell, not what the examples say: an example keeps
  // the person's own spelling ("usin again, injectin"), which must stay correctable.
  for (const auto& p : patterns) SpellingCorrector::count_words(p, ours);
  for (const auto& [from, to] : norm.words) SpellingCorrector::count_words(to, ours);
  for (const auto& w : norm.known_words) SpellingCorrector::count_words(w, ours);
  return std::make_shared<SpellingCorrector>(norm.spelling_word_lists, std::move(ours),
                                             SpellingCorrector::Options{norm.spelling_min_length},
                                             texts);
}

// Milliseconds since `since`, and `since` moved to now.
double lap(std::chrono::steady_clock::time_point& since) {
  const auto now = std::chrono::steady_clock::now();
  const double ms = std::chrono::duration<double, std::milli>(now - since).count();
  since = now;
  return ms;
}

void report_pattern_errors(const IntentMatcher& m, std::vector<Diagnostic>& errors) {
  for (const auto& e : m.errors()) {
    const IntentDef& d = m.intents()[e.intent];
    errors.push_back({d.file, d.mark.line + 1, d.mark.column + 1,
                      "intent '" + d.id + "' pattern " + std::to_string(e.pattern + 1) +
                          " does not compile: " + e.why});
  }
}

// The rules read beside the matcher: every section of rules/, the normaliser (with the
// spelling's word lists) and the quick replies' labels normalised with it. Touches only
// the members of `r` that the matcher's thread does not.
void read_rules(const std::vector<fs::path>& paths, bool marked, const std::string& rules_dir,
                const NormalizerConfig& norm, const std::vector<std::string>& patterns,
                std::vector<std::string> texts, const std::string& intents_dir, RuleSetImpl& r,
                std::map<std::string, std::string>& where, std::vector<Diagnostic>& errors) {
  if (paths.empty() && fs::is_directory(rules_dir)) {
    errors.push_back({rules_dir, 0, 0, "no rule files (*.yaml) in this folder"});
  }
  read_sections(
      parse_files(paths, 1, marked),
      {{"flow", [&](const YAML::Node& n, const YamlDiag& d) { read_flow(n, d, r.flow); }},
       {"acknowledgements",
        [&](const YAML::Node& n, const YamlDiag& d) {
          read_acknowledgements(n, d, r.flow.acknowledgements);
        }},
       {"flags", [&](const YAML::Node& n, const YamlDiag& d) { read_flags(n, d, r.flags); }},
       {"exercises",
        [&](const YAML::Node& n, const YamlDiag& d) { read_exercises(n, d, r.exercises); }},
       {"routine", [&](const YAML::Node& n, const YamlDiag& d) { read_routine(n, d, r.routine); }},
       {"faq", [&](const YAML::Node& n, const YamlDiag& d) { read_faq(n, d, r.faq); }},
       {"responses",
        [&](const YAML::Node& n, const YamlDiag& d) {
          read_known_texts(n, d, RuleSetImpl::required_responses(), "response", r.responses);
        }},
       {"telegram",
        [&](const YAML::Node& n, const YamlDiag& d) {
          read_known_texts(n, d, RuleSetImpl::required_telegram_texts(), "Telegram text",
                           r.telegram_texts);
        }},
       {"tier_advice",
        [&](const YAML::Node& n, const YamlDiag& d) { read_string_map(n, d, r.tier_advice); }},
       {"tier_banner",
        [&](const YAML::Node& n, const YamlDiag& d) { read_tier_banners(n, d, r.tier_banners); }},
       {"events", [&](const YAML::Node& n, const YamlDiag& d) { read_string_map(n, d, r.events); }},
       {"coaching",
        [&](const YAML::Node& n, const YamlDiag& d) { read_coaching(n, d, r.coaching); }},
       {"progression",
        [&](const YAML::Node& n, const YamlDiag& d) { read_progression(n, d, r.progression); }},
       {"assessed_when",
        [&](const YAML::Node& n, const YamlDiag& d) {
          r.assessed_when = triage::Condition::parse(n, d);
        }}},
      where, errors);
  if (!errors.empty()) return;
  for (const auto& node : r.flow.nodes) {
    for (const auto& c : node.choices) texts.push_back(c.label);
    for (const auto& i : node.items) texts.push_back(i.label);
  }
  r.normalizer =
      std::make_unique<Normalizer>(norm, spelling_for(norm, patterns, texts, intents_dir, errors));
  // A tapped quick reply is compared on every turn, so its label is normalised now.
  for (auto& node : r.flow.nodes) {
    for (auto& c : node.choices) c.label_normalised = r.normalizer->normalize(c.label);
    for (auto& i : node.items) i.label_normalised = r.normalizer->normalize(i.label);
  }
}

// Two cores' worth of work, arranged so that the longest part starts first: the intents
// are parsed on every core, then this thread builds the matcher (one RE2::Set, most of
// the load) while a second reads rules/, builds the normaliser and normalises the labels.
// `marked`: parsed by yaml-cpp, every diagnostic at its file:line (parse_into).
LoadResult load(const std::string& rules_dir, const std::string& intents_dir, bool marked) {
  LoadResult result;
  auto& errors = result.errors;
  auto clock = std::chrono::steady_clock::now();
  auto impl = std::make_unique<RuleSetImpl>();
  RuleSetImpl& r = *impl;

  RawIntents raw;
  NormalizerConfig norm;
  bool have_norm = false;
  std::map<std::string, std::string> where;
  const auto intent_paths = yaml_files(intents_dir, errors);
  const auto rule_paths = yaml_files(rules_dir, errors);
  load_intent_dir(intents_dir,
                  parse_files(intent_paths, std::thread::hardware_concurrency(), marked), raw, norm,
                  have_norm, where["intents"], errors);
  const bool intents_read = errors.empty();

  std::vector<std::string> patterns;  // what the spelling takes as our words
  for (const auto& i : raw.intents)
    patterns.insert(patterns.end(), i.patterns.begin(), i.patterns.end());
  std::vector<std::string> texts;  // our texts that the load normalises (see spelling_for)
  if (raw.perspective) {
    for (const auto& [from, to] : raw.perspective->rewrites) {
      texts.push_back(from);
      texts.push_back(to);
    }
  }
  std::map<std::string, std::string> rule_where;
  std::vector<Diagnostic> rule_errors;
  auto rules = std::async(std::launch::async | std::launch::deferred, [&] {
    read_rules(rule_paths, marked, rules_dir, norm, patterns, std::move(texts), intents_dir, r,
               rule_where, rule_errors);
  });
  result.timings.read_ms = lap(clock);
  if (intents_read) {
    if (raw.perspective) r.perspective = std::make_unique<Perspective>(std::move(*raw.perspective));
    r.matcher = std::make_unique<IntentMatcher>(std::move(raw.intents), raw.context,
                                                std::move(raw.assembly));
  }
  rules.get();
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  where.insert(rule_where.begin(), rule_where.end());
  if (!errors.empty()) return result;
  report_pattern_errors(*r.matcher, errors);
  for (const auto& e : r.matcher->rule_errors()) {
    const bool at = !e.mark.is_null() && !e.file.empty();
    errors.push_back({e.file.empty() ? intents_dir : e.file, at ? e.mark.line + 1 : 0,
                      at ? e.mark.column + 1 : 0, e.why});
  }
  result.timings.compile_ms = lap(clock);
  if (!errors.empty()) return result;
  validate(r, where, rules_dir, errors);
  result.timings.validate_ms = lap(clock);
  if (!errors.empty()) return result;
  r.normalizer->read_ahead();  // the spelling's word lists, while the caller goes on
  result.rules = std::make_shared<const RuleSet>(std::move(impl));
  return result;
}

}  // namespace

// A set that loads clean is read unmarked; one with a problem to report is read again
// with yaml-cpp, so that every diagnostic has its file:line.
LoadResult load_rule_set(const std::string& rules_dir, const std::string& intents_dir) {
  LoadResult result = load(rules_dir, intents_dir, false);
  return result.ok() ? result : load(rules_dir, intents_dir, true);
}

LoadResult load_checked_rule_set(const std::string& rules_dir, const std::string& intents_dir) {
  LoadResult result = load_rule_set(rules_dir, intents_dir);
  if (!result.ok()) return result;
  auto clock = std::chrono::steady_clock::now();
  result.errors = check_examples(*result.rules);
  if (!result.errors.empty()) {  // the same checks on a marked set, to say where
    const LoadResult marked = load(rules_dir, intents_dir, true);
    if (marked.ok()) result.errors = check_examples(*marked.rules);
  }
  result.timings.examples_ms = lap(clock);
  if (!result.errors.empty()) result.rules.reset();
  return result;
}

}  // namespace backcoach::dialogue
