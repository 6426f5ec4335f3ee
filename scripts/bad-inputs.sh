#!/usr/bin/env bash
# Reruns the bad inputs of issue 13 through the real command line (bin/mia) and prints the figures:
# inputs tried / processed correctly / clear error / stack trace / crash / file destroyed / half-written.
# Usage: scripts/bad-inputs.sh [--gutenberg DIR]   (needs Linux: mkfifo, mknod as root, /dev/full)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mia="$root/bin/mia"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
tried=0 ok=0 clear=0 trace=0 crash=0 destroyed=0 half=0

# what stands at a path: its type, and the content's hash for a regular file (never reads a FIFO or device)
fingerprint() {
  if [ -L "$1" ]; then echo "link -> $(readlink "$1")"
  elif [ -f "$1" ]; then echo "file $(md5sum < "$1" | cut -c1-8) $(stat -c %a "$1")"
  else stat -c %F "$1" 2>/dev/null; fi
}

# expect: ok (must succeed) or refuse (must fail with a message); $target: a path that must survive as it was
check() {
  local expect="$1" label="$2"; shift 2
  local before="" after=""
  [ -n "${target:-}" ] && before="$(fingerprint "$target")"
  timeout 600 "$@" > out.txt 2> err.txt < "${stdin:-/dev/null}"
  local rc=$?
  tried=$((tried + 1))
  local verdict
  if [ $rc -ge 124 ]; then verdict=crash; crash=$((crash + 1))
  elif grep -qE '^\s+at |Exception in thread|^java\.' err.txt; then verdict="stack trace"; trace=$((trace + 1))
  elif [ "$expect" = ok ] && [ $rc -eq 0 ]; then verdict=ok; ok=$((ok + 1))
  elif [ "$expect" = refuse ] && [ $rc -ne 0 ] && grep -q '^mia: error: \|^Missing\|must be at least' err.txt; then
    verdict="clear error"; clear=$((clear + 1))
  else verdict="WRONG (rc $rc)"; fi
  if [ -n "${target:-}" ]; then
    after="$(fingerprint "$target")"
    [ "$before" != "$after" ] && { verdict="$verdict, DESTROYED"; destroyed=$((destroyed + 1)); }
  fi
  if find . -name '*.mia-tmp' -o -name '*.tmp' | grep -q .; then verdict="$verdict, HALF-WRITTEN"; half=$((half + 1)); fi
  printf '%-46s rc=%-3s %-14s %s\n' "$label" "$rc" "$verdict" "$(grep -m1 -v '^mia: note' err.txt | cut -c1-110)"
  target=""; stdin=""
}

python3 - <<'PY'
import random
random.seed(7)
open('zh.txt','w').write(''.join(chr(0x4e00 + random.randrange(3000)) for _ in range(3000)))
open('ja.txt','w').write(''.join(random.choice('あいうえおかきくけこさしすせそアイウエオ漢字仮名。') for _ in range(3000)))
open('url.txt','w').write('See https://example.org/' + ''.join(random.choice('abc123/?=&%') for _ in range(4000)) + ' now.')
open('latex.txt','w').write(' '.join('$\\frac{\\partial^{2}u_{%d}}{\\partial x^{2}}+\\sum_{i=0}^{n}\\alpha_{i}\\beta^{(k)}$' % k for k in range(300)))
open('punct.txt','w').write('!?.,;:' * 1500)
open('emoji.txt','w').write('\U0001F600 \U0001F44D\U0001F3FD ' * 800 + 'end.')
open('esc.txt','w').write('The keeper \x1b]0;pwned\x07climbed \x1b[2Jthe spiral stairs every evening at dusk.')
w = ' '.join('word%d' % (i % 60) for i in range(400))
open('long.tsv','w').write('the cat sat\tthe cat sat\n' + w + '\t' + w + '\nx y\tx y\n')
open('u16.txt','wb').write('Some ordinary text.'.encode('utf-16'))
open('late-nul.txt','wb').write(b'word ' * 4000 + b'\0')
open('latin1.txt','wb').write('caf\xe9 au lait'.encode('latin1'))
open('empty.txt','w').write('')
PY
printf 'The cat sat on the mat.' > ok.txt
samples="$root/mia-examples/samples"

check ok     "detect samples a b"                   "$mia" detect "$samples/a.txt" "$samples/b.txt"
for f in zh ja url latex punct emoji; do
  check ok   "detect $f.txt against itself"         "$mia" detect --no-progress $f.txt $f.txt
