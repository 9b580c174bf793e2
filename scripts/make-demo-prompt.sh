#!/usr/bin/env bash
# Regenerates the demo's speech prompt, src/main/resources/org/audiostream/app/demo/prompt.wav:
# one English sentence (~4 s), 8 kHz mono 16-bit PCM, peak at -3 dBFS, silence trimmed at both ends.
# It is our own synthetic asset (espeak-ng output), committed so that the demo needs neither tool at run time.
# Needs: espeak-ng, sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/src/main/resources/org/audiostream/app/demo/prompt.wav"
TEXT="Hello from the audio stream demo. This sentence will come back to you."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -s 175 -w "$tmp/raw.wav" "$TEXT"
sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$OUT" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -3
echo "wrote $OUT ($(soxi -D "$OUT") s): \"$TEXT\""
