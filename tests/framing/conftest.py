"""Shared fixtures for the framing tests: one detector per session (the encoder loads once)."""

import pytest

from claimledger.framing import FramingDetector


@pytest.fixture(scope="session")
def detector():
    return FramingDetector.load()


@pytest.fixture(scope="session")
def pattern_detector():
    return FramingDetector.load(use_encoder=False)
