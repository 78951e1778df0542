#include "dialogue/perspective.h"

#include <utility>
#include <vector>

#include "dialogue/normalizer_config.h"

namespace backcoach::dialogue {
namespace {

NormalizerConfig phrases_only(const PerspectiveConfig& c) {
  NormalizerConfig n;
  n.phrases = c.rewrites;
  return n;
}

}  // namespace

Perspective::Perspective(PerspectiveConfig config)
    : config_(std::move(config)), rewriter_(phrases_only(config_)) {}

std::string Perspective::shift(std::string_view canonical) const {
  const std::vector<std::string> words = split_on_spaces(canonical);
  TokenRewriter::Tokens tokens(words.begin(), words.end()), spare;
  TokenArena arena(16);  // phrases only: new tokens view the rewriter's own tables
  rewriter_.rewrite(tokens, spare, arena);
  std::string out;
  out.reserve(canonical.size() + 16);
  for (std::string_view t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

}  // namespace backcoach::dialogue
