#!/usr/bin/env python3
"""Prints oracle answers (JSON lines on stdin) in a canonical form for comparison: the parts of an
upstream answer that change from run to run are fixed. Go iterates maps in random order (the causes
of map-valued fields and the aggregated Invalid message follow it) and `%#v` prints pointer addresses,
so causes are sorted, the Invalid message (made of the causes) is dropped and addresses become 0x?.
Placement answers (`nodes`): NodeResourcesFit reports scalar resources (extended resources,
hugepages) last, in a map's order, so those reasons are sorted. `victims` (DefaultPreemption) stay
in upstream's order, which is deterministic when every pod has its own status.startTime (the
generated cases do)."""
import json
import re
import sys

ADDRESS = re.compile(r"\(0x[0-9a-f]+\)")


def canonical(result):
    r = dict(result)
    r["causes"] = sorted((ADDRESS.sub("(0x?)", json.dumps(c, sort_keys=True)) for c in r.get("causes", [])))
    if r.get("reason") == "Invalid":
        r.pop("message", None)
    elif "message" in r:
        r["message"] = ADDRESS.sub("(0x?)", r["message"])
    return r


FIXED = {"Too many pods", "Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage"}


def canonical_node(node):
    n = dict(node)
    reasons = n.get("reasons") or []
    fixed = [r for r in reasons if r in FIXED or not r.startswith("Insufficient ")]
    n["reasons"] = fixed + sorted(r for r in reasons if r not in fixed)
    return n


for line in sys.stdin:
    if line.strip():
        answer = json.loads(line)
        if "nodes" in answer:
            answer["nodes"] = [canonical_node(n) for n in answer["nodes"]]
        else:
            answer["results"] = [canonical(r) for r in answer.get("results", [])]
        print(json.dumps(answer, sort_keys=True))
