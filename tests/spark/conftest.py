"""The Spark tests need pyspark (the optional extra) and a Java runtime.  Without them the tests are skipped
with the reason; in CI (CI=true) a missing piece is an error, never a silent skip."""

import importlib.util
import os
import shutil
import subprocess

import pytest


def spark_unavailable() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -r requirements-spark.txt, or claimledger[spark])"
    if importlib.util.find_spec("pyarrow") is None:
        return "pyarrow is not installed (pip install -r requirements-spark.txt)"
    java = shutil.which("java") or (
        os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else None
    )
    if not java or not os.path.exists(java):
        return "no Java runtime (bash scripts/ensure-java.sh installs Debian's default-jre-headless)"
    try:
        subprocess.run([java, "-version"], capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"java does not run: {exc}"
    return None


@pytest.fixture(scope="session")
def require_spark():
    reason = spark_unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests cannot run in CI: {reason}")
        pytest.skip(reason)
