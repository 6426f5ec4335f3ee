#!/usr/bin/env python3
"""Export a BART checkpoint into a MIA-J model bundle (see docs: mia-onnx/scripts/README.md).

A bundle is a folder with mia-bundle.properties, the ONNX graph(s) and tokenizer.json. MIA-J reads the
attention between the source text A (encoder) and the text B teacher-forced into the decoder, so the graphs
here take the whole target sequence at once (no past key values, no generation loop) and, unless
--no-attention-outputs is given, return every attention map as a named graph output:

    encoder_attentions.N   [batch, heads, src, src]   encoder self-attention of layer N
    decoder_attentions.N   [batch, heads, tgt, tgt]   causal decoder self-attention of layer N
    cross_attentions.N     [batch, heads, tgt, src]   decoder-to-encoder attention of layer N

The Softmax nodes keep Hugging Face's module-path names (/model/encoder/layers.N/self_attn/Softmax,
/model/decoder/layers.N/self_attn/Softmax, /model/decoder/layers.N/encoder_attn/Softmax; /encoder/... and
/decoder/... in --split graphs), so a graph exported with --no-attention-outputs can still be instrumented by MIA-J.

Needs: python3 with torch, transformers and onnx. The Python `tokenizers` library is optional: without it the
slow BartTokenizer is used and tokenizer.json is written from vocab.json + merges.txt (as MIA-J's
ByteLevelBpeTokenizerJson writes it). onnxruntime is optional too: with --fixture the fixture is the parity
check (MIA-J's ExportParityTest reads the bundle in Java and compares), and onnxruntime adds a check here.
No optimum. Examples:

    python3 export_bart.py --out bundles/bart-large-cnn                  # facebook/bart-large-cnn, one graph
    python3 export_bart.py --model sshleifer/distilbart-cnn-12-6 --split --out bundles/distilbart
    python3 export_bart.py --random-config --seed 0 --out bundles/tiny-random \\
        --fixture "The cat sat on the mat." "A cat was sitting on the mat."
    python3 export_bart.py --model ../shared/data/bart-tokenizer --random-config --random-shape bart-large-cnn \\
        --out /tmp/bart-large-random                 # bart-large-cnn's shape, random weights, 1.83 GB
"""
import argparse
import inspect
import json
import os
import sys

import torch
from transformers import BartConfig, BartForConditionalGeneration

# Any opset >= 13 works: from 13 on, Softmax normalises over one axis (older opsets flatten to 2-D and
# exporters then wrap it in Transposes, which breaks the one-Softmax-per-attention layout MIA-J expects).
DEFAULT_OPSET = 14
SAMPLE_A = "MIA-J reads the attention between a source text and a text that may reproduce it."
SAMPLE_B = "MIA-J reads attention between two texts."


# ------------------------------------------------------------------------------------------------ wrappers
#
# The wrappers hold BartModel under the attribute name "model", so the exporter's scope names start with
# /model/encoder/... and /model/decoder/... exactly as in Hugging Face's own exports of
# BartForConditionalGeneration (the scope is the attribute path from the exported module).

class Seq2SeqWithAttentions(torch.nn.Module):
    """input_ids, attention_mask, decoder_input_ids -> logits [, encoder/decoder/cross attentions]."""

    def __init__(self, bart, attentions):
        super().__init__()
        self.model = bart.model
        self.lm_head = bart.lm_head
        self.register_buffer("final_logits_bias", bart.final_logits_bias.clone(), persistent=False)
        self.attentions = attentions

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, decoder_input_ids=decoder_input_ids,
                         output_attentions=self.attentions, use_cache=False, return_dict=True)
        logits = self.lm_head(out.last_hidden_state) + self.final_logits_bias
        if not self.attentions:
            return (logits,)
        return (logits, *out.encoder_attentions, *out.decoder_attentions, *out.cross_attentions)


