"""A fixed slice of CPU for a benchmark client, so that its requests per second measure its efficiency.

CpuQuota puts each client it starts into a cgroup with a CPU quota (by default half a core: 50 ms of
CPU in every 100 ms period). It uses the cgroup v1 `cpu` controller (cpu.cfs_period_us and
cpu.cfs_quota_us) or a cgroup v2 hierarchy that offers `cpu` (cpu.max "50000 100000"), whichever
is mounted and writable. If neither is, it says so and falls back to taskset: the client on one
core, and pin_server() moves the server to the others (labelled as such: the client then has a
whole core, not half of one). Needs root for the cgroups.

    quota = CpuQuota()                   # or CpuQuota(quota_us=100000) for one core
    print(quota.label)
    argv = quota.wrap(["h2load", ...])   # run argv as usual: the client starts inside the quota
    before = quota.throttle_stats(); ...; quota.throttled_share(before, quota.throttle_stats())
    quota.close()
"""
import os

GROUP = "salvo-bench"


def _mounts():
    with open("/proc/mounts") as f:
        for line in f:
            dev, mountpoint, fstype, options = line.split()[:4]
            yield mountpoint, fstype, options.split(",")


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _read(path):
    with open(path) as f:
        return f.read().strip()


class CpuQuota:
    def __init__(self, quota_us=50000, period_us=100000, group=GROUP, fallback_cpu=None):
        self.quota_us, self.period_us = quota_us, period_us
        self.share = quota_us / period_us
        self.kind, self.path, self.problems = None, None, []
        for attempt in (self._v1, self._v2):
            try:
                if attempt(group):
                    break
            except OSError as e:
                self.problems.append(f"{attempt.__name__[1:]}: {e}")
        if self.kind:
            self.label = (f"each client in a CPU quota of {self.share:g} core "
                          f"({self.kind}: {quota_us} us per {period_us} us period, {self.path})")
            return
        # taskset fallback: the client on the last core, the server on the others.
        cpus = sorted(os.sched_getaffinity(0))
        self.kind = "taskset"
        self.client_cpu = cpus[-1] if fallback_cpu is None else fallback_cpu
        self.server_cpus = [c for c in cpus if c != self.client_cpu] or cpus
        self.share = 1.0
        why = "; ".join(self.problems) or "no cgroup hierarchy with the cpu controller is mounted"
        self.label = (f"NO CPU QUOTA (cgroups not writable: {why}): FALLBACK taskset, the client "
                      f"pinned to core {self.client_cpu}, the server to {self.server_cpus}")

    def _v1(self, group):
        for mountpoint, fstype, options in _mounts():
            if fstype == "cgroup" and "cpu" in options:
                path = os.path.join(mountpoint, group)
                os.makedirs(path, exist_ok=True)
                _write(f"{path}/cpu.cfs_period_us", str(self.period_us))
                _write(f"{path}/cpu.cfs_quota_us", str(self.quota_us))
                if int(_read(f"{path}/cpu.cfs_quota_us")) != self.quota_us:
                    raise OSError(f"{path}/cpu.cfs_quota_us did not take {self.quota_us}")
                self.kind, self.path = "cgroup v1", path
                return True
        return False

    def _v2(self, group):
        for mountpoint, fstype, options in _mounts():
            if fstype != "cgroup2" or not os.path.exists(f"{mountpoint}/cgroup.controllers"):
                continue
            if "cpu" not in _read(f"{mountpoint}/cgroup.controllers").split():
                continue
            if "cpu" not in _read(f"{mountpoint}/cgroup.subtree_control").split():
                _write(f"{mountpoint}/cgroup.subtree_control", "+cpu")
            path = os.path.join(mountpoint, group)
            os.makedirs(path, exist_ok=True)
            _write(f"{path}/cpu.max", f"{self.quota_us} {self.period_us}")
            self.kind, self.path = "cgroup v2", path
            return True
        return False

    def wrap(self, argv):
        """argv started inside the quota (or pinned to the client's core, in the fallback). The
        shell enters the cgroup, then becomes the client, so nothing else shares the quota and
        /usr/bin/time in front of the wrapper still measures the client's own CPU and memory."""
        if self.kind == "taskset":
            return ["taskset", "-c", str(self.client_cpu)] + list(argv)
        return ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', self.path] + list(argv)

    def pin_server(self, pids):
        """In the taskset fallback, keeps the server's processes off the client's core."""
        if self.kind == "taskset":
            for pid in pids:
                os.sched_setaffinity(pid, self.server_cpus)

    def throttle_stats(self):
        """(periods, throttled periods) so far; None without a cgroup."""
        if self.kind == "taskset":
            return None
        stat = dict(line.split() for line in _read(f"{self.path}/cpu.stat").splitlines())
        return int(stat.get("nr_periods", 0)), int(stat.get("nr_throttled", 0))

    @staticmethod
    def throttled_share(before, after):
        """Share of the CPU periods between two throttle_stats() in which the quota stopped the
        client: near 1 means the quota, not the server, held it back."""
        if not before or not after or after[0] == before[0]:
            return None
        return (after[1] - before[1]) / (after[0] - before[0])

    def close(self):
        if self.kind in ("cgroup v1", "cgroup v2"):
            try:
                os.rmdir(self.path)
            except OSError:
                pass  # still in use (a client left running) or already gone
