#!/usr/bin/env python3
"""Every document the repository refers to is in the repository.

Reads every tracked text file and checks
- markdown links `[text](relative/path)` in *.md files, resolved from the file's folder;
- mentions of `docs/…`, `ARCHITECTURE.md`, `README.md`, `LICENSE` anywhere, resolved from the root;
- that nothing points at the team's workshop notes outside the repository (`DESIGN.md`,
  `research/*.md`): what the code relies on is written into docs/.
`../shared/corpus` (the real-world DaemonSets the corpus tests read, skipped loudly when absent)
is the one outside path allowed.

Usage: scripts/check-docs.py   (exit 1 and a list of problems when a reference is dangling)
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SKIP_SUFFIXES = {".gz", ".png", ".jpg", ".ico", ".wasm", ".lock", ".sum", ".mod", ".tgz"}
SKIP_FILES = {"LICENSE", "package-lock.json", "scripts/check-docs.py"}

MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
ROOT_REF = re.compile(r"(?<![\w./-])((?:docs/[\w./-]+\.(?:md|json))|ARCHITECTURE\.md|README\.md)")
OUTSIDE = re.compile(r"(?<![\w./-])(DESIGN\.md|DESIGN §|(?:shared/)?research/[\w.-]+\.md)")


def tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    return [p for p in out.decode().split("\0") if p]


def main() -> int:
    problems = []
    for rel in tracked():
        path = ROOT / rel
        if rel in SKIP_FILES or path.suffix in SKIP_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in OUTSIDE.finditer(line):
                problems.append(f"{rel}:{lineno}: refers to {m.group(1)!r}, which is not in the repository")
            targets = [(m.group(1), ROOT) for m in ROOT_REF.finditer(line)]
            if rel.endswith(".md"):
                targets += [(m.group(1), path.parent) for m in MD_LINK.finditer(line)]
            for target, base in targets:
                target = target.split("#", 1)[0]
                if not target or "://" in target or target.startswith("mailto:") or any(c in target for c in "<>*{}$"):
                    continue
                if "NN" in target or target.endswith("/.md"):
                    continue  # a pattern, not a file
                if not (base / target).exists():
                    problems.append(f"{rel}:{lineno}: {target} does not exist")
    for p in problems:
        print(p)
    if problems:
        print(f"check-docs: {len(problems)} dangling reference(s)", file=sys.stderr)
        return 1
    print("check-docs: every referenced document is in the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