class EncoderWithAttentions(torch.nn.Module):
    """input_ids, attention_mask -> last_hidden_state [, encoder attentions] (optimum's encoder_model)."""

    def __init__(self, bart, attentions):
        super().__init__()
        self.model = bart.model
        self.attentions = attentions

    def forward(self, input_ids, attention_mask):
        out = self.model.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                 output_attentions=self.attentions, return_dict=True)
        if not self.attentions:
            return (out.last_hidden_state,)
        return (out.last_hidden_state, *out.attentions)


class DecoderWithAttentions(torch.nn.Module):
    """input_ids (decoder ids), encoder_attention_mask, encoder_hidden_states -> logits [, attentions]
    (optimum's decoder_model.onnx: no past key values, the form teacher forcing needs)."""

    def __init__(self, bart, attentions):
        super().__init__()
        self.model = bart.model
        self.lm_head = bart.lm_head
        self.register_buffer("final_logits_bias", bart.final_logits_bias.clone(), persistent=False)
        self.attentions = attentions

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states):
        out = self.model.decoder(input_ids=input_ids, encoder_hidden_states=encoder_hidden_states,
                                 encoder_attention_mask=encoder_attention_mask,
                                 output_attentions=self.attentions, use_cache=False, return_dict=True)
        logits = self.lm_head(out.last_hidden_state) + self.final_logits_bias
        if not self.attentions:
            return (logits,)
        return (logits, *out.attentions, *out.cross_attentions)


# ------------------------------------------------------------------------------------------------ loading

# Shapes for --random-config: (layers, heads, d_model, ffn). tiny is the default; bart-large-cnn is the real
# model's shape (406 M parameters), for memory and speed measurements without its weights.
RANDOM_SHAPES = {"tiny": (2, 2, 16, 32), "bart-large-cnn": (12, 16, 1024, 4096)}


def load(args):
    """Returns (model, tokenizer, tokenizer_json, model_id) with eager attention (the only kind that returns
    weights and exports one Softmax per attention block; SDPA/flash attention fuse it away). tokenizer_json is
    the text of the bundle's tokenizer.json."""
    tokenizer, tokenizer_json = load_tokenizer(args.tokenizer or args.model)
    if args.random_config:
        torch.manual_seed(args.seed)
        layers, heads, d_model, ffn = RANDOM_SHAPES[args.random_shape]
        layers = args.layers or layers
        heads = args.heads or heads
        d_model = args.d_model or d_model
        if args.ffn:
            ffn = args.ffn
        elif args.d_model:
            ffn = 2 * d_model
        # Every id the tokenizer can produce must have an embedding row: the shared BART vocab lacks some ids
        # (len(tokenizer) is then below the largest id + 1).
        vocab_size = max(max(tokenizer.get_vocab().values()), *tokenizer.all_special_ids) + 1
        config = BartConfig(
            vocab_size=vocab_size, d_model=d_model, encoder_layers=layers, decoder_layers=layers,
            encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn,
            decoder_ffn_dim=ffn, max_position_embeddings=args.max_positions, pad_token_id=tokenizer.pad_token_id,
            bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
            decoder_start_token_id=tokenizer.eos_token_id, forced_bos_token_id=tokenizer.bos_token_id)
        set_eager(config)
        model = BartForConditionalGeneration(config)
        model_id = "random-bart(%s, layers=%d, heads=%d, d_model=%d, seed=%d)" % (
            args.random_shape, layers, heads, d_model, args.seed)
    else:
        try:
            model = BartForConditionalGeneration.from_pretrained(args.model, attn_implementation="eager")
        except TypeError:  # transformers < 4.36 has no attn_implementation and is always eager
            model = BartForConditionalGeneration.from_pretrained(args.model)
        model_id = args.model
    set_eager(model.config)
    if args.attention_layout == "4d":
        use_4d_attention(model)
    model.config.use_cache = False
    model.eval()
    return model, tokenizer, tokenizer_json, model_id


