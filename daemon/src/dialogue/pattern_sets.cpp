#include "dialogue/pattern_sets.h"

#include <algorithm>
#include <future>

namespace backcoach::dialogue {

PatternSets::PatternSets(const std::vector<std::string>& sources, const RE2::Options& options,
                         std::size_t shards, std::vector<std::string>& why) {
  why.assign(sources.size(), std::string());
  // A set's compile time follows its program's size, and that its patterns' length.
  std::size_t total = 0;
  for (const auto& s : sources) total += s.size();
  std::vector<std::size_t> bounds{0};  // index in sources of each run's first pattern
  std::size_t length = 0;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    if (bounds.size() < shards && length > 0 && length >= total * bounds.size() / shards) {
      bounds.push_back(k);
    }
    length += sources[k].size();
  }
  bounds.push_back(sources.size());

  // Each run is parsed and compiled on a thread of its own (the first on this one; on a
  // machine out of threads, the others here too, when their turn comes). A run with a
  // pattern refused is not compiled: the whole is unusable anyway.
  auto build = [&](std::size_t run) -> std::unique_ptr<RE2::Set> {
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    bool all = true;
    for (std::size_t k = bounds[run]; k < bounds[run + 1]; ++k) {
      all = set->Add(sources[k], &why[k]) >= 0 && all;
    }
    if (!all || bounds[run] == bounds[run + 1] || !set->Compile()) return nullptr;
    return set;
  };
  std::vector<std::future<std::unique_ptr<RE2::Set>>> others;
  for (std::size_t run = 1; run + 1 < bounds.size(); ++run) {
    others.push_back(std::async(std::launch::async | std::launch::deferred, build, run));
  }
  std::vector<std::unique_ptr<RE2::Set>> built;
  built.push_back(build(0));
  for (auto& f : others) built.push_back(f.get());

  // Unusable when a pattern was refused or a run did not compile. Otherwise every pattern
  // was taken, so a run's first pattern is numbered by its place in `sources`.
  compiled_ = std::all_of(why.begin(), why.end(), [](const std::string& w) { return w.empty(); });
  for (std::size_t run = 0; compiled_ && run < built.size(); ++run) {
    if (bounds[run] == bounds[run + 1]) continue;  // an empty run: nothing to match
    if (!built[run]) {
      compiled_ = false;
      break;
    }
    shards_.push_back({std::move(built[run]), static_cast<int>(bounds[run])});
  }
  if (!compiled_) shards_.clear();
}

PatternSets::~PatternSets() = default;

bool PatternSets::match(std::string_view text, std::vector<int>& fired,
                        RE2::Set::ErrorInfo& info) const {
  fired.clear();
  info.kind = RE2::Set::kNoError;
  std::vector<int> local;
  for (const Shard& shard : shards_) {
    if (!shard.set->Match(re2::StringPiece(text.data(), text.size()), &local, &info)) {
      if (info.kind == RE2::Set::kNoError) continue;
      fired.clear();
      return false;
    }
    for (int f : local) fired.push_back(shard.first + f);
  }
  return true;
}

}  // namespace backcoach::dialogue
