#!/usr/bin/python3
"""Sends requests to tests/leakyapp/app.py served over HTTP, all at once, and
prints the JSON answers as one JSON list (tests/core/tst_probedapp.cpp).

Usage: drive.py BASE_URL PATH... where each PATH is one POST, such as
/leak/1001?pause=1. Exits 1 with the reason on stderr when a request fails.
"""
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def post(url):
    request = urllib.request.Request(url, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main():
    base, paths = sys.argv[1], sys.argv[2:]
    try:
        with ThreadPoolExecutor(max_workers=max(1, len(paths))) as pool:
            answers = list(pool.map(post, [base + path for path in paths]))
    except Exception as error:  # the one line the test shows
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(answers), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
