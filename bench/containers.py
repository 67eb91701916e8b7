"""Helpers of bench/containers.sh (standard library only).

  containers.py field KEY                 reads JSON on stdin, prints the value at KEY (a.b.c; numbers index lists)
  containers.py count [LABEL=VALUE]       reads a JSON list on stdin (the containers plugin's list), prints how many
                                          entries it holds (with LABEL=VALUE: how many carry that label)
  containers.py bulk TOTAL                reads a bulk answer (restart-all) on stdin; exits 1 unless total, success are
                                          TOTAL and failed 0 (printing the answer's failures on stderr)
  containers.py keepalive URL TOKEN N     GET URL N times on one kept-alive HTTP connection (a warm client that starts
                                          no process per request); prints each request's wall time in ms, one a line
  containers.py started-after EPOCH IDS.. reads `docker inspect -f '{{.State.StartedAt}}'` lines on stdin; exits 1
                                          unless each started after EPOCH (seconds), printing how many did not
"""
import http.client
import json
import sys
import time
import urllib.parse
from datetime import datetime


def field(key):
    value = json.load(sys.stdin)
    for part in key.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    print(value)


def count(label=None):
    entries = json.load(sys.stdin)
    if not isinstance(entries, list):
        sys.exit("not a list: " + json.dumps(entries)[:300])
    if label:
        key, _, value = label.partition("=")
        entries = [e for e in entries if (e.get("labels") or {}).get(key) == value]
    print(len(entries))


def bulk(total):
    answer = json.load(sys.stdin)
    ok = answer.get("total") == total and answer.get("success") == total and answer.get("failed") == 0
    if not ok:
        failures = [r for r in answer.get("results", []) if not r.get("success")]
        print("restart-all: total %s success %s failed %s; failures: %s" % (
            answer.get("total"), answer.get("success"), answer.get("failed"), json.dumps(failures)[:2000]),
            file=sys.stderr)
        sys.exit(1)


def keepalive(url, token, rounds):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    headers = {"Authorization": "Bearer " + token}
    for _ in range(rounds):
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            sys.exit("GET %s -> %d: %s" % (path, response.status, body[:300]))
        print("%.2f" % elapsed)
    conn.close()


def parse_time(text):
    # Docker's RFC 3339 with nanoseconds: 2026-12-07T17:56:27.245457481Z
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1]
    whole, _, frac = text.partition(".")
    seconds = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=None)
    epoch = (seconds - datetime(1970, 1, 1)).total_seconds()
    return epoch + (float("0." + frac) if frac else 0.0)


def started_after(epoch):
    times = [parse_time(line) for line in sys.stdin if line.strip()]
    late = [t for t in times if t <= epoch]
    if late:
        print("%d of %d containers did not start after %.3f" % (len(late), len(times), epoch), file=sys.stderr)
        sys.exit(1)
    print(len(times))


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "field":
        field(args[0])
    elif command == "count":
        count(args[0] if args else None)
    elif command == "bulk":
        bulk(int(args[0]))
    elif command == "keepalive":
        keepalive(args[0], args[1], int(args[2]))
    elif command == "started-after":
        started_after(float(args[0]))
    elif command == "epoch":
        # containers.py epoch: Docker times on stdin, printed as epoch seconds
        for line in sys.stdin:
            if line.strip():
                print("%.6f" % parse_time(line))
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
