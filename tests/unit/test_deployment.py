"""compose.yaml and the Dockerfile describe the production layout the README promises."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_layout() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert services["postgres"]["image"] == "postgres:16"
    postgres_command = services["postgres"]["command"]
    assert "max_locks_per_transaction=256" in postgres_command, "batches and sweeps hold many order locks"
    assert services["redis"]["image"] == "redis:7"
    redis_command = services["redis"]["command"]
    assert redis_command[redis_command.index("--appendonly") + 1] == "yes"
    assert redis_command[redis_command.index("--maxmemory-policy") + 1] == "noeviction"
    assert services["migrate"]["command"] == ["aftersales", "migrate"]
    for role in ("api", "worker"):
        assert services[role]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[role]["environment"]["AFTERSALES_DATABASE_URL"].startswith("postgresql://")
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert services["amazon-sqs"]["command"] == ["aftersales", "amazon-sqs"], "Amazon notifications from SQS"


def test_dockerfile_is_multi_stage_and_non_root() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert text.count("FROM ") >= 2
    assert "USER aftersales" in text and "uv sync --frozen" in text


def test_compose_validates_with_docker_when_present() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no docker compose on this machine")
    result = subprocess.run(
        [docker, "compose", "-f", str(ROOT / "compose.yaml"), "config", "--quiet"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
