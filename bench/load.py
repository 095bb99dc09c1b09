"""Load test on loopback: concurrent clients against POST /api/ask and the chat endpoint.

    python -m bench.load                                    # starts `python app.py` on a free port, default levels
    python -m bench.load --levels 1,8 --requests 40 --soak 0           # a quick look
    python -m bench.load --url http://127.0.0.1:7860 --server-pid 1234 --api-key KEY
    python -m bench.load --levels 32 --endpoints ask --requests 256 --soak 0 --long 1000,2000
                                                            # the overload gate under heavy questions

For each level of concurrent clients (default 1, 8, 16, 32, 64) it sends a bounded number of
questions (``--requests``, at most ``--duration`` seconds per level) and prints throughput,
p50/p95/p99 latency of the answered ones, the rejection rate (503 "busy", with the time a
refusal took), errors (other non-2xx, timeouts, refused connections) and how long the chat
page itself (GET /) took to load meanwhile. A client that is refused waits what Retry-After
says (at most ``--max-backoff`` seconds) before its next question, as a well-behaved one would. A soak then asks
``--soak`` questions at ``--soak-clients`` and samples the server's resident memory, to show
whether it stays flat. Every loop is bounded in count and time and the script stops by itself.
Only loopback addresses are accepted as targets.

Each answered /api/ask question's time in line is its latency minus the answering time the
server reports (``ms``): the gate (web/overload.py) must keep every one under the wait limit
(``--max-wait``, default ASSISTANT_MAX_WAIT or 10 s) and refuse the rest at once (503 +
Retry-After); ``--long`` mixes in long questions, the costly kind.
"""
from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.growth import rss_mb
from bench.latency import percentile

ROOT = Path(__file__).resolve().parent.parent
# Questions a person would ask, plus the odd ones a crowd sends: all must get a 2xx or a 4xx.
ODD = ["", "   ", "😀😀", "x" * 5000, "<script>alert(1)</script> thất nghiệp", "安江省的失业率"]


def questions() -> list[str]:
    qs = []
    for name in ("dev.jsonl", "plans.jsonl"):
        path = ROOT / "eval" / "sets" / name
        if path.exists():
            qs += [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return qs or ["Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"]


def long_questions(lengths: list[int], n: int = 12) -> list[str]:
    """Questions of exactly these lengths, cut from the shipped plans' own sentences (the costly
    kind: every word is a term of the index), ``n`` different ones per length."""
    import random

    words = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))).split()
    rng = random.Random(22)
    out = []
    for length in lengths:
        for _ in range(n):
            i = rng.randrange(max(1, len(words) - length))
            out.append(" ".join(words[i:i + length])[:length])
    return out


