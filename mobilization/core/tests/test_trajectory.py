"""The trajectory's arithmetic, checked against cases computed by hand (no database, no model)."""

import math

import pytest

from mobilization.core.trajectory import (
    DOWN,
    GEOMETRIC,
    LINEAR,
    UP,
    Point,
    Status,
    TargetPoint,
    assess,
    fit_trend,
    path_value_at,
    percent_of,
    target_path,
    value_of_change,
)

# Paris's carbon footprint (MtCO2e): 28 in 2004 (baseline), 25.6 in 2014, 22.7 in 2018.
PARIS_FOOTPRINT = [Point(2004, 28.0), Point(2014, 25.6), Point(2018, 22.7)]
# −40 % in 2030 and −80 % in 2050 against 2004: 28 × 0.6 = 16.8 and 28 × 0.2 = 5.6.
PARIS_TARGETS = [TargetPoint(2030, 16.8), TargetPoint(2050, 5.6)]


def test_the_target_path_joins_the_baseline_to_each_target_in_year_order():
    path = target_path(Point(2004, 28.0), [TargetPoint(2050, 5.6), TargetPoint(2030, 16.8)])

    assert path == [Point(2004, 28.0), Point(2030, 16.8), Point(2050, 5.6)]
    # 2018 is 14 of the 26 years from 2004 to 2030: 28 − 11.2 × 14 / 26 = 21.9692…
    assert path_value_at(path, 2018) == pytest.approx(21.96923, abs=1e-4)
    # 2040 is half way from 2030 to 2050: (16.8 + 5.6) / 2 = 11.2
    assert path_value_at(path, 2040) == pytest.approx(11.2)
    assert path_value_at(path, 2060) == 5.6  # flat after the last target
    assert path_value_at(path, 2000) is None  # nothing before the baseline


def test_paris_footprint_trend_is_a_compound_rate_fitted_on_the_logarithms():
    # ln 28 = 3.332205, ln 25.6 = 3.242592, ln 22.7 = 3.122365; mean 3.232387.
    # Years centred on their mean 2012: −8, +2, +6; Σdx² = 64 + 4 + 36 = 104.
    # Σdx·dy = −8 × 0.099817 + 2 × 0.010205 + 6 × (−0.110022) = −1.438262 → slope b = −0.0138294 a year,
    # an annual rate of exp(b) − 1 = −1.3734 %.
    # The fitted curve in 2018 is exp(3.232387 − 0.0138294 × 6) = exp(3.149411) = 23.322, not 22.7: the
    # projection starts from the latest figure instead, 22.7 in 2018, and goes on at the fitted rate:
    # 2030: 22.7 × exp(−0.0138294 × 12) = 22.7 × exp(−0.165953) = 22.7 × 0.847086 = 19.229 MtCO2e
    # (−31.3 % against 2004); 2050: 22.7 × exp(−0.0138294 × 32) = 22.7 × 0.642401 = 14.583 MtCO2e.
    # The fitted curve would have said exp(3.232387 − 0.0138294 × 18) = 19.756 in 2030.
    trend = fit_trend(PARIS_FOOTPRINT)

    assert trend.method == GEOMETRIC
    assert trend.slope == pytest.approx(-0.0138294, abs=1e-6)
    assert trend.annual_rate == pytest.approx(-0.013734, abs=1e-6)
    assert trend.start == Point(2018, 22.7)
    assert trend.value_in(2018) == 22.7
    assert trend.fitted_value_in(2018) == pytest.approx(23.322, abs=1e-3)
    assert trend.value_in(2030) == pytest.approx(19.229, abs=1e-3)
    assert trend.value_in(2050) == pytest.approx(14.583, abs=1e-3)
    assert trend.fitted_value_in(2030) == pytest.approx(19.756, abs=1e-3)


def test_a_straight_line_projection_also_starts_from_the_latest_figure():
    # 10, 8, 7 in 2020, 2021, 2022: centred years −1, 0, +1, Σdx² = 2; mean 8.333…; Σdx·dy = 7 − 10 = −3,
    # slope −1.5 a year, fitted 2022 value 8.333 − 1.5 = 6.833. From 7 in 2022: 2030 is 7 − 1.5 × 8 = −5.
    trend = fit_trend([Point(2020, 10.0), Point(2021, 8.0), Point(2022, 7.0)], linear=True)

    assert trend.method == LINEAR
    assert trend.fitted_value_in(2022) == pytest.approx(6.8333, abs=1e-4)
    assert trend.value_in(2022) == 7.0
    assert trend.value_in(2030) == pytest.approx(-5.0)


