#include "common/yaml_unmarked.h"

#include <yaml.h>

#include <map>
#include <memory>
#include <vector>

namespace backcoach {
namespace {

std::string text_of(const yaml_char_t* s) {
  return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
}

// Builds the tree from libyaml's events: a stack of open collections, each map with the
// key it is waiting to pair. yaml-cpp nodes are references, so a node is rebound with
// reset(), never assigned (assignment would write into the node it refers to).
class TreeBuilder {
 public:
  void scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string value(reinterpret_cast<const char*>(s.value), s.length);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    // a plain, untagged "~", "null" or nothing is null, as yaml-cpp's parser reads it
    YAML::Node n = plain && s.tag == nullptr && YAML::IsNullString(value)
                       ? YAML::Node(YAML::NodeType::Null)
                       : YAML::Node(std::move(value));
    if (s.tag != nullptr) {
      n.SetTag(text_of(s.tag));
    } else if (!n.IsNull()) {
      n.SetTag(plain ? "?" : "!");
    }
    anchor(s.anchor, n);
    add(n);
  }
  void open(YAML::NodeType::value type, const yaml_char_t* anchor_name, const yaml_char_t* tag) {
    YAML::Node n(type);
    n.SetTag(tag != nullptr ? text_of(tag) : "?");
    anchor(anchor_name, n);
    add(n);
    open_.push_back({n, std::nullopt});
  }
  void close() { open_.pop_back(); }
  // False when the alias names no anchor seen so far.
  bool alias(const yaml_event_t& e) {
    const auto it = anchors_.find(text_of(e.data.alias.anchor));
    if (it == anchors_.end()) return false;
    add(it->second);
    return true;
  }
  YAML::Node root() const { return root_; }

 private:
  struct Open {
    YAML::Node node;
    std::optional<YAML::Node> key;  // a map's key read, its value not yet
  };

  void anchor(const yaml_char_t* name, const YAML::Node& n) {
    if (name == nullptr) return;
    anchors_.erase(text_of(name));  // a later anchor of the same name wins, as in YAML
    anchors_.emplace(text_of(name), n);
  }
  void add(const YAML::Node& n) {
    if (open_.empty()) {
      root_.reset(n);
      return;
    }
    Open& top = open_.back();
    if (top.node.IsSequence()) {
      top.node.push_back(n);
    } else if (!top.key) {
      top.key.emplace(n);
    } else {
      top.node.force_insert(*top.key, n);  // keeps a repeated key, as yaml-cpp's parser does
      top.key.reset();
    }
  }

  YAML::Node root_;
  std::vector<Open> open_;
  std::map<std::string, YAML::Node> anchors_;
};

}  // namespace

std::optional<YAML::Node> load_yaml_unmarked(std::string_view text, std::string& error) {
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) {
    error = "libyaml could not start a parser";
    return std::nullopt;
  }
  const std::unique_ptr<yaml_parser_t, decltype(&yaml_parser_delete)> guard(&parser,
                                                                            yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  TreeBuilder tree;
  for (bool done = false; !done;) {
    yaml_event_t e;
    if (yaml_parser_parse(&parser, &e) == 0) {
      error = parser.problem != nullptr ? parser.problem : "syntax error";
      return std::nullopt;
    }
    const std::unique_ptr<yaml_event_t, decltype(&yaml_event_delete)> event(&e, yaml_event_delete);
    bool ok = true;
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        tree.scalar(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
        tree.open(YAML::NodeType::Sequence, e.data.sequence_start.anchor,
                  e.data.sequence_start.tag);
        break;
      case YAML_MAPPING_START_EVENT:
        tree.open(YAML::NodeType::Map, e.data.mapping_start.anchor, e.data.mapping_start.tag);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        tree.close();
        break;
      case YAML_ALIAS_EVENT:
        ok = tree.alias(e);
        break;
      case YAML_DOCUMENT_END_EVENT:  // the first document only, as YAML::Load
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
    if (!ok) {
      error = "an alias names no anchor";
      return std::nullopt;
    }
  }
  return tree.root();
}

}  // namespace backcoach
