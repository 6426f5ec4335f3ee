#!/usr/bin/env bash
# Exports a fresh random-weight BART with mia-onnx/scripts/export_bart.py (new seed each run; one graph with attention
# outputs, and a split export without them in the 4-D Softmax layout) and checks in Java that OnnxAttentionSource
# reads PyTorch's cross-attentions within 1e-5 (ExportParityTest with MIA_BART_EXPORTS). Needs the toolchain of
# ../shared/bart-export (apt packages + three source tarballs); skipped with a message where it cannot be set up.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
bart_py=""
if [ -f ../shared/bart-export/setup.sh ]; then
  bart_py="$(bash ../shared/bart-export/setup.sh target/bart-venv 2>target/bart-setup.log | tail -1)" || bart_py=""
fi
if [ -n "$bart_py" ] && [ -x "$bart_py" ]; then
  tok=mia-onnx/src/test/resources/bart-exports/tiny-vocab
  [ -f ../shared/data/bart-tokenizer/vocab.json ] && tok=../shared/data/bart-tokenizer
  seed=$(( $(date +%s) % 10000 ))
  rm -rf target/bart-ci
  export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
  common=(--model "$tok" --random-config --seed "$seed" --layers 3 --heads 4 --d-model 32 --max-positions 256
          --fixture "The quick brown fox jumps over the lazy dog near the river bank." \
                    "A lazy dog sleeps by the river while the quick fox jumps over it.")
  timeout 600 "$bart_py" mia-onnx/scripts/export_bart.py "${common[@]}" --out target/bart-ci/single >target/bart-ci.log 2>&1 \
    || { tail -30 target/bart-ci.log; exit 1; }
  timeout 600 "$bart_py" mia-onnx/scripts/export_bart.py "${common[@]}" --split --no-attention-outputs \
    --attention-layout 4d --out target/bart-ci/split-4d >>target/bart-ci.log 2>&1 \
    || { tail -30 target/bart-ci.log; exit 1; }
  MIA_BART_EXPORTS="$PWD/target/bart-ci/single:$PWD/target/bart-ci/split-4d" \
    mvn -B -o -q -pl mia-onnx -am test -Dtest=ExportParityTest -Dsurefire.failIfNoSpecifiedTests=false
  echo "fresh BART exports (seed $seed, tokenizer $tok) match PyTorch in Java: passed"
else
  echo "the BART export toolchain (../shared/bart-export/setup.sh) is not available here: skipped the fresh-export parity check"
fi
