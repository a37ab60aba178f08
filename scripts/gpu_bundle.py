#!/usr/bin/env python3
"""Builds the bundle for the GPU check of the example kernels (issue 5, item 8).

Called by scripts/gpu_prepare (which builds strata and puts ptxas/libdevice on the
PATH); the Python standard library only. Reads scripts/gpu_cases.json, compiles each
PTX group with `strata compile … --target ptx --emit asm -o BUNDLE/ptx/GROUP`, expands
every case's argument generators with a seeded random stream (one per case, so adding
a case does not change the others' inputs), runs the case natively with
`strata run FILE KERNEL --threads T --blocks B --args-json JSON` for the expected final
arguments, and writes BUNDLE/cases.json. scripts/gpu_check.py reads that file on the
GPU machine (no strata or LLVM needed there).

Float32 inputs are rounded to float32 here and written as the shortest decimal of the
exact value as a double, so both sides read the same bits whatever their parser does.
"""

import argparse
import datetime
import glob
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import zlib

ARRAY_RE = re.compile(r"^DeviceArray\{(\w+),(\d+)\}$")
INT_RANGES = {
    "Int8": (-(2**7), 2**7 - 1),
    "Int16": (-(2**15), 2**15 - 1),
    "Int32": (-(2**31), 2**31 - 1),
    "Int64": (-(2**63), 2**63 - 1),
    "UInt8": (0, 2**8 - 1),
    "UInt16": (0, 2**16 - 1),
    "UInt32": (0, 2**32 - 1),
    "UInt64": (0, 2**64 - 1),
}
# `--args-json` is one command-line argument: Linux caps one at 128 KiB.
MAX_ARG_BYTES = 120 * 1024


