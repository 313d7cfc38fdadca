"""The high-impact verdict, derived from fields only."""

import pytest

from bot.programs.hit import verdict


def test_a_program_meeting_every_criterion_meets():
    assert verdict(3, 4, True, "during_school").meets


@pytest.mark.parametrize(
    "fields, missed",
    [
        ((2, 4, True, "during_school"), ("sessions",)),
        ((3, 5, True, "before_after_school"), ("group",)),
        ((3, 4, False, "during_school"), ("tutor",)),
        ((5, 2, True, "weekends"), ("setting",)),
        ((1, 10, False, "weekends"), ("sessions", "group", "tutor", "setting")),
    ],
)
def test_each_missed_criterion_is_named(fields, missed):
    result = verdict(*fields)
    assert not result.meets
    assert result.missed == missed
