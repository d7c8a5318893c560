"""A page server on your own machine, for the course's download programs: no network needed.

    python3 page_server.py                          # http://127.0.0.1:8000/, 200 ms a page
    python3 page_server.py --latency 0.5 --jitter 0.3
    python3 page_server.py --fail 0.05 --seed 1     # about 1 answer in 20 is a 503

Leave it running in one terminal and run the lessons' programs in another: they download from it
unless you give them addresses of your own. Every address answers with a small page after the
latency, as a distant server would; --jitter varies each page's latency by up to that fraction
either way, as the demos' Jitter does; --fail answers that fraction of requests with
503 Service Unavailable instead. With --seed, each page keeps its latency from run to run, and
the failures fall on the same requests in the order they arrive. Ctrl+C stops it and says how
many requests it answered.
Standard library only.
"""
import argparse
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 8000
LATENCY = 0.2  # seconds: the downloads demo's default, so that your figures compare with its
PAGE = "<!doctype html><title>Page {path}</title><p>This is {path}.</p><p>{filler}</p>\n"


class PageServer:
    """The server, started and stopped by a with block; it counts what it answered.

    with PageServer(latency=0.2) as server:
        print(server.url, server.urls(3))      # port=0 lets the system pick a free port
    """

    def __init__(self, latency=LATENCY, jitter=0.0, fail=0.0, seed=None, port=PORT,
                 host="127.0.0.1", broken=(), stalled=(), stall=30.0):
        self.latency, self.jitter, self.fail, self.seed = latency, jitter, fail, seed
        # Pages that always fail (503) and pages that answer only after `stall` seconds, by
        # path ("/page/3"): what the exercises' checkers (course_check.py) test programs with.
        self.broken, self.stalled, self.stall = set(broken), set(stalled), stall
        self.requests = self.failures = 0
        # What a checker reads: the most requests answered at once, and when the first arrived
        # and the last was answered (time.perf_counter()).
        self.in_flight = self.peak = self.connections = 0
        self.first_request = self.last_answer = None
        self._lock = threading.Lock()  # the handler threads share the counts and the RNG
        self._random = random.Random(seed)
        self._http = _Server((host, port), _handler(self))
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/"

    def urls(self, count):
        """count different addresses on this server: a download program's list of pages."""
        return [f"{self.url}page/{number}" for number in range(count)]

    def delay(self, path):
        """Seconds to wait before answering for path."""
        if not self.jitter:
            return self.latency
        if self.seed is None:
            with self._lock:
                noise = self._random.uniform(-1, 1)
        else:  # each page its own latency, the same on every run with the same seed
            noise = random.Random(f"{self.seed} {path}").uniform(-1, 1)
        return max(0.0, self.latency * (1 + self.jitter * noise))

    def answered(self, path=""):
        """Count one request; return whether to answer it with an error."""
        with self._lock:
            self.requests += 1
            failed = self._random.random() < self.fail or path in self.broken
            self.failures += failed
            return failed

    def connected(self):
        with self._lock:
            self.connections += 1

    def arrived(self):
        with self._lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            if self.first_request is None:
                self.first_request = time.perf_counter()

    def left(self):
        with self._lock:
            self.in_flight -= 1
            self.last_answer = time.perf_counter()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._http.shutdown()
        self._http.server_close()


class _Server(ThreadingHTTPServer):
    # A thread per connection. Room for many connections arriving at once (an event loop opens
    # them together): with the default backlog of 5 the system drops the rest, which then retry
    # a second later and spoil the timing.
    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that went away mid-answer (a program that stopped, or gave up on a page) is
        # the client's business: no traceback. Anything else is reported as usual.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler(pages):
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.1 keeps each connection open between requests, as real servers do, so that a
        # program's session can reuse it.
        protocol_version = "HTTP/1.1"
        # Send the body right after the headers: otherwise Nagle's algorithm holds it until the
        # client acknowledges them, which it may delay by up to 40 ms.
        disable_nagle_algorithm = True

        def setup(self):
            super().setup()
            pages.connected()  # a connection opened: a program's session keeps one open

        def do_GET(self):
            pages.arrived()
            under_way = True
            try:
                # the wait a distant server and network would cost
                time.sleep(pages.stall if self.path in pages.stalled else pages.delay(self.path))
                if pages.answered(self.path):
                    status, body = 503, b"Service Unavailable: try again later\n"
                else:
                    status, body = 200, PAGE.format(path=self.path, filler="x" * 1000).encode()
                # Answered from here on. Counted after the answer was sent, a request overlapped
                # the client's next one on a busy machine: the client had its answer and asked
                # again (on a new connection) before this thread ran once more, and a pool kept
                # to 4 at a time was seen with 5 under way.
                pages.left()
                under_way = False
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                if under_way:
                    pages.left()

        def log_message(self, *args):
            pass  # a line per request would bury what the programs print

    return Handler


def fraction(text):
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, not {text}")
    return value


def seconds(text):
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=seconds, default=LATENCY, metavar="SECONDS",
                        help=f"wait before each answer (default {LATENCY})")
    parser.add_argument("--jitter", type=fraction, default=0.0, metavar="FRACTION",
                        help="vary each latency by up to this fraction either way (default 0)")
    parser.add_argument("--fail", type=fraction, default=0.0, metavar="FRACTION",
                        help="answer this fraction of requests with 503 (default 0)")
    parser.add_argument("--seed", type=int, help="the same latencies and failures on every run")
    parser.add_argument("--port", type=int, default=PORT, help=f"(default {PORT})")
    args = parser.parse_args()
    try:
        server = PageServer(args.latency, args.jitter, args.fail, args.seed, args.port)
    except OSError as error:
        sys.exit(f"Cannot listen on port {args.port} ({error.strerror}): is a page server "
                 f"running already? Stop it, or choose another port with --port.")
    with server:
        spread = f" ± {args.jitter:.0%}" if args.jitter else ""
        errors = f", {args.fail:.0%} of them answered 503" if args.fail else ""
        print(f"Serving pages at {server.url}: {args.latency * 1000:g} ms{spread} a page{errors}.")
        print("Run a lesson's download program in another terminal, e.g. python3 io_sync.py. "
              "Ctrl+C stops.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    plural = "" if server.requests == 1 else "s"
    print(f"\nAnswered {server.requests} request{plural}, {server.failures} of them with an error.")


if __name__ == "__main__":
    main()
