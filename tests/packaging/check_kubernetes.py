#!/usr/bin/python3
"""Checks the Kubernetes recipe (packaging/kubernetes/) offline: there is no cluster here, so this
reads the manifests and checks that they say what README "Beyond one machine" says they do.

- Every document is a Kubernetes object whose every key is a field of the API, with the type the
  API gives it, and whose required fields are there (the models of Debian's python3-kubernetes,
  API 1.22: a misspelt `completionmode` fails here rather than being ignored by a cluster).
- salvo-job.yaml: an Indexed Job (batch/v1) with parallelism = completions = SALVO_SHARDS,
  backoffLimit 0 and restartPolicy Never; its one container runs the image's entry point (the
  Containerfile's salvo-cli) with `run PLAN --shard auto --start-at $(VAR)`, VAR holding the
  placeholder the README's sed command replaces; PLAN comes from the file's ConfigMap, mounted, and
  is a plan `salvo-cli validate` accepts; `--record` writes DIR/{shard}.json to a volume that all
  pods share (a ReadWriteMany claim of the file).
- salvo-merge.yaml: a Job of the same image that mounts that claim at the same place and runs
  `merge DIR/0.json ... DIR/(N-1).json -o ...`: each share's record, once.

- With --cli: the pods' command lines run here as processes, with what an Indexed Job gives each
  pod (JOB_COMPLETION_INDEX, the container's env with the placeholder filled as the README's sed
  does, $(VAR) expanded, the mounts as folders) against salvo-cli's built-in target and a shorter
  load (--url, --rate, --duration and -c added), then the merge Job's command line: every share
  exits 0 and the merged record holds the whole schedule, all of which the target served.

Usage: check_kubernetes.py [--cli SALVO_CLI] [--dir MANIFESTS]. Exit 0 when all hold; else 1, each failure on stderr.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import tomllib

import kubernetes.client
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../.."))
KUBERNETES = os.path.join(ROOT, "packaging/kubernetes")
PLACEHOLDER = "@START_AT@"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


# --- the API's shape, from python3-kubernetes's models ------------------------------------------

MODELS = {("v1", "ConfigMap"): "V1ConfigMap", ("v1", "PersistentVolumeClaim"): "V1PersistentVolumeClaim",
          ("batch/v1", "Job"): "V1Job"}
SCALARS = {"str": str, "int": int, "bool": bool, "float": (int, float)}


def strict(value, type_name, where):
    """Every key a field of `type_name`, every value of its type (the models ignore unknown keys)."""
    if type_name in ("object", "datetime", "date"):
        return
    if type_name in SCALARS:
        check(isinstance(value, SCALARS[type_name]) and not (type_name == "int" and isinstance(value, bool)),
              f"{where}: expected {type_name}, found {value!r}")
        return
    if type_name.startswith("list["):
        if check(isinstance(value, list), f"{where}: expected a list, found {value!r}"):
            for i, item in enumerate(value):
                strict(item, type_name[5:-1], f"{where}[{i}]")
        return
    if type_name.startswith("dict("):
        if check(isinstance(value, dict), f"{where}: expected a map, found {value!r}"):
            for key, item in value.items():
                strict(item, type_name[type_name.index(",") + 1:-1].strip(), f"{where}.{key}")
        return
    model = getattr(kubernetes.client, type_name)
    if not check(isinstance(value, dict), f"{where}: expected a {type_name} object, found {value!r}"):
        return
    fields = {json_name: model.openapi_types[attr] for attr, json_name in model.attribute_map.items()}
    for key, item in value.items():
        if check(key in fields, f"{where}: '{key}' is not a field of {type_name} (known: {', '.join(sorted(fields))})"):
            strict(item, fields[key], f"{where}.{key}")


class Response:  # what ApiClient.deserialize reads
    def __init__(self, document):
        self.data = json.dumps(document)


def api_object(document, name):
    """The document as the API's model (required fields checked), or None."""
    key = (document.get("apiVersion"), document.get("kind"))
    if not check(key in MODELS, f"{name}: {key} is not one of the kinds this recipe uses: {sorted(MODELS)}"):
        return None
    strict(document, MODELS[key], f"{name}:{key[1]}")
    try:
        return kubernetes.client.ApiClient().deserialize(Response(document), MODELS[key])
    except ValueError as error:  # a required field missing
        check(False, f"{name}:{key[1]}: {error}")
        return None


