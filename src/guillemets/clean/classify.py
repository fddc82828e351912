"""The line classifier: a logistic regression over ``features.FEATURES``, weights shipped as JSON."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from guillemets.clean.features import FEATURES
from guillemets.errors import CleanError

WEIGHTS_FILE = "clean_weights.json"


@dataclass(frozen=True, slots=True)
class LineModel:
    """P(line belongs to the article) = sigmoid(((x - mean) / scale) · coef + intercept)."""

    version: str
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds per row of the feature matrix ``x`` (rows = lines)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "features": list(FEATURES),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LineModel:
        if list(d["features"]) != list(FEATURES):
            raise CleanError(
                f"classifier weights {d.get('version')!r} were trained on other features; "
                "rerun: python -m bench.train_cleaner"
            )
        arr = functools.partial(np.asarray, dtype=np.float64)
        return cls(d["version"], arr(d["mean"]), arr(d["scale"]), arr(d["coef"]), float(d["intercept"]))


@functools.cache
def load_model(name: str = WEIGHTS_FILE) -> LineModel:
    """The shipped line classifier (trained by ``bench/train_cleaner.py`` on the DEV pages)."""
    text = resources.files("guillemets.data").joinpath(name).read_text("utf-8")
    return LineModel.from_dict(json.loads(text))
