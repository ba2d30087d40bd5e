#!/usr/bin/env python3
"""HTTP/1.1 client efficiency (bench/compare's default): salvo-cli, wrk and h2load, each held to the
same CPU quota against an nginx with room to spare, so that requests per second measure the client.

    python3 bench/compare_h1.py --salvo build/release/app/salvo-cli [--salvo-gui build/release/app/salvo]
        [--quick] [--rounds N] [--seconds S] [--connections 50,500] [--only plain|tls] [--quota-us 50000]
        [--no-extras | --extras-only]

nginx: 2 workers, access log off, an 11-byte file, keepalive_requests high, plain and TLS (a throwaway
self-signed certificate; salvo-cli gets -k, wrk and h2load do not verify). Each client: one thread,
the same connections, a fixed duration, inside a CPU quota of half a core (cpu_quota.py: cgroup v1 or
v2; taskset to one core only if no cgroup is writable, and then labelled so):
    salvo-cli -c C -z 5s --json --no-progress [-k] URL
    wrk -t1 -c C -d 5s URL
    h2load --h1 -t1 -c C -D 5 URL
Tools alternate their order in rounds, so drift hits all alike. Per tool: medians and spread (min-max)
of req/s (completed / wall time), CPU us per request (user and system, /usr/bin/time), system calls per
request (a separate strace -c -f run outside the quota), peak RSS, the client's CPU and how often the
quota throttled it, the busiest nginx worker (below ~80% of a core: the client set the rate) and the
CPU every other process used meanwhile. Non-2xx answers or errors stop the run or are listed.

Extras (not with --no-extras): salvo --threads 2 against --threads 1 with the quota doubled (half a core
to one, as the issue asks, and a quarter core to half, which leaves nginx room on 2 cores);
a run from the window (`salvo --bench`, offscreen) against the CLI, both in the half-core quota; peak
RSS for 3,000,000 requests against 100,000.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpu_quota import CpuQuota
from quota_runs import (SERVER_BUSY, Problem, against_nginx, busiest_and_others, median, one_run, print_table,
                        syscalls_per_request, timed, verdict)
from tool_reports import h2load_completed, salvo_completed, wrk_completed


def salvo_parse(rc, out, err, tls, problems):
    return salvo_completed(rc, out, err, problems)


def wrk_parse(rc, out, err, tls, problems):
    return wrk_completed(rc, out, err, problems)


def h2load_parse(rc, out, err, tls, problems):
    return h2load_completed(rc, out, err, problems, "http/1.1")


def specs(salvo, url, tls, conns, seconds, salvo_args, uring=None):
    def salvo_cmd(binary):
        return [binary, "-c", str(conns), "-z", f"{seconds}s", "--json", "--no-progress"] + \
            (["-k"] if tls else []) + salvo_args + [url]
    tools = [("salvo", salvo_cmd(salvo), salvo_parse)]
    if uring:  # a build with -DSALVO_IO_URING=ON
        tools.append(("uring", salvo_cmd(uring), salvo_parse))
    return tools + [
        ("wrk", ["wrk", "-t1", "-c", str(conns), "-d", f"{seconds}s", url], wrk_parse),
        ("h2load", ["h2load", "--h1", "-t1", "-c", str(conns), "-D", str(seconds), url], h2load_parse),
    ]


def table(nginx, quota, problems, tls, conns, rounds, seconds, salvo, salvo_args, url, uring):
    tools = specs(salvo, url, tls, conns, seconds, salvo_args, uring)
    results = {name: [] for name, _, _ in tools}
    for r in range(rounds):
        k = r % len(tools)
        for name, cmd, parse in tools[k:] + tools[:k]:
            results[name].append(one_run(name, cmd, parse, tls, nginx, quota, problems, seconds))
    def traced(cmd, s):  # the same command for s seconds
        return [f"{s}s" if a == f"{seconds}s" else str(s) if a == str(seconds) and cmd[0] == "h2load" else a
                for a in cmd]
    calls = {name: syscalls_per_request(traced(cmd, 1), traced(cmd, 3), parse, tls) for name, cmd, parse in tools}
    title = f"{'TLS' if tls else 'plain'} HTTP/1.1, {conns} connections"
    print_table(title, results, "wrk", calls)
    for name, cmd, _ in tools:
        print(f"   {name}: {' '.join(cmd)}")
    return title, results, calls


def goals(summary):
    print("\nGoals (issue 14): req/s >= 1.10x wrk and h2load; CPU/request <= 0.9x wrk; user CPU/request "
          "<= wrk's; syscalls/request <= 2.1.")
    for title, results, calls in summary:
        for who in (n for n in ("salvo", "uring") if n in results):
            rps = {n: median(rows, "rps") for n, rows in results.items()}
            cpu = {n: median(rows, "cpu_us") for n, rows in results.items()}
            user = {n: median(rows, "user_us") for n, rows in results.items()}
            checks = [(f"req/s {rps[who] / rps['wrk']:.2f}x wrk", rps[who] >= 1.10 * rps["wrk"]),
                      (f"{rps[who] / rps['h2load']:.2f}x h2load", rps[who] >= 1.10 * rps["h2load"]),
                      (f"CPU/req {cpu[who] / cpu['wrk']:.2f}x wrk", cpu[who] <= 0.9 * cpu["wrk"]),
                      (f"user CPU/req {user[who] / user['wrk']:.2f}x wrk", user[who] <= user["wrk"])]
            if calls.get(who) is not None:
                checks.append((f"{calls[who]:.2f} syscalls/req", calls[who] <= 2.1))
            print(f"  {title}, {who}: " + ", ".join(f"{text} {'met' if ok else 'NOT met'}" for text, ok in checks))


def threads_scaling(nginx, salvo, url, seconds, rounds, problems, per_thread_us):
    """One thread in per_thread_us of CPU per 100 ms against two threads in twice that: the same CPU
    per thread, so twice the rate is what scaling perfectly would give. At half a core per thread
    (the issue's setup) the two threads and nginx want more than this 2-core machine has, so a
    quarter core per thread is measured too: the same question with room left for the server.
    The quota is enforced per 10 ms rather than per 100 ms: with the longer period two threads use
    up their shared quota in parallel bursts of 25 ms, during which they hold both cores and nginx
    waits, and the ratio measured the machine's scheduling (1.58x) instead of the client (1.98x)."""
    quotas = {1: CpuQuota(quota_us=per_thread_us // 10, period_us=10000, group="salvo-bench-thread-one"),
              2: CpuQuota(quota_us=2 * per_thread_us // 10, period_us=10000, group="salvo-bench-thread-two")}
    try:
        rows = {1: [], 2: []}
        for r in range(rounds):
            for t in ((1, 2) if r % 2 == 0 else (2, 1)):
                cmd = [salvo, "-c", "100", "--threads", str(t), "-z", f"{seconds}s", "--json", "--no-progress", url]
                rows[t].append(one_run(f"threads {t}", cmd, salvo_parse, False, nginx, quotas[t], problems, seconds))
        ratio = median(rows[2], "rps") / median(rows[1], "rps")
        nginx_cores = statistics.median(sum(r["workers"]) for r in rows[2])
        busiest = max(max(r["workers"]) for r in rows[2])
        share = lambda us: f"{us / 100000:g} core"
        print(f"\n--threads 1 in {share(per_thread_us)} against --threads 2 in {share(2 * per_thread_us)} (quota per "
              f"10 ms period), plain, 100 connections: {median(rows[1], 'rps'):.0f} -> {median(rows[2], 'rps'):.0f} req/s, {ratio:.2f}x "
              f"(goal >= 1.9); client CPU {median(rows[1], 'client') * 100:.0f}% / "
              f"{median(rows[2], 'client') * 100:.0f}% of a core; with 2 threads nginx's workers used "
              f"{nginx_cores:.2f} cores of the machine's {os.cpu_count()} (busiest {busiest * 100:.0f}%)"
              + (" -> the machine, not the client, set the rate" if busiest >= SERVER_BUSY or
                 nginx_cores + 2 * per_thread_us / 100000 > 0.95 * os.cpu_count() else ""))
    finally:
        for q in quotas.values():
            q.close()


def window_cost(nginx, quota, salvo, gui, url, seconds, rounds, problems):
    if not gui or not os.path.exists(gui):
        print("\nWindow: no salvo binary given; skipped")
        return
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp())
    cli, win, ticks = [], [], ""
    for r in range(rounds):
        for which in (("cli", "gui") if r % 2 == 0 else ("gui", "cli")):
            if which == "cli":
                rc, out, err, *_ = timed(quota.wrap([salvo, "-c", "50", "-z", f"{seconds}s", "--json",
                                                     "--no-progress", url]), seconds * 4 + 60)
                cli.append(json.loads(out)["rps"])
            else:
                p = subprocess.run(quota.wrap([gui, "--bench", "--duration", f"{seconds}s", "--connections", "50",
                                               url]), capture_output=True, text=True, env=env, timeout=seconds * 4 + 60)
                m = re.search(r"\(([\d.]+) req/s\)", p.stdout)
                if p.returncode or not m:
                    raise Problem(f"salvo --bench failed (exit {p.returncode}): {p.stdout}{p.stderr[-500:]}")
                win.append(float(m[1]))
                ticks = p.stdout.strip()
    print(f"\nWindow against CLI, plain, 50 connections, {seconds} s, both in the same quota: window "
          f"{statistics.median(win):.0f} ({min(win):.0f}-{max(win):.0f}) req/s, CLI {statistics.median(cli):.0f} "
          f"({min(cli):.0f}-{max(cli):.0f}) req/s, {statistics.median(win) / statistics.median(cli):.2f}x "
          f"(goal >= 0.95). Last window run: {ticks}")


def memory_flatness(salvo, url):
    rss = {}
    for n in (100_000, 3_000_000):
        rc, out, err, wall, user, sys_, rss[n] = timed([salvo, "-n", str(n), "-c", "50", "--json", "--no-progress",
                                                        url], timeout=900)
        if rc:
            raise Problem(f"salvo-cli -n {n} exited {rc}: {err[-500:]}")
    print(f"\nPeak RSS (no quota, per-second histograms kept as always): 100k requests {rss[100_000] / 1024:.1f} MB, "
          f"3M requests {rss[3_000_000] / 1024:.1f} MB, ratio {rss[3_000_000] / rss[100_000]:.3f} (goal <= 1.10)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--salvo", required=True, help="salvo-cli binary")
    ap.add_argument("--salvo-gui", help="salvo (the window) binary, for the window's row")
    ap.add_argument("--salvo-uring", help="a salvo-cli built with -DSALVO_IO_URING=ON: its own row ('uring')")
    ap.add_argument("--quick", action="store_true", help="2 rounds of 2 s, no extras (default: 5 rounds of 5 s)")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--seconds", type=int)
    ap.add_argument("--connections", default="50,500", help="comma-separated (default 50,500)")
    ap.add_argument("--only", choices=["plain", "tls"], help="only one of the two listeners")
    ap.add_argument("--quota-us", type=int, default=50000, help="CPU per 100 ms period (default 50000)")
    ap.add_argument("--no-extras", action="store_true", help="only the tables")
    ap.add_argument("--extras-only", action="store_true", help="only the extras (threads, window, memory)")
    ap.add_argument("--salvo-arg", action="append", default=[], help="an extra salvo-cli argument (repeatable)")
    a = ap.parse_args()
    rounds, seconds = a.rounds or (2 if a.quick else 5), a.seconds or (2 if a.quick else 5)
    port, tls_port = 18961, 18962

    def body(nginx, quota, problems):
        summary = []
        versions = [subprocess.run(c, capture_output=True, text=True) for c in
                    ([a.salvo, "--version"], ["wrk", "-v"], ["h2load", "--version"])]
        print(f"HTTP/1.1: {versions[0].stdout.strip()}; {(versions[1].stdout + versions[1].stderr).splitlines()[0]}; "
              f"{versions[2].stdout.strip()}. nginx 2 workers on loopback (11-byte file, access log off); "
              f"{quota.label}; one client thread; {rounds} alternating round(s) of {seconds} s; medians with "
              f"(min-max). nproc={os.cpu_count()}, load average at start {os.getloadavg()[0]:.2f}."
              + (f" Extra salvo-cli arguments: {' '.join(a.salvo_arg)}." if a.salvo_arg else ""))
        for tls in [] if a.extras_only else {"plain": [False], "tls": [True]}.get(a.only, [False, True]):
            url = f"{'https' if tls else 'http'}://127.0.0.1:{tls_port if tls else port}/index.html"
            for conns in (int(c) for c in a.connections.split(",")):
                summary.append(table(nginx, quota, problems, tls, conns, rounds, seconds, a.salvo, a.salvo_arg, url,
                                     a.salvo_uring))
        if summary:
            goals(summary)
            busiest = max(busiest_and_others(results)[0] for _, results, _ in summary)
            others = max(busiest_and_others(results)[1] for _, results, _ in summary)
            print(verdict(busiest, others))
        if not a.quick and not a.no_extras:
            plain = f"http://127.0.0.1:{port}/index.html"
            for per_thread_us in (50000, 25000):
                threads_scaling(nginx, a.salvo, plain, seconds, 3, problems, per_thread_us)
            window_cost(nginx, quota, a.salvo, a.salvo_gui, plain, seconds, 5, problems)
            memory_flatness(a.salvo, plain)

    against_nginx("salvo-bench-h1-", (port, tls_port), a.quota_us, body,
                  "No errors: every request of every run answered 200.")

if __name__ == "__main__":
    main()
