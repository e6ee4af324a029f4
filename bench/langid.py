"""How well is each input's language identified? Accuracy on the documents of every benchmark set
(gold: the record's `language` field), on short texts cut from them (the first line, often the
title; the first sentence) and on mixed pages (two documents of different languages, one after
the other).

    python bench/langid.py [--benchmark ../shared/benchmark] [--assume fr,de,es,pt,sv]
                           [--method candidates|full|packs|lingua] [--margin 5]

The candidates are those sitrep uses (sitrep.lang.choose.candidates): the codes the packs present
claim, their neighbours and the world's main news languages (shared/languages.toml). `--assume`
adds packs that are not in this checkout (each claiming its own code, with its neighbours), so the
numbers of a full set of packs can be had before they are merged. `--method` compares: `full`,
py3langid over every language it knows; `packs`, over the packs' codes alone; `lingua`,
lingua-language-detector over the same candidates (when it is installed). `--margin` tries another
NO_PACK_MARGIN (how much likelier a language without a pack must be than the packs' to be refused).

A document counts as right when it would get the right pack, or, in a language without a pack, be
skipped as that language. "wrong pack" counts the worst mistake: a text read with another
language's pack. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

from sitrep.lang import choose
from sitrep.lang.choose import _code_to_pack, candidates
from sitrep.lang.choose import identify as sitrep_identify

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmark"
SHORT_CHARS = 300
MIXED_CHARS = 1000  # of each of the two documents of a mixed page
SENTENCE_END = re.compile(r"(?<=[.!?。؟])\s")

Identify = Callable[[str], str | None]


def documents(folder: Path) -> list[tuple[str, str, str]]:
    """(set, gold language, text) of every document with a language, of every set of `folder`."""
    found = []
    for path in sorted(folder.glob("*/documents.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record.get("language") and isinstance(record.get("text"), str) and record["text"].strip():
                    found.append((path.parent.name, str(record["language"]).lower(), record["text"]))
    return found


def first_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip()).strip()[:SHORT_CHARS]


def first_sentence(text: str) -> str:
    body = " ".join(text.split())
    return SENTENCE_END.split(body, 1)[0][:SHORT_CHARS]


def assumed_table(extra: list[str]) -> dict[str, str]:
    """The code table of the packs present, plus `extra` packs each claiming its own code."""
    table = dict(_code_to_pack())
    for code in extra:
        table.setdefault(code, code)
    return table


def identifier(method: str, table: Mapping[str, str]) -> Identify:
    if method == "candidates":
        return lambda text: sitrep_identify(text, table)
    if method in ("full", "packs"):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
        if method == "packs":
            model.set_languages(sorted(set(table) & set(model.nb_classes)))
        return lambda text: str(model.classify(text[:2000].lower())[0])
    if method == "lingua":
        return lingua_identifier(table)
    raise SystemExit(f"unknown method {method!r}")


def lingua_identifier(table: Mapping[str, str]) -> Identify:
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:
        raise SystemExit("lingua is not installed: pip install lingua-language-detector") from None
    wanted = []
    for code in candidates(table):
        try:
            wanted.append(IsoCode639_1.from_str(code))
        except ValueError:
            continue  # a language lingua does not know
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*wanted).build()
    nb = {"nb", "nn"}  # lingua answers "nb" and "nn"; sitrep's packs claim py3langid's "no"

    def identify(text: str) -> str | None:
        found = detector.detect_language_of(text[:2000])
        if found is None:
            return None
        code = found.iso_code_639_1.name.lower()
        return "no" if code in nb and "no" in table else code

    return identify


def outcome(gold: str, found: str | None, table: Mapping[str, str]) -> str:
    """'right', 'wrong pack' (read with another language's pack), 'skipped' (has a pack, taken for a
    language without one) or 'other' (no pack, taken for another language without one: still skipped)."""
    want, got = table.get(gold, gold), table.get(found or "", found)
    if want == got:
        return "right"
    if got in table.values():
        return "wrong pack"
    return "skipped" if want in table.values() else "other"


def score(
    rows: list[tuple[str, str, str]], identify: Identify, table: Mapping[str, str], cut: Callable[[str], str]
) -> dict[str, Counter[str]]:
    by_set: dict[str, Counter[str]] = defaultdict(Counter)
    for name, gold, text in rows:
        by_set[name][outcome(gold, identify(cut(text)), table)] += 1
    return by_set


def mixed(rows: list[tuple[str, str, str]], identify: Identify, table: Mapping[str, str]) -> Counter[str]:
    """Each language's documents followed by another language's: which of the two is identified."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for _name, gold, text in rows:
        by_lang[table.get(gold, gold)].append(text)
    langs = sorted(by_lang)
    counts: Counter[str] = Counter()
    for i, lang in enumerate(langs):
        other = langs[(i + 1) % len(langs)]
        for j, text in enumerate(by_lang[lang][:10]):
            second = by_lang[other][j % len(by_lang[other])]
            found = identify(text[:MIXED_CHARS] + "\n\n" + second[:MIXED_CHARS])
            got = table.get(found or "", found)
            counts["first" if got == lang else "second" if got == other else "neither"] += 1
    return counts