def test_paris_footprint_is_off_track_for_2030_with_the_gap_in_megatonnes():
    result = assess(
        direction=DOWN,
        baseline=Point(2004, 28.0),
        targets=PARIS_TARGETS,
        points=PARIS_FOOTPRINT,
        as_of_year=2026,
    )

    assert result.status == Status.OFF_TRACK
    assert result.next_target == TargetPoint(2030, 16.8)
    assert result.is_past_last_target is False
    # 19.229 projected against 16.8: 2.429 MtCO2e short, far beyond the 2 % tolerance (0.56).
    assert result.projected_at_next == pytest.approx(19.229, abs=1e-3)
    assert result.gap_at_next == pytest.approx(2.429, abs=1e-3)
    # 22.7 against 28: −18.93 %.
    assert result.change_since_baseline_percent == pytest.approx(-18.93, abs=0.01)
    # In 2018 the path is at 21.969: 22.7 is 0.731 above it, +3.33 %: behind the path.
    assert result.gap_to_path == pytest.approx(0.7308, abs=1e-3)
    assert result.gap_to_path_percent == pytest.approx(3.326, abs=1e-2)
    assert result.is_ahead_of_path is False
    assert [round(p.projected, 3) for p in result.projections] == [19.229, 14.583]


def test_an_increasing_objective_on_track_and_off_track_symmetrically():
    # Renewable share (%): 10 in 2016, 12 in 2019, 15 in 2022. Years centred on 2019: −3, 0, +3; Σdx² = 18.
    # ln: 2.302585, 2.484907, 2.708050, mean 2.498514; Σdx·dy = 3 × (2.708050 − 2.302585) = 1.216395;
    # b = 0.0675775 (+6.99 % a year); from 15 % in 2022, 2030 is 15 × exp(0.0675775 × 8) = 15 × exp(0.540620)
    # = 15 × 1.717071 = 25.756 %.
    points = [Point(2016, 10.0), Point(2019, 12.0), Point(2022, 15.0)]
    baseline = Point(2016, 10.0)

    reachable = assess(
        direction=UP, baseline=baseline, targets=[TargetPoint(2030, 25.0)], points=points, as_of_year=2024
    )
    too_far = assess(
        direction=UP, baseline=baseline, targets=[TargetPoint(2030, 30.0)], points=points, as_of_year=2024
    )

    assert reachable.trend.annual_rate == pytest.approx(0.06991, abs=1e-5)
    assert reachable.status == Status.ON_TRACK
    assert reachable.projected_at_next == pytest.approx(25.756, abs=1e-3)
    assert reachable.gap_at_next == pytest.approx(0.756, abs=1e-3)
    assert too_far.status == Status.OFF_TRACK
    assert too_far.gap_at_next == pytest.approx(-4.244, abs=1e-3)  # below the target: short


def test_meeting_a_past_target_is_not_achieved_while_the_next_one_is_not_met():
    # Renewable share: 20 % in 2020, 27 % in 2024; 25 % was due in 2020, 100 % is due in 2050.
    result = assess(
        direction=UP,
        baseline=Point(2004, 5.0),
        targets=[TargetPoint(2020, 25.0), TargetPoint(2050, 100.0)],
        points=[Point(2020, 20.0), Point(2024, 27.0)],
        as_of_year=2025,
    )

    # 27 meets the 2020 target, but the next one is 2050's 100 %, which 27 does not meet: not achieved.
    # Two figures: the compound rate (27 / 20) ^ (1 / 4) − 1 = 1.35 ^ 0.25 − 1 = +7.791 % a year; from 27 in
    # 2024, 2050 is 27 × 1.35 ^ (26 / 4) = 27 × exp(6.5 × 0.300105) = 27 × 7.033468 = 189.904: on track.
    assert result.next_target == TargetPoint(2050, 100.0)
    assert result.achieved_target is None
    assert result.trend.annual_rate == pytest.approx(0.077912, abs=1e-6)
    assert result.projected_at_next == pytest.approx(189.904, abs=1e-3)
    assert result.gap_at_next == pytest.approx(89.904, abs=1e-3)
    assert result.status == Status.ON_TRACK