def load(folder, file_name):
    path = os.path.join(folder, file_name)
    with open(path) as f:
        text = f.read()
    documents = [d for d in yaml.safe_load_all(text) if d is not None]
    return text, documents


def one(documents, kind, name):
    found = [d for d in documents if d.get("kind") == kind]
    check(len(found) == 1, f"{name}: expected one {kind}, found {len(found)}")
    return found[0] if found else {}


# --- what the recipe says -------------------------------------------------------------------------

def flag(args, name):
    """The value after `name` in args, or None."""
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None


def mount_for(container, volumes, path):
    """(volume, mountPath) of the mount holding `path`."""
    for mount in container.get("volumeMounts", []):
        if path.startswith(mount["mountPath"].rstrip("/") + "/"):
            return volumes.get(mount["name"], {}), mount["mountPath"]
    return {}, None


def entry_point():
    with open(os.path.join(ROOT, "packaging/container/Containerfile")) as f:
        lines = [l for l in f if l.startswith("ENTRYPOINT")]
    return json.loads(lines[0].split(None, 1)[1]) if len(lines) == 1 else []


def check_job(text, documents, cli):
    name = "salvo-job.yaml"
    for document in documents:
        api_object(document, name)
    config_map, claim, job = (one(documents, k, name) for k in ("ConfigMap", "PersistentVolumeClaim", "Job"))
    spec = job.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    check(job.get("apiVersion") == "batch/v1", f"{name}: the Job's apiVersion is {job.get('apiVersion')}, not batch/v1")
    check(spec.get("completionMode") == "Indexed", f"{name}: completionMode is {spec.get('completionMode')!r}, not Indexed")
    check(spec.get("backoffLimit") == 0, f"{name}: backoffLimit is {spec.get('backoffLimit')!r}, not 0")
    check(pod.get("restartPolicy") == "Never", f"{name}: restartPolicy is {pod.get('restartPolicy')!r}, not Never")
    containers = pod.get("containers", [])
    if not check(len(containers) == 1, f"{name}: expected one container, found {len(containers)}"):
        return None
    container = containers[0]
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    shards = int(env.get("SALVO_SHARDS") or 0)
    check(shards >= 2 and spec.get("parallelism") == shards and spec.get("completions") == shards,
          f"{name}: parallelism ({spec.get('parallelism')}), completions ({spec.get('completions')}) and "
          f"SALVO_SHARDS ({env.get('SALVO_SHARDS')}) must be one number of shares, 2 or more")

    # The image's entry point runs the arguments: salvo-cli.
    check("command" not in container, f"{name}: the container sets `command`; the image's ENTRYPOINT is salvo-cli")
    check(entry_point()[-1:] == ["/usr/bin/salvo-cli"], f"Containerfile: ENTRYPOINT is {entry_point()}, not salvo-cli")
    args = container.get("args", [])
    check(args[:1] == ["run"], f"{name}: args should run a plan (`run PLAN`), not {args}")
    check(flag(args, "--shard") == "auto", f"{name}: no `--shard auto` in {args}")

    # The common start: $(VAR) from env, the placeholder the README's sed replaces.
    start = flag(args, "--start-at") or ""
    variable = re.fullmatch(r"\$\((\w+)\)", start)
    if check(variable is not None, f"{name}: --start-at should be $(VAR) from env, not '{start}'"):
        check(env.get(variable.group(1)) == PLACEHOLDER,
              f"{name}: env {variable.group(1)} should be the placeholder {PLACEHOLDER}, not {env.get(variable.group(1))}")
    check(text.count(PLACEHOLDER) == 2 and f's/{PLACEHOLDER}/' in text,
          f"{name}: the placeholder should appear once as a value and once in the sed command that replaces it")
    if PLACEHOLDER in text:
        replaced = list(yaml.safe_load_all(text.replace(PLACEHOLDER, "2026-11-26T22:30:00Z")))
        check(json.dumps(replaced).count("2026-11-26T22:30:00Z") == 1,
              f"{name}: the placeholder, replaced by a time, is not one value of the YAML")

    # The plan, from the file's ConfigMap.
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    plan_path = args[1] if len(args) > 1 else ""
    plan_volume, _ = mount_for(container, volumes, plan_path)
    check(plan_volume.get("configMap", {}).get("name") == config_map.get("metadata", {}).get("name"),
          f"{name}: the plan {plan_path} is not mounted from the ConfigMap {config_map.get('metadata', {}).get('name')}")
    plan_text = config_map.get("data", {}).get(os.path.basename(plan_path))
    if check(plan_text is not None, f"{name}: the ConfigMap has no {os.path.basename(plan_path)}"):
        plan = tomllib.loads(plan_text)
        check("url" in plan.get("request", {}), f"{name}: the plan has no request.url")
        if cli:
            with tempfile.TemporaryDirectory() as folder:
                path = os.path.join(folder, os.path.basename(plan_path))
                with open(path, "w") as f:
                    f.write(plan_text)
                validate = subprocess.run([cli, "validate", path], capture_output=True, text=True)
                check(validate.returncode == 0, f"{name}: salvo-cli validate refuses the plan: {validate.stderr}")

    # The records: DIR/{shard}.json on a volume every pod mounts at once.
    record = flag(args, "--record") or ""
    check(os.path.basename(record) == "{shard}.json", f"{name}: --record should name DIR/{{shard}}.json, not '{record}'")
    record_volume, record_mount = mount_for(container, volumes, record)
    claim_name = claim.get("metadata", {}).get("name")
    check(record_volume.get("persistentVolumeClaim", {}).get("claimName") == claim_name,
          f"{name}: the records ({record}) are not on the claim {claim_name}")
    check("ReadWriteMany" in claim.get("spec", {}).get("accessModes", []),
          f"{name}: the claim {claim_name} must be ReadWriteMany: pods on several nodes write to it")
    return {"shards": shards, "record": record, "mount": record_mount, "claim": claim_name,
            "image": container.get("image"), "args": args, "env": env, "plan": plan_text}


