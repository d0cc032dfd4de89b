#!/usr/bin/env bash
# The byte-identity check of refactorings: build the default corpus and the shared development texts
# (../shared/eval/texts) with this checkout's code, no cache, and print the exports' SHA-256.
#   tools/identity.sh OUTDIR > after.sha && diff before.sha after.sha
# Runs `python3 -m kg` with PYTHONPATH set to this checkout, so it works in a git worktree too.
set -euo pipefail
out=${1:?usage: tools/identity.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"; mkdir -p "$out"
export PYTHONPATH="$root"
cd "$root"
python3 -m kg build data/corpus -o "$out/corpus" --no-cache -q
python3 -m kg build ../shared/eval/texts -o "$out/eval" --no-cache -q
cd "$out"
sha256sum corpus/graph.ttl corpus/graph.nt corpus/graph.trig corpus/graph.html \
          eval/graph.ttl eval/graph.nt eval/graph.trig eval/graph.html
