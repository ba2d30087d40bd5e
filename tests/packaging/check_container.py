#!/usr/bin/env python3
"""Checks packaging/container/Containerfile against the .deb that CPack has just built, without a
container runtime (there is none on the build machine; README "Beyond one machine" says what this
leaves untested):

- it starts FROM debian:12-slim;
- its COPY glob, in the build context (the build folder), matches exactly the .deb of this build
  (salvo_VERSION_ARCH.deb), no other;
- apt-get resolves that install, as the RUN line asks for it, from Debian 12's archive on a system
  with nothing installed (apt-get --simulate with an empty dpkg status: every dependency must come
  from the archive, none from this machine);
- the package holds the ENTRYPOINT's program, executable, and that program, unpacked from the
  package, runs (--version).

Usage: check_container.py BUILD_DIR [CONTAINERFILE]. Exit 0 when all hold; otherwise 1, with
each failure on stderr. Run by scripts/test after cpack.
"""
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def instructions(path):
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines, current = [], ""
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not current and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            current += line
            word, _, rest = current.strip().partition(" ")
            lines.append((word.upper(), rest.strip()))
            current = ""
    return lines


def cmake_cache_value(build_dir, name):
    with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
        for line in f:
            if line.startswith(name + ":"):
                return line.split("=", 1)[1].strip()
    return None


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)


def main():
    build_dir = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    containerfile = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "../../packaging/container/Containerfile")
    steps = instructions(containerfile)
    by_kind = {}
    for kind, args in steps:
        by_kind.setdefault(kind, []).append(args)

    check(by_kind.get("FROM") == ["debian:12-slim"], f"FROM must be debian:12-slim, not {by_kind.get('FROM')}")

    # The .deb this build makes: CPack's DEB-DEFAULT name, salvo_VERSION_ARCH.deb.
    version = cmake_cache_value(build_dir, "CMAKE_PROJECT_VERSION")
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    expected = f"salvo_{version}_{arch}.deb"
    deb = os.path.join(build_dir, expected)
    if not check(os.path.isfile(deb), f"{deb} is not there: run cpack -G DEB in {build_dir} first"):
        return

    copies = [args.split() for args in by_kind.get("COPY", [])]
    check(len(copies) == 1 and len(copies[0]) == 2, f"expected one COPY SOURCE DEST, found {copies}")
    source, dest = copies[0] if copies else ("", "")
    matched = sorted(name for name in os.listdir(build_dir) if fnmatch.fnmatch(name, source))
    check(matched == [expected], f"COPY {source} matches {matched} in {build_dir}, not exactly [{expected}]")

    # The RUN line installs what was copied, by path, with apt-get (dependencies from Debian).
    runs = " ".join(by_kind.get("RUN", []))
    install = re.search(r"apt-get install ([^&;|]*)", runs)
    check(install is not None, f"no apt-get install in RUN: {runs}")
    words = install.group(1).split() if install else []
    packages = [w for w in words if not w.startswith("-")]
    installed_copy = os.path.join(dest, source)
    check(installed_copy in packages, f"apt-get install does not name the copied {installed_copy}: {words}")
    check("--no-install-recommends" in words, "apt-get install should keep the image small: --no-install-recommends")

    # Resolve that install from the archive alone: an empty dpkg status stands for a bare system.
    with tempfile.NamedTemporaryFile("w") as status:
        archive_packages = [p for p in packages if p != installed_copy]
        simulated = run(["apt-get", "install", "--simulate", "--no-install-recommends",
                         "-o", f"Dir::State::status={status.name}", *archive_packages, os.path.abspath(deb)])
    check(simulated.returncode == 0 and re.search(r"^Inst salvo ", simulated.stdout, re.M),
          f"apt-get cannot resolve the image's install on Debian 12 (is `apt-get update` done?):\n"
          f"{simulated.stdout[-3000:]}{simulated.stderr}")
    count = len(re.findall(r"^Inst ", simulated.stdout, re.M))

    # The entry point is in the package, executable, and runs.
    entry = by_kind.get("ENTRYPOINT", [])
    program = json.loads(entry[0])[0] if len(entry) == 1 else ""
    check(program.startswith("/"), f"ENTRYPOINT should be an absolute program in exec form, not {entry}")
    listing = run(["dpkg-deb", "-c", deb]).stdout
    line = next((l for l in listing.splitlines() if l.endswith(" ." + program)), "")
    if not check(line.startswith("-rwxr-xr-x"), f"{expected} has no executable .{program}; its programs:\n"
                 + "\n".join(l for l in listing.splitlines() if "/bin/" in l)):
        return
    with tempfile.TemporaryDirectory() as root:
        run(["dpkg-deb", "-x", deb, root])
        version_run = run([root + program, "--version"])
        check(version_run.returncode == 0 and version in version_run.stdout,
              f"{program} --version from the package: exit {version_run.returncode}, "
              f"'{version_run.stdout}{version_run.stderr}' (expected {version})")
    if not failures:
        print(f"Containerfile: COPY {source} -> {expected}; apt-get resolves it with {count} packages "
              f"from an empty system; ENTRYPOINT {program} is in the package and runs")


if __name__ == "__main__":
    main()
    for failure in failures:
        print("check_container: " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)
