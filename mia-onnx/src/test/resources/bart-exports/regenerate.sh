#!/usr/bin/env bash
# Regenerates the random-weight BART exports that ExportParityTest checks, with the project's own export script
# and the toolchain of ../shared/bart-export (torch 1.13, transformers 4.40.2, no `tokenizers` library):
#
#   bash mia-onnx/src/test/resources/bart-exports/regenerate.sh [PYTHON] [OUT_DIR]
#
# PYTHON defaults to target/bart-venv/bin/python (made by `bash ../shared/bart-export/setup.sh`); OUT_DIR to
# this folder. Four bundles, 2+2 layers, 2 heads, d_model 8, a 302-token byte-level BPE (tiny-vocab/, the
# same vocabulary as the Java tests' TinyBpe), each with PyTorch's cross-attentions in
# cross_attentions_fixture.json:
#   single/      one model.onnx with attention outputs (the script's default)
#   split/       --split: encoder_model.onnx + decoder_model.onnx with attention outputs
#   softmax3d/   --no-attention-outputs, eager attention as transformers <= 4.52 computes it: 3-D Softmax
#   softmax4d/   --no-attention-outputs --attention-layout 4d: 4-D Softmax as transformers >= 4.53
#   external/    softmax3d's graph re-saved with its weights as external data (model.onnx.data)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/../../../../scripts/export_bart.py"
python="${1:-target/bart-venv/bin/python}"
out="${2:-$here}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONHASHSEED=0

vocab="$here/tiny-vocab"
if [ ! -f "$vocab/vocab.json" ]; then
  mkdir -p "$vocab"
  "$python" - "$vocab" <<'PY'
import json, sys
# GPT-2's byte-to-unicode map; <s> <pad> </s> <unk>, the 256 byte symbols, merge results, Ġdogs, <mask>
bs = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
cs, n = {}, 0
for b in range(256):
    if b in bs:
        cs[b] = chr(b)
    else:
        cs[b] = chr(256 + n); n += 1
merges = ["Ġ t", "h e", "Ġt he", "a t", "Ġ c", "Ġc at", "Ġ s", "Ġs at", "o n", "Ġ on", "Ġ m", "Ġm at", "T he",
          "Ġ d", "o g", "Ġd og", "Ġ a", "Ġ r", "a n", "Ġr an", "Ġa n", "Ġan d", "Ġa way", "w a", "wa y", "Ġ w",
          "Ġw a", "Ġwa s", "Ġ h", "Ġh at"]
vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
for b in range(256):
    vocab[cs[b]] = len(vocab)
for m in merges:
    vocab.setdefault(m.replace(" ", ""), len(vocab))
vocab["Ġdogs"] = len(vocab)
vocab["<mask>"] = len(vocab)
with open(sys.argv[1] + "/vocab.json", "w", encoding="utf-8") as f:
    json.dump(vocab, f)
with open(sys.argv[1] + "/merges.txt", "w", encoding="utf-8") as f:
    f.write("#version: 0.2\n" + "\n".join(merges) + "\n")
PY
fi

A="The cat sat on the mat, and the dog ran away."
B="The dog sat on the mat; the cat ran away."
common=(--model "$vocab" --random-config --layers 2 --heads 2 --d-model 8 --max-positions 128 --seed 7
        --fixture "$A" "$B")
run() { local name="$1"; shift; rm -rf "${out:?}/$name"; "$python" "$script" "${common[@]}" --out "$out/$name" "$@"; }
run single
run split --split
run softmax3d --no-attention-outputs
run softmax4d --no-attention-outputs --attention-layout 4d
# external/: softmax3d's graph with its weights in an external data file, as exports over 2 GB are stored
rm -rf "${out:?}/external" && mkdir -p "$out/external"
cp "$out"/softmax3d/{tokenizer.json,cross_attentions_fixture.json,mia-bundle.properties} "$out/external/"
"$python" -c "import onnx, sys; onnx.save_model(onnx.load(sys.argv[1]), sys.argv[2], save_as_external_data=True,
  all_tensors_to_one_file=True, location='model.onnx.data', size_threshold=1024)" \
  "$out/softmax3d/model.onnx" "$out/external/model.onnx"
ls -l "$out"/*/
