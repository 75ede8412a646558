"""The method in words says the parameters the assessment really used."""

from mobilization.core.trajectory import DOWN, Point, TargetPoint, assess
from mobilization.plan.trajectory import method_text

# Paris's carbon footprint (MtCO2e) and its targets: see core/tests/test_trajectory.py.
PARIS_FOOTPRINT = [Point(2004, 28.0), Point(2014, 25.6), Point(2018, 22.7)]
PARIS_TARGETS = [TargetPoint(2030, 16.8), TargetPoint(2050, 5.6)]


def test_the_method_text_says_the_parameters_the_assessment_used():
    custom = assess(
        direction=DOWN,
        baseline=Point(2004, 28.0),
        targets=PARIS_TARGETS,
        points=PARIS_FOOTPRINT,
        as_of_year=2026,
        trend_points=4,
        recent_years=7,
        tolerance_ratio=0.05,
    )
    default = assess(
        direction=DOWN,
        baseline=Point(2004, 28.0),
        targets=PARIS_TARGETS,
        points=PARIS_FOOTPRINT,
        as_of_year=2026,
    )
    one_year = assess(
        direction=DOWN,
        baseline=Point(2004, 28.0),
        targets=PARIS_TARGETS,
        points=PARIS_FOOTPRINT,
        as_of_year=2018,
        recent_years=1,
        tolerance_ratio=0.025,
    )

    assert "on the last 4 published figures" in method_text(custom).trend
    assert "within 5% of the baseline" in method_text(custom).status
    assert "more than 7 years old" in method_text(custom).status
    assert "on the last 3 published figures" in method_text(default).trend
    assert "within 2% of the baseline" in method_text(default).status
    assert "more than 10 years old" in method_text(default).status
    assert "within 2.5% of the baseline" in method_text(one_year).status
    assert "more than 1 year old" in method_text(one_year).status
    assert "starts from the latest figure" in method_text(default).trend
