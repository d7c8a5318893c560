"""Download pages concurrently on one thread with asyncio and aiohttp."""
import asyncio
import time

import aiohttp

URLS = [f"https://example.org/page/{n}" for n in range(8)]


async def fetch(session, url):
    async with session.get(url) as response:
        return len(await response.read())


async def fetch_all(urls):
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch(session, url) for url in urls))


if __name__ == "__main__":
    started = time.perf_counter()
    sizes = asyncio.run(fetch_all(URLS))
    print(f"{len(sizes)} pages in {time.perf_counter() - started:.2f} s")