def mixed(plain: list[str], long: list[str]) -> list[str]:
    """Every other question a long one."""
    return [q for pair in zip(plain, long * (len(plain) // max(1, len(long)) + 1), strict=False) for q in pair]


def loopback_only(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise SystemExit(f"refusing {url}: load tests only target loopback (127.0.0.0/8, ::1, localhost)")
    return host, parts.port or 80


class Client:
    """One keep-alive HTTP connection; reconnects after an error."""

    def __init__(self, host: str, port: int, key: str | None, timeout: float):
        self.host, self.port, self.timeout = host, port, timeout
        self.headers = {"Content-Type": "application/json"}
        if key:
            self.headers["Authorization"] = f"Bearer {key}"
        self.conn = None

    def post(self, path: str, body: dict | None, method: str = "POST") -> tuple[int, float, float]:
        """(status or an error code, seconds, Retry-After seconds); 0 = timeout, -1 = connection error.
        ``self.answer_ms`` is the server's own answering time of the last /api/ask answer (its "ms")."""
        t0 = time.perf_counter()
        self.answer_ms = None
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            data = json.dumps(body).encode() if body is not None else None
            self.conn.request(method, path, data, self.headers)
            resp = self.conn.getresponse()
            raw = resp.read()
            retry = float(resp.headers.get("Retry-After") or 0)
            if resp.status == 200 and path == "/api/ask":
                self.answer_ms = json.loads(raw).get("ms")
            return resp.status, time.perf_counter() - t0, retry
        except TimeoutError:
            self._reset()
            return 0, time.perf_counter() - t0, 0.0
        except (OSError, http.client.HTTPException):
            self._reset()
            return -1, time.perf_counter() - t0, 0.0

    def _reset(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def body_for(endpoint: str, q: str) -> tuple[str, dict]:
    if endpoint == "chat":
        return "/v1/chat/completions", {"model": "vn-policy-assistant", "messages": [{"role": "user", "content": q}]}
    return "/api/ask", {"question": q}


def run_level(args, clients: int, total: int, duration: float, qs: list[str], endpoint: str,
              sample=None) -> dict:
    """``total`` requests from ``clients`` threads, stopped after ``duration`` seconds at most."""
    lock = threading.Lock()
    state = {"next": 0, "lat": [], "codes": {}, "busy_lat": [], "retry": [], "page": [], "waits": []}
    deadline = time.perf_counter() + duration
    running = threading.Event()
    running.set()
    stop = threading.Event()

    def page_probe():  # the chat page, as a person opening it during the load would wait for it
        c = Client(args.host, args.port, None, args.timeout)
        while running.is_set():
            status, secs, _ = c.post("/", None, "GET")
            if status == 200:
                state["page"].append(secs * 1000)
            stop.wait(2)  # one load every 2 s; returns at once when the level ends
        c._reset()

    def worker():
        c = Client(args.host, args.port, args.api_key, args.timeout)
        while time.perf_counter() < deadline:
            with lock:
                i = state["next"]
                if i >= total:
                    break
                state["next"] += 1
            path, body = body_for(endpoint, qs[i % len(qs)])
            status, secs, retry = c.post(path, body)
            with lock:
                state["codes"][status] = state["codes"].get(status, 0) + 1
                if 200 <= status < 300:
                    state["lat"].append(secs * 1000)
                    if c.answer_ms is not None:  # time in line (and on the wire): all but its own answering
                        state["waits"].append(secs - c.answer_ms / 1000)
                elif status == 503:
                    state["busy_lat"].append(secs * 1000)
                    state["retry"].append(retry)
            if status == 503:
                time.sleep(min(retry, args.max_backoff))
        c._reset()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    probe = threading.Thread(target=page_probe, daemon=True)
    probe.start()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if sample:
            sample()
        for t in threads:
            t.join(1.0)
    wall = time.perf_counter() - t0
    running.clear()
    stop.set()
    probe.join(args.timeout)
    codes = state["codes"]
    done = sum(codes.values())
    ok = sum(n for s, n in codes.items() if 200 <= s < 300)
    lat = state["lat"]
    busy = codes.get(503, 0)
    return {"clients": clients, "endpoint": endpoint, "sent": done, "ok": ok, "rejected_503": busy,
            "rejection_rate": busy / done if done else 0.0,
            "rejected_p95_ms": percentile(state["busy_lat"], 95) if busy else None,
            "retry_after_max_s": max(state["retry"]) if busy else None,
            "page_p50_ms": percentile(state["page"], 50) if state["page"] else None,
            "page_max_ms": max(state["page"]) if state["page"] else None,
            "client_errors_4xx": sum(n for s, n in codes.items() if 400 <= s < 500),
            "errors": sum(n for s, n in codes.items() if (s < 200 or s >= 500) and s != 503),
            "timeouts": codes.get(0, 0), "refused": codes.get(-1, 0), "unsent": total - done,
            "seconds": wall, "throughput": done / wall if wall else 0,
            "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "p99_ms": percentile(lat, 99),
            "wait_max_s": max(state["waits"]) if state["waits"] else None,
            "wait_p95_s": percentile(state["waits"], 95) if state["waits"] else None,
            "retry_after_missing": sum(1 for r in state["retry"] if r <= 0),
            "over_wait_limit": sum(1 for w in state["waits"] if w > args.limit)}


def start_server(args) -> subprocess.Popen:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        args.port = s.getsockname()[1]
    args.host = "127.0.0.1"
    args.api_key = args.api_key or secrets.token_urlsafe(16)  # the auth path is part of what is measured
    home = Path(args.home or tempfile.mkdtemp(prefix="load-home-"))
    env = {**os.environ, "ASSISTANT_API_KEY": args.api_key, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
    args.server_log = str(home.parent / f"load-server-{args.port}.log")
    log = open(args.server_log, "wb")  # noqa: SIM115 - as long as the server
    proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(args.port),
                             "--home", str(home), "--quiet",
                             *(["--max-wait", str(args.max_wait)] if args.max_wait else []),
                             *(["--workers", str(args.workers)] if args.workers else [])], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + args.start_timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited; see {log.name}")
        try:
            conn = http.client.HTTPConnection(args.host, args.port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                print(f"server pid {proc.pid} on {args.host}:{args.port}, home {home} "
                      f"(ready in {args.start_timeout - (deadline - time.time()):.0f} s)", flush=True)
                return proc
        except OSError:
            pass
        time.sleep(1)
    proc.kill()
    raise SystemExit(f"the server did not answer /healthz in {args.start_timeout} s")


def server_queue(args) -> dict | None:
    """The gate's own figures from /healthz (refused, refused late, longest wait for a worker)."""
    try:
        conn = http.client.HTTPConnection(args.host, args.port, timeout=30)
        conn.request("GET", "/healthz")
        return json.loads(conn.getresponse().read()).get("queue")
    except (OSError, ValueError, http.client.HTTPException):
        return None


def fmt(r: dict) -> str:
    return (f"{r['endpoint']:>4} x{r['clients']:>3}: {r['sent']:>5} sent in {r['seconds']:6.1f} s = "
            f"{r['throughput']:5.1f} req/s | p50 {r['p50_ms']:7.0f} ms, p95 {r['p95_ms']:7.0f} ms, "
            f"p99 {r['p99_ms']:7.0f} ms | ok {r['ok']}, 503 {r['rejected_503']} ({r['rejection_rate']:.0%}), "
            f"4xx {r['client_errors_4xx']}, errors {r['errors']} "
            f"(timeouts {r['timeouts']}, refused {r['refused']}), not sent {r['unsent']} | page "
            f"p50 {r['page_p50_ms'] or 0:.0f} ms, max {r['page_max_ms'] or 0:.0f} ms"
            + (f" | wait in line p95 {r['wait_p95_s']:.2f} s, max {r['wait_max_s']:.2f} s, over the limit "
               f"{r['over_wait_limit']} | 503 without Retry-After {r['retry_after_missing']}"
               if r.get("wait_max_s") is not None else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="a running server (loopback only); default: start `python app.py` here")
    ap.add_argument("--server-pid", type=int, help="pid of --url's server, to sample its memory")
    ap.add_argument("--api-key", default=os.environ.get("ASSISTANT_API_KEY"))
    ap.add_argument("--home", help="home for the started server (default: a temporary one, built on start)")
    ap.add_argument("--levels", default="1,8,16,32,64")
    ap.add_argument("--max-wait", type=float, help="the started server's --max-wait (default: its own, 10 s)")
    ap.add_argument("--workers", type=int, help="the started server's --workers (default: its own, 2)")
    ap.add_argument("--max-backoff", type=float, default=3.0, help="longest Retry-After a refused client honours")
    ap.add_argument("--endpoints", default="ask,chat", help="ask (/api/ask), chat (/v1/chat/completions)")
    ap.add_argument("--requests", type=int, default=128, help="requests per level (at least 2 per client)")
    ap.add_argument("--duration", type=float, default=120, help="seconds per level at most")
    ap.add_argument("--timeout", type=float, default=180, help="seconds one request may take")
    ap.add_argument("--soak", type=int, default=3000, help="questions in the memory soak (0: none)")
    ap.add_argument("--soak-clients", type=int, default=8)
    ap.add_argument("--soak-duration", type=float, default=1200)
    ap.add_argument("--odd", action="store_true", help="mix refused/odd questions in (expect 4xx)")
    ap.add_argument("--long", default="", help="lengths of long questions mixed in, every other question, "
                                               "e.g. 1000,2000 (over the 1,000-character cap: expect 4xx)")
    ap.add_argument("--start-timeout", type=float, default=600)
    ap.add_argument("--json", help="write the results here as JSON")
    args = ap.parse_args(argv)
    server = None
    if args.url:
        args.host, args.port = loopback_only(args.url)
        pid = args.server_pid
    else:
        server = start_server(args)
        pid = server.pid
    args.limit = args.max_wait or float(os.environ.get("ASSISTANT_MAX_WAIT") or 10)  # admitted: never longer in line
    qs = questions() + (ODD if args.odd else [])
    if args.long:
        qs = mixed(qs, long_questions([int(x) for x in args.long.split(",")]))
    mem: list[float] = []  # server RSS (MB), sampled every 2 s during the soak
    results = {"levels": [], "soak": None}
    try:
        for endpoint in args.endpoints.split(","):
            for n in (int(x) for x in args.levels.split(",")):
                r = run_level(args, n, max(args.requests, 2 * n), args.duration, qs, endpoint)
                r["server_queue"] = server_queue(args)
                results["levels"].append(r)
                print(fmt(r), flush=True)
                print(f"      server's gate: {r['server_queue']}", flush=True)
        if args.soak and pid:
            t_last = [0.0]

            def sample():
                if time.perf_counter() - t_last[0] >= 2:
                    t_last[0] = time.perf_counter()
                    mem.append(rss_mb(pid) or float("nan"))

            start_rss = rss_mb(pid)
            r = run_level(args, args.soak_clients, args.soak, args.soak_duration, qs, "ask", sample)
            end_rss = rss_mb(pid)
            peak = max(mem + [end_rss or 0])
            results["soak"] = {**r, "rss_start_mb": start_rss, "rss_end_mb": end_rss, "rss_peak_mb": peak,
                               "samples": mem}
            print(f"soak: {fmt(r)}")
            print(f"soak: server RSS {start_rss:.0f} MB at start, {end_rss:.0f} MB after {r['sent']} questions, "
                  f"peak {peak:.0f} MB; samples every 2 s: "
                  + " ".join(f"{m:.0f}" for m in mem[:: max(1, len(mem) // 12)]), flush=True)
    finally:
        if server:
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
            log = Path(args.server_log).read_text(encoding="utf-8", errors="replace")
            leaked = args.api_key in log  # the key went in every request's header: it must not be logged
            results["api_key_in_server_log"] = leaked
            print(f"server log {args.server_log}: {len(log.splitlines())} lines, API key "
                  f"{'FOUND — a secret is logged' if leaked else 'not present'}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
