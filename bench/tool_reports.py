"""What each client printed after a benchmark run (bench/compare_h1.py, compare_h2.py): completed
requests. What makes a run's figure meaningless (a crash, no report, another protocol, answers
other than 200) raises Problem; what is worth listing after the tables (errors, failed or retried
requests, a non-zero exit) goes into problems."""
import json, re

from quota_runs import Problem


def salvo_completed(rc, out, err, problems, protocol=None):
    """salvo-cli --json; with protocol ("h2", "h2c") every connection must have spoken it."""
    if rc < 0:
        raise Problem(f"salvo-cli crashed (signal {-rc}): {err[-1000:]}")
    try:
        report = json.loads(out)
    except ValueError:
        raise Problem(f"salvo-cli printed no JSON report (exit {rc}): {err[-1000:]}")
    by_proto = report.get("connections_by_protocol", {})
    if protocol and (report.get("protocol") != protocol or by_proto.get("http/1.1", 0) or by_proto.get("fell_back", 0)):
        raise Problem(f"salvo-cli did not run {protocol}: protocol {report.get('protocol')!r}, "
                      f"connections {by_proto}, note {report.get('protocol_note')!r}")
    if set(report["status"]) != {"200"}:
        raise Problem(f"salvo-cli: the target did not answer 200 only (status {report['status']}, "
                      f"errors {report['error_samples']})")
    req = report["requests"]
    bad = {k: v for k, v in report["errors"].items() if v}
    bad.update({f"connection_errors.{k}": v for k, v in report.get("connection_errors", {}).items() if v})
    bad.update({k: req[k] for k in ("failed", "retried") if req.get(k)})
    if rc != 0 or report.get("outcome") != "finished":
        bad["exit"] = f"{rc} ({report.get('outcome')}: {report.get('message')})"
    if bad:
        problems.append(f"salvo-cli {protocol or 'http/1.1'}: {bad}; samples {report.get('error_samples')}")
    return req["completed"]


def h2load_completed(rc, out, err, problems, protocol):
    """h2load's summary; its "Application protocol" must be protocol ("http/1.1", "h2c", "h2")."""
    if rc < 0:
        raise Problem(f"h2load crashed (signal {-rc}): {err[-1000:]}")
    proto = re.search(r"Application protocol: (\S+)", out)
    if not proto or proto[1] != protocol:
        raise Problem(f"h2load did not run {protocol}: {proto[1] if proto else 'no protocol'}\n{out[-1000:]}")
    m = re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, "
                  r"(\d+) errored, (\d+) timeout", out)
    codes = re.search(r"status codes: \d+ 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", out)
    if not m or not codes:
        raise Problem(f"h2load: no summary (exit {rc})\n{out[-1000:]}{err[-500:]}")
    if any(int(c) for c in codes.groups()):
        raise Problem(f"h2load: the target did not answer 2xx only: {codes[0]}")
    if int(m[3]) or int(m[4]) or int(m[5]) or rc:
        problems.append(f"h2load {protocol}: {m[0]} (exit {rc})")
    return int(m[1])


def wrk_completed(rc, out, err, problems):
    if rc < 0:
        raise Problem(f"wrk crashed (signal {-rc}): {err[-1000:]}")
    m = re.search(r"(\d+) requests in", out)
    if not m:
        raise Problem(f"wrk: no summary (exit {rc})\n{out[-1000:]}{err[-500:]}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise Problem(f"wrk: the target did not answer 2xx only: {non2xx[0]}")
    errors = re.search(r"Socket errors: .*", out)
    if errors or rc:
        problems.append(f"wrk: {errors[0] if errors else ''} (exit {rc})")
    return int(m[1])
