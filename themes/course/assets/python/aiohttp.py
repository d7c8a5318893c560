"""A stand-in for the aiohttp library in the browser's Python, for the course's programs.

It does what the lessons' programs do with aiohttp: ClientSession(connector=, timeout=) as an
async context manager, TCPConnector(limit=N) (at most N downloads at once, 100 by default, 0 for
no limit, as in aiohttp), ClientTimeout, session.get(url) as an async context manager, and
responses with .status, .ok, .url, await .read(), await .text(), .raise_for_status(); and
aiohttp's errors: ClientError, ClientConnectionError, ClientConnectorError, ClientResponseError.
A download of the course's page server (http://127.0.0.1:8000/... or localhost:8000) holds one
of the connector's connections and answers after the latency the learner set (with its jitter),
letting other tasks run meanwhile, with a small page of this site, fetched during the latency (the
latency stands for the whole round trip, as the page server's does: a fetch quicker than it adds
nothing); at the failure rate it answers 503. Another address raises ClientConnectorError (course_network says why).

What it is not: aiohttp. No connection is kept open between downloads, and there are no
headers, params, cookies, redirects, streaming, websockets, servers or methods other than GET.
"""
import asyncio

import course_network
import course_trace

__version__ = "3.9.0 (course stand-in)"


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientConnectorError(ClientConnectionError, OSError):
    pass


class ServerTimeoutError(ClientConnectionError, asyncio.TimeoutError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, request_info, history, *, status, message="", headers=None):
        super().__init__(status, message)
        self.request_info, self.history = request_info, history
        self.status, self.message, self.headers = status, message, headers

    def __str__(self):
        return f"{self.status}, message={self.message!r}, url={self.request_info!r}"


REASONS = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}


class ClientTimeout:
    """The bound on a download's wait: total, or sock_read (the wait for the answer)."""

    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None):
        self.total, self.connect = total, connect
        self.sock_read, self.sock_connect = sock_read, sock_connect

    def seconds(self):
        bounds = [bound for bound in (self.total, self.sock_read) if bound is not None]
        return min(bounds) if bounds else None


class TCPConnector:
    """At most `limit` downloads at a time (0: no limit); the others wait for one to end."""

    def __init__(self, limit=100, **ignored):
        if limit < 0:
            raise ValueError("limit must be 0 or more")
        self.limit = limit
        self._free = None  # made on first use, inside the running loop

    def _slots(self):
        if self._free is None:
            self._free = asyncio.Semaphore(self.limit) if self.limit else None
        return self._free

    async def close(self):
        pass


class ClientResponse:
    def __init__(self, url, status, body):
        self.url, self.status, self._body = url, status, body
        self.reason = REASONS.get(status, "")

    @property
    def ok(self):
        return self.status < 400

    async def read(self):
        return self._body

    async def text(self, encoding="utf-8"):
        return self._body.decode(encoding, errors="replace")

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.url, (), status=self.status, message=self.reason)

    def release(self):
        pass

    def close(self):
        pass

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>"


class _Request:
    """What session.get(url) returns: awaited, or used with async with."""

    def __init__(self, session, url):
        self._session, self._url = session, url
        self._response = None

    def __await__(self):
        return self._session._get(self._url).__await__()

    async def __aenter__(self):
        self._response = await self._session._get(self._url)
        return self._response

    async def __aexit__(self, *exc):
        self._response.release()


class ClientSession:
    def __init__(self, base_url=None, *, connector=None, timeout=None, **ignored):
        self.connector = connector or TCPConnector()
        self.timeout = timeout or ClientTimeout(total=300)  # aiohttp's default: 5 minutes
        self.closed = False

    def get(self, url, **ignored):
        return _Request(self, url)

    async def _get(self, url):
        if self.closed:
            raise RuntimeError("Session is closed")
        try:
            path = course_network.route(url)
        except course_network.Unreachable as error:
            raise ClientConnectorError(error.errno, error.strerror) from None
        slots = self.connector._slots()
        if slots is None:
            return await self._download(url, path)
        async with slots:  # a connection of the connector's limit, held for the download
            return await self._download(url, path)

    async def _download(self, url, path):
        settings = course_network.settings
        settings.arrived()
        try:
            return await self._answer(url, path)
        finally:
            settings.left()

    async def _answer(self, url, path):
        settings, transport = course_network.settings, course_network.transport
        seconds = settings.delay(path)
        limit = self.timeout.seconds()
        if limit is not None and seconds > limit:
            await transport.async_sleep(limit)
            raise ServerTimeoutError(f"Timeout on reading data from socket ({url})")
        if settings.answered(path):
            await transport.async_sleep(seconds)
            return ClientResponse(url, 503, course_network.UNAVAILABLE)
        fetching = asyncio.ensure_future(_fetch(transport))
        try:
            await transport.async_sleep(seconds)
            status, body = await fetching
        except OSError as error:
            raise ClientConnectorError(error.errno, error.strerror) from None
        finally:
            fetching.cancel()  # ended early (Stop, a cancelled task): the fetch is not wanted
        return ClientResponse(url, status, body)

    async def close(self):
        self.closed = True
        await self.connector.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()


@course_trace.internal
async def _fetch(transport):
    return await transport.fetch_async()
