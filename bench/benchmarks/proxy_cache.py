"""An anonymous page through a caching reverse proxy, beside the same page straight from gunicorn.

The proxy is nginx with the cache configuration of deploy/README.md (`proxy_cache` on the pages under
/fr/ and /en/, bypassed with a session cookie), started by bench/run.py in front of the same gunicorn.
The page is the places list, the one residents open all at once in a heatwave.
"""

NAME = "proxy_cache"
DESCRIPTION = "Places list straight from gunicorn and through nginx's proxy cache (deploy/README.md)"


def prepare(scale: int) -> None:
    from bench.benchmarks import places

    places.prepare(scale)


def targets() -> list[tuple[str, ...]]:
    # Through the proxy first: loading gunicorn straight leaves it a backlog of requests that would
    # delay the proxy's first fill of the cache.
    return [
        ("places list, through the proxy cache", "/fr/places/", "proxy"),
        ("places list, straight from gunicorn", "/fr/places/"),
    ]
