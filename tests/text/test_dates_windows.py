"""find_dates searches each window only with the patterns whose anchor words it holds; that
must give exactly what searching every window with every pattern gives."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from rasad.text import dates as D

SENTENCES = [
    ("ar", "قصفت الطائرات يوم الجمعة الماضية قرية في ريف إدلب، بعد اشتباكات في 14 تشرين الأول 2019."),
    ("ar", "أعلن التنظيم في تموز الماضي سيطرته على البلدة، ثم انسحب منها منذ ثلاثة أيام."),
    ("ar", "وقع الهجوم فجر اليوم، وكان قد سبقه هجوم مماثل في 1 رمضان 1438 هـ وآخر في 2019/10/14."),
    ("ar", "قتل خمسة مدنيين أمس الخميس، بينما شهد عام 2014 معارك في المنطقة نفسها قبل يومين."),
    ("en", "On Tuesday, two days ago, forces shelled the town; in July last year and on 5 May 2020 too."),
    ("en", "Last Friday's raid followed clashes on May 5 and 14/10/2019, three weeks ago, in 2016."),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_gated_search_equals_full_search(lang: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    published = date(2020, 5, 9)
    gated = D.find_dates(text, lang, published)
    assert gated, "each sentence holds dates"
    lex = D._lex()
    ungated = dataclasses.replace(lex, needs=[frozenset()] * len(lex.needs))
    monkeypatch.setattr(D, "_lex", lambda: ungated)
    assert D.find_dates(text, lang, published) == gated


def test_windows_carry_anchor_classes() -> None:
    t = D.normalize("قتل 5 اشخاص يوم الجمعة" + " " * 200 + "في تموز", "match").text
    wins = D._windows(t, D._lex())
    assert len(wins) == 2
    assert {"d", "w"} <= wins[0][2] and "m" not in wins[0][2]
    assert "m" in wins[1][2]