def check_merge(documents, job):
    name = "salvo-merge.yaml"
    for document in documents:
        api_object(document, name)
    merge = one(documents, "Job", name)
    spec = merge.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    check(spec.get("backoffLimit") == 0 and pod.get("restartPolicy") == "Never",
          f"{name}: a merge that fails should say so once: backoffLimit 0, restartPolicy Never")
    containers = pod.get("containers", [])
    if not check(len(containers) == 1, f"{name}: expected one container"):
        return None
    container = containers[0]
    check(container.get("image") == job["image"], f"{name}: image {container.get('image')} is not the Job's {job['image']}")
    args = container.get("args", [])
    records = args[1:args.index("-o")] if "-o" in args else []
    expected = [job["record"].replace("{shard}", str(i)) for i in range(job["shards"])]
    check(args[:1] == ["merge"] and records == expected,
          f"{name}: should run `merge {' '.join(expected)} -o MERGED`, not {args}")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    volume, mount = mount_for(container, volumes, job["record"])
    check(volume.get("persistentVolumeClaim", {}).get("claimName") == job["claim"] and mount == job["mount"],
          f"{name}: the records' claim {job['claim']} is not mounted at {job['mount']}")
    return args


# --- the pods' command lines, run here -------------------------------------------------------------

def run_pods(job, merge_args, cli):
    """Runs each pod's command line as a process with what an Indexed Job gives it
    (JOB_COMPLETION_INDEX, the container's env, $(VAR) expanded, the mounts as folders here),
    against salvo-cli's built-in target and a shorter load, then the merge Job's command line:
    every share exits 0, the merged record holds the whole schedule, and the target saw it all."""
    rate, seconds = 200, 2
    with tempfile.TemporaryDirectory() as plan_dir, tempfile.TemporaryDirectory() as records_dir:
        plan_path, record_dir = job["args"][1], os.path.dirname(job["record"])
        with open(os.path.join(plan_dir, os.path.basename(plan_path)), "w") as f:
            f.write(job["plan"])
        here = {os.path.dirname(plan_path): plan_dir, record_dir: records_dir}

        def local(word):
            for mount, folder in here.items():
                if word.startswith(mount + "/"):
                    return folder + word[len(mount):]
            return word

        server = subprocess.Popen([cli, "--serve"], stdout=subprocess.PIPE, text=True)
        try:
            url = re.search(r"http://\S+", server.stdout.readline()).group(0)
            start = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 4))  # the README's sed
            base = {k: v for k, v in os.environ.items() if not k.startswith(("SLURM_", "PARALLEL_", "JOB_COMPLETION"))}
            pods = []
            for index in range(job["shards"]):
                env = dict(base, JOB_COMPLETION_INDEX=str(index), **job["env"])
                env = {k: v.replace(PLACEHOLDER, start) for k, v in env.items()}
                args = [local(re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), a)) for a in job["args"]]
                args += ["--url", url, "--rate", str(rate), "--duration", f"{seconds}s", "-c", "8"]
                pods.append(subprocess.Popen([cli, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            # 3 is generator_limited: four pods on two cores under a sanitizer may send late, and
            # say so; the counts below are what this checks.
            for index, pod in enumerate(pods):
                out, err = pod.communicate(timeout=60)
                late = pod.returncode == 3 and "generator_limited" in err
                check(pod.returncode == 0 or late, f"pod {index} ({' '.join(pod.args)}) exited {pod.returncode}: {err}")
            for index in range(job["shards"]):
                path = local(job["record"].replace("{shard}", str(index)))
                if check(os.path.isfile(path), f"pod {index} wrote no record at {path}"):
                    with open(path) as f:
                        share = json.load(f).get("shard")
                    check(share == {"index": index, "count": job["shards"], "source": "kubernetes"},
                          f"pod {index}'s record should be share {index} of {job['shards']} from kubernetes, not {share}")
            merge = subprocess.run([cli, *map(local, merge_args)], capture_output=True, text=True, timeout=60)
            late = merge.returncode == 3 and "generator_limited" in merge.stderr
            check(merge.returncode == 0 or late, f"the merge Job's command exited {merge.returncode}: {merge.stderr}{merge.stdout}")
        finally:
            server.send_signal(signal.SIGINT)
            served_line = server.communicate(timeout=30)[0]
        merged_path = local(merge_args[merge_args.index("-o") + 1])
        if not check(os.path.isfile(merged_path), f"the merge wrote no {merged_path}"):
            return
        with open(merged_path) as f:
            requests = json.load(f)["requests"]
        served = re.search(r"served (\d+) requests", served_line)
        check(requests["scheduled"] == rate * seconds and requests["sent"] == requests["scheduled"]
              and served and int(served.group(1)) == requests["sent"],
              f"the merged record should hold the whole schedule ({rate * seconds} requests) that the target saw: "
              f"scheduled {requests['scheduled']}, sent {requests['sent']}; the target: {served_line.strip()}")
        return requests["sent"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", help="salvo-cli: validate the plan and run the pods' command lines")
    parser.add_argument("--dir", default=KUBERNETES, help="the manifests' folder (default: packaging/kubernetes)")
    options = parser.parse_args()
    text, documents = load(options.dir, "salvo-job.yaml")
    job = check_job(text, documents, options.cli)
    _, merge_documents = load(options.dir, "salvo-merge.yaml")
    merge_args = check_merge(merge_documents, job) if job else None
    sent = run_pods(job, merge_args, options.cli) if options.cli and merge_args and not failures else None
    if not failures:
        print(f"Kubernetes recipe: an Indexed Job of {job['shards']} shares with --shard auto, --start-at "
              f"and records at {job['record']} on claim {job['claim']}, and its merge, as the README says"
              + (f"; its command lines, run here, merged {sent} requests, all the target saw" if sent else ""))


if __name__ == "__main__":
    main()
    for failure in failures:
        print("check_kubernetes: " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)
