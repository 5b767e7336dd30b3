#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/, not committed) from the repository's
# rubrics and sample answers. Run from anywhere; safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/parse_rubric corpus/score_answer corpus/rubric_and_answer

for f in "$root"/rubrics/*.toml; do
    cp "$f" "corpus/parse_rubric/$(basename "$f")"
done
cat > corpus/parse_rubric/small.json <<'JSON'
{"id": "tcp-udp", "title": "TCP vs UDP", "question": "How does TCP differ from UDP?",
 "synonyms": [["fast", "quick"]],
 "points": [
  {"id": "reliable", "label": "TCP is reliable", "weight": 2, "required": true,
   "phrases": ["retransmits lost packets", "guaranteed delivery"], "partial": ["reliable"],
   "regex": ["\\backs?\\b"],
   "all_of": [{"parts": [["resend", "retransmit*"], "lost"], "within": 5, "ordered": true}],
   "k_of_n": [{"k": 2, "items": ["syn", ["ack", "acknowledg*"], "fin"]}]},
  {"id": "connectionless", "label": "UDP has no connection", "hint": "Say it.",
   "phrases": ["connectionless", "no handshake"], "typos": "off", "stemming": false}],
 "misconceptions": [{"id": "udp-reliable", "label": "UDP is reliable", "penalty": 1,
   "phrases": ["udp is reliable"]}]}
JSON

for f in "$root"/examples/answers/*.toml "$root"/tests/data/calibration/*.toml; do
    [ -e "$f" ] || continue
    name="$(basename "$(dirname "$f")")-$(basename "$f" .toml)"
    cp "$f" "corpus/score_answer/$name"
    rubric="$root/rubrics/$(basename "$f")"
    [ -e "$rubric" ] || rubric="$root/rubrics/REFERENCE.toml"
    { cat "$rubric"; printf '\xff'; cat "$f"; } > "corpus/rubric_and_answer/$name"
done
{ cat "$root/rubrics/REFERENCE.toml"; printf '\xff'; sed -n '/^reference = """/,/^"""/p' "$root/rubrics/REFERENCE.toml"; } \
    > corpus/rubric_and_answer/reference
echo "seeded: $(ls corpus/parse_rubric | wc -l) rubrics, $(ls corpus/score_answer | wc -l) answers, $(ls corpus/rubric_and_answer | wc -l) pairs"
