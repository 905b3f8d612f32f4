#!/usr/bin/env python3
"""Throughput and latency of `cnm serve` under concurrent Docker API clients.

The shape of issue 17's probe: N clients (threads, one keep-alive connection each) loop over
create network, create a container publishing a port on it, start it, connect it to bridge,
inspect it, list containers, remove the container, remove the network (every round, so that the
address pools never run out).
Prints requests per second and the p50/p99 latency of all requests and of each kind.

    cnm-benchmarks/serve-load.py --url http://127.0.0.1:2375 --clients 8 --seconds 20

bin/serve-load starts a server on a fresh state directory and runs this against it.
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


class Client(threading.Thread):
    def __init__(self, index, url, deadline, results):
        super().__init__(daemon=True)
        self.index = index
        self.url = urllib.parse.urlparse(url)
        self.deadline = deadline
        self.results = results
        self.errors = 0
        self.conn = None

    def request(self, kind, method, path, body=None, expect=(200, 201, 204)):
        payload = None if body is None else json.dumps(body)
        headers = {"Content-Type": "application/json"}
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
            start = time.perf_counter()
            try:
                self.conn.request(method, path, payload, headers)
                r = self.conn.getresponse()
                data = r.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    self.errors += 1
                    return None
                continue
            elapsed = time.perf_counter() - start
            self.results.append((kind, elapsed))
            if r.status not in expect:
                self.errors += 1
                if self.errors <= 3:
                    print("unexpected %d for %s %s: %s" % (r.status, method, path, data[:200]))
            return data
        return None

    def run(self):
        k = 0
        while time.monotonic() < self.deadline:
            net = "l%d-%d" % (self.index, k)
            web = "w%d-%d" % (self.index, k)
            self.request("network create", "POST", "/v1.50/networks/create", {"Name": net})
            self.request("container create", "POST", "/v1.50/containers/create?name=" + web,
                         {"Image": "nginx", "ExposedPorts": {"80/tcp": {}},
                          "HostConfig": {"NetworkMode": net, "PortBindings": {"80/tcp": [{"HostPort": ""}]}}})
            self.request("start", "POST", "/v1.50/containers/%s/start" % web)
            self.request("connect", "POST", "/v1.50/networks/bridge/connect", {"Container": web})
            self.request("inspect", "GET", "/v1.50/containers/%s/json" % web)
            self.request("list", "GET", "/v1.50/containers/json")
            self.request("remove container", "DELETE", "/v1.50/containers/%s?force=1" % web)
            self.request("remove network", "DELETE", "/v1.50/networks/" + net)
            k += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:2375")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args()
    # the server's engine starts with no image, as dockerd does: pull the clients' image first
    pull = http.client.HTTPConnection(urllib.parse.urlparse(args.url).hostname,
                                      urllib.parse.urlparse(args.url).port, timeout=60)
    pull.request("POST", "/v1.50/images/create?fromImage=nginx&tag=latest")
    r = pull.getresponse()
    r.read()
    if r.status != 200:
        raise SystemExit("pulling nginx answered %d" % r.status)
    pull.close()
    results = []
    deadline = time.monotonic() + args.seconds
    clients = [Client(i, args.url, deadline, results) for i in range(args.clients)]
    t0 = time.perf_counter()
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    wall = time.perf_counter() - t0
    errors = sum(c.errors for c in clients)
    all_ms = sorted(e * 1000 for _, e in results)
    print("%d clients, %.1f s: %d requests, %.0f requests/s, p50 %.1f ms, p99 %.1f ms, %d errors"
          % (args.clients, wall, len(results), len(results) / wall, percentile(all_ms, 50),
             percentile(all_ms, 99), errors))
    kinds = {}
    for kind, e in results:
        kinds.setdefault(kind, []).append(e * 1000)
    for kind in sorted(kinds):
        v = sorted(kinds[kind])
        print("  %-17s %6d  p50 %7.1f ms  p99 %7.1f ms" % (kind, len(v), percentile(v, 50), percentile(v, 99)))


if __name__ == "__main__":
    main()