def test_a_figure_already_beyond_the_next_target_is_achieved_whatever_the_trend():
    achieved = assess(
        direction=DOWN,
        baseline=Point(2004, 100.0),
        targets=[TargetPoint(2030, 60.0), TargetPoint(2050, 20.0)],
        points=[Point(2020, 70.0), Point(2024, 55.0)],
        as_of_year=2025,
    )

    # 55 is already below the 2030 target of 60.
    assert achieved.status == Status.ACHIEVED
    assert achieved.achieved_target == TargetPoint(2030, 60.0)
    assert achieved.gap_at_next is None
    assert achieved.projected_at_next is None


def test_every_target_past_and_missed_is_off_track_by_the_latest_figure():
    # A single target, −20 % in 2020 against 100 in 2016: 80. The latest figure, 88 in 2022, misses it by
    # 88 − 80 = 8. The trend is not used: projected back to 2020 it would say 95 × (88 / 95) ^ (1 / 3) =
    # 92.6, a fitted value instead of the city's figure.
    result = assess(
        direction=DOWN,
        baseline=Point(2016, 100.0),
        targets=[TargetPoint(2020, 80.0)],
        points=[Point(2019, 95.0), Point(2022, 88.0)],
        as_of_year=2026,
    )

    assert result.is_past_last_target is True
    assert result.next_target == TargetPoint(2020, 80.0)
    assert result.status == Status.OFF_TRACK
    assert result.gap_at_next == pytest.approx(8.0)
    assert result.projected_at_next is None
    assert result.achieved_target is None


def test_every_target_past_and_met_is_achieved():
    result = assess(
        direction=DOWN,
        baseline=Point(2016, 100.0),
        targets=[TargetPoint(2018, 90.0), TargetPoint(2020, 80.0)],
        points=[Point(2019, 95.0), Point(2022, 78.0)],
        as_of_year=2026,
    )

    # 78 is at or below the last target, 80 in 2020.
    assert result.status == Status.ACHIEVED
    assert result.achieved_target == TargetPoint(2020, 80.0)


def test_every_target_past_is_judged_on_one_figure_too_and_symmetrically_upward():
    # A 25 % renewable share was due in 2020; the only figure is 21 % in 2022: 21 − 25 = −4, short.
    result = assess(
        direction=UP,
        baseline=None,
        targets=[TargetPoint(2020, 25.0)],
        points=[Point(2022, 21.0)],
        as_of_year=2023,
    )

    assert result.trend is None  # one figure: no trend, but none is needed to compare with a past target
    assert result.status == Status.OFF_TRACK
    assert result.gap_at_next == pytest.approx(-4.0)


def test_a_target_due_this_year_is_still_projected_to():
    # The 2026 target is not past in 2026: 100 (2016) and 90 (2020) are × 0.9 in four years; from 90 in
    # 2020, 2026 is 90 × 0.9 ^ (6 / 4) = 90 × 0.853815 = 76.843, against 70: 6.843 short, beyond the
    # tolerance of 2 % × 100 = 2.
    result = assess(
        direction=DOWN,
        baseline=Point(2016, 100.0),
        targets=[TargetPoint(2026, 70.0)],
        points=[Point(2016, 100.0), Point(2020, 90.0)],
        as_of_year=2026,
    )

    assert result.is_past_last_target is False
    assert result.projected_at_next == pytest.approx(76.843, abs=1e-3)
    assert result.gap_at_next == pytest.approx(6.843, abs=1e-3)
    assert result.status == Status.OFF_TRACK


def test_one_point_gives_no_projection():
    result = assess(
        direction=DOWN,
        baseline=Point(2004, 28.0),
        targets=PARIS_TARGETS,
        points=[Point(2018, 22.7)],
        as_of_year=2020,
    )

    assert result.trend is None
    assert result.projections == []
    assert result.status == Status.NOT_ENOUGH_DATA


