"""Train the sentence classifiers shipped as eventwire/data/event_classifier.npz.

Usage: .venv/bin/python scripts/train_event_classifier.py [--shared ../shared]

Inputs (read from ../shared/eval/events, never shipped as text):
- conflibert_quad_train.tsv: 1,349 human-labelled news sentences with the CAMEO quad class
  (eventdata/ConfliBERT data/cameo_class/train.tsv, GPL-3.0; the ConfliBERT authors state
  they do not own the copyrights of the underlying datasets; Parolin et al. 2022).
- ngec_synthetic_plover.csv: 4,500 GPT-written synthetic stories with a PLOVER type
  (ahalterman/NGEC, no license file; NGEC-2025 declares MIT). The first sentence of each
  story is used.
- te3_silver.jsonl.gz (../shared/data/corpus; TempEval-3 silver, Gigaword AFP/APW news): the
  sentences of every second article are the gate model's "other" class.
plover_gsr_dev.jsonl is NOT used: it is the type evaluation set.

Training is deterministic (lbfgs, fixed data order). The model card is
eventwire/data/event_classifier.MODEL_CARD.md.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from eventwire.eval.events import read_quad
from eventwire.events import train

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "eventwire" / "data" / "event_classifier.npz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    ev = args.shared / "eval" / "events"
    quad_rows = list(read_quad(ev / "conflibert_quad_train.tsv"))
    ngec = train.read_ngec(ev / "ngec_synthetic_plover.csv")
    negatives = train.read_negatives(args.shared / "data" / "corpus" / "te3_silver.jsonl.gz")
    quad = train.fit_quad(quad_rows)
    ptype = train.fit_type(ngec)
    gate = train.fit_gate([t for t, _ in quad_rows] + [t for t, _ in ngec], negatives)
    train.save({"quad": quad, "type": ptype, "gate": gate}, args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    for name, m in (("quad", quad), ("type", ptype), ("gate", gate)):
        print(f"{name}: {len(m.labels)} labels, {m.coef.shape[1]} features")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, sha256 {digest})")


if __name__ == "__main__":
    main()
