// libFuzzer target: the rule and intent loader on arbitrary YAML. The first byte picks
// one of the real files of rules/ and intents/ (its low 7 bits) and a mode (its high bit);
// the rest of the input is that file's content:
//  - whole set (high bit clear): the file replaces its original in a private copy of both
//    folders and the whole set is loaded (parse, section readers, pattern compilation,
//    validation) as a start or SIGHUP would; thorough but slow (the set is large);
//  - alone (high bit set): the file is the only one of its folder and the other folder is
//    empty; the loader parses and reads its sections, then stops at the missing parts.
//    Fast, so most of the YAML mutations are tried this way.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dialogue/rule_set.h"
#include "fuzz_check.h"

using namespace backcoach;
namespace fs = std::filesystem;

namespace {

struct Copy {
  fs::path rules, intents;              // the whole set
  fs::path alone_rules, alone_intents;  // empty folders, for a file alone
  std::vector<fs::path> files;          // every YAML file of the copy, sorted
  std::vector<std::string> originals;   // their content
};
const Copy* copy = nullptr;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

// A copy of rules/ and intents/ under a fresh temporary folder (removed at exit).
Copy* make_copy() {
  auto* c = new Copy;
  const fs::path root =
      fs::temp_directory_path() / ("backcoach-fuzz-rules-" + std::to_string(::getpid()));
  c->rules = root / "rules";
  c->intents = root / "intents";
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy(BACKCOACH_SOURCE_DIR "/rules", c->rules);
  fs::copy(BACKCOACH_SOURCE_DIR "/intents", c->intents);
  c->alone_rules = root / "alone" / "rules";
  c->alone_intents = root / "alone" / "intents";
  fs::create_directories(c->alone_rules);
  fs::create_directories(c->alone_intents);
  for (const auto& dir : {c->rules, c->intents}) {
    for (const auto& entry : fs::directory_iterator(dir)) c->files.push_back(entry.path());
  }
  std::sort(c->files.begin(), c->files.end());
  for (const auto& f : c->files) c->originals.push_back(read_all(f));
  std::atexit([] { fs::remove_all(copy->rules.parent_path()); });
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  copy = make_copy();
  FUZZ_CHECK(dialogue::load_rule_set(copy->rules, copy->intents).ok());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool alone = (data[0] & 0x80) != 0;
  const std::size_t k = (data[0] & 0x7f) % copy->files.size();
  const std::string_view yaml(reinterpret_cast<const char*>(data + 1), size - 1);
  const fs::path& original = copy->files[k];
  const bool in_rules = original.parent_path() == copy->rules;
  const fs::path rules = alone ? copy->alone_rules : copy->rules;
  const fs::path intents = alone ? copy->alone_intents : copy->intents;
  const fs::path file = (in_rules ? rules : intents) / original.filename();
  write_all(file, yaml);
  const auto loaded = dialogue::load_rule_set(rules, intents);
  // Refused or accepted, never both; every refusal says where and why.
  FUZZ_CHECK(loaded.ok() == loaded.errors.empty());
  FUZZ_CHECK(!alone || !loaded.ok());
  for (const auto& e : loaded.errors) FUZZ_CHECK(!e.file.empty() && !e.message.empty());
  if (alone) {
    fs::remove(file);
  } else {
    write_all(file, copy->originals[k]);
  }
  return 0;
}
