"""The evaluator's errors: each names the rule it concerns, so that a wrong model or a wrong answer is found
at once (never a silent zero)."""


class PublicodesError(Exception):
    """Base class. `rule` is the dotted name of the rule concerned."""

    def __init__(self, rule: str, message: str):
        self.rule = rule
        self.message = message
        super().__init__(f"{rule}: {message}")


class ModelSyntaxError(PublicodesError):
    """The model cannot be parsed: an unknown mechanism, an invalid expression, an unknown reference."""


class UnknownRuleError(PublicodesError):
    """A situation or an evaluation names a rule the model does not have."""


class InvalidAnswerError(PublicodesError):
    """A situation gives a rule a value it does not accept (not one of its choices, not a value)."""


class EvaluationError(PublicodesError):
    """The evaluation cannot go on (a division by zero, a condition that is not a boolean...)."""