done
check ok     "detect zh.txt --exhaustive"           "$mia" detect --no-progress --exhaustive zh.txt ok.txt
check ok     "detect escapes (text output)"         "$mia" detect esc.txt esc.txt
grep -q $'\x1b' out.txt && echo "  ^ ESC reached the terminal"
stdin=ok.txt check ok "detect - (stdin) ok.txt"     "$mia" detect - ok.txt
check ok     "align: a pair longer than the window" "$mia" align --input long.tsv
check refuse "detect /dev/zero"                     "$mia" detect /dev/zero ok.txt
mkfifo fifo; (head -c 100000000 /dev/zero | tr '\0' 'a' > fifo &) ; sleep 0.2
check refuse "detect FIFO carrying 100 MB"          "$mia" detect fifo ok.txt
check refuse "detect UTF-16 file"                   "$mia" detect u16.txt ok.txt
check refuse "detect NUL at byte 20000"             "$mia" detect late-nul.txt ok.txt
check refuse "detect latin-1 file"                  "$mia" detect latin1.txt ok.txt
check refuse "detect empty file"                    "$mia" detect empty.txt ok.txt
check refuse "detect a directory"                   "$mia" detect . ok.txt
check refuse "detect missing file"                  "$mia" detect nothing.txt ok.txt
check refuse "detect > /dev/full"                   bash -c "'$mia' detect ok.txt ok.txt > /dev/full"
check refuse "heads --top -1"                       "$mia" heads --top -1
mkdir -p books; cp "$samples/a.txt" books/
check refuse "train --train-pairs -5"               "$mia" train --corpus books --train-pairs -5 --out d.json
check refuse "eval --corpus --skip -5"              "$mia" eval --corpus books --skip -5
check refuse "train --out /proc/x.json"             "$mia" train --corpus books --out /proc/x.json
check refuse "train --out (a directory)"            "$mia" train --corpus books --out books
check refuse "train --out ''"                       "$mia" train --corpus books --out ''
if mknod chardev c 1 3 2>/dev/null; then
  target=chardev check refuse "heads --png (character device)" "$mia" heads --png chardev
  target=chardev check refuse "train --out (character device)" "$mia" train --corpus books --out chardev
fi
mkfifo outfifo
target=outfifo check refuse "heads --png (FIFO)"   "$mia" heads --png outfifo
echo keep > real.png; ln -s real.png link.png
target=link.png check refuse "heads --png (symlink)" "$mia" heads --png link.png
echo keep > ro.png; chmod 444 ro.png
target=ro.png check refuse "heads --png (read-only file)" "$mia" heads --png ro.png
echo keep > r.html
target=r.html check refuse "detect --format html --out (input missing)" "$mia" detect nothing.txt ok.txt --format html --out r.html
truncate -s 100M big.json
check refuse "detect --detector (100 MB file)"      "$mia" detect ok.txt ok.txt --detector big.json
# detector files with bad values, derived from the shipped one
cp "$root/mia-onnx/src/main/resources/io/github/miaj/onnx/detectors/verbatim.json" v.json 2>/dev/null || true
if [ -f v.json ]; then
  sed -E '0,/"weights": \[[-0-9.eE]+/s//"weights": [1e308/' v.json > w.json
  sed -E 's/"precision": [-0-9.eE]+/"precision": 5.0/' v.json > m.json
  sed -E 's/"modelId": "[^"]*"/"modelId": null/' v.json > n.json
  check refuse "detector with a weight of 1e308"    "$mia" detect ok.txt ok.txt --detector w.json
  check refuse "detector with precision 5.0"        "$mia" detect ok.txt ok.txt --detector m.json
  check refuse "detector with modelId null"         "$mia" detect ok.txt ok.txt --detector n.json
fi
check refuse "detect samples at -Xmx200m (small heap)" env MIA_JAVA_OPTS=-Xmx200m "$mia" detect "$samples/a.txt" "$samples/b.txt"
check ok     "detect samples at -Xmx512m (the minimum)"  env MIA_JAVA_OPTS=-Xmx512m "$mia" detect "$samples/a.txt" "$samples/b.txt"
rm -f fifo outfifo chardev
echo
echo "inputs tried / processed correctly / clear error / stack trace / crash / file destroyed / half-written"
echo "$tried / $ok / $clear / $trace / $crash / $destroyed / $half"
