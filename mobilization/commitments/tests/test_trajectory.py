"""Where a commitment stands: the kernel's trajectory mathematics, with hand-computed cases."""

from mobilization.commitments import services
from mobilization.commitments.models import Commitment, InterimTarget, ProgressReport
from mobilization.core.trajectory import Status

V, S = ProgressReport.Status.VERIFIED, ProgressReport.Status.SUBMITTED


def commitment(**values) -> Commitment:
    fields = {
        "baseline_year": 2020,
        "baseline_value": 100.0,
        "target_year": 2030,
        "target_value": 50.0,
        "direction": "down",
        "reporting_frequency": "yearly",
    }
    return Commitment(**{**fields, **values})


def report(period: str, value: float, status=V) -> ProgressReport:
    return ProgressReport(period=period, year=int(period[:4]), value=value, status=status)


def test_progress_is_the_share_of_the_way_from_baseline_to_target_in_both_directions():
    # Down: 100 → 50; at 80, 20 of the 50 are done: 40 %.
    assert services.progress_percent(commitment(), 80.0) == 40.0
    # Up: a share of 20 % to reach 50 %; at 26 %, 6 of the 30 points: 20 %.
    assert (
        services.progress_percent(commitment(baseline_value=20.0, target_value=50.0, direction="up"), 26.0)
        == 20.0
    )
    # The wrong way: negative progress.
    assert services.progress_percent(commitment(), 110.0) == -20.0


def test_a_target_equal_to_its_baseline_is_100_percent_while_it_is_kept_and_0_when_it_is_not():
    keep = commitment(target_value=100.0)
    assert services.progress_percent(keep, 100.0) == 100.0
    assert services.progress_percent(keep, 98.0) == 100.0
    assert services.progress_percent(keep, 101.0) == 0.0


def test_one_report_only_gives_a_progress_but_not_enough_data_for_a_trend():
    assessment = services.assessment_of(commitment(), [report("2021", 96.0)], as_of_year=2022)
    assert assessment.status == Status.NOT_ENOUGH_DATA
    assert (
        services.status_from(commitment(starts_on=_far_future()), [report("2021", 96.0)], _today())
        == "in_progress"
    )


def test_a_commitment_on_its_path_is_on_track_and_one_falling_behind_is_off_track():
    # −7 % a year from 100: 100 × 0.93^10 ≈ 48.4 in 2030, at or below the target of 50.
    on_path = [report("2021", 93.0), report("2022", 86.49), report("2023", 80.4357)]
    assessment = services.assessment_of(commitment(), on_path, as_of_year=2024)
    assert assessment.status == Status.ON_TRACK
    assert round(assessment.projected_at_next, 1) == 48.4
    # −5 a year (95, 90, 85) is a slowing rate: 85 × (85/95)^(7/2) ≈ 57.5 in 2030, more than 50 + 2 % of
    # the baseline's tolerance: off track, though the first years sit on the straight target path.
    straight = [report("2021", 95.0), report("2022", 90.0), report("2023", 85.0)]
    assert services.assessment_of(commitment(), straight, as_of_year=2024).status == Status.OFF_TRACK
    # −1 a year: about 78 in 2030 at that pace, far from 50.
    slow = [report("2021", 99.0), report("2022", 98.0), report("2023", 97.0)]
    assessment = services.assessment_of(commitment(), slow, as_of_year=2024)
    assert assessment.status == Status.OFF_TRACK
    # Geometric trend: 97 × (97/99)^(7/2) ≈ 90.1 in 2030.
    assert round(assessment.projected_at_next) == 90


def test_an_interim_target_is_the_next_target_it_is_judged_against():
    interim = [InterimTarget(year=2025, value=60.0)]
    # 95, 90, 85 → about 75 in 2025 at −5.4 %/year, not the interim 60: off track.
    reports = [report("2021", 95.0), report("2022", 90.0), report("2023", 85.0)]
    assessment = services.assessment_of(commitment(), reports, as_of_year=2024, interim_targets=interim)
    assert assessment.next_target.year == 2025
    assert assessment.status == Status.OFF_TRACK


def test_achieved_is_verified_only_when_the_verified_figures_alone_reach_the_target():
    reports = [report("2021", 70.0), report("2022", 49.0, status=S)]
    assert (
        services.status_from(commitment(starts_on=_far_future()), reports, _today())
        == "achieved_self_declared"
    )
    reports = [report("2021", 70.0), report("2022", 49.0)]
    assert services.status_from(commitment(starts_on=_far_future()), reports, _today()) == "achieved_verified"


def test_an_increase_commitment_is_achieved_when_the_figure_reaches_its_target_from_below():
    up = commitment(baseline_value=20.0, target_value=50.0, direction="up", starts_on=_far_future())
    assert services.status_from(up, [report("2021", 52.0)], _today()) == "achieved_verified"


def test_rejected_reports_do_not_count():
    reports = [report("2021", 40.0, status=ProgressReport.Status.REJECTED)]
    assert services.yearly_points(reports) == []


def _today():
    from datetime import date

    return date(2023, 1, 1)


def _far_future():
    """A start after every period of these cases: no report is overdue, only the figures count."""
    from datetime import date

    return date(2099, 1, 1)
