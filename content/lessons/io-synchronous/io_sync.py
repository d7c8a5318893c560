"""Download web pages one after another, on one thread, and time the whole batch.

    python3 io_sync.py                  # 80 pages from the course's page server
    python3 io_sync.py URL [URL ...]    # exactly these addresses, in this order

By default it downloads from the page server in the sample code, which answers on this machine
after 200 ms, as a distant server might: start it first, in another terminal, with
python3 page_server.py. It needs the requests library: python3 -m pip install requests
"""
import argparse
import socket
import sys
import time

import requests

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
SITES = [f"{SERVER}page/{number}" for number in range(80)]

# Seconds to wait for a server to accept the connection, and then for each part of its answer,
# before giving up: without a timeout, one silent server would stop the program for good.
TIMEOUT = 10


def download_site(session, url):
    """Fetch one page through the session's open connections; return its size in bytes."""
    with session.get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()  # an error page is not a download: stop here
        return len(response.content)


def download_all_sites(urls):
    # One session for every request: it keeps each connection open after an answer and reuses
    # it for the next request to the same host, so only the first pays for setting it up.
    with requests.Session() as session:
        return [download_site(session, url) for url in urls]


def server_is_up():
    try:
        socket.create_connection((HOST, PORT), timeout=TIMEOUT).close()
    except OSError:  # refused: nothing listens there
        return False
    return True


def main():
    parser = argparse.ArgumentParser(description="Download pages one after another.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        f"(default: 80 pages at {SERVER})")
    urls = parser.parse_args().urls
    if not urls:
        if not server_is_up():
            sys.exit(f"Nothing answers at {SERVER}. Start the page server first: "
                     "python3 page_server.py")
        urls = SITES

    started = time.perf_counter()
    sizes = download_all_sites(urls)
    elapsed = time.perf_counter() - started
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


if __name__ == "__main__":
    main()
