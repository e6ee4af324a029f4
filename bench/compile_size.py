"""How much does compiling a language pack cost? Pattern text and CPU seconds, per pack.

    python bench/compile_size.py              # every pack
    python bench/compile_size.py en nb

Each pack is measured in a fresh subprocess: `import sitrep`, then the first extraction of a
short text, which compiles what the stages need of that pack. Every regular expression compiled
on the way (re, and the third-party `regex` module if it is used) is counted: its pattern length
and the CPU time spent compiling it. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = "Gunmen killed 3 people in Kabul on Monday. Two soldiers were wounded."

# Runs in the subprocess: wraps the compilers before sitrep is imported.
PROBE = r"""
import json, re, sys, time
seen, stats = set(), {"chars": 0, "patterns": 0, "compile_s": 0.0}
def wrap(module):
    inner = module._compile
    def counted(pattern, flags, *rest, **kw):
        if isinstance(pattern, (str, bytes)) and (pattern, flags) not in seen:
            seen.add((pattern, flags))
            t = time.process_time()
            out = inner(pattern, flags, *rest, **kw)
            stats["compile_s"] += time.process_time() - t
            stats["chars"] += len(pattern)
            stats["patterns"] += 1
            return out
        return inner(pattern, flags, *rest, **kw)
    module._compile = counted
wrap(re)
try:
    import regex
    wrap(sys.modules[regex.compile.__module__])
except ImportError:
    pass
t0 = time.process_time()
import sitrep
t1 = time.process_time()
sitrep.extract(sys.argv[2], lang=sys.argv[1])
t2 = time.process_time()
stats.update(import_s=t1 - t0, first_extract_s=t2 - t1)
print(json.dumps(stats))
"""


def measure(code: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PROBE, code, TEXT], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    from sitrep.lang import available_languages

    codes = sys.argv[1:] or list(available_languages())
    print(f"{'pack':<5} {'patterns':>8} {'pattern KB':>10} {'compile s':>9} {'import s':>8} {'1st extract s':>13}")
    for code in codes:
        s = measure(code)
        print(
            f"{code:<5} {s['patterns']:>8} {s['chars'] / 1000:>10.1f} {s['compile_s']:>9.2f} "
            f"{s['import_s']:>8.2f} {s['first_extract_s']:>13.2f}"
        )


if __name__ == "__main__":
    main()
