"""A web server on 127.0.0.1 that answers every GET after a set latency, for the lessons' programs.

    python3 tests/python/latency_server.py 0.1    # serve, 100 ms per request, until stopped

Run like that, it prints its address on the first line. The tests start it in-process with
LatencyServer, which also counts the requests, so that a test can tell every page was fetched.
Nothing here leaves the machine.
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = b"<!doctype html><title>A page</title><p>" + b"x" * 1000 + b"\n"


class Server(ThreadingHTTPServer):
    # Room for many connections arriving at once (an event loop opens all of them together):
    # with the default backlog of 5, the system drops the rest and they retry a second later.
    request_queue_size = 128
    daemon_threads = True


class LatencyServer:
    def __init__(self, latency):
        self.latency = latency
        self.requests = 0
        self._count_lock = threading.Lock()
        # Port 0: the system picks a free port, so two runs never collide.
        self._server = Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}/"

    def urls(self, count):
        """count distinct addresses on this server, as a program's list of pages."""
        return [f"{self.url}page/{number}" for number in range(count)]

    def reset(self):
        with self._count_lock:
            self.requests = 0

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _counted(self):
        with self._count_lock:
            self.requests += 1

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1 keeps the connection open between requests, as real servers do, so a
            # program's session can reuse it.
            protocol_version = "HTTP/1.1"
            # Send the body at once after the headers: otherwise Nagle's algorithm holds it
            # until the client acknowledges them, which it delays by up to 40 ms.
            disable_nagle_algorithm = True

            def do_GET(self):
                time.sleep(server.latency)  # the wait a real server and network would cost
                server._counted()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(BODY)))
                self.end_headers()
                self.wfile.write(BODY)

            def log_message(self, *args):
                pass  # one line per request would bury the test's own output

        return Handler


if __name__ == "__main__":
    with LatencyServer(float(sys.argv[1]) if len(sys.argv) > 1 else 0.1) as running:
        print(running.url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
