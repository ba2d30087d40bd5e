#!/usr/bin/env python3
"""Schedule accuracy of the open model: salvo-cli --rate beside autocannon -R, against nginx on loopback.

Both tools get the same target, target rate, duration and connection count, one client thread
each, and no CPU quota. Rounds alternate the order so drift (thermal, other load) hits both alike.
For every tool and rate the table shows the achieved rate (completed requests / (rate x seconds)),
how late requests were sent after their intended time (lag, where the tool has intended times),
latency as the tool reports it, errors, and the client's CPU. The figures are for this machine, in
this run, only.

What autocannon reports (autocannon 9, read from its source, lib/run.js and lib/httpClient.js):
  * -R/--overallRate R is split over the connections as a per-second budget: each connection may
    start R/c requests per second, one after another (each waits for the previous response), and
    then pauses until its one-second interval timer resets the budget. No request has an intended
    send time, so there is no lag to report: "n/a".
  * Its "coordinated omission correction" is HdrHistogram's recordValueWithExpectedInterval with
    an expected interval of ceil(1 / per-connection rate) ms, which is 1 ms for any rate >= 1/s:
    every response that took L ms also adds synthetic samples at L-1, L-2, ... 1 ms. Its latency is
    in whole milliseconds (the histogram's lowest discernible value is 1).
  * Counts: requests.total = responses completed; requests.sent over-counts by about R - c (the
    first second's budget is added at start-up on top of the requests sent); errors includes
    timeouts; non2xx counts other answers. Achieved rate here is therefore requests.total.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

from loopback_nginx import LoopbackNginx

def start_nginx(workdir, port, arrivals):
    # --arrivals: one line per request, nginx's clock in ms, buffered so logging costs little.
    log = (f"log_format t '$msec'; access_log {workdir}/access.log t buffer=256k flush=200ms;"
           if arrivals else "access_log off;")
    return LoopbackNginx(workdir, port, workers=2, access_log=log)

def arrival_evenness(log, offset, rate):
    """From nginx's access log past offset: the busiest 10 ms as a multiple of an even schedule's
    share (rate / 100), and the share of 10 ms windows with no request at all. Returns
    (busiest, idle, new offset). nginx stamps a request when it logs it, at the end of the response,
    which for an 11-byte file is within a fraction of a millisecond of its arrival."""
    with open(log) as f:
        f.seek(offset)
        stamps = sorted(float(line) for line in f if line.strip())
        offset = f.tell()
    if len(stamps) < 2:
        return None, None, offset
    t0 = stamps[0]
    windows = int((stamps[-1] - t0) * 100) + 1
    counts = [0] * windows
    for t in stamps:
        counts[min(int((t - t0) * 100), windows - 1)] += 1
    return max(counts) / (rate / 100), counts.count(0) / windows, offset

def timed(cmd, timeout):
    """Runs cmd under /usr/bin/time; returns (returncode, stdout, stderr, wall, cpu_seconds)."""
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S"] + cmd, capture_output=True, text=True,
                       timeout=timeout)
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$", p.stderr)
    if not m:
        sys.exit(f"bench: no timing from {cmd[0]} (exit {p.returncode}): {p.stderr.strip()[-500:]}")
    return p.returncode, p.stdout, p.stderr[:m.start()], float(m[1]), float(m[2]) + float(m[3])

def salvo_has_rate(salvo):
    p = subprocess.run([salvo, "--help"], capture_output=True, text=True)
    return "--rate" in p.stdout + p.stderr

def salvo_cmd(a, rate, url):
    return [a.salvo, "--rate", str(rate), "--duration", f"{a.seconds}s", "-c", str(a.connections),
            "--max-connections", str(a.max_connections), "--json", "--no-progress", url]

def autocannon_cmd(a, rate, url):
    return [a.autocannon, "-R", str(rate), "-d", str(a.seconds), "-c", str(a.connections), "--json", url]

def run_salvo(a, rate, url):
    code, out, err, wall, cpu = timed(salvo_cmd(a, rate, url), a.seconds + 120)
    # 0 ok, 1 failed requests (still a report), 3 generator-limited (the figures describe Salvo):
    # all three print the report. Anything else (2 bad input, a crash) ends the benchmark.
    try:
        r = json.loads(out)
    except ValueError:
        sys.exit(f"bench: salvo-cli exited {code} without a JSON report: {err.strip()[-500:]}")
    if code not in (0, 1, 3):
        sys.exit(f"bench: salvo-cli exited {code}: {r.get('message') or err.strip()[-500:]}")
    if r["requests"]["completed"] and not any(k.startswith("2") for k in r.get("status", {})):
        sys.exit(f"bench: the target did not answer 2xx (status {r.get('status')}, "
                 f"errors {r.get('error_samples')}); fix the setup first")
    q, lag, lat = r["requests"], r["lag_ms"], r["latency_ms"]
    limits = r.get("limits", {})
    verdict = limits.get("verdict", "?")
    if code == 3 and verdict != "generator_limited":
        verdict = "generator_limited (exit 3)"
    return {"completed": q["completed"], "sent": q.get("sent"), "dropped": q.get("dropped", 0),
            "late": q.get("late"), "lag": (lag["p50"], lag["p99"], lag["max"]),
            "lat": (lat["p50"], lat["p99"]), "svc": (r["service_time_ms"]["p50"], r["service_time_ms"]["p99"]),
            "errors": q["failed"], "verdict": verdict, "cpu": cpu, "wall": wall,
            "engine_cpu": limits.get("engine_cpu_max"), "peak_conns": limits.get("peak_connections"),
            "message": limits.get("message", "")}

def run_autocannon(a, rate, url):
    code, out, err, wall, cpu = timed(autocannon_cmd(a, rate, url), a.seconds + 120)
    try:
        r = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"bench: autocannon exited {code} without a JSON report: {err.strip()[-500:]}")
    if r["requests"]["total"] and not r["2xx"]:
        sys.exit(f"bench: the target did not answer 2xx to autocannon ({r['statusCodeStats']}); fix the setup first")
    lat = r["latency"]
    return {"completed": r["requests"]["total"], "sent": r["requests"]["sent"], "dropped": None, "late": None,
            "lag": None, "lat": (lat["p50"], lat["p99"]), "svc": None,
            "errors": r["errors"] + r["non2xx"], "verdict": "n/a", "cpu": cpu, "wall": wall,
            "engine_cpu": None, "peak_conns": r["connections"], "message": ""}

def fmt_ms(x):
    if x is None:
        return "n/a"
    if isinstance(x, int):
        return str(x)  # autocannon's whole milliseconds
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"

def summarise(rows, rate, seconds):
    """Medians over rounds (max for the lag maximum, sums for errors), plus the spread of the rate."""
    ratios = [r["completed"] / (rate * seconds) for r in rows]
    med = lambda xs: statistics.median(xs)
    s = {"ratio": med(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
         "achieved": med(r["completed"] / seconds for r in rows),
         "lat": tuple(med(r["lat"][i] for r in rows) for i in (0, 1)),
         "errors": sum(r["errors"] for r in rows), "cpu": med(r["cpu"] / r["wall"] for r in rows),
         "server": med(r["server"] for r in rows)}
    s["lag"] = (None if rows[0]["lag"] is None else
                (med(r["lag"][0] for r in rows), med(r["lag"][1] for r in rows), max(r["lag"][2] for r in rows)))
    s["svc"] = None if rows[0]["svc"] is None else tuple(med(r["svc"][i] for r in rows) for i in (0, 1))
    s["dropped"] = None if rows[0]["dropped"] is None else sum(r["dropped"] for r in rows)
    if all(r.get("busiest") is not None for r in rows):
        s["busiest"], s["idle"] = med(r["busiest"] for r in rows), med(r["idle"] for r in rows)
    verdicts = [r["verdict"] for r in rows]
    s["verdict"] = ", ".join(f"{v} {verdicts.count(v)}/{len(rows)}" if len(set(verdicts)) > 1 else v
                             for v in dict.fromkeys(verdicts))
    return s

def user_command():
    """The command line as the user typed it: bench/schedule passes the two binaries itself."""
    args, skip = [], False
    for arg in sys.argv[1:]:
        if skip:
            skip = False
        elif arg in ("--salvo", "--autocannon"):
            skip = True
        elif not arg.startswith(("--salvo=", "--autocannon=")):
            args.append(arg)
    return " ".join(["bench/schedule"] + args)

def print_table(a, results, rates, names, url):
    print(f"\nCommand: `{user_command()}`  ")
    print(f"Per run: `{' '.join(['salvo-cli'] + salvo_cmd(a, 'R', url)[1:])}` and "
          f"`{' '.join(['autocannon'] + autocannon_cmd(a, 'R', url)[1:])}` (autocannon 9, one Node thread); "
          f"nginx 2 workers on loopback, 11-byte file, access log {'on (--arrivals)' if a.arrivals else 'off'}; "
          f"{a.rounds} alternating round(s) of {a.seconds} s per tool and rate, medians shown "
          f"(achieved / target also min–max of the rounds; lag max: largest of the rounds; errors, dropped: sums). "
          f"nproc={os.cpu_count()}, no CPU quota.\n")
    evenness = a.arrivals
    print("| tool | target req/s | achieved req/s | achieved / target (min–max) | lag p50 / p99 / max ms "
          "| latency p50 / p99 ms | service time p50 / p99 ms | errors | dropped | verdict | client CPU | nginx CPU |"
          + (" busiest 10 ms at nginx | idle 10 ms windows |" if evenness else ""))
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|" + ("--:|--:|" if evenness else ""))
    for rate in rates:
        for name in names:
            s = summarise(results[(name, rate)], rate, a.seconds)
            lag = "n/a" if s["lag"] is None else " / ".join(fmt_ms(x) for x in s["lag"])
            svc = "n/a" if s["svc"] is None else " / ".join(fmt_ms(x) for x in s["svc"])
            extra = ""
            if evenness:
                extra = (f" {s['busiest']:.1f}× | {s['idle'] * 100:.0f}% |" if "busiest" in s else " n/a | n/a |")
            print(f"| {name} | {rate:,} | {s['achieved']:,.0f} | {s['ratio']:.3f} ({s['ratio_min']:.3f}–{s['ratio_max']:.3f}) "
                  f"| {lag} | {fmt_ms(s['lat'][0])} / {fmt_ms(s['lat'][1])} | {svc} | {s['errors']} "
                  f"| {'n/a' if s['dropped'] is None else s['dropped']} | {s['verdict']} "
                  f"| {s['cpu'] * 100:.0f}% | {s['server'] * 100:.0f}% |" + extra)
    print("\nachieved = completed responses / run seconds (so achieved / target = completed / planned). "
          "lag = write start − intended send time. latency = as the tool reports it: Salvo's is response end − "
          "intended send time (coordinated-omission corrected); autocannon's is response end − write start, in "
          "whole ms, plus the synthetic samples of its correction (HdrHistogram's expected interval, here "
          "always 1 ms). autocannon -R has no intended send times (each connection gets R/c requests per "
          "second, sent back to back, then waits for the next second), so it has no lag, service time, dropped "
          "count or verdict: n/a. CPU: share of one core (nginx: both workers together)."
          + (" busiest 10 ms: the most requests nginx logged in any 10 ms of the run, as a multiple of an even "
             "schedule's share (rate / 100); idle: share of 10 ms windows with none." if evenness else ""))
    sys.stdout.flush()

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--salvo", required=True, help="salvo-cli binary")
    ap.add_argument("--autocannon", required=True, help="autocannon executable")
    ap.add_argument("--rates", default="1000,10000,50000", help="comma-separated target req/s")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10, help="length of each run")
    ap.add_argument("--connections", type=int, default=50, help="connections for both tools")
    ap.add_argument("--max-connections", type=int,
                    help="salvo-cli --max-connections (default: --connections, autocannon's fixed pool)")
    ap.add_argument("--quick", action="store_true", help="1 round of 3 s")
    ap.add_argument("--only", choices=["salvo", "autocannon"], help="run one tool only")
    ap.add_argument("--port", type=int, default=18941)
    ap.add_argument("--arrivals", action="store_true",
                    help="turn nginx's access log on (buffered, ms stamps) and show how evenly requests arrived")
    a = ap.parse_args()
    if a.quick:
        a.rounds, a.seconds = 1, 3
    a.max_connections = a.max_connections or a.connections
    rates = [int(x) for x in a.rates.split(",")]
    runners = {"salvo": run_salvo, "autocannon": run_autocannon}
    names = ["salvo", "autocannon"] if not a.only else [a.only]
    if "salvo" in names and not salvo_has_rate(a.salvo):
        print(f"bench: {a.salvo} has no --rate yet; measuring autocannon only", file=sys.stderr)
        names.remove("salvo")
    if not names:
        sys.exit("bench: nothing to measure")
    workdir = tempfile.mkdtemp(prefix="salvo-schedule-")
    url = f"http://127.0.0.1:{a.port}/index.html"
    nginx = start_nginx(workdir, a.port, a.arrivals)
    log_offset = 0
    results = {}
    try:
        for r in range(a.rounds):
            for i, rate in enumerate(rates):
                order = names if (r + i) % 2 == 0 else names[::-1]
                for name in order:
                    before = nginx.worker_cpu_seconds()
                    row = runners[name](a, rate, url)
                    row["server"] = (nginx.worker_cpu_seconds() - before) / row["wall"]
                    results.setdefault((name, rate), []).append(row)
                    lag = "" if row["lag"] is None else " lag p50/p99/max " + "/".join(fmt_ms(x) for x in row["lag"])
                    print(f"round {r + 1}/{a.rounds} {name:10} {rate:>6}/s: {row['completed'] / a.seconds:8.0f}/s"
                          f"{lag} latency p50/p99 {fmt_ms(row['lat'][0])}/{fmt_ms(row['lat'][1])} ms, "
                          f"{row['errors']} errors, {row['verdict']}, client CPU {row['cpu'] / row['wall'] * 100:.0f}%"
                          + (f", busiest engine thread {row['engine_cpu'] * 100:.0f}%, peak {row['peak_conns']} connections"
                             if row["engine_cpu"] is not None else "")
                          + (f" ({row['message']})" if row["message"] else ""), file=sys.stderr, flush=True)
                    time.sleep(1)  # let closed connections drain (and nginx flush its log) before the next run
                    if a.arrivals:
                        row["busiest"], row["idle"], log_offset = arrival_evenness(f"{workdir}/access.log",
                                                                                   log_offset, rate)
                        print(f"  at nginx: busiest 10 ms {row['busiest']:.1f}x an even share, "
                              f"{row['idle'] * 100:.0f}% of 10 ms windows idle", file=sys.stderr, flush=True)
        print_table(a, results, rates, names, url)
    finally:
        nginx.stop()
        shutil.rmtree(workdir, ignore_errors=True)

if __name__ == "__main__":
    main()
