#!/usr/bin/env python3
"""The second app of the two-app example: a JSON API on Python's standard library alone.

Fleetgate starts one process per worker and gives each its HOST, PORT and WORKER_ID. It serves
this app at /api/ with strip-path on, so a request for /api/users arrives here as /users (and
with X-Forwarded-Prefix: /api), and at every path of the host api.example.test.
"""
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8101"))
WORKER = os.environ.get("WORKER_ID", "0")


class Handler(BaseHTTPRequestHandler):
    # Keep-alive: Fleetgate pools its connections to the workers, as nginx's keepalive does.
    protocol_version = "HTTP/1.1"
    server_version = "api-example"

    def do_GET(self):
        if self.path == "/healthz":
            self.answer(200, {"status": "ok", "worker": WORKER})
            return
        self.answer(200, {
            "app": "api",
            "worker": WORKER,
            "pid": os.getpid(),
            "path": self.path,
            "host": self.headers.get("Host"),
            "xForwardedPrefix": self.headers.get("X-Forwarded-Prefix"),
            "xForwardedFor": self.headers.get("X-Forwarded-For"),
        })

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.answer(200, {"app": "api", "worker": WORKER, "path": self.path, "received": len(body)})

    def answer(self, status, document):
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, fmt, *args):
        # One line per request on stderr: Fleetgate keeps it in the worker's log (err |).
        sys.stderr.write("api worker %s: %s\n" % (WORKER, fmt % args))


def main():
    server = ThreadingHTTPServer((HOST, PORT), Handler)
    server.daemon_threads = True

    # SIGTERM (Fleetgate's stop): stop accepting, let the request in hand finish, exit 0.
    def stop(signum, frame):
        print("api worker %s stopping" % WORKER, flush=True)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    print("api worker %s listening on %s:%d (pid %d)" % (WORKER, HOST, PORT, os.getpid()), flush=True)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