def print_table(title: str, by_set: dict[str, Counter[str]]) -> None:
    print(f"\n{title}")
    print(f"{'set':<18} {'docs':>5} {'right':>7} {'wrong pack':>11} {'skipped':>8}")
    total: Counter[str] = Counter()
    for name in sorted(by_set):
        c = by_set[name]
        total.update(c)
        print(_row(name, c))
    print(_row("all", total))
    shares = [_right(by_set[name]) for name in by_set]
    print(f"{'mean of the sets':<24} {sum(shares) / len(shares):>7.1%}")


def _row(name: str, c: Counter[str]) -> str:
    return f"{name:<18} {sum(c.values()):>5} {_right(c):>7.1%} {c['wrong pack']:>11} {c['skipped']:>8}"


def _right(c: Counter[str]) -> float:
    # A language without a pack taken for another one without a pack: skipped all the same.
    return (c["right"] + c["other"]) / sum(c.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, default=BENCHMARK, help="folder of benchmark sets")
    parser.add_argument("--assume", default="", help="packs to count as present, comma-separated (fr,de,es,pt,sv)")
    parser.add_argument("--method", default="candidates", choices=["candidates", "full", "packs", "lingua"])
    parser.add_argument("--margin", type=float, default=choose.NO_PACK_MARGIN, help="NO_PACK_MARGIN to try")
    args = parser.parse_args()
    choose.NO_PACK_MARGIN = args.margin
    table = assumed_table([c.strip() for c in args.assume.split(",") if c.strip()])
    rows = documents(args.benchmark)
    if not rows:
        raise SystemExit(f"no documents with a language in {args.benchmark}/*/documents.jsonl")
    identify = identifier(args.method, table)
    packs = sorted(set(table.values()))
    print(f"method: {args.method}; packs: {', '.join(packs)}; margin {args.margin:g}")
    if args.method in ("candidates", "lingua"):
        print(f"candidates ({len(candidates(table))}): {' '.join(candidates(table))}")
    print_table("whole documents (first 2,000 characters)", score(rows, identify, table, lambda t: t))
    print_table(
        f"first line (a title, mostly; at most {SHORT_CHARS} characters)", score(rows, identify, table, first_line)
    )
    print_table("first sentence", score(rows, identify, table, first_sentence))
    m = mixed(rows, identify, table)
    n = sum(m.values())
    print(
        f"\nmixed pages ({MIXED_CHARS} + {MIXED_CHARS} characters of two languages, {n} pages): "
        f"first language {m['first'] / n:.0%}, second {m['second'] / n:.0%}, neither {m['neither'] / n:.0%}"
    )


if __name__ == "__main__":
    main()
