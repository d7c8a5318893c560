"""A stand-in for the requests library in the browser's Python, for the course's programs.

It does what the lessons' programs do with requests: requests.get(url, timeout=...) and
requests.Session() (a context manager) with its get(), each response usable as a context
manager, with .status_code, .ok, .content, .text, .url and .raise_for_status(); and requests'
errors: RequestException, ConnectionError, Timeout, HTTPError (also in requests.exceptions).
A download of the course's page server (http://127.0.0.1:8000/... or localhost:8000) waits the
latency the learner set (with its jitter), blocking as a real download blocks, then fetches a
small page of this site; at the failure rate it answers 503. Another address raises
ConnectionError (course_network says why).

What it is not: requests. There is no connection pooling (a Session only groups calls), no
headers, params, cookies, auth, redirects, streaming or methods other than GET, and a timeout
covers the whole wait, not each read.
"""
import contextlib
import sys
import types

import course_network
import course_trace

__version__ = "2.32.0 (course stand-in)"


class RequestException(IOError):
    """Base of every error the stand-in raises, as in requests."""

    def __init__(self, *args, request=None, response=None):
        super().__init__(*args)
        self.request, self.response = request, response


class ConnectionError(RequestException):
    pass


class Timeout(RequestException):
    pass


class ConnectTimeout(ConnectionError, Timeout):
    pass


class ReadTimeout(Timeout):
    pass


class HTTPError(RequestException):
    pass


# `from requests.exceptions import HTTPError` and `requests.exceptions.Timeout`, as in requests.
exceptions = types.ModuleType(f"{__name__}.exceptions", "requests' errors (course stand-in)")
for _error in (RequestException, ConnectionError, Timeout, ConnectTimeout, ReadTimeout, HTTPError):
    setattr(exceptions, _error.__name__, _error)
sys.modules[exceptions.__name__] = exceptions

REASONS = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}


class Response:
    def __init__(self, url, status_code, content, elapsed):
        self.url, self.status_code, self.content = url, status_code, content
        self.reason = REASONS.get(status_code, "")
        self.encoding = "utf-8"
        self.elapsed = elapsed  # seconds here; a timedelta in requests

    @property
    def text(self):
        return self.content.decode(self.encoding, errors="replace")

    @property
    def ok(self):
        return self.status_code < 400

    def raise_for_status(self):
        if 400 <= self.status_code:
            side = "Client" if self.status_code < 500 else "Server"
            raise HTTPError(f"{self.status_code} {side} Error: {self.reason} for url: {self.url}",
                            response=self)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


class Session:
    """Groups downloads, as a requests.Session does; it pools no connection (there is none)."""

    def get(self, url, timeout=None, **ignored):
        return get(url, timeout=timeout)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def get(url, timeout=None, **ignored):
    """Download url: wait its latency (blocking, as a real download blocks), then fetch."""
    try:
        path = course_network.route(url)
    except course_network.Unreachable as error:
        raise ConnectionError(str(error.strerror)) from None
    settings, transport = course_network.settings, course_network.transport
    seconds = settings.delay(path)
    limit = _timeout_seconds(timeout)
    with course_trace.blocking(io=True), _counted(settings):
        started = transport.clock()
        if limit is not None and seconds > limit:
            transport.sleep(limit)
            raise ReadTimeout(f"HTTPConnectionPool: Read timed out. (read timeout={limit})")
        transport.sleep(seconds)
        if settings.answered(path):
            status, content = 503, course_network.UNAVAILABLE
        else:
            try:
                status, content = transport.fetch()
            except OSError as error:
                raise ConnectionError(str(error.strerror or error)) from None
        return Response(url, status, content, transport.clock() - started)


@contextlib.contextmanager
def _counted(settings):
    """A download under way, as the page server counts them (course_network.Settings)."""
    settings.arrived()
    try:
        yield
    finally:
        settings.left()


def _timeout_seconds(timeout):
    """requests takes a number or a (connect, read) pair; the read part bounds the wait here."""
    if isinstance(timeout, tuple):
        timeout = timeout[-1]
    return None if timeout is None else float(timeout)
