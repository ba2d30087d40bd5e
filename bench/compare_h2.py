#!/usr/bin/env python3
"""HTTP/2 rows of bench/compare: salvo-cli against h2load, each client held to the same CPU quota.

Run it as `bench/compare --http2` (which builds salvo-cli) or directly:
    python3 bench/compare_h2.py --salvo build/release/app/salvo-cli [--quick] [--rounds N]
        [--seconds S] [--connections 10,50] [--streams 10] [--quota-us 50000]

nginx (2 workers, access log off, an 11-byte file, keepalive_requests high, up to 128 streams per
connection) listens for HTTP/2 by prior knowledge (h2c) and over TLS (ALPN h2, a throwaway
self-signed certificate). Each client runs with one thread, the same connections and 10 streams
per connection, for a fixed duration, inside a CPU quota of half a core (cpu_quota.py: cgroup v1 or
v2; taskset to one core only when no cgroup is writable, and then labelled so):
    salvo-cli --h2c -p 10 -c C -z 5s --json --no-progress http://...    (plain)
    salvo-cli --http2 -k -p 10 -c C -z 5s --json --no-progress https://...   (TLS; -k: self-signed)
    h2load -t1 -c C -m 10 -D 5 URL
With 50 connections x 10 streams the rows also stand for oha's settings (`oha --http2 -c 50 -p 10`;
oha itself is not packaged in Debian). Tools alternate in rounds so drift hits both alike.

Both clients must really speak HTTP/2: Salvo's JSON `protocol` must be "h2c" / "h2" with no
HTTP/1.1 connection, h2load's "Application protocol" likewise; a non-2xx answer stops the run,
and errors (failed requests, RST_STREAM, GOAWAY, connection errors, a crash or a non-zero exit)
are listed after the tables. Per tool it prints medians and spread (min-max) over the rounds of
req/s (completed / wall time), CPU us per request (user and system, from /usr/bin/time), peak RSS,
the client's CPU (share of one core; it should sit at the quota) with the share of CPU periods in
which the quota throttled it, the busiest nginx worker's CPU (below ~80% means the server had
room: the client was the bottleneck), the wall time of a run and the CPU every other process on the
machine used meanwhile (from /proc/stat: a busy neighbour widens the spread). The ratio column is salvo/h2load of the medians.
"""
import argparse, os, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quota_runs import SERVER_BUSY, against_nginx, busiest_and_others, one_run, print_table, verdict
from tool_reports import h2load_completed, salvo_completed

def salvo_cmd(salvo, url, tls, conns, streams, seconds):
    proto = ["--http2", "-k"] if tls else ["--h2c"]
    return [salvo] + proto + ["-p", str(streams), "-c", str(conns), "-z", f"{seconds}s",
                              "--json", "--no-progress", url]


def salvo_parse(rc, out, err, tls, problems):
    return salvo_completed(rc, out, err, problems, "h2" if tls else "h2c")


def h2load_cmd(url, conns, streams, seconds):
    return ["h2load", "-t1", "-c", str(conns), "-m", str(streams), "-D", str(seconds), url]


def h2load_parse(rc, out, err, tls, problems):
    return h2load_completed(rc, out, err, problems, "h2" if tls else "h2c")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--salvo", required=True, help="salvo-cli binary")
    ap.add_argument("--quick", action="store_true", help="2 rounds of 2 s (default: 5 rounds of 5 s)")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--seconds", type=int)
    ap.add_argument("--connections", default="10,50", help="comma-separated (default 10,50)")
    ap.add_argument("--streams", type=int, default=10)
    ap.add_argument("--quota-us", type=int, default=50000, help="CPU per 100 ms period (default 50000)")
    ap.add_argument("--only", choices=["plain", "tls"], help="only one of the two listeners")
    a = ap.parse_args()
    rounds = a.rounds or (2 if a.quick else 5)
    seconds = a.seconds or (2 if a.quick else 5)
    conns_list = [int(c) for c in a.connections.split(",")]
    tls_list = {"plain": [False], "tls": [True]}.get(a.only, [False, True])

    port, tls_port = 18951, 18952

    def body(nginx, quota, problems):
        h2v = subprocess.run(["h2load", "--version"], capture_output=True, text=True).stdout.strip()
        sv = subprocess.run([a.salvo, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"HTTP/2: {sv} vs {h2v}; nginx 2 workers on loopback (h2c and TLS+ALPN h2, "
              f"http2_max_concurrent_streams 128, 11-byte file, access log off); {quota.label}; "
              f"one client thread, {a.streams} streams per connection, {rounds} alternating round(s) of "
              f"{seconds} s; medians with (min-max) over the rounds. nproc={os.cpu_count()}, load average "
              f"at start {os.getloadavg()[0]:.2f}.")
        print("req/s = completed / wall time; CPU from /usr/bin/time; 'client CPU' = the client's share of "
              "one core (the quota caps it); 'throttled' = share of CPU periods the quota stopped the client; "
              f"'nginx busiest worker' = the busier worker's share of a core: below {SERVER_BUSY:.0%} the "
              "client, not the server, set the rate; 'others' = cores used meanwhile by every other process "
              "on the machine (near 0: nothing else competed).")
        busiest_seen, others_seen = 0.0, 0.0
        summary = []
        for tls in tls_list:
            url = f"{'https' if tls else 'http'}://127.0.0.1:{tls_port if tls else port}/index.html"
            for conns in conns_list:
                specs = [("salvo", salvo_cmd(a.salvo, url, tls, conns, a.streams, seconds), salvo_parse),
                         ("h2load", h2load_cmd(url, conns, a.streams, seconds), h2load_parse)]
                results = {name: [] for name, _, _ in specs}
                for r in range(rounds):
                    for name, cmd, parse in (specs if r % 2 == 0 else specs[::-1]):
                        results[name].append(one_run(name, cmd, parse, tls, nginx, quota, problems, seconds))
                title = (f"{'TLS h2 (ALPN)' if tls else 'plain h2c (prior knowledge)'}, {conns} connections x "
                         f"{a.streams} streams" + (" (oha's -c 50 -p 10)" if conns == 50 and a.streams == 10 else ""))
                print_table(title, results, "h2load")
                med = {n: statistics.median(r["rps"] for r in rows) for n, rows in results.items()}
                cpu = {n: statistics.median(r["cpu_us"] for r in rows) for n, rows in results.items()}
                summary.append((title, med["salvo"] / med["h2load"], cpu["salvo"] / cpu["h2load"]))
                busiest, others = busiest_and_others(results)
                busiest_seen, others_seen = max(busiest_seen, busiest), max(others_seen, others)
                print("   salvo commands: " + " ".join(specs[0][1]) + "\n   h2load command: " + " ".join(specs[1][1]))
        print("\nGoal (issue 12): salvo req/s >= h2load's at no more CPU per request.")
        for title, rps_ratio, cpu_ratio in summary:
            ok = rps_ratio >= 1.0 and cpu_ratio <= 1.0
            print(f"  {title}: req/s {rps_ratio:.2f}x h2load, CPU/request {cpu_ratio:.2f}x h2load -> "
                  f"{'met' if ok else 'NOT met'}")
        print(verdict(busiest_seen, others_seen))

    against_nginx("salvo-bench-h2-", (port, tls_port), a.quota_us, body,
                  "No errors: every request of every run answered 200 over HTTP/2.", http2=True)


if __name__ == "__main__":
    main()
