#!/usr/bin/python3
"""Independent reference for BART's byte-level BPE: GPT-2's original encoder.py, re-typed.

Why: ByteLevelBpeTokenizerJson writes a Hugging Face tokenizer.json from vocab.json + merges.txt, and DJL's
Rust tokenizer reads it. To know the result tokenises like BART, we compare DJL's ids with this script's,
which follows OpenAI's gpt-2/src/encoder.py (bytes_to_unicode, the pre-tokenising regex, greedy merges of
the lowest-ranked pair) and shares no code with either.

Rerun (writes the fixture the Java test ByteLevelBpeTokenizerJsonTest reads):

    apt-get install -y python3-regex     # Debian's python3 has it; a pyenv python3 does not
    /usr/bin/python3 mia-onnx/src/test/python/gpt2_bpe_reference.py \
        ../shared/data/bart-tokenizer \
        > mia-onnx/src/test/resources/io/github/miaj/onnx/tokenizer/bart-bpe-expected.tsv

Output: comment lines starting with '#', then one line per sentence: the sentence with backslash, newline,
carriage return and tab escaped as \\ \n \r \t, a tab, and the ids (no <s> </s>) separated by spaces.
"""
import json
import os
import sys
from functools import lru_cache

import regex as re  # the `regex` module: \p{L} and \p{N} as GPT-2 uses them

# The sentences cover what trips byte-level BPE up: leading and repeated spaces, punctuation runs,
# contractions (matched by the regex only in lower case and with an ASCII apostrophe), curly quotes and
# apostrophes (multi-byte, split into byte tokens), dashes, accents, CJK, emoji (4 bytes, surrogate pairs
# in Java), digits, newlines, tabs, a non-breaking space and text shaped like the Gutenberg books.
SENTENCES = [
    "Hello world",
    " Hello world",
    "Hello  world",
    "Hello   world  ",
    "   leading spaces",
    "trailing spaces   ",
    "Punctuation!!! Really?! Yes... (maybe) [ok] {fine}",
    "I'm sure you'll say it's what they've done, and we'd agree.",
    "I'M SURE YOU'LL SAY IT'S DONE",
    "\u201cCurly quotes,\u201d she said, \u2018and single ones\u2019 too.",
    "Don\u2019t split this \u2014 or that \u2013 please\u2026",
    "Caf\u00e9 na\u00efve \u00fcber Stra\u00dfe \u00e9l\u00e8ve",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 and \u4e2d\u6587",
    "Emoji \U0001F600 and \U0001F44D\U0001F3FD and \u2764\ufe0f!",
    "Numbers 1234567 and 3.14159, 1,000,000 and 2024-01-31.",
    "Line one\nLine two\n\nLine four",
    "Tabs\tbetween\t\twords",
    "Mixed \t \n whitespace \r\n end",
    "non\u00a0breaking\u00a0space",
    "_italics_ and **bold** and #hashtag @user http://example.com/a?b=c",
    "In my younger and more vulnerable years my father gave me some advice that I\u2019ve been "
    "turning over in my mind ever since.",
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife.",
    "The quick brown fox jumps over the lazy dog.",
    "a",
    " ",
    "x\u0301 combining accent",
]


def bytes_to_unicode():
    """GPT-2's reversible map from the 256 bytes to printable unicode characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) \
        + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def get_pairs(word):
    return {(word[i], word[i + 1]) for i in range(len(word) - 1)}


class Encoder:
    def __init__(self, encoder, bpe_merges):
        self.encoder = encoder
        self.byte_encoder = bytes_to_unicode()
        self.bpe_ranks = dict(zip(bpe_merges, range(len(bpe_merges))))
        self.pat = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")

    @lru_cache(maxsize=None)
    def bpe(self, token):
        word = tuple(token)
        pairs = get_pairs(word)
        if not pairs:
            return token
        while True:
            bigram = min(pairs, key=lambda pair: self.bpe_ranks.get(pair, float("inf")))
            if bigram not in self.bpe_ranks:
                break
            first, second = bigram
            new_word = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                except ValueError:
                    new_word.extend(word[i:])
                    break
                new_word.extend(word[i:j])
                i = j
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new_word.append(first + second)
                    i += 2
                else:
                    new_word.append(word[i])
                    i += 1
            word = tuple(new_word)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        return " ".join(word)

    def encode(self, text):
        ids = []
        for token in re.findall(self.pat, text):
            token = "".join(self.byte_encoder[b] for b in token.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self.bpe(token).split(" "))
        return ids


def escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gpt2_bpe_reference.py DIR_WITH_vocab.json_AND_merges.txt > expected.tsv")
    folder = sys.argv[1]
    with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as f:
        encoder = json.load(f)
    with open(os.path.join(folder, "merges.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[0].startswith("#version"):
        lines = lines[1:]
    merges = [tuple(line.split(" ")) for line in lines if line]
    enc = Encoder(encoder, merges)
    out = sys.stdout
    out.write("# Expected BART byte-level BPE ids (no <s> </s>), from GPT-2's encoder.py algorithm.\n")
    out.write("# Generated by mia-onnx/src/test/python/gpt2_bpe_reference.py over ../shared/data/bart-tokenizer\n")
    out.write("# (vocab.json %d tokens, merges.txt %d merges). Format: escaped sentence TAB ids.\n"
              % (len(encoder), len(merges)))
    for sentence in SENTENCES:
        out.write(escape(sentence) + "\t" + " ".join(str(i) for i in enc.encode(sentence)) + "\n")


if __name__ == "__main__":
    main()