def load_tokenizer(name):
    """The fast tokenizer when the `tokenizers` library is installed; otherwise the slow BartTokenizer from
    vocab.json + merges.txt, with tokenizer.json written by byte_level_bpe_tokenizer_json."""
    try:
        import tokenizers  # noqa: F401
        from transformers import AutoTokenizer
        try:
            tokenizer = AutoTokenizer.from_pretrained(name, use_fast=True)
        except (OSError, ValueError) as e:  # e.g. a folder with only vocab.json + merges.txt
            print("no fast tokenizer loads from %s (%s); building tokenizer.json from vocab.json + merges.txt"
                  % (name, e))
            tokenizer = None
        if tokenizer is not None and getattr(tokenizer, "is_fast", False):
            backend = tokenizer.backend_tokenizer
            # without truncation or padding baked in: MIA-J sets both and checks the window itself
            backend.no_truncation()
            backend.no_padding()
            return tokenizer, backend.to_str(pretty=True)
        elif tokenizer is not None:
            print("%s has no fast tokenizer; building tokenizer.json from vocab.json + merges.txt" % name)
    except ImportError:
        print("the Python tokenizers library is absent: using the slow BartTokenizer and writing tokenizer.json "
              "from vocab.json + merges.txt")
    patch_added_token()
    from transformers import BartTokenizer
    tokenizer = BartTokenizer.from_pretrained(name)
    vocab = tokenizer.get_vocab()
    merges = [" ".join(pair) for pair, _ in sorted(tokenizer.bpe_ranks.items(), key=lambda kv: kv[1])]
    return tokenizer, byte_level_bpe_tokenizer_json(vocab, merges)


def patch_added_token():
    """transformers' pure-Python AddedToken stand-in (used when `tokenizers` is absent) lacks __hash__ and
    __setstate__, which the slow tokenizer's loading needs."""
    import transformers.tokenization_utils_base as tub
    added = getattr(tub, "AddedToken", None)
    if added is None or getattr(added, "__module__", "").startswith("tokenizers"):
        return
    if getattr(added, "__hash__", None) is None:
        added.__hash__ = lambda self: hash(self.content)
    if not hasattr(added, "__setstate__"):
        added.__setstate__ = lambda self, state: self.__dict__.update(state)


def byte_level_bpe_tokenizer_json(vocab, merges):
    """tokenizer.json of a BART byte-level BPE (what MIA-J's ByteLevelBpeTokenizerJson.Options.bart() writes,
    equivalent to facebook/bart-large-cnn's): no prefix space, trimmed offsets, RoBERTa post-processor,
    <s> <pad> </s> <unk> <mask> as added tokens (<mask> strips the space before it)."""
    def added(token, lstrip, normalized):
        return {"id": vocab[token], "content": token, "single_word": False, "lstrip": lstrip, "rstrip": False,
                "normalized": normalized, "special": True}
    doc = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [added("<s>", False, True), added("<pad>", False, True), added("</s>", False, True),
                         added("<unk>", False, True), added("<mask>", True, False)],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", vocab["</s>"]],
                           "cls": ["<s>", vocab["<s>"]], "trim_offsets": True, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": dict(sorted(vocab.items(), key=lambda kv: kv[1])), "merges": merges},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def use_4d_attention(model):
    """Computes eager attention as transformers 4.53+ does, [batch, heads, tgt, src] (one 4-D Softmax), instead
    of 4.40-4.52's [batch*heads, tgt, src]: exports of both layouts exist and MIA-J must read both. Same
    numbers, same module scopes (so the same node names)."""
    from transformers.models.bart import modeling_bart

    def forward(self, hidden_states, key_value_states=None, past_key_value=None, attention_mask=None,
                layer_head_mask=None, output_attentions=False):
        if past_key_value is not None:
            raise ValueError("the 4-D attention patch supports no past key values (teacher forcing only)")
        bsz, tgt_len, _ = hidden_states.size()
        kv = hidden_states if key_value_states is None else key_value_states
        shape = (bsz, -1, self.num_heads, self.head_dim)
        query = self.q_proj(hidden_states).view(*shape).transpose(1, 2)
        key = self.k_proj(kv).view(*shape).transpose(1, 2)
        value = self.v_proj(kv).view(*shape).transpose(1, 2)
        weights = torch.matmul(query, key.transpose(2, 3)) * self.scaling
        if attention_mask is not None:
            weights = weights + attention_mask
        weights = torch.nn.functional.softmax(weights, dim=-1)
        if layer_head_mask is not None:
            weights = layer_head_mask.view(1, -1, 1, 1) * weights
        probs = torch.nn.functional.dropout(weights, p=self.dropout, training=self.training)
        out = torch.matmul(probs, value).transpose(1, 2).reshape(bsz, tgt_len, self.embed_dim)
        present = (key, value) if self.is_decoder else None  # the decoder layer concatenates these
        return self.out_proj(out), (weights if output_attentions else None), present

    for module in model.modules():
        if isinstance(module, modeling_bart.BartAttention):
            module.forward = forward.__get__(module)


