#!/usr/bin/env python3
"""Helpers of bench/stats.sh (the server-stats benchmark). Each keeps one HTTP connection to the Porthole server alive,
so that 1,000 host creations or 100 viewers' heartbeats cost no process per request.

  hosts URL TOKEN COUNT KEYFILE USER PORT NET   creates COUNT hosts, host i at NET.(i // 254).(i % 254 + 1):PORT with
                                                the private key in KEYFILE; prints their ids, one a line
  viewers URL TOKEN IDS READY PERIOD            registers a viewer of each host id in the file IDS, writes READY, then
                                                heartbeats every viewer once per PERIOD seconds, spread evenly over the
                                                period (as independent browser tabs would), until it is killed
  ready URL TOKEN IDS VIEWED TIMEOUT            waits until every host of IDS has a status and every host of VIEWED
                                                has metrics (GET /metrics/N answers 200); exit 1 after TIMEOUT seconds
  fresh URL TOKEN IDS MAXAGE                     GET /status once: prints "with online fresh oldest", the hosts of IDS
                                                with a status, online, checked within MAXAGE seconds, and the age of
                                                the oldest status in seconds
  prom URL TOKEN                                the plugin's own figures from GET /metrics/prometheus:
                                                "polls execs failures count sum p50 p90 p99" (- for a missing one)
  follow LOG OUT                                follows the sshd log (LogLevel VERBOSE has no times) from its end,
                                                writing "seconds line" to OUT for each session start and close line,
                                                read every 10 ms, until it is killed
  polls OUT FROM TO GAP                         the polls seen sshd-side in OUT between the times FROM and TO: each
                                                connection's sessions, grouped into one poll while the next starts
                                                less than GAP seconds after the last closed; prints "polls p50 p99
                                                period" in ms, period being the median time from one poll of a host
                                                to its next
"""
import datetime
import http.client
import json
import re
import sys
import time
import urllib.parse


class Api:
    def __init__(self, url, token):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        self.conn = None

    def call(self, method, path, body=None):
        """(status, text); one retry on a broken kept-alive connection."""
        data = None if body is None else json.dumps(body).encode()
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=data, headers=self.headers)
                r = self.conn.getresponse()
                return r.status, r.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 2:
                    raise

    def json(self, method, path, body=None, ok=(200, 201)):
        status, text = self.call(method, path, body)
        if status not in ok:
            raise SystemExit(f"{method} {path} -> {status}: {text[:500]}")
        return json.loads(text) if text else None


def address(net, i):
    return f"{net}.{i // 254}.{i % 254 + 1}"


def hosts(url, token, count, keyfile, user, port, net):
    api = Api(url, token)
    key = open(keyfile).read()
    for i in range(int(count)):
        body = dict(name=f"stats-bench-{i:05d}", address=address(net, i), port=int(port), username=user,
                    authType="key", privateKey=key, enableStats=True)
        print(api.json("POST", "/api/hosts", body)["id"], flush=True)


def read_ids(path):
    return [line.strip() for line in open(path) if line.strip()]


def viewers(url, token, ids, ready, period):
    api = Api(url, token)
    sessions = []
    for host_id in read_ids(ids):
        d = api.json("POST", "/metrics/register-viewer", {"hostId": int(host_id)})
        if not d.get("success") or "viewerSessionId" not in d:
            raise SystemExit(f"register-viewer {host_id}: {d}")
        sessions.append((host_id, d["viewerSessionId"]))
    with open(ready, "w") as f:
        f.write(f"{len(sessions)}\n")
    gap = float(period) / max(1, len(sessions))
    lost = 0
    while True:
        for n, (host_id, session) in enumerate(sessions):
            time.sleep(gap)
            try:
                d = api.json("POST", "/metrics/heartbeat", {"viewerSessionId": session})
            except (SystemExit, OSError, http.client.HTTPException) as e:
                print(f"heartbeat of host {host_id}: {e}", file=sys.stderr, flush=True)
                continue
            if not d.get("success"):  # expired (the server was too busy to answer in 2 min?): register again
                lost += 1
                print(f"viewer of host {host_id} was lost ({lost} so far): registering again", file=sys.stderr,
                      flush=True)
                d = api.json("POST", "/metrics/register-viewer", {"hostId": int(host_id)})
                sessions[n] = (host_id, d["viewerSessionId"])


