#!/usr/bin/env python3
"""The server-bound method (bench/compare --server-bound): salvo-cli and its peers against one nginx

Every tool gets the same target, connection count and one client thread; rounds alternate the
order so drift (thermal, other load) hits all tools alike. CPU time and peak RSS come from
/usr/bin/time, system calls from a separate strace -c -f run (strace slows a run down, so its
rate is not used). The figures are for this machine, in this run, only.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, json

from loopback_nginx import LoopbackNginx

def run(cmd, timeout=300):
    """Runs cmd under /usr/bin/time; returns (stdout, stderr, wall, cpu_seconds, max_rss_kb)."""
    fmt = "TIME %e %U %S %M"
    p = subprocess.run(["/usr/bin/time", "-f", fmt] + cmd, capture_output=True, text=True, timeout=timeout)
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", p.stderr)
    wall, user, sys_, rss = float(m[1]), float(m[2]), float(m[3]), int(m[4])
    return p.stdout, p.stderr, wall, user + sys_, rss

def syscalls_per_request(cmd, parse, timeout=300):
    """System calls of cmd (all threads) per completed request, from one strace -c -f run.
    strace writes its summary to a file, so the tool's own output still tells what it did."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".strace") as summary:
        p = subprocess.run(["strace", "-c", "-f", "-qq", "-o", summary.name] + cmd,
                           capture_output=True, text=True, timeout=timeout)
        m = re.search(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?total\s*$", summary.read(), re.M)
    done = parse(p.stdout)
    # Under strace a duration-based run may finish only a handful of requests (TLS handshakes
    # dominate); a per-request figure from so few would say nothing.
    return int(m[1]) / done if m and done >= 1000 else None

def tools(salvo, url, conns, requests, seconds, tls):
    """Each tool: (name, argv, parse(stdout) -> completed requests)."""
    def salvo_parse(out):
        report = json.loads(out)
        # A benchmark of error pages measures nothing useful: insist on 200s.
        if set(report["status"]) != {"200"}:
            sys.exit(f"bench: the target did not answer 200 (status {report['status']}, "
                     f"errors {report['error_samples']}); fix the setup first")
        return report["requests"]["completed"]
    def wrk_parse(out):
        return int(re.search(r"(\d+) requests in", out)[1])
    def h2load_parse(out):
        return int(re.search(r"requests: \d+ total, \d+ started, (\d+) done", out)[1])
    def hey_parse(out):
        return sum(int(n) for n in re.findall(r"\[\d{3}\]\s+(\d+) responses", out))
    k = ["-k"] if tls else []
    return [
        ("salvo", [salvo, "-n", str(requests), "-c", str(conns), "--json", "--no-progress"] + k + [url], salvo_parse),
        ("wrk", ["wrk", "-t1", "-c", str(conns), "-d", f"{seconds}s", url], wrk_parse),
        ("h2load", ["h2load", "--h1", "-t1", "-n", str(requests), "-c", str(conns), url], h2load_parse),
        ("hey", ["hey", "-n", str(requests // 2), "-c", str(conns), url], hey_parse),
    ]

def measure(nginx, salvo, url, conns, requests, seconds, tls, rounds, strace_requests):
    results = {}
    specs = tools(salvo, url, conns, requests, seconds, tls)
    for r in range(rounds):
        order = specs[r % len(specs):] + specs[:r % len(specs)]
        for name, cmd, parse in order:
            before = nginx.worker_cpu_seconds()
            out, err, wall, cpu, rss = run(cmd)
            server = (nginx.worker_cpu_seconds() - before) / wall
            done = parse(out)
            results.setdefault(name, []).append((done / wall, cpu * 1e6 / done, rss, server))
    table = {}
    for name, cmd, parse in specs:
        rows = results[name]
        table[name] = {"rps": statistics.median(x[0] for x in rows),
                       "cpu_us": statistics.median(x[1] for x in rows),
                       "rss_kb": max(x[2] for x in rows),
                       "server": statistics.median(x[3] for x in rows)}
        # A shorter run for system calls: strace makes every call slow.
        short = {str(requests): str(strace_requests), str(requests // 2): str(strace_requests // 2),
                 f"{seconds}s": "2s"}
        calls = syscalls_per_request([short.get(arg, arg) for arg in cmd], parse)
        if calls is not None:
            table[name]["syscalls"] = calls
    return table

def print_table(title, table):
    base = table["wrk"]["rps"]
    print(f"\n{title}")
    print(f"{'tool':8} {'req/s':>10} {'x wrk':>6} {'CPU us/req':>11} {'syscalls/req':>13} {'peak RSS':>10} {'nginx CPU':>10}")
    for name, t in table.items():
        sc = f"{t['syscalls']:.2f}" if "syscalls" in t else "n/a"
        print(f"{name:8} {t['rps']:10.0f} {t['rps'] / base:6.2f} {t['cpu_us']:11.2f} {sc:>13} "
              f"{t['rss_kb'] / 1024:8.1f} MB {t['server'] * 100:9.0f}%")
    sys.stdout.flush()

def memory_flatness(salvo, url):
    rss = {}
    for n in (100_000, 3_000_000):
        _, _, _, _, rss[n] = run([salvo, "-n", str(n), "-c", "50", "--json", "--no-progress", url], timeout=900)
    print(f"\nPeak RSS: 100k requests {rss[100_000] / 1024:.1f} MB, 3M requests {rss[3_000_000] / 1024:.1f} MB, "
          f"ratio {rss[3_000_000] / rss[100_000]:.3f} (goal <= 1.10)")

def gui_smoothness(gui, url, requests):
    if not gui or not os.path.exists(gui):
        return
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp())
    p = subprocess.run([gui, "--bench", "--requests", str(requests), "--connections", "50", url],
                       capture_output=True, text=True, env=env, timeout=600)
    print("\nGUI at full load (" + f"{requests:,}" + " requests, offscreen): " + p.stdout.strip())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--salvo", required=True)
    ap.add_argument("--salvo-gui")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int)
    a = ap.parse_args()
    rounds = a.rounds or (1 if a.quick else 3)
    requests, seconds, strace_n = (150_000, 2, 30_000) if a.quick else (300_000, 4, 50_000)
    workdir = tempfile.mkdtemp(prefix="salvo-bench-")
    port, tls_port = 18931, 18932
    nginx = LoopbackNginx(workdir, port, workers=1, tls_port=tls_port)
    try:
        print(f"nginx 1 worker on loopback, 11-byte file, access log off; one client thread; "
              f"{rounds} alternating round(s); medians shown. nproc={os.cpu_count()}. 'nginx CPU' is the "
              f"server worker's share of one core during that tool's runs: near 100% means the server, "
              f"not the client, set the rate.")
        for tls in (False, True):
            url = f"{'https' if tls else 'http'}://127.0.0.1:{tls_port if tls else port}/index.html"
            for conns in (50, 500):
                table = measure(nginx, a.salvo, url, conns, requests, seconds, tls, rounds, strace_n)
                print_table(f"{'TLS' if tls else 'plain'} HTTP/1.1, {conns} connections", table)
        memory_flatness(a.salvo, f"http://127.0.0.1:{port}/index.html")
        gui_smoothness(a.salvo_gui, f"http://127.0.0.1:{port}/index.html", 1_000_000)
    finally:
        nginx.stop()
        shutil.rmtree(workdir, ignore_errors=True)

if __name__ == "__main__":
    main()
