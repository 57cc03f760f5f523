"""rasad.evaluation.gold must give exactly the numbers of ../shared/eval/score.py.

The gold and predicted files are constructed here (short sentences written for the tests), with
the cases where a re-implementation would most easily drift: unresolved places matched by name,
unordered actor pairs, null locations, territory requiring actor1, the 5 / 30 km limits, greedy
matching order, attributes scored only where the gold states them, and predictions for
documents the gold does not have.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from evalbuild import ev, gold_doc, loc, write_jsonl
from typer.testing import CliRunner

from rasad.evaluation.gold import score, score_by_language

A = (35.00, 40.00)  # a made-up town
B = (35.30, 40.40)  # another, ~48 km away


def reference(script: Path, gold: Path, pred: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(script), str(gold), str(pred), "--json", "--by-doc"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def tricky_case() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    golds = [
        gold_doc(
            "t-ar-1",
            "ar",
            "سيطرت قوات النظام على تلة الأحمر بعد اشتباكات مع التنظيم قرب قرية المزرعة.",
            [
                # unresolved place (no coordinates): matched by name, article/hamza/ta marbuta loose
                ev(
                    "government_regains_territory",
                    loc("تلة الأحمر", None, None),
                    "SYR_GOV",
                    "ISIS",
                    "2019-02-03",
                ),
                # armed clash: actors compared unordered
                ev("armed_clash", loc("المزرعة", *A), "SYR_GOV", "ISIS", "2019-02-03", 4),
                # territory: sub-type matches, actor1 wrong -> not a territory hit
                ev("non_state_actor_overtakes_territory", loc("الخربة", *B), "SDF", "ISIS"),
            ],
            published="2019-02-03",
        ),
        gold_doc(
            "t-ar-2",
            "ar",
            "قصفت المدفعية أطراف البلدة وقتل مدنيان برصاص مسلحين.",
            [
                # null location on both sides matches
                ev("shelling_artillery_missile_attack", None, "SYR_GOV", "CIVILIANS", None, 2),
                # ordered actors: swapped is wrong
                ev("attack", loc("البلدة", *A, gp=2), "OTHER_ARMED", "CIVILIANS", "2020-05-01", 2),
                # gold null location, predicted located: no match
                ev("arrests", None, "SYR_GOV", "CIVILIANS"),
            ],
        ),
        gold_doc(
            "t-en-1",
            "en",
            "Government forces recaptured two villages north of the city after clashes.",
            [
                ev(
                    "government_regains_territory",
                    loc("North Village", 35.02, 40.00),
                    "SYR_GOV",
                    "SDF",
                    "2018-03-04",
                ),
                ev(
                    "government_regains_territory",
                    loc("South Village", 34.99, 40.00),
                    "SYR_GOV",
                    "SDF",
                    "2018-03-04",
                ),
                # geo_precision 2: 30 km limit
                ev("air_drone_strike", loc("the countryside", *A, gp=2), "RUS", None, "2018-03-03"),
                # geo_precision 1: 5 km limit
                ev("peaceful_protest", loc("Square", *B), "PROTESTERS", None, "2018-03-04"),
            ],
            published="2018-03-04",
        ),
        gold_doc(
            "t-ar-3",
            "ar",
            "اعتقلت دورية عدة شبان عند حاجز الزيتون وفي حي الروضة.",
            [
                # gold place without coordinates, predicted with coordinates: still matched by name
                ev("arrests", loc("حاجز الزيتون", None, None), "SYR_GOV", "CIVILIANS"),
                # Latin article forms: "Al-Rawda" and "al Rawda" share a key
                ev("arrests", loc("Al-Rawda", None, None), "SYR_GOV", "CIVILIANS"),
            ],
        ),
        gold_doc("t-en-2", "en", "Nothing happened in this report about the weather.", []),
        gold_doc(
            "t-en-3",
            "en",
            "The two sides signed a truce in the town; protesters were dispersed.",
            [
                ev("agreement", loc("Town", *A), "SYR_GOV", "SYR_OPP", "2017-01-01"),
                ev("protest_with_intervention", loc("Town", *A), "PROTESTERS", "SYR_GOV"),
            ],
        ),
    ]
    preds = [
        ev(
            "government_regains_territory",
            loc("تله الاحمر", None, None),
            "SYR_GOV",
            "ISIS",
            "2019-02-03",
            doc_id="t-ar-1",
        ),
        ev(
            "armed_clash",
            loc("المزرعه", A[0] + 0.01, A[1]),
            "ISIS",
            "SYR_GOV",
            "2019-02-02",
            4,
            doc_id="t-ar-1",
        ),
        ev("non_state_actor_overtakes_territory", loc("الخربة", *B), "SNA", "ISIS", doc_id="t-ar-1"),
        ev("shelling_artillery_missile_attack", None, "SYR_GOV", "CIVILIANS", None, 3, doc_id="t-ar-2"),
        ev(
            "attack",
            loc("البلدة", A[0] + 0.15, A[1], 2),
            "CIVILIANS",
            "OTHER_ARMED",
            "2020-05-01",
            2,
            doc_id="t-ar-2",
        ),
        ev("arrests", loc("البلدة", *A), "SYR_GOV", "CIVILIANS", doc_id="t-ar-2"),
        # two predictions near two gold villages, listed in the "wrong" order: greedy by distance
        ev(
            "government_regains_territory",
            loc("v1", 34.995, 40.0),
            "SYR_GOV",
            "SDF",
            "2018-03-04",
            doc_id="t-en-1",
        ),
        ev(
            "government_regains_territory",
            loc("v2", 35.018, 40.0),
            "SYR_GOV",
            None,
            "2018-03-05",
            doc_id="t-en-1",
        ),
        ev("air_drone_strike", loc("near", A[0] + 0.2, A[1]), "RUS", None, "2018-03-03", doc_id="t-en-1"),
        ev("peaceful_protest", loc("Square 8 km off", B[0] + 0.072, B[1]), "PROTESTERS", doc_id="t-en-1"),
        ev("arrests", loc("حاجز الزيتون", *A), "SYR_GOV", "CIVILIANS", doc_id="t-ar-3"),
        ev("arrests", loc("al Rawda", None, None), "SYR_GOV", "CIVILIANS", doc_id="t-ar-3"),
        ev("attack", loc("x", *A), "ISIS", "CIVILIANS", doc_id="t-en-2"),
        ev("agreement", loc("Town", *A), "SYR_OPP", "SYR_GOV", "2017-01-01", doc_id="t-en-3"),
        ev("protest_with_intervention", loc("Town", *A), "SYR_GOV", "PROTESTERS", doc_id="t-en-3"),
        ev("protest_with_intervention", loc("Town", *A), "SYR_GOV", "PROTESTERS", doc_id="t-en-3"),
        # a document the gold does not have: ignored
        ev("attack", loc("y", *A), "ISIS", "CIVILIANS", doc_id="not-in-gold"),
    ]
    return golds, preds


def test_tricky_cases_agree_with_reference(tmp_path: Path, reference_scorer: Path) -> None:
    golds, preds = tricky_case()
    g = write_jsonl(tmp_path / "gold.jsonl", golds)
    p = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = reference(reference_scorer, g, p)
    mine = score(golds, preds)
    assert mine == ref
    # the constructed cases do exercise what they are meant to
    assert ref["sub_event_type"]["tp"] == 12
    assert ref["territory"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75, "tp": 3, "pred": 4, "gold": 4}
    # only the swapped ordered pair (attack) and the wrong territory actor1 are actor errors
    assert ref["matched_attribute_accuracy"]["actor1"] == {"accuracy": round(10 / 12, 4), "n": 12}


def test_per_language_agrees_with_reference_on_subsets(tmp_path: Path, reference_scorer: Path) -> None:
    golds, preds = tricky_case()
    p = write_jsonl(tmp_path / "pred.jsonl", preds)
    mine = score_by_language(golds, preds)
    for lang in ("ar", "en"):
        g = write_jsonl(tmp_path / f"gold_{lang}.jsonl", [d for d in golds if d["lang"] == lang])
        assert mine[lang] == reference(reference_scorer, g, p)


def random_case(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    subs = ["armed_clash", "government_regains_territory", "attack", "agreement", "air_drone_strike"]
    actors = ["SYR_GOV", "ISIS", "SDF", "CIVILIANS", None]
    names = ["قرية الزيتون", "الزيتون", "Zaytun", "al-Zaytun", "حقل النخيل", "حقل نخيل"]
    centres = [(35.0, 40.0), (35.1, 40.05), (36.0, 38.0)]

    def rloc() -> dict[str, Any] | None:
        r = rng.random()
        if r < 0.15:
            return None
        if r < 0.35:
            return loc(rng.choice(names), None, None)
        c = rng.choice(centres)
        return loc(
            "p", c[0] + rng.uniform(-0.2, 0.2), c[1] + rng.uniform(-0.2, 0.2), rng.choice([1, 1, 2, 3])
        )

    def revent(doc_id: str | None) -> dict[str, Any]:
        return ev(
            rng.choice(subs),
            rloc(),
            rng.choice(actors),
            rng.choice(actors),
            rng.choice([None, "2020-01-01", "2020-01-02"]),
            rng.choice([None, 0, 1, 2]),
            doc_id=doc_id,
        )

    golds, preds = [], []
    for k in range(12):
        doc_id = f"r-{k}"
        golds.append(
            gold_doc(
                doc_id, rng.choice(["ar", "en"]), "نص قصير.", [revent(None) for _ in range(rng.randint(0, 6))]
            )
        )
        preds.extend(revent(doc_id) for _ in range(rng.randint(0, 7)))
    return golds, preds


def test_random_cases_agree_with_reference(tmp_path: Path, reference_scorer: Path) -> None:
    rng = random.Random(20260425)
    for i in range(5):
        golds, preds = random_case(rng)
        g = write_jsonl(tmp_path / f"g{i}.jsonl", golds)
        p = write_jsonl(tmp_path / f"p{i}.jsonl", preds)
        assert score(golds, preds) == reference(reference_scorer, g, p)


def test_cli_gold_pred_prints_and_writes_reference_numbers(tmp_path: Path, reference_scorer: Path) -> None:
    from rasad.cli.main import app

    golds, preds = tricky_case()
    g = write_jsonl(tmp_path / "gold.jsonl", golds)
    p = write_jsonl(tmp_path / "pred.jsonl", preds)
    out = tmp_path / "scores.json"
    res = CliRunner().invoke(
        app, ["eval", "--gold", str(g), "--pred", str(p), "--json", str(out), "--by-doc"]
    )
    assert res.exit_code == 0, res.output
    assert "sub_event_type F1" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    ref = reference(reference_scorer, g, p)
    assert data["details"]["gold"]["all"] == ref
    row = next(r for r in data["rows"] if r["suite"] == "gold all" and r["metric"] == "territory F1")
    assert row["value"] == ref["territory"]["f1"]
