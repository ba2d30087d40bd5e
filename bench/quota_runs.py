"""One benchmark run of a client held to a CPU quota, and the tables of such runs (bench/compare).

timed() runs a command under /usr/bin/time; one_run() adds what decides whether a figure means
anything: the client's own CPU against its quota (and how often the quota throttled it), each nginx
worker's CPU (a busy worker may have set the rate instead of the client), and the CPU every other
process on the machine used meanwhile. print_table() prints medians with the spread (min-max) of
the rounds and the ratio to one named peer.
"""
import os, re, shutil, signal, statistics, subprocess, sys, tempfile, time

from cpu_quota import CpuQuota
from loopback_nginx import LoopbackNginx

SERVER_BUSY = 0.80  # a worker above this share of a core may have set the rate


class Problem(Exception):
    pass


def machine_busy_seconds():
    """CPU seconds all processes on the machine have used so far (the aggregate line of /proc/stat)."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed(cmd, timeout):
    """Runs cmd under /usr/bin/time: (returncode, stdout, stderr, wall, user, sys, max_rss_kb)."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M %x"] + cmd, capture_output=True,
                       text=True, timeout=timeout)
    wall = time.monotonic() - t0
    m = re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (-?\d+)\s*$", p.stderr)
    if not m:  # killed by a signal: time says "Command terminated by signal N" and still prints
        raise Problem(f"no timing from /usr/bin/time (rc {p.returncode}): {p.stderr[-500:]}")
    stderr = p.stderr[:m.start()]
    sig = re.search(r"Command terminated by signal (\d+)", stderr)
    rc = -int(sig[1]) if sig else int(m[5])
    return rc, p.stdout, stderr, wall, float(m[2]), float(m[3]), int(m[4])


def one_run(name, cmd, parse, tls, nginx, quota, problems, seconds):
    """cmd inside the quota; parse(rc, out, err, tls, problems) -> completed requests."""
    cpu0, thr0, busy0 = nginx.worker_cpu_seconds_each(), quota.throttle_stats(), machine_busy_seconds()
    rc, out, err, wall, user, sys_, rss = timed(quota.wrap(cmd), timeout=seconds * 4 + 60)
    cpu1, thr1, busy1 = nginx.worker_cpu_seconds_each(), quota.throttle_stats(), machine_busy_seconds()
    # Whatever else ran on the machine meanwhile, in cores: it competes with nginx and the client.
    others = max(0.0, (busy1 - busy0) - (user + sys_) - sum(b - a for a, b in zip(cpu0, cpu1))) / wall
    done = parse(rc, out, err, tls, problems)
    if done <= 0:
        raise Problem(f"{name} completed no request\n{out[-1000:]}{err[-1000:]}")
    return {"rps": done / wall, "user_us": user * 1e6 / done, "sys_us": sys_ * 1e6 / done,
            "cpu_us": (user + sys_) * 1e6 / done, "rss_kb": rss, "client": (user + sys_) / wall,
            "throttled": CpuQuota.throttled_share(thr0, thr1),
            "workers": [(b - a) / wall for a, b in zip(cpu0, cpu1)], "done": done, "wall": wall,
            "others": others}