def set_eager(config):
    """Selects eager attention. Older transformers (4.36-4.47) pick the attention class when a layer is built,
    newer ones read the config at every forward, so this is set before building and again after loading.
    The attribute is private but it is how transformers itself switches implementations."""
    config._attn_implementation = "eager"


def teacher_forcing_inputs(tokenizer, model, text_a, text_b):
    """BUNDLE.md's placement: A into the encoder; labels = tokenize(B) = <s> b1..bn </s>;
    decoder_input_ids = [decoder_start_token_id] + labels[:-1]."""
    enc = tokenizer(text_a, return_tensors="pt")
    labels = tokenizer(text_b, return_tensors="pt")["input_ids"]
    start = torch.full((1, 1), model.config.decoder_start_token_id, dtype=labels.dtype)
    decoder_input_ids = torch.cat([start, labels[:, :-1]], dim=1)
    return enc["input_ids"], enc["attention_mask"], decoder_input_ids, labels


# ------------------------------------------------------------------------------------------------ export

def export_kwargs():
    """torch >= 2.9 defaults to the dynamo exporter, which names nodes differently; keep the TorchScript one,
    whose scope-based names (/model/decoder/layers.N/encoder_attn/Softmax) MIA-J looks for."""
    params = inspect.signature(torch.onnx.export).parameters
    return {"dynamo": False} if "dynamo" in params else {}


def attention_names(config, which):
    names = []
    if "encoder" in which:
        names += ["encoder_attentions.%d" % i for i in range(config.encoder_layers)]
    if "decoder" in which:
        names += ["decoder_attentions.%d" % i for i in range(config.decoder_layers)]
    if "cross" in which:
        names += ["cross_attentions.%d" % i for i in range(config.decoder_layers)]
    return names


def attention_axes(name):
    src, tgt = "encoder_sequence_length", "decoder_sequence_length"
    if name.startswith("encoder"):
        return {0: "batch_size", 2: src, 3: src}
    if name.startswith("decoder"):
        return {0: "batch_size", 2: tgt, 3: tgt}
    return {0: "batch_size", 2: tgt, 3: src}


def export(module, args_tuple, path, input_names, output_names, axes, opset):
    print("exporting %s ..." % path, flush=True)
    with torch.no_grad():
        torch.onnx.export(module, args_tuple, path, input_names=input_names, output_names=output_names,
                          dynamic_axes=axes, opset_version=opset, do_constant_folding=True, **export_kwargs())


