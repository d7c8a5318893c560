"""The network the browser's Python sees: the course's page server, modelled on this site.

In the page there is no page server and no socket: a download program's requests for the page
server's addresses (http://127.0.0.1:8000/... or http://localhost:8000/..., where
site/python/page_server.py listens on the learner's machine) are answered here, after the
latency, jitter and failure rate the learner set, with a small page of this site fetched from
this site. Any other address fails, as an unreachable host does. The stand-ins of requests and
aiohttp call this module; so does socket.create_connection, which the programs use to check
that the page server is up (install() replaces it).

What it is not: a network. No connection is opened, nothing leaves the site, and there are no
headers, redirects, cookies or request bodies. The latency is a wait, as page_server.py's is.
"""
import errno
import random
import socket
from urllib.parse import urlsplit

# Where the lessons' programs expect the page server (page_server.py's host and port).
PAGE_SERVERS = {("127.0.0.1", 8000), ("localhost", 8000)}
SERVER = "http://127.0.0.1:8000/"
UNAVAILABLE = b"Service Unavailable: try again later\n"  # page_server.py's 503 page
ELSEWHERE = ("The browser's Python reaches only this site's stand-in of the course's page server "
             f"({SERVER}, or localhost:8000): {{where}} is out of its reach. Run the program on "
             "your own machine to download from other addresses.")


OFFLINE = "This site did not answer ({error}): are you offline?"


class Unreachable(OSError):
    """An address other than the page server's: what the stand-ins turn into their own error."""


class Settings:
    """The learner's network, as the demos model it: each run's message carries them."""

    def __init__(self, latency_ms=200, jitter=0.0, fail=0.0, seed=None, broken=(), stalled=(),
                 stall=30.0):
        self.latency = max(0.0, float(latency_ms)) / 1000
        self.jitter = min(max(float(jitter), 0.0), 1.0)
        self.fail = min(max(float(fail), 0.0), 1.0)
        self.seed = seed
        # Pages that always fail and pages that answer only after `stall` seconds, by path, as
        # page_server.py's: what an exercise's checker (course_check.py) sets.
        self.broken, self.stalled, self.stall = set(broken), set(stalled), float(stall)
        self.requests = self.failures = 0
        # As page_server.py counts them: the most downloads at once, and when the first started
        # and the last ended (time.perf_counter()).
        self.in_flight = self.peak = 0
        self.first_request = self.last_answer = None
        self._random = random.Random(seed)

    def arrived(self):
        import time
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        if self.first_request is None:
            self.first_request = time.perf_counter()

    def left(self):
        import time
        self.in_flight -= 1
        self.last_answer = time.perf_counter()

    def delay(self, path):
        """Seconds before the answer for path: page_server.py's PageServer.delay, the same draws."""
        if path in self.stalled:
            return self.stall
        if not self.jitter:
            return self.latency
        if self.seed is None:
            noise = self._random.uniform(-1, 1)
        else:  # each page its own latency, the same on every run with the same seed
            noise = random.Random(f"{self.seed} {path}").uniform(-1, 1)
        return max(0.0, self.latency * (1 + self.jitter * noise))

    def answered(self, path=""):
        """Count one request; return whether it fails (503), as page_server.py's answered()."""
        self.requests += 1
        failed = self._random.random() < self.fail or path in self.broken
        self.failures += failed
        return failed


class Transport:
    """How a page of the site is fetched and how a wait is waited: the worker's, in the page.

    Tests replace it (set `transport`) with one that fetches nothing and keeps its own clock.
    """

    def __init__(self, page_url):
        self.page_url = page_url  # a small page of this site, the body of every answer

    def fetch(self):
        """(status, bytes) of the page, fetched synchronously: a blocking download."""
        from js import XMLHttpRequest  # a worker may make synchronous requests; a page may not
        from pyodide.ffi import JsException
        request = XMLHttpRequest.new()
        request.open("GET", self.page_url, False)
        request.responseType = "arraybuffer"
        try:
            request.send()
        except JsException as error:
            raise OSError(errno.ENETUNREACH, OFFLINE.format(error=error))
        return request.status, request.response.to_bytes()

    async def fetch_async(self):
        """(status, bytes) of the page, fetched while the event loop runs other tasks."""
        from pyodide.http import pyfetch
        try:
            response = await pyfetch(self.page_url)
        except Exception as error:  # pyfetch raises OSError or JsException, by version
            raise OSError(errno.ENETUNREACH, OFFLINE.format(error=error))
        return response.status, await response.bytes()

    def clock(self):
        import time
        return time.monotonic()

    def sleep(self, seconds):
        import time
        time.sleep(seconds)  # looked up now: the runner's interruptible sleep (course_run)

    async def async_sleep(self, seconds):
        import asyncio
        await asyncio.sleep(seconds)


settings = Settings()
transport = None  # set by the worker (course_run.install) or a test


def configure(latency_ms=200, jitter=0.0, fail=0.0, seed=None, broken=(), stalled=(), stall=30.0):
    """A run's network settings; the counts and random draws start afresh."""
    global settings
    settings = Settings(latency_ms, jitter, fail, seed, broken, stalled, stall)
    return settings


def route(url):
    """The page server's path for url, or Unreachable for any other address."""
    parts = urlsplit(url)
    try:
        where = (parts.hostname, parts.port or {"http": 80, "https": 443}.get(parts.scheme))
    except ValueError:  # a port that is not a number
        where = (parts.hostname, None)
    if parts.scheme != "http" or where not in PAGE_SERVERS:
        raise Unreachable(errno.ECONNREFUSED, ELSEWHERE.format(where=url))
    return parts.path + (f"?{parts.query}" if parts.query else "") or "/"


def create_connection(address, timeout=None, source_address=None, *, all_errors=False):
    """socket.create_connection for the programs' "is the page server up" check: a connection
    to the page server's address that carries nothing; any other address is refused."""
    host, port = address[0], int(address[1])
    if (host, port) not in PAGE_SERVERS:
        raise ConnectionRefusedError(errno.ECONNREFUSED, ELSEWHERE.format(where=f"{host}:{port}"))
    return _Connection()


class _Connection:
    """Enough of a socket to be closed. Anything else (urllib, http.client) fails in plain words:
    the browser's Python has no sockets."""

    def close(self):
        pass

    def __getattr__(self, name):
        raise OSError(errno.EOPNOTSUPP, "The browser's Python has no sockets: it reaches the "
                      "stand-in page server through the requests and aiohttp stand-ins only.")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def install(page_url):
    """In the worker: fetch from page_url, and answer socket.create_connection ourselves."""
    global transport
    transport = Transport(page_url)
    socket.create_connection = create_connection