def test_two_points_give_the_compound_rate_between_them():
    trend = fit_trend([Point(2010, 100.0), Point(2020, 50.0)])

    # (50 / 100) ^ (1 / 10) − 1 = −6.697 % a year; the line passes through both points.
    assert trend.annual_rate == pytest.approx(0.5**0.1 - 1)
    assert trend.value_in(2020) == pytest.approx(50.0)
    assert trend.value_in(2030) == pytest.approx(25.0)


def test_only_the_last_n_points_make_the_trend():
    points = [Point(2000, 1000.0), Point(2016, 10.0), Point(2017, 10.0), Point(2018, 10.0)]

    assert fit_trend(points).annual_rate == pytest.approx(0.0, abs=1e-12)
    assert fit_trend(points, n=4).annual_rate < -0.1


def test_a_zero_target_falls_back_to_a_straight_line():
    # Local emissions: 7.33 (2004, derived) and 5.5 (2018); zero in 2050, −50 % (3.665) in 2030.
    # Straight line: slope (5.5 − 7.33) / 14 = −0.130714 a year; 2030: 5.5 − 0.130714 × 12 = 3.9314;
    # 2050: 5.5 − 0.130714 × 32 = 1.3171. 3.9314 − 3.665 = 0.2664 > tolerance 2 % × 7.33 = 0.1466: off track.
    result = assess(
        direction=DOWN,
        baseline=Point(2004, 7.33),
        targets=[TargetPoint(2030, 3.665), TargetPoint(2050, 0.0)],
        points=[Point(2004, 7.33), Point(2018, 5.5)],
        as_of_year=2026,
    )

    assert result.is_linear_fallback
    assert result.trend.method == LINEAR
    assert result.projected_at_next == pytest.approx(3.9314, abs=1e-4)
    assert result.projections[-1].projected == pytest.approx(1.3171, abs=1e-4)
    assert result.status == Status.OFF_TRACK
    assert result.gap_at_next == pytest.approx(0.2664, abs=1e-4)


def test_negative_values_use_a_straight_line():
    trend = fit_trend([Point(2020, 2.0), Point(2021, 0.0), Point(2022, -2.0)])

    assert trend.method == LINEAR
    assert trend.value_in(2023) == pytest.approx(-4.0)


def test_a_projection_within_the_tolerance_is_on_track():
    # 100 → 90 over 10 years, 2 more decades: 90 × 0.9 = 81 in 2030; target 80, tolerance 2 % × 100 = 2.
    result = assess(
        direction=DOWN,
        baseline=Point(2010, 100.0),
        targets=[TargetPoint(2030, 80.0)],
        points=[Point(2010, 100.0), Point(2020, 90.0)],
        as_of_year=2021,
    )
    assert result.projected_at_next == pytest.approx(81.0)
    assert result.status == Status.ON_TRACK


def test_an_objective_without_data():
    result = assess(
        direction=DOWN, baseline=Point(2004, 28.0), targets=PARIS_TARGETS, points=[], as_of_year=2026
    )

    assert result.status == Status.NO_DATA
    assert result.latest is None
    assert result.trend is None


def test_old_data_is_no_recent_data():
    result = assess(
        direction=DOWN,
        baseline=Point(2004, 28.0),
        targets=PARIS_TARGETS,
        points=PARIS_FOOTPRINT,
        as_of_year=2026,
        recent_years=5,
    )

    assert result.status == Status.NO_RECENT_DATA
    assert math.isclose(result.projections[0].projected, 19.229, abs_tol=1e-3)  # still shown


def test_a_target_without_a_baseline_value_cannot_be_judged():
    result = assess(
        direction=DOWN,
        baseline=None,
        targets=[TargetPoint(2050, None)],
        points=[Point(2020, 5), Point(2022, 4)],
        as_of_year=2023,
    )

    assert result.status == Status.NOT_ENOUGH_DATA
    assert result.path == []


def test_a_change_against_the_baseline_is_a_value_and_back():
    # −40 % against 28 is 28 × 0.6 = 16.8; 22.7 against 28 is 22.7 / 28 − 1 = −18.93 %.
    assert value_of_change(28.0, -40) == pytest.approx(16.8)
    assert value_of_change(None, -40) is None  # the baseline is not published yet
    assert percent_of(22.7, 28.0) == pytest.approx(-18.93, abs=0.01)
    assert percent_of(22.7, None) is None