def _traced(cmd, parse, tls, timeout):
    """(system calls of all threads, completed requests) of one strace -c -f run."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".strace") as summary:
        # In a session of its own: on a timeout the traced tool goes too, not only strace (h2load -D
        # under strace can wait on 500 TLS handshakes, and left running it would skew what follows).
        p = subprocess.Popen(["strace", "-c", "-f", "-qq", "-o", summary.name] + cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None, 0
        m = re.search(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?total\s*$", summary.read(), re.M)
    return (int(m[1]) if m else None), parse(p.returncode, out, err, tls, [])


def syscalls_per_request(short_cmd, long_cmd, parse, tls, timeout=60):
    """System calls per request in steady keep-alive: two strace -c -f runs outside the quota, a
    short and a long one, and the calls and requests the long one made beyond the short one. Start-up
    and opening the connections (seven calls each) cancel out; strace slows every call, so only the
    count per request is used, never a rate."""
    calls0, done0 = _traced(short_cmd, parse, tls, timeout)
    calls1, done1 = _traced(long_cmd, parse, tls, timeout)
    # Too few requests between the two (TLS handshakes dominate a short traced run) say nothing.
    if calls0 is None or calls1 is None or done1 - done0 < 1000:
        return None
    return (calls1 - calls0) / (done1 - done0)


def spread(rows, key, fmt):
    xs = [r[key] for r in rows]
    return f"{format(statistics.median(xs), fmt)} ({format(min(xs), fmt)}-{format(max(xs), fmt)})"


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def print_table(title, results, base, syscalls=None):
    """results: tool -> rows of one_run(); base: the peer the ratio column divides by."""
    base_rps = median(results[base], "rps")
    syscalls = syscalls or {}
    print(f"\n{title}")
    print(f"{'tool':7} {'req/s median (min-max)':>26} {'x ' + base:>8} {'CPU us/req':>19} "
          f"{'user us/req':>19} {'sys us/req':>19} {'syscalls/req':>12} {'peak RSS':>9} {'client CPU':>10} "
          f"{'throttled':>9} {'nginx busiest worker':>22} {'wall s':>6} {'others (max)':>13}")
    for name, rows in results.items():
        busiest = [max(r["workers"]) for r in rows]
        thr = [r["throttled"] for r in rows if r["throttled"] is not None]
        throttled = f"{statistics.median(thr) * 100:.0f}%" if thr else "n/a"
        server = f"{statistics.median(busiest) * 100:.0f}% (max {max(busiest) * 100:.0f}%)"
        others = f"{median(rows, 'others'):.2f} ({max(r['others'] for r in rows):.2f})"
        calls = f"{syscalls[name]:.2f}" if syscalls.get(name) is not None else "n/a"
        print(f"{name:7} {spread(rows, 'rps', '.0f'):>26} {median(rows, 'rps') / base_rps:8.2f} "
              f"{spread(rows, 'cpu_us', '.2f'):>19} {spread(rows, 'user_us', '.2f'):>19} "
              f"{spread(rows, 'sys_us', '.2f'):>19} {calls:>12} {max(r['rss_kb'] for r in rows) / 1024:6.1f} MB "
              f"{median(rows, 'client') * 100:9.0f}% {throttled:>9} {server:>22} {median(rows, 'wall'):6.2f} "
              f"{others:>13}")
    sys.stdout.flush()


def busiest_and_others(results):
    """The busiest nginx worker's share of a core, and the most other processes used, in any run."""
    rows = [r for rs in results.values() for r in rs]
    return max(max(r["workers"]) for r in rows), max(r["others"] for r in rows)


def verdict(busiest, others):
    who = ("the client was the bottleneck" if busiest < SERVER_BUSY else
           "the server may have set the rate in some runs")
    shared = " (the machine was shared: expect a wide spread)" if others > 0.2 else ""
    return (f"Busiest nginx worker in any run: {busiest * 100:.0f}% of a core -> {who}. Other processes "
            f"used up to {others:.2f} cores in a run{shared}. Load average at end {os.getloadavg()[0]:.2f}.")


def against_nginx(prefix, ports, quota_us, body, ok_text, http2=False):
    """Starts nginx (2 workers; plain and TLS on ports) with the quota for the clients, runs
    body(nginx, quota, problems), then lists the problems (or ok_text), stops nginx, removes the
    quota and the folder, and exits: 1 on a Problem or any problem listed, else 0."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    quota, nginx, problems = CpuQuota(quota_us=quota_us), None, []
    try:
        nginx = LoopbackNginx(workdir, ports[0], workers=2, tls_port=ports[1], http2=http2)
        quota.pin_server(nginx.workers)
        body(nginx, quota, problems)
        if problems:
            print(f"\nPROBLEMS ({len(problems)} run(s)):")
            for p in problems:
                print("  " + p)
        else:
            print(ok_text)
    except Problem as e:
        print(f"\nbench: {e}", file=sys.stderr)
        problems.append(str(e))
    finally:
        if nginx:
            nginx.stop()
        quota.close()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if problems else 0)
