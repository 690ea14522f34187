#!/usr/bin/env python3
"""Writes the text of the `lint/report/100KB` benchmark to a file: the sentences of the labelled
corpus (src-tauri/core/tests/corpus/sentences.toml), in order, as paragraphs of five, until the
text holds 100 KiB; the same steps as `corpus_text` in src-tauri/core/benches/lint.rs.

Usage: corpus.py OUTPUT
"""

import itertools
import pathlib
import sys
import tomllib

BYTES = 100 * 1024
ROOT = pathlib.Path(__file__).resolve().parents[3]


def corpus_text(size):
    corpus = tomllib.loads((ROOT / "src-tauri/core/tests/corpus/sentences.toml").read_text())
    parts = []
    length = 0
    for index, item in enumerate(itertools.cycle(corpus["item"])):
        if length >= size:
            break
        for part in (item["text"], "\n\n" if index % 5 == 4 else " "):
            parts.append(part)
            length += len(part.encode())
    return "".join(parts)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pathlib.Path(sys.argv[1]).write_text(corpus_text(BYTES))
