"""Run the platform's benchmarks: `make bench` (or `.venv/bin/python bench/run.py --help`).

For each benchmark in bench/benchmarks/: build its dataset at the requested scale in a database of its
own (analysed once loaded), serve the platform with gunicorn (production settings) on loopback, load each
target URL with wrk, and — in the same run, on the same server — a bare "hello" view (/health/). Absolute
times on a shared machine mean little; the ratio to "hello" is what compares across machines. Results go
to bench/results/<name>.json and a table is printed.
"""

import argparse
import datetime
import importlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS = BENCH_DIR / "results"
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(name: str, scale: int, database_url: str | None) -> dict:
    var_dir = ROOT / "var" / "bench" / f"{name}-x{scale}"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mobilization.settings",
        SECRET_KEY="bench-only-" + "k" * 40,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",  # loopback has no TLS; every other production setting stays on
        VAR_DIR=str(var_dir),
        DATABASE_URL=database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}",
        LOG_LEVEL="WARNING",
        EMAIL_URL="dummy://",
        # The registry of vulnerable residents refuses to start without its key (solidarity.E001).
        FIELD_ENCRYPTION_KEYS=os.environ.get(
            "FIELD_ENCRYPTION_KEYS", "YmVuY2gtb25seS1rZXktbmV2ZXItcHJvZHVjdGlvbiE="
        ),
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_dataset(module, env: dict, scale: int) -> None:
    """Run the benchmark's prepare() in a child process so that it uses the bench database."""
    code = (
        "import django; django.setup(); "
        f"import importlib; importlib.import_module('bench.benchmarks.{module.NAME}').prepare({scale})"
    )
    subprocess.run([str(VENV_BIN / "python"), "-c", code], cwd=ROOT, env=env, check=True)


def analyse_database(env: dict) -> None:
    """Have the database gather its statistics after the load, as a production database has them: without
    them PostgreSQL plans the first queries on a freshly loaded table blind (a search that timed out). On
    PostgreSQL, VACUUM too, as autovacuum does after a load: until then every index-only scan (the lists'
    count) still reads the table."""
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')"
    )
    subprocess.run([str(VENV_BIN / "python"), "-c", code], cwd=ROOT, env=env, check=True)


def read_targets(module, env: dict) -> list[tuple]:
    code = (
        "import django, json; django.setup(); import importlib; "
        f"print(json.dumps(importlib.import_module('bench.benchmarks.{module.NAME}').targets()))"
    )
    output = subprocess.run(
        [str(VENV_BIN / "python"), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return [tuple(item) for item in json.loads(output.stdout.strip().splitlines()[-1])]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "mobilization.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    if answers(f"http://127.0.0.1:{port}/health/", within=30):
        return server
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


def answers(url: str, *, within: float) -> bool:
    """Whether `url` answers 200 before `within` seconds pass: a server just started is asked again every
    0.2 s until it has bound its port (a process gives no other sign of it)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


NGINX_CONFIG = """
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    proxy_cache_path {folder}/cache levels=1:2 keys_zone=climat_pages:10m max_size=200m inactive=10m
                     use_temp_path=off;
    map $cookie_sessionid $climat_signed_in {{ default 1; "" 0; }}
    upstream climat {{ server 127.0.0.1:{upstream}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        keepalive_requests 1000000;
        location / {{
            proxy_pass http://climat;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
        location ~ ^/(fr|en)/ {{
            proxy_pass http://climat;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            include {pages_cache};
        }}
    }}
}}
"""


def start_proxy(upstream: int, port: int) -> tuple[subprocess.Popen, Path]:
    """nginx with the pages cache of deploy/README.md in front of gunicorn (Debian package nginx-light)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        raise SystemExit("nginx is missing: apt-get install nginx-light")
    folder = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    folder.chmod(0o777)  # nginx's workers (user nobody when started as root) write the cache there
    config = folder / "nginx.conf"
    config.write_text(
        NGINX_CONFIG.format(
            folder=folder,
            upstream=upstream,
            port=port,
            pages_cache=ROOT / "deploy" / "nginx" / "pages-cache.conf",
        )
    )
    proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(folder)])
    if answers(f"http://127.0.0.1:{port}/health/", within=10):
        return proxy, folder
    proxy.terminate()
    raise SystemExit(f"nginx did not start within 10 s (see {folder}/error.log)")