def f32(x):
    """Rounds a double to the nearest float32 (as a double holding it exactly)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def scalar_value(ty, gen, rng):
    """One element of type `ty` from a literal or a generator."""
    if not isinstance(gen, dict):
        value = gen
    elif "uniform" in gen:
        lo, hi = gen["uniform"]
        value = rng.uniform(lo, hi)
    elif "int" in gen:
        lo, hi = gen["int"]
        value = rng.randint(lo, hi)
    elif "fill" in gen:
        value = gen["fill"]
    else:
        raise ValueError(f"unknown generator {gen!r} for {ty}")
    if ty == "Float32":
        return f32(float(value))
    if ty == "Float64":
        return float(value)
    if ty == "Bool":
        return bool(value)
    if ty in INT_RANGES:
        lo, hi = INT_RANGES[ty]
        v = int(value)
        if not lo <= v <= hi:
            raise ValueError(f"{v} does not fit in {ty}")
        return v
    raise ValueError(f"unsupported element type {ty}")


def nested(dims, make):
    """Nested lists for an array of `dims`: the outer list runs over the first index."""
    if len(dims) == 1:
        return [make() for _ in range(dims[0])]
    return [nested(dims[1:], make) for _ in range(dims[0])]


def expand_arg(arg, rng):
    """A generator spec → a literal `strata run --args-json` argument."""
    ((ty, gen),) = arg.items()
    if ty.startswith("typeof("):
        return {ty: None}  # a function argument: zero bytes in the kernel ABI
    m = ARRAY_RE.match(ty)
    if m is None:
        return {ty: scalar_value(ty, gen, rng)}
    elem, ndims = m.group(1), int(m.group(2))
    if not isinstance(gen, dict):
        return {ty: gen}  # a literal nested list
    dims = gen["dims"]
    if len(dims) != ndims:
        raise ValueError(f"{ty}: dims {dims} has {len(dims)} entries, not {ndims}")
    spec = {k: v for k, v in gen.items() if k != "dims"}
    return {ty: nested(dims, lambda: scalar_value(elem, spec, rng))}


def parse_grid(text):
    dims = [int(x) for x in text.split(",")]
    if not 1 <= len(dims) <= 3:
        raise ValueError(f"bad grid {text!r}")
    return dims + [1] * (3 - len(dims))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def compile_groups(strata, cases, root, bundle):
    """`strata compile` per PTX group; returns the commands that were run."""
    commands = []
    for group, spec in cases["ptx_groups"].items():
        files = []
        for pattern in spec["files"]:
            found = sorted(glob.glob(os.path.join(root, pattern)))
            if not found:
                raise SystemExit(f"gpu_bundle: no file matches {pattern}")
            files += [os.path.relpath(f, root) for f in found]
        out = os.path.join(bundle, "ptx", group)
        cmd = [strata, "compile", *files, "--target", "ptx", "--emit", "asm", "-o", out]
        if "kernel" in spec:
            cmd += ["--kernel", spec["kernel"]]
        r = run(cmd, cwd=root)
        shown = " ".join(f"'{c}'" if " " in c or "{" in c else c for c in cmd)
        commands.append(shown.replace(bundle, "BUNDLE").replace(strata, "strata"))
        print(f"$ {shown}", file=sys.stderr)
        sys.stderr.write(r.stderr)
        if r.returncode != 0:
            raise SystemExit(f"gpu_bundle: strata compile failed for group {group}")
    return commands


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle", help="output directory")
    ap.add_argument("--strata", default="target/release/strata")
    ap.add_argument("--cases", default="scripts/gpu_cases.json")
    ap.add_argument("--root", default=".", help="the repository root")
    args = ap.parse_args()

    root = os.path.abspath(args.root)
    strata = os.path.abspath(args.strata)
    bundle = os.path.abspath(args.bundle)
    with open(os.path.join(root, args.cases)) as f:
        spec = json.load(f)
    if os.path.isdir(os.path.join(bundle, "ptx")):
        shutil.rmtree(os.path.join(bundle, "ptx"))
    os.makedirs(bundle, exist_ok=True)

    commands = compile_groups(strata, spec, root, bundle)

    # Every example kernel must have at least one case.
    used = {c["ptx"] for c in spec["cases"]}
    missing = [
        f"examples/{os.path.basename(p)}"
        for p in sorted(glob.glob(os.path.join(bundle, "ptx", "examples", "*.ptx")))
        if f"examples/{os.path.basename(p)}" not in used
    ]
    if missing:
        raise SystemExit(f"gpu_bundle: no case for {', '.join(missing)}: add one to {args.cases}")

    out_cases = []
    failed = False
    for case in spec["cases"]:
        name = case["name"]
        if not os.path.isfile(os.path.join(bundle, "ptx", case["ptx"])):
            raise SystemExit(f"gpu_bundle: {name}: no PTX file ptx/{case['ptx']}")
        rng = random.Random(spec["seed"] ^ zlib.crc32(name.encode()))
        inputs = [expand_arg(a, rng) for a in case["args"]]
        args_json = json.dumps(inputs, separators=(",", ":"))
        if len(args_json) > MAX_ARG_BYTES:
            raise SystemExit(f"gpu_bundle: {name}: --args-json is {len(args_json)} bytes, over {MAX_ARG_BYTES}")
        cmd = [strata, "run", case["file"], case["kernel"], "--threads", case["threads"],
               "--blocks", case["blocks"], "--args-json", args_json]
        if "shmem" in case:
            cmd += ["--shmem", str(case["shmem"])]
        r = run(cmd, cwd=root)
        entry = {
            "name": name,
            "file": case["file"],
            "kernel": case["kernel"],
            "ptx": "ptx/" + case["ptx"],
            "threads": parse_grid(case["threads"]),
            "blocks": parse_grid(case["blocks"]),
            "shmem": int(case.get("shmem", 0)),
            "fma_sensitive": bool(case.get("fma_sensitive", False)),
            "expect_error": case.get("expect_error"),
            "args": inputs,
            "native_status": r.returncode,
            "native_stderr": r.stderr,
        }
        want_error = case.get("expect_error")
        if want_error:
            ok = r.returncode != 0 and want_error in r.stderr
            entry["expected"] = None
        else:
            ok = r.returncode == 0
            entry["expected"] = json.loads(r.stdout)["args"] if ok else None
        first = (r.stderr.strip().splitlines() or [""])[0] if r.returncode else "ok"
        print(f"native {name:26} status {r.returncode} {'ok' if ok else 'UNEXPECTED'}: {first}", file=sys.stderr)
        if not ok:
            failed = True
            sys.stderr.write(r.stderr)
        out_cases.append(entry)

    commit = run(["git", "rev-parse", "HEAD"], cwd=root).stdout.strip()
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root).stdout.strip()
    bundle_json = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "strata_commit": commit + (" (dirty)" if dirty else ""),
        "compile_commands": commands,
        "seed": spec["seed"],
        "cases": out_cases,
    }
    with open(os.path.join(bundle, "cases.json"), "w") as f:
        json.dump(bundle_json, f)
    print(f"gpu_bundle: {len(out_cases)} cases written to {bundle}/cases.json", file=sys.stderr)
    if failed:
        raise SystemExit("gpu_bundle: a native run did not behave as the case expects")


if __name__ == "__main__":
    main()