def export_bundle(args, model, tokenizer, tokenizer_json, model_id):
    os.makedirs(args.out, exist_ok=True)
    config = model.config
    attentions = not args.no_attention_outputs
    # Different source and target lengths, so the tracer cannot confuse the two sequence axes.
    input_ids, attention_mask, decoder_input_ids, _ = teacher_forcing_inputs(tokenizer, model, SAMPLE_A, SAMPLE_B)
    src = {0: "batch_size", 1: "encoder_sequence_length"}
    tgt = {0: "batch_size", 1: "decoder_sequence_length"}
    files = {}
    if args.split:
        enc_out = ["last_hidden_state"] + (attention_names(config, "encoder") if attentions else [])
        axes = {"input_ids": src, "attention_mask": src,
                "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"}}
        axes.update({n: attention_axes(n) for n in enc_out[1:]})
        export(EncoderWithAttentions(model, attentions), (input_ids, attention_mask),
               os.path.join(args.out, "encoder_model.onnx"), ["input_ids", "attention_mask"], enc_out, axes,
               args.opset)
        with torch.no_grad():
            hidden = model.model.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        dec_out = ["logits"] + (attention_names(config, ("decoder", "cross")) if attentions else [])
        axes = {"input_ids": tgt, "encoder_attention_mask": src,
                "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
                "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
        axes.update({n: attention_axes(n) for n in dec_out[1:]})
        export(DecoderWithAttentions(model, attentions), (decoder_input_ids, attention_mask, hidden),
               os.path.join(args.out, "decoder_model.onnx"),
               ["input_ids", "encoder_attention_mask", "encoder_hidden_states"], dec_out, axes, args.opset)
        files["encoder"] = "encoder_model.onnx"
        files["decoder"] = "decoder_model.onnx"
    else:
        out = ["logits"] + (attention_names(config, ("encoder", "decoder", "cross")) if attentions else [])
        axes = {"input_ids": src, "attention_mask": src, "decoder_input_ids": tgt,
                "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
        axes.update({n: attention_axes(n) for n in out[1:]})
        export(Seq2SeqWithAttentions(model, attentions), (input_ids, attention_mask, decoder_input_ids),
               os.path.join(args.out, "model.onnx"), ["input_ids", "attention_mask", "decoder_input_ids"], out,
               axes, args.opset)
        files["model"] = "model.onnx"

    # torch.onnx.export restores each wrapper's training flag afterwards, which can leave the shared
    # model.model in training mode (dropout on): everything computed after the export needs eval mode.
    model.eval()
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        f.write(tokenizer_json)
        f.write("\n")

    props = [("format", "mia-bundle"), ("formatVersion", "1"), ("architecture", "seq2seq"),
             ("modelId", model_id)]
    props += sorted(files.items(), key=lambda kv: ("model", "encoder", "decoder").index(kv[0]))
    props += [("tokenizer", "tokenizer.json"), ("maxPositions", str(config.max_position_embeddings)),
              ("decoderStartTokenId", str(config.decoder_start_token_id))]
    write_properties(os.path.join(args.out, "mia-bundle.properties"), props)
    for name in files.values():
        check_graph(os.path.join(args.out, name), config, args.split)


def write_properties(path, pairs):
    """java.util.Properties text, UTF-8 (MIA-J loads it with a UTF-8 reader)."""
    def esc(value):
        value = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        return "\\" + value if value.startswith(" ") else value
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# MIA-J model bundle written by mia-onnx/scripts/export_bart.py\n")
        for key, value in pairs:
            f.write("%s=%s\n" % (key, esc(value)))
    print("wrote %s" % path)


def check_graph(path, config, split):
    """Lists the attention Softmax nodes by their HF names and warns when any is missing (e.g. a fused
    attention op), since MIA-J cannot instrument what it cannot find. A --split graph's scopes start at the
    encoder or decoder module itself (/encoder/..., /decoder/...), a single graph's at /model/."""
    import onnx
    model = onnx.load(path, load_external_data=False)
    softmax = [n.name for n in model.graph.node if n.op_type == "Softmax"]
    prefix = "" if split else "/model"
    expected = []
    if "decoder" not in os.path.basename(path):
        expected += ["%s/encoder/layers.%d/self_attn/Softmax" % (prefix, i) for i in range(config.encoder_layers)]
    if "encoder" not in os.path.basename(path):
        for i in range(config.decoder_layers):
            expected += ["%s/decoder/layers.%d/self_attn/Softmax" % (prefix, i),
                         "%s/decoder/layers.%d/encoder_attn/Softmax" % (prefix, i)]
    missing = [n for n in expected if n not in softmax]
    outputs = [o.name for o in model.graph.output]
    print("%s: %d Softmax nodes, outputs %s%s" % (os.path.basename(path), len(softmax), outputs[:4],
                                                  " ..." if len(outputs) > 4 else ""))
    if missing:
        print("WARNING: Softmax nodes not found under their Hugging Face names: %s (found: %s)"
              % (missing[:3], softmax[:3]), file=sys.stderr)


# ------------------------------------------------------------------------------------------------ fixture

def write_fixture(args, model, tokenizer, model_id):
    model.eval()
    """PyTorch's cross-attentions for (A, B) placed as BUNDLE.md says, for a Java parity test:
    cross_attentions[layer][head][target step][source token], batch dimension dropped."""
    text_a, text_b = args.fixture
    input_ids, attention_mask, decoder_input_ids, labels = teacher_forcing_inputs(tokenizer, model, text_a, text_b)
    with torch.no_grad():
        out = model(input_ids=input_ids, attention_mask=attention_mask, decoder_input_ids=decoder_input_ids,
                    output_attentions=True, use_cache=False, return_dict=True)
    cross = torch.stack([a[0] for a in out.cross_attentions])  # [layers, heads, tgt, src]
    fixture = {
        "modelId": model_id,
        "textA": text_a,
        "textB": text_b,
        "note": "decoder step j takes decoder_input_ids[j] and predicts labels[j]; "
                "cross_attentions[l][h][j][i] is step j's attention to source token i",
        "input_ids": input_ids[0].tolist(),
        "attention_mask": attention_mask[0].tolist(),
        "labels": labels[0].tolist(),
        "decoder_input_ids": decoder_input_ids[0].tolist(),
        "attentionLayout": args.attention_layout,
        "shape": list(cross.shape),
        "cross_attentions": [[[[float("%.8g" % float(x)) for x in row] for row in head] for head in layer]
                             for layer in cross],
    }
    path = os.path.join(args.out, "cross_attentions_fixture.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False)
        f.write("\n")
    print("wrote %s (cross-attentions %s)" % (path, list(cross.shape)))
    check_parity(args, input_ids, attention_mask, decoder_input_ids, cross)


def check_parity(args, input_ids, attention_mask, decoder_input_ids, cross):
    """If onnxruntime is installed, runs the exported graph on the fixture input and reports the largest
    difference from PyTorch (expect about 1e-6; more than 1e-4 means the export is wrong). Without it the
    fixture is the check: MIA-J's ExportParityTest reads the bundle in Java and compares (see README)."""
    if args.no_attention_outputs:
        print("--no-attention-outputs: check the bundle with MIA-J's ExportParityTest (Java instruments it)")
        return
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime not installed: check the bundle with MIA-J's ExportParityTest instead (see README)")
        return
    layers = cross.shape[0]
    names = ["cross_attentions.%d" % i for i in range(layers)]
    if args.split:
        enc = ort.InferenceSession(os.path.join(args.out, "encoder_model.onnx"))
        dec = ort.InferenceSession(os.path.join(args.out, "decoder_model.onnx"))
        hidden = enc.run(["last_hidden_state"], {"input_ids": input_ids.numpy(),
                                                 "attention_mask": attention_mask.numpy()})[0]
        got = dec.run(names, {"input_ids": decoder_input_ids.numpy(), "encoder_attention_mask":
                              attention_mask.numpy(), "encoder_hidden_states": hidden})
    else:
        sess = ort.InferenceSession(os.path.join(args.out, "model.onnx"))
        got = sess.run(names, {"input_ids": input_ids.numpy(), "attention_mask": attention_mask.numpy(),
                               "decoder_input_ids": decoder_input_ids.numpy()})
    diff = max(float(abs(torch.from_numpy(g[0]) - cross[i]).max()) for i, g in enumerate(got))
    print("ONNX Runtime vs PyTorch cross-attention: max abs difference %.3g" % diff)
    if diff > 1e-4:
        print("WARNING: the exported graph disagrees with PyTorch", file=sys.stderr)


# ------------------------------------------------------------------------------------------------ main

def main(argv=None):
    p = argparse.ArgumentParser(description="Export a BART checkpoint into a MIA-J bundle (ONNX + tokenizer.json "
                                            "+ mia-bundle.properties), with all attention maps as graph outputs.")
    p.add_argument("--model", default="facebook/bart-large-cnn",
                   help="Hugging Face id or local folder of a BART checkpoint (default: %(default)s); with "
                        "--random-config only its tokenizer is used")
    p.add_argument("--out", required=True, help="bundle folder to write (created if missing)")
    p.add_argument("--opset", type=int, default=DEFAULT_OPSET, help="ONNX opset, >= 13 (default: %(default)s)")
    p.add_argument("--split", action="store_true",
                   help="write encoder_model.onnx + decoder_model.onnx (optimum layout) instead of model.onnx")
    p.add_argument("--no-attention-outputs", action="store_true",
                   help="export logits only; MIA-J then finds attention by instrumenting the Softmax nodes")
    p.add_argument("--tokenizer", metavar="ID_OR_DIR",
                   help="where the tokenizer comes from, if not from --model (a folder with tokenizer.json, or "
                        "vocab.json + merges.txt)")
    p.add_argument("--random-config", action="store_true",
                   help="export random weights of --random-shape instead of a checkpoint's (tests, benchmarks)")
    p.add_argument("--random-shape", choices=sorted(RANDOM_SHAPES), default="tiny",
                   help="layers/heads/d_model/ffn of --random-config: tiny = 2+2 layers, 2 heads, d_model 16; "
                        "bart-large-cnn = 12+12, 16, 1024 (default: %(default)s)")
    p.add_argument("--layers", type=int, help="--random-config: encoder and decoder layers (overrides the shape)")
    p.add_argument("--heads", type=int, help="--random-config: attention heads (overrides the shape)")
    p.add_argument("--d-model", type=int, help="--random-config: d_model (overrides the shape)")
    p.add_argument("--ffn", type=int, help="--random-config: feed-forward size (default with --d-model: 2 x d_model)")
    p.add_argument("--attention-layout", choices=("native", "4d"), default="native",
                   help="native: eager attention as this transformers computes it (3-D [batch*heads, tgt, src] "
                        "Softmax up to 4.52, 4-D from 4.53); 4d: force 4.53's 4-D [batch, heads, tgt, src] "
                        "Softmax (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="torch seed for --random-config (default: %(default)s)")
    p.add_argument("--max-positions", type=int, default=1024,
                   help="max_position_embeddings for --random-config (default: %(default)s)")
    p.add_argument("--fixture", nargs=2, metavar=("TEXT_A", "TEXT_B"),
                   help="also write OUT/cross_attentions_fixture.json: PyTorch's cross-attentions for source "
                        "TEXT_A and teacher-forced TEXT_B, for a Java parity test")
    args = p.parse_args(argv)
    if args.opset < 13:
        p.error("--opset must be 13 or more (Softmax over one axis)")

    model, tokenizer, tokenizer_json, model_id = load(args)
    export_bundle(args, model, tokenizer, tokenizer_json, model_id)
    if args.fixture:
        write_fixture(args, model, tokenizer, model_id)
    print("bundle ready: %s" % os.path.abspath(args.out))


if __name__ == "__main__":
    main()