def load(url: str, seconds: int, connections: int, threads: int) -> dict:
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is missing: apt-get install wrk")
    output = subprocess.run(
        [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            str(BENCH_DIR / "percentiles.lua"),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"BENCH_JSON (\{.*\})", output)
    if not match:
        raise SystemExit(f"wrk printed no figures for {url}:\n{output}")
    return json.loads(match.group(1))


def sample_path(path: str) -> str:
    """One request of a target whose path varies per request (see percentiles.lua)."""
    return path.replace("__n__", "1").replace("__q__", "velo")


def count_queries(env: dict, path: str) -> int:
    path = sample_path(path)
    code = (
        "import django; django.setup(); from django.test import Client; "
        "from django.db import connection; from django.test.utils import CaptureQueriesContext; "
        "c = Client(); ctx = CaptureQueriesContext(connection)\n"
        f"with ctx: r = c.get({path!r}, secure=True, HTTP_HOST='127.0.0.1')\n"
        "print(len(ctx.captured_queries))"
    )
    output = subprocess.run(
        [str(VENV_BIN / "python"), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return int(output.stdout.strip().splitlines()[-1])


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpus": os.cpu_count(),
    }


def run_benchmark(name: str, args) -> dict:
    module = importlib.import_module(f"bench.benchmarks.{name}")
    env = bench_environment(name, args.scale, args.database_url)
    load_average = [round(value, 2) for value in os.getloadavg()]  # how busy the machine was
    print(f"== {name} (scale {args.scale}): preparing the dataset…", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    prepare_dataset(module, env, args.scale)
    analyse_database(env)
    targets = read_targets(module, env)
    port = free_port()
    server = start_server(env, port, args.workers)
    # A target (label, path, "proxy") is loaded through nginx's cache in front of the same server.
    proxy = proxy_folder = None
    proxy_port = free_port()
    if any(len(target) > 2 and target[2] == "proxy" for target in targets):
        proxy, proxy_folder = start_proxy(port, proxy_port)
    rows = []
    try:
        # A target is (label, path) and, optionally, "proxy" (loaded through nginx's cache in front of the
        # same server) and/or the floor it must reach, as a ratio to hello in the same run.
        for label, path, *extra in [("hello (baseline)", "/health/"), *targets]:
            through = "proxy" in extra
            floor = next((value for value in extra if isinstance(value, int | float)), None)
            url = f"http://127.0.0.1:{proxy_port if through else port}{path}"
            load(url, 2, args.connections, args.threads)  # warm-up: caches, connections, imports
            print(f"   {label}: {args.seconds} s of load…", flush=True)
            figures = load(url, args.seconds, args.connections, args.threads)
            figures.update(label=label, path=path, through="nginx cache" if through else "gunicorn")
            if floor is not None:
                figures["min_ratio_to_hello"] = floor
            rows.append(figures)
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=30)
            shutil.rmtree(proxy_folder, ignore_errors=True)
        server.terminate()
        server.wait(timeout=30)
    hello = rows[0]["rps"] or 1
    for row in rows:
        row["ratio_to_hello"] = round(row["rps"] / hello, 3)
        row["queries"] = count_queries(env, row["path"])
        if "min_ratio_to_hello" in row:
            # A target: at least this share of hello's throughput, and no timeout nor error.
            row["meets_target"] = (
                row["ratio_to_hello"] >= row["min_ratio_to_hello"] and not row["errors"] + row["non_2xx"]
            )
    result = {
        "benchmark": name,
        "description": module.DESCRIPTION,
        "scale": args.scale,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "server": {"gunicorn_workers": args.workers, "database": env["DATABASE_URL"].split(":", 1)[0]},
        "load": {"seconds": args.seconds, "connections": args.connections, "threads": args.threads},
        "load_average_before": load_average,
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / result_file_name(name, env["DATABASE_URL"])).write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    return result


def result_file_name(name: str, database_url: str) -> str:
    """`<name>.json` on SQLite, `<name>-postgres.json` on PostgreSQL: a run on one keeps the other's."""
    return f"{name}.json" if database_url.startswith("sqlite") else f"{name}-postgres.json"


def print_table(result: dict) -> None:
    print(
        f"\n{result['benchmark']} — scale {result['scale']}, {result['server']['database']}, {result['date']}"
    )
    columns = [
        ("req/s", 9),
        ("p50 ms", 8),
        ("p95 ms", 8),
        ("p99 ms", 8),
        ("×hello", 7),
        ("SQL", 4),
        ("errors", 6),
        ("target", 10),
    ]
    header = f"{'target':34} " + " ".join(f"{title:>{width}}" for title, width in columns)
    print(header)
    print("-" * len(header))
    for row in result["rows"]:
        print(
            f"{row['label'][:34]:34} {row['rps']:9.1f} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
            f"{row['p99_ms']:8.1f} {row['ratio_to_hello']:7.3f} {row['queries']:4d} "
            f"{row['errors'] + row['non_2xx']:6d} {target_verdict(row):>10}"
        )
    print(f"load average before the run: {result.get('load_average_before')}\n")


def target_verdict(row: dict) -> str:
    if "min_ratio_to_hello" not in row:
        return ""
    return f"{'ok' if row['meets_target'] else 'MISSED'} ≥{row['min_ratio_to_hello']:.2f}"


def main() -> None:
    available = sorted(
        path.stem for path in (BENCH_DIR / "benchmarks").glob("*.py") if path.stem != "__init__"
    )
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(available)})"
    )
    parser.add_argument("--scale", type=int, default=1, help="dataset size multiplier (default 1)")
    parser.add_argument("--seconds", type=int, default=10, help="load duration per target (default 10)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections (default 50)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--database-url", help="benchmark on this database instead of a fresh SQLite file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    missed = []
    for name in args.names or available:
        if name not in available:
            raise SystemExit(f"unknown benchmark {name!r}; available: {', '.join(available)}")
        result = run_benchmark(name, args)
        missed += [f"{name}: {row['label']}" for row in result["rows"] if row.get("meets_target") is False]
    if missed:
        raise SystemExit("targets missed (see bench/README.md):\n  " + "\n  ".join(missed))


if __name__ == "__main__":
    main()