def ready(url, token, ids, viewed, timeout):
    api = Api(url, token)
    all_ids, want = set(read_ids(ids)), read_ids(viewed)
    deadline = time.time() + float(timeout)
    missing_status, missing_metrics = all_ids, set(want)
    last_report = 0
    while True:
        statuses = api.json("GET", "/status")
        missing_status = {i for i in all_ids if i not in statuses}
        for host_id in sorted(missing_metrics):
            status, _ = api.call("GET", f"/metrics/{host_id}")
            if status == 200:
                missing_metrics.discard(host_id)
        if not missing_status and not missing_metrics:
            online = sum(1 for i in all_ids if statuses[i].get("status") == "online")
            print(f"{len(all_ids)} hosts with a status ({online} online), {len(want)} with metrics")
            return
        now = time.time()
        if now >= deadline:
            print(f"not ready after {timeout} s: {len(missing_status)} hosts without a status, "
                  f"{len(missing_metrics)} viewed hosts without metrics (e.g. {sorted(missing_metrics)[:5]})")
            sys.exit(1)
        if now - last_report >= 10:
            print(f"  waiting: {len(missing_status)} hosts without a status, {len(missing_metrics)} viewed hosts "
                  f"without metrics", file=sys.stderr, flush=True)
            last_report = now
        time.sleep(2)


def fresh(url, token, ids, max_age):
    statuses = Api(url, token).json("GET", "/status")
    now = datetime.datetime.now(datetime.timezone.utc)
    have, online, young, oldest = 0, 0, 0, 0.0
    for host_id in read_ids(ids):
        s = statuses.get(host_id)
        if not s:
            continue
        have += 1
        online += s.get("status") == "online"
        age = (now - datetime.datetime.fromisoformat(s["lastChecked"].replace("Z", "+00:00"))).total_seconds()
        young += age <= float(max_age)
        oldest = max(oldest, age)
    print(have, online, young, f"{oldest:.0f}")


def prom(url, token):
    status, text = Api(url, token).call("GET", "/metrics/prometheus")
    if status != 200:
        raise SystemExit(f"GET /metrics/prometheus -> {status}: {text[:300]}")
    values = {}
    for line in text.splitlines():
        m = re.match(r'^(porthole_stats_metrics_\w+?)(\{quantile="([0-9.]+)"\})?\s+(\S+)$', line)
        if m:
            values[m.group(1) + (":" + m.group(3) if m.group(3) else "")] = float(m.group(4))
    base = "porthole_stats_metrics_"
    keys = ["polls_total", "execs_total", "poll_failures_total", "poll_duration_seconds_count",
            "poll_duration_seconds_sum", "poll_duration_seconds:0.5", "poll_duration_seconds:0.9",
            "poll_duration_seconds:0.99"]
    print(" ".join(repr(values[base + k]) if base + k in values else "-" for k in keys))


SESSION = re.compile(r"^(Starting session: command for \S+|Close session: user \S+) from (\S+) port (\d+) id (\d+)")


def follow(log, out):
    with open(log, "rb") as f, open(out, "w") as o:
        f.seek(0, 2)
        rest = b""
        while True:
            chunk = f.read()
            if not chunk:
                time.sleep(0.01)
                continue
            now = time.time()
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            for line in lines:
                if line.startswith(b"Starting session: command") or line.startswith(b"Close session:"):
                    o.write(f"{now:.3f} {line.decode('utf-8', 'replace')}\n")
            o.flush()


def quantile(values, q):
    """The nearest-rank quantile."""
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(-(-q * len(values) // 1)) - 1))]


def polls(out, start, end, gap):
    start, end, gap = float(start), float(end), float(gap)
    open_at, conns = {}, {}  # (address, port, id) -> start; (address, port) -> [[first start, last close], ...]
    for line in open(out):
        stamp, text = line.split(" ", 1)
        m = SESSION.match(text)
        if not m:
            continue
        t, conn = float(stamp), (m.group(2), m.group(3))
        if m.group(1).startswith("Starting"):
            open_at[conn + (m.group(4),)] = t
            runs = conns.setdefault(conn, [])
            if not runs or runs[-1][1] is None or t - runs[-1][1] >= gap:
                runs.append([t, None])
        elif conn + (m.group(4),) in open_at and conns.get(conn):
            conns[conn][-1][1] = t
    durations, periods = [], []
    for runs in conns.values():
        done = [r for r in runs if r[1] is not None]
        durations += [(b - a) * 1000 for a, b in done if a >= start and b <= end]
        periods += [(b[0] - a[0]) * 1000 for a, b in zip(done, done[1:]) if a[0] >= start and b[0] <= end]
    if not durations:
        print("0 - - -")
        return
    period = f"{quantile(periods, 0.5):.0f}" if periods else "-"
    print(len(durations), f"{quantile(durations, 0.5):.0f}", f"{quantile(durations, 0.99):.0f}", period)


if __name__ == "__main__":
    commands = dict(hosts=hosts, viewers=viewers, ready=ready, fresh=fresh, prom=prom, follow=follow, polls=polls)
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        raise SystemExit(__doc__)
    try:
        commands[sys.argv[1]](*sys.argv[2:])
    except KeyboardInterrupt:
        pass
