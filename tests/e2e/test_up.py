"""`aftersales up` as a new user runs it: embedded servers, a key from the CLI, Ctrl-C, restart."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

CLI = [sys.executable, "-m", "services.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("DATABASE_URL", "REDIS_URL"))}
    env.update(AFTERSALES_DATA_DIR=str(data_dir), AFTERSALES_PORT=str(port), AFTERSALES_LOG_FORMAT="json")
    # The amazon-sqs reader, once a queue is configured: dummy credentials and a closed local
    # port, so it never looks for AWS or its metadata service.
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_EC2_METADATA_DISABLED="true")
    env.update(AFTERSALES_SQS_ENDPOINT_URL=f"http://127.0.0.1:{_free_port()}")
    return env


def _wait_ready(base: str, up: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert up.poll() is None, f"aftersales up exited early:\n{log.read_text()[-3000:]}"
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"not ready in time:\n{log.read_text()[-3000:]}")


def _wait_for_a_worker(base: str, up: subprocess.Popen[bytes], log: Path) -> None:
    """The worker says it is alive on /readyz/workers as soon as it has started."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert up.poll() is None, f"aftersales up exited early:\n{log.read_text()[-3000:]}"
        answer = httpx.get(f"{base}/readyz/workers", timeout=2)
        if answer.status_code == 200:
            [worker] = answer.json()["workers"]
            assert worker["alive"] and worker["seconds_ago"] < 30
            return
        assert answer.json()["type"] == "/problems/not-ready"
        time.sleep(0.3)
    raise AssertionError(f"no worker beat in time:\n{log.read_text()[-3000:]}")


def _service_processes(up: subprocess.Popen[bytes], data_dir: Path) -> list[psutil.Process]:
    found = psutil.Process(up.pid).children(recursive=True)
    for proc in psutil.process_iter(["cmdline"]):
        if any(str(data_dir) in part for part in proc.info["cmdline"] or []):
            found.append(proc)
    return found


def _stop(up: subprocess.Popen[bytes], data_dir: Path) -> None:
    processes = _service_processes(up, data_dir)
    assert len(processes) >= 4, "api, worker, redis and postgres should all be running"
    up.send_signal(signal.SIGINT)
    assert up.wait(timeout=60) == 0
    time.sleep(0.5)
    left = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert left == [], f"left behind: {[p.cmdline() for p in left]}"


def test_up_serves_keys_from_the_cli_stops_cleanly_and_keeps_data(tmp_path: Path) -> None:
    data_dir, port = tmp_path / "data", _free_port()
    base, env, log = f"http://127.0.0.1:{port}", _env(tmp_path / "data", port), tmp_path / "up.log"
    with log.open("wb") as sink:
        up = subprocess.Popen([*CLI, "up"], env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        _wait_ready(base, up, log)
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        _wait_for_a_worker(base, up, log)

        made = subprocess.run(
            [*CLI, "sellers", "create", "CLI Shop", "-m", "UK"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seller_id = made.stdout.split()[1]
        issued = subprocess.run(
            [*CLI, "keys", "create", seller_id, "--scopes", "admin"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        key = issued.stdout.strip().splitlines()[-1]
        headers = {"Authorization": f"Bearer {key}", "X-Request-ID": "e2e-up-check"}
        response = httpx.get(f"{base}/v1/seller", headers=headers)
        assert response.status_code == 200
        assert response.json() == {
            **response.json(),
            "id": seller_id,
            "name": "CLI Shop",
            "marketplaces": ["UK"],
        }
        assert not any("amazon-sqs" in " ".join(p.cmdline()) for p in _service_processes(up, data_dir))
        queue = {"queue_url": "https://sqs.eu-west-2.amazonaws.com/123456789012/sp-api"}
        amazon = {"kind": "amazon", "name": "Amazon UK", "marketplace": "UK", "sqs": queue}
        made_producer = httpx.post(f"{base}/v1/producers", headers=headers, json=amazon)
        assert made_producer.status_code == 201, made_producer.text
        _stop(up, data_dir)
    finally:
        if up.poll() is None:
            up.kill()

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(line.get("request_id") == "e2e-up-check" and line["event"] == "request" for line in lines)
    assert any(line["event"] == "worker heartbeat" for line in lines), "the worker ran its heartbeat"

    # A second start finds everything the first one left.
    with log.open("ab") as sink:
        again = subprocess.Popen([*CLI, "up"], env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        _wait_ready(base, again, log)
        _wait_for_a_worker(base, again, log)  # one: the first run's worker left the report as it stopped
        assert httpx.get(f"{base}/v1/seller", headers=headers).json()["id"] == seller_id
        roles = [" ".join(p.cmdline()) for p in _service_processes(again, data_dir)]
        assert any(r.endswith("services.cli amazon-sqs") for r in roles), "a producer has a queue now"
        _stop(again, data_dir)
    finally:
        if again.poll() is None:
            again.kill()
