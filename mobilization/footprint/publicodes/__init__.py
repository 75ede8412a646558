"""A Python evaluator for publicodes (https://publi.codes), the language of ADEME's Nos Gestes Climat
model, written for the mechanisms that model uses (see inventory.py) and checked against the reference
JavaScript engine rule by rule (tests/test_parity.py).

Independent of Django: it reads a compiled model (a dict of rules, as the npm packages publish them) and
evaluates situations (answers in the model's own syntax):

    model = Model(rules)                      # parse once (about a second), keep it
    evaluator = model.evaluator({"logement . surface": 50, "logement . type": "'maison'"})
    evaluator.value("bilan")                  # 8287.16 (kgCO2e), None if not applicable or not known

An unknown mechanism, reference or rule, or an answer the rule does not accept, raises a PublicodesError
that names the rule.
"""

from .errors import (
    EvaluationError,
    InvalidAnswerError,
    ModelSyntaxError,
    PublicodesError,
    UnknownRuleError,
)
from .model import Evaluator, Model
from .values import UNDEFINED

__all__ = [
    "UNDEFINED",
    "EvaluationError",
    "Evaluator",
    "InvalidAnswerError",
    "Model",
    "ModelSyntaxError",
    "PublicodesError",
    "UnknownRuleError",
]
