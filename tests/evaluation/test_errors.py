"""The error analysis explains each miss once, with the right kind."""

from __future__ import annotations

from collections import Counter

from evalbuild import ev, gold_doc, loc

from rasad.evaluation.errors import analyse

A = (35.00, 40.00)
FAR = (35.40, 40.00)  # ~44 km north of A


def test_each_kind_of_error_is_named() -> None:
    golds = [
        gold_doc(
            "e-1",
            "ar",
            "اشتباكات في القرية وقصف على البلدة وسيطرة على التلة.",
            [
                ev("armed_clash", loc("القرية", *A), "SYR_GOV", "ISIS", "2021-06-01"),
                ev("shelling_artillery_missile_attack", loc("البلدة", *FAR), "SYR_GOV", None),
                ev("government_regains_territory", loc("التلة", None, None), "SYR_GOV", "ISIS", "2021-06-01"),
                ev("attack", loc("الحي", A[0], A[1] + 0.5), "ISIS", "CIVILIANS", None, 3),
                ev("arrests", loc("المدينة", 36.0, 38.0), "SYR_GOV", "CIVILIANS"),
            ],
        )
    ]
    preds = [
        # right place, wrong sub-type
        ev("air_drone_strike", loc("القرية", *A), "RUS", None, doc_id="e-1"),
        # right sub-type, place 44 km off
        ev("shelling_artillery_missile_attack", loc("x", *A), "SYR_GOV", None, doc_id="e-1"),
        # matched by name, wrong actor1 and no date
        ev("government_regains_territory", loc("تلة", None, None), "IRN_BACKED", "ISIS", doc_id="e-1"),
        # matched, wrong fatalities
        ev("attack", loc("الحي", A[0], A[1] + 0.5), "ISIS", "CIVILIANS", None, 5, doc_id="e-1"),
        # false positive
        ev("agreement", None, "SYR_GOV", "SYR_OPP", doc_id="e-1"),
    ]
    rep = analyse(golds, preds)
    kinds = rep.by_kind()
    assert kinds == Counter(
        {
            "wrong_sub_type": 1,
            "wrong_place": 1,
            "wrong_actor1": 1,
            "wrong_date": 1,
            "wrong_fatalities": 1,
            "missed": 1,
            "false_positive": 1,
        }
    )
    details = {(i.kind, i.detail) for i in rep.items}
    assert ("wrong_sub_type", "armed_clash → air_drone_strike") in details
    assert ("wrong_place", "shelling_artillery_missile_attack") in details
    assert ("wrong_actor1", "SYR_GOV → IRN_BACKED") in details
    assert ("missed", "arrests") in details
    assert ("false_positive", "agreement") in details
    far = next(i for i in rep.items if i.kind == "wrong_place")
    assert "44." in far.note
    row = rep.docs[0]
    assert (row.gold, row.pred, row.tp_sub, row.gold_ter, row.tp_ter) == (5, 5, 2, 1, 0)


def test_perfect_predictions_have_no_errors_and_ignore_other_docs() -> None:
    golds = [
        gold_doc("e-2", "en", "Clashes in the town.", [ev("armed_clash", loc("Town", *A), "SDF", "ISIS")])
    ]
    preds = [
        ev("armed_clash", loc("Town", *A), "ISIS", "SDF", doc_id="e-2"),
        ev("attack", None, "ISIS", "CIVILIANS", doc_id="elsewhere"),
    ]
    rep = analyse(golds, preds)
    assert rep.items == []
    assert rep.top(5) == []
