#!/bin/sh
# `backcoach check` on broken copies of the real rules must exit non-zero and name
# the file, line and column of the problem on standard error.
# Usage: check_broken.sh BACKCOACH SOURCE_DIR WORK_DIR
set -u
backcoach=$1 src=$2 work=$3
status=0

# expect_failure NAME FILE PATTERN: runs check on $work/NAME and greps stderr.
expect_failure() {
  name=$1 file=$2 pattern=$3
  if "$backcoach" check "$work/$name/rules" "$work/$name/intents" 2>"$work/$name.err" >/dev/null; then
    echo "FAIL $name: check exited 0 on a broken rule set"; status=1; return
  fi
  if ! grep -Eq "$file:[0-9]+:[0-9]+: .*$pattern" "$work/$name.err"; then
    echo "FAIL $name: no '$file:line:column: ...$pattern' in:"; cat "$work/$name.err"; status=1
  fi
}

fresh_copy() {
  rm -rf "$work/$1" && mkdir -p "$work/$1" && cp -R "$src/rules" "$src/intents" "$work/$1/"
}

fresh_copy unknown_node
sed -i 's/go: refer_urgent/go: refer_nowhere/' "$work/unknown_node/rules/flow.yaml"
expect_failure unknown_node flow.yaml refer_nowhere

fresh_copy bad_pattern
sed -i "s/'\\\\b(?:sepsis|/'(unclosed|/" "$work/bad_pattern/intents/flags_infection_malignancy.yaml"
expect_failure bad_pattern flags_infection_malignancy.yaml ""

fresh_copy yaml_syntax
printf 'faq:\n  - intent: [unclosed\n' > "$work/yaml_syntax/rules/faq.yaml"
expect_failure yaml_syntax faq.yaml ""

# An example the patterns no longer read: loading alone would accept it, the check must not.
fresh_copy bad_example
sed -i 's/examples: \["tingling", "pins and needles"/examples: ["tingling", "purple elephants"/' \
  "$work/bad_example/intents/flags_soon.yaml"
expect_failure bad_example flags_soon.yaml "does not match its example \"purple elephants\""

rm -rf "$work"
[ $status -eq 0 ] && echo "ok: backcoach check rejects each broken copy with file:line:column"
exit $status
