#include "triage/condition.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace backcoach::triage {
namespace {

constexpr std::array<std::string_view, 5> kOps = {"lt", "lte", "gt", "gte", "eq"};

bool is_op(const std::string& key) {
  return std::find(kOps.begin(), kOps.end(), key) != kOps.end();
}

struct NameKind {
  const char* key;
  Condition::Kind kind;
};
constexpr std::array<NameKind, 4> kFactKeys = {{{"fact", Condition::Kind::kFact},
                                                {"denied", Condition::Kind::kDenied},
                                                {"known", Condition::Kind::kKnown},
                                                {"unknown", Condition::Kind::kUnknown}}};

}  // namespace

std::optional<Condition> Condition::parse(const YAML::Node& node, const YamlDiag& diag) {
  if (!node.IsMap() || node.size() == 0) {
    diag.error(node, "a condition must be a map such as {fact: numbness}");
    return std::nullopt;
  }
  Condition c;
  c.mark_ = node.Mark();
  for (const auto& fk : kFactKeys) {
    if (node[fk.key]) {
      c.kind_ = fk.kind;
      if (!diag.string_field(node, fk.key, c.name_, true)) return std::nullopt;
      return c;
    }
  }
  if (node["number"] || node["score"]) {
    const char* key = node["number"] ? "number" : "score";
    c.kind_ = node["number"] ? Kind::kNumber : Kind::kScore;
    if (!diag.string_field(node, key, c.name_, true)) return std::nullopt;
    for (const auto& kv : node) {
      const std::string k = kv.first.Scalar();
      if (k == key) continue;
      if (!is_op(k)) {
        diag.error(kv.first, "unknown comparison '" + k + "' (use lt, lte, gt, gte, eq)");
        return std::nullopt;
      }
      double v = 0;
      if (!diag.number_field(node, k.c_str(), v, true)) return std::nullopt;
      c.compares_.push_back({k, v});
    }
    if (c.compares_.empty()) {
      diag.error(node, std::string("a '") + key + "' condition needs a comparison such as gte: 4");
      return std::nullopt;
    }
    return c;
  }
  if (node["tier_at_least"]) {
    c.kind_ = Kind::kTierAtLeast;
    std::string t;
    if (!diag.string_field(node, "tier_at_least", t, true)) return std::nullopt;
    auto tier = parse_tier(t);
    if (!tier) {
      diag.error(node["tier_at_least"], "unknown tier '" + t + "'");
      return std::nullopt;
    }
    c.tier_ = *tier;
    return c;
  }
  if (node["no_tier"]) {
    c.kind_ = Kind::kNoTier;
    return c;
  }
  if (node["not"]) {
    c.kind_ = Kind::kNot;
    auto child = parse(node["not"], diag);
    if (!child) return std::nullopt;
    c.children_.push_back(std::move(*child));
    return c;
  }
  const char* list_key = node["all"] ? "all" : node["any"] ? "any" : node["of"] ? "of" : nullptr;
  if (list_key == nullptr) {
    diag.error(node,
               "unknown condition; expected fact, denied, known, unknown, number, score, "
               "tier_at_least, no_tier, all, any, not or at_least/of");
    return std::nullopt;
  }
  c.kind_ = list_key[1] == 'l' ? Kind::kAll : list_key[1] == 'n' ? Kind::kAny : Kind::kAtLeast;
  if (c.kind_ == Kind::kAtLeast) {
    double n = 0;
    if (!diag.number_field(node, "at_least", n, true)) return std::nullopt;
    c.at_least_ = static_cast<int>(n);
  }
  const YAML::Node list = node[list_key];
  if (!list.IsSequence() || list.size() == 0) {
    diag.error(list, std::string("'") + list_key + "' must be a non-empty list of conditions");
    return std::nullopt;
  }
  for (const auto& item : list) {
    auto child = parse(item, diag);
    if (!child) return std::nullopt;
    c.children_.push_back(std::move(*child));
  }
  return c;
}

bool Condition::compare(double v) const {
  return std::all_of(compares_.begin(), compares_.end(), [v](const Compare& cmp) {
    if (cmp.op == "lt") return v < cmp.value;
    if (cmp.op == "lte") return v <= cmp.value;
    if (cmp.op == "gt") return v > cmp.value;
    if (cmp.op == "gte") return v >= cmp.value;
    return v == cmp.value;
  });
}

bool Condition::eval(const EvalContext& ctx) const {
  switch (kind_) {
    case Kind::kAlways:
      return true;
    case Kind::kFact:
      return ctx.facts.affirmed(name_);
    case Kind::kDenied:
      return ctx.facts.denied(name_);
    case Kind::kKnown:
      return ctx.facts.known(name_) || ctx.facts.number(name_).has_value();
    case Kind::kUnknown:
      return !ctx.facts.known(name_) && !ctx.facts.number(name_).has_value();
    case Kind::kNumber: {
      auto v = ctx.facts.number(name_);
      return v && compare(*v);
    }
    case Kind::kScore: {
      auto it = ctx.scores.find(name_);
      return compare(it == ctx.scores.end() ? 0 : it->second);
    }
    case Kind::kTierAtLeast:
      return ctx.tier && *ctx.tier >= tier_;
    case Kind::kNoTier:
      return !ctx.tier;
    case Kind::kAll:
      return std::all_of(children_.begin(), children_.end(),
                         [&](const Condition& c) { return c.eval(ctx); });
    case Kind::kAny:
      return std::any_of(children_.begin(), children_.end(),
                         [&](const Condition& c) { return c.eval(ctx); });
    case Kind::kNot:
      return !children_.front().eval(ctx);
    case Kind::kAtLeast:
      return std::count_if(children_.begin(), children_.end(),
                           [&](const Condition& c) { return c.eval(ctx); }) >= at_least_;
  }
  return false;
}

void Condition::collect_refs(std::vector<Ref>& out) const {
  switch (kind_) {
    case Kind::kFact:
    case Kind::kDenied:
      out.push_back({"fact", name_, mark_});
      break;
    case Kind::kKnown:
    case Kind::kUnknown:
      out.push_back({"fact_or_number", name_, mark_});
      break;
    case Kind::kNumber:
      out.push_back({"number", name_, mark_});
      break;
    case Kind::kScore:
      out.push_back({"score", name_, mark_});
      break;
    default:
      break;
  }
  for (const auto& c : children_) c.collect_refs(out);
}

}  // namespace backcoach::triage
