#!/usr/bin/env python3
"""Runs strata's example kernels from their PTX on a CUDA GPU and compares the results
with the native (CPU) runs (issue 5, item 8).

    python3 gpu_check.py BUNDLE [--json RESULTS] [--dry-run]

BUNDLE is what scripts/gpu_prepare wrote: ptx/GROUP/*.ptx and cases.json (each case's
kernel, grid, inputs in `strata run --args-json` format, and the final arguments of
the native run). Needs numpy, and CuPy with a GPU unless --dry-run; strata and LLVM
are not needed here.

For each case, in its own subprocess (a kernel that traps poisons its CUDA context):
load the PTX with CuPy (`RawModule(path=…)`, i.e. cuModuleLoad: the driver JIT-compiles
it for the GPU), find the `.entry`, pack the arguments by strata's kernel ABI (README
"Kernel ABI": scalars by value with their exact width, a `DeviceArray{T,N}` as a
pointer followed by N Int64 lengths; N-d arrays column-major) and check the packing
against the entry's `.param` list, launch with the case's grid (CUDA grid = blocks,
block = threads), synchronize, copy every array back and compare with the native
results: integers and Bool exactly; Float32 within a relative 1e-5 and Float64 within
1e-12 (PTX contracts a*b+c into fma, native code does not), with an absolute floor of
that tolerance times the array's largest magnitude. Each case whose PTX has `fma`
instructions is also run from a copy with every `fma.rn` split into `mul.rn` + `add.rn`
(the "no-FMA" variant), which must then match the native run bit for bit (except where
libdevice's math differs from the host's): an integer output marked `fma_sensitive`
(mandelbrot's escape counts, clamp_map's levels) that differs from native only with
FMA passes as PASS*. A case with `expect_error` must make the launch fail (the
runtime's exception path traps); the error text and what the kernel printed are shown.
--dry-run does all but the GPU work: parses the PTX, packs and checks the arguments,
compares the expected values with themselves, and assembles the no-FMA variants with
ptxas when it is on the PATH.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

import numpy as np

DTYPES = {
    "Float32": np.float32,
    "Float64": np.float64,
    "Int8": np.int8,
    "Int16": np.int16,
    "Int32": np.int32,
    "Int64": np.int64,
    "UInt8": np.uint8,
    "UInt16": np.uint16,
    "UInt32": np.uint32,
    "UInt64": np.uint64,
    "Bool": np.bool_,  # i8 in the ABI: one byte, 0 or 1
}
RTOL = {"Float32": 1e-5, "Float64": 1e-12}
ARRAY_RE = re.compile(r"^DeviceArray\{(\w+),(\d+)\}$")
PTX_SIZES = {"8": 1, "16": 2, "32": 4, "64": 8}
TIMED_LAUNCHES = 5


# ---------------------------------------------------------------- PTX and the ABI


def parse_entry(ptx):
    """(entry name, [param size in bytes…]) of the PTX's one `.entry`."""
    entries = re.findall(r"\.entry\s+([\w$]+)\s*\(([^)]*)\)", ptx)
    if len(entries) != 1:
        raise ValueError(f"expected one .entry in the PTX, found {len(entries)}")
    name, params = entries[0]
    sizes = []
    for p in filter(None, (s.strip() for s in params.split(","))):
        m = re.match(r"\.param\s+(?:\.align\s+\d+\s+)?\.[a-z](\d+)\s+[\w$]+(?:\[(\d+)\])?$", p)
        if m is None:
            raise ValueError(f"cannot read PTX parameter {p!r}")
        sizes.append(PTX_SIZES[m.group(1)] * int(m.group(2) or 1))
    return name, sizes


FMA_RE = re.compile(
    r"^(?P<ind>[ \t]*)(?P<pred>@!?%\w+[ \t]+)?fma\.rn\.(?P<t>f32|f64)[ \t]+"
    r"(?P<d>[^,]+),[ \t]*(?P<a>[^,]+),[ \t]*(?P<b>[^,]+),[ \t]*(?P<c>[^;]+);",
    re.M,
)


def without_fma(ptx):
    """The PTX with every `fma.rn.fXX d, a, b, c` split into a rounded multiply and add
    (explicit `.rn`, so ptxas does not fuse them again): what the native target computes.
    Returns (text, number of fma instructions replaced)."""

    def split(m):
        p, t = m["pred"] or "", m["t"]
        return (
            f"{m['ind']}{{ .reg .{t} %nofma; {p}mul.rn.{t} %nofma, {m['a']}, {m['b']}; "
            f"{p}add.rn.{t} {m['d']}, %nofma, {m['c']}; }}"
        )

    return FMA_RE.subn(split, ptx)


def pack(args):
    """The case's arguments as host values: [(julia type, element type or None, numpy
    value, dims or None)…] with arrays flattened in column-major order, and the ABI's
    parameter list [('ptr', index) | ('value', numpy scalar)…]."""
    values, abi = [], []
    for k, arg in enumerate(args):
        ((ty, v),) = arg.items()
        if ty.startswith("typeof("):
            # A function argument (`op` of a mapreduce-style kernel): zero bytes, no slot.
            values.append((ty, None, None, None))
            continue
        m = ARRAY_RE.match(ty)
        if m is None:
            x = DTYPES[ty](v)
            values.append((ty, None, x, None))
            abi.append(("value", x))
            continue
        elem, ndims = m.group(1), int(m.group(2))
        a = np.array(v, dtype=DTYPES[elem])
        if a.ndim != ndims:
            raise ValueError(f"argument {k + 1}: {ty} with {a.ndim} dimensions in JSON")
        values.append((ty, elem, a.flatten(order="F"), list(a.shape)))
        abi.append(("ptr", k))
        abi.extend(("value", np.int64(d)) for d in a.shape)
    return values, abi


def check_abi(sizes, abi):
    """The packed parameters must match the entry's `.param` list, count and widths."""
    got = [8 if kind == "ptr" else x.itemsize for kind, x in abi]
    if got != sizes:
        raise ValueError(f"ABI mismatch: packed parameter sizes {got}, PTX .param sizes {sizes}")


def unflatten(flat, dims):
    return np.asarray(flat).reshape(dims, order="F")


# ---------------------------------------------------------------- comparing


def compare(elem, got, want, fma_sensitive=False):
    """Compares one array with the native result: a dict with ok, counts, errors."""
    got = np.asarray(got)
    want = np.asarray(want, dtype=got.dtype)
    r = {"elements": int(want.size), "max_abs": 0.0, "max_rel": 0.0}
    if got.shape != want.shape:
        r.update(ok=False, why=f"shape {got.shape} vs {want.shape}")
        return r
    if elem in RTOL:
        g, w = got.astype(np.float64), want.astype(np.float64)
        both_nan = np.isnan(g) & np.isnan(w)
        same = (g == w) | both_nan
        err = np.where(same, 0.0, np.abs(g - w))
        err = np.where(np.isnan(err), np.inf, err)
        scale = float(np.max(np.abs(w[np.isfinite(w)]), initial=0.0))
        tol = RTOL[elem] * np.maximum(np.abs(w), scale)
        bad = err > tol
        nz = (w != 0) & np.isfinite(w)
        rel = np.where(nz, err / np.where(nz, np.abs(w), 1.0), np.where(err > 0, np.inf, 0.0))
        bits = np.uint32 if got.itemsize == 4 else np.uint64
        exact = got.view(bits) == want.view(bits)
        r.update(
            ok=not bool(np.any(bad)),
            mismatches=int(np.sum(bad)),
            bit_exact=int(np.sum(exact)),
            max_abs=float(np.max(err, initial=0.0)),
            max_rel=float(np.max(rel, initial=0.0)),
        )
    else:
        diff = got != want
        n = int(np.sum(diff))
        dmax = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)), initial=0.0))
        r.update(ok=n == 0, mismatches=n, bit_exact=int(want.size) - n, max_abs=dmax)
    return r


def compare_all(values, expected, results, fma_sensitive=False):
    """Compares every array argument; returns the per-array comparisons."""
    out = []
    for k, ((ty, elem, _, dims), want) in enumerate(zip(values, expected)):
        if elem is None:
            continue
        ((wty, wv),) = want.items()
        if wty != ty:
            raise ValueError(f"argument {k + 1}: expected value has type {wty}, not {ty}")
        c = compare(elem, results[k], np.array(wv, dtype=DTYPES[elem]).reshape(dims), fma_sensitive)
        c["arg"] = k + 1
        c["type"] = ty
        out.append(c)
    return out


# ---------------------------------------------------------------- one case


def load_case(bundle, name):
    with open(os.path.join(bundle, "cases.json")) as f:
        data = json.load(f)
    for c in data["cases"]:
        if c["name"] == name:
            return c
    raise SystemExit(f"no case {name}")


def launch_gpu(cp, ptx_path, entry, case, values, abi, timed):
    """Loads the PTX, launches once (plus TIMED_LAUNCHES timed ones if `timed`); returns
    (arrays copied back, first launch ms, median timed ms, exception flag or None)."""
    mod = cp.RawModule(path=ptx_path)
    fn = mod.get_function(entry)
    dev = {k: cp.asarray(v) for k, (ty, elem, v, dims) in enumerate(values) if elem is not None}
    params = tuple(dev[x] if kind == "ptr" else x for kind, x in abi)
    grid, block = tuple(case["blocks"]), tuple(case["threads"])
    start, end = cp.cuda.Event(), cp.cuda.Event()
    start.record()
    shmem = int(case.get("shmem", 0))
    fn(grid, block, params, shared_mem=shmem)
    end.record()
    end.synchronize()
    cp.cuda.runtime.deviceSynchronize()
    first = cp.cuda.get_elapsed_time(start, end)
    results = {k: cp.asnumpy(a).reshape(values[k][3], order="F") for k, a in dev.items()}
    flag = None
    try:
        ptr = mod.get_global("strata_exception_flag")
        flag = int(cp.ndarray((1,), dtype=cp.uint32, memptr=ptr).get()[0])
    except Exception as e:  # noqa: BLE001: recorded, not fatal
        flag = f"unreadable: {e}"
    times = []
    if timed:
        for _ in range(TIMED_LAUNCHES):
            start.record()
            fn(grid, block, params, shared_mem=shmem)
            end.record()
            end.synchronize()
            times.append(cp.cuda.get_elapsed_time(start, end))
    return results, first, (statistics.median(times) if times else None), flag


def run_one(bundle, name):
    """The child process: runs one case on the GPU and prints `RESULT <json>`."""
    import cupy as cp

    case = load_case(bundle, name)
    ptx_path = os.path.join(bundle, case["ptx"])
    with open(ptx_path) as f:
        ptx = f.read()
    entry, sizes = parse_entry(ptx)
    values, abi = pack(case["args"])
    check_abi(sizes, abi)
    res = {"name": name, "entry": entry}
    if case.get("expect_error"):
        try:
            launch_gpu(cp, ptx_path, entry, case, values, abi, timed=False)
            res.update(launched=True, error=None)
        except Exception as e:  # noqa: BLE001: the point of the case
            res.update(launched=False, error=f"{type(e).__name__}: {e}")
            # The flag after a trap: the context is usually unusable by now.
            try:
                mod = cp.RawModule(path=ptx_path)
                ptr = mod.get_global("strata_exception_flag")
                res["flag_after"] = int(cp.ndarray((1,), dtype=cp.uint32, memptr=ptr).get()[0])
            except Exception as e2:  # noqa: BLE001
                res["flag_after"] = f"unreadable: {type(e2).__name__}: {e2}"
        sys.stdout.flush()
        print("RESULT " + json.dumps(res), flush=True)
        return
    results, first, median, flag = launch_gpu(cp, ptx_path, entry, case, values, abi, timed=True)
    res.update(first_ms=first, median_ms=median, flag=flag)
    res["arrays"] = compare_all(values, case["expected"], results, case.get("fma_sensitive", False))
    nofma, n = without_fma(ptx)
    res["fma_count"] = n
    if n:
        with tempfile.NamedTemporaryFile("w", suffix=".ptx", delete=False) as f:
            f.write(nofma)
        try:
            results2, *_ = launch_gpu(cp, f.name, entry, case, values, abi, timed=False)
            res["nofma"] = compare_all(values, case["expected"], results2)
        except Exception as e:  # noqa: BLE001
            res["nofma_error"] = f"{type(e).__name__}: {e}"
        finally:
            os.unlink(f.name)
    print("RESULT " + json.dumps(res), flush=True)


# ---------------------------------------------------------------- the report


def fmt_grid(case):
    b, t = case["blocks"], case["threads"]
    return f"{','.join(map(str, b))}x{','.join(map(str, t))}"


def verdict(case, res):
    """(PASS | PASS* | FAIL, detail) for one case's result."""
    if res is None:
        return "FAIL", "no result"
    if "crash" in res:
        return "FAIL", res["crash"]
    if case.get("expect_error"):
        if res.get("launched"):
            return "FAIL", "the launch succeeded; expected a trap"
        printed = res.get("printed", "")
        said = "kernel printed the " + case["expect_error"] if case["expect_error"] in printed else "no message printed"
        return "PASS", f"trapped: {res['error']}; {said}; flag after: {res.get('flag_after')}"
    arrays = res["arrays"]
    if all(a["ok"] for a in arrays):
        return "PASS", ""
    nofma = res.get("nofma")
    if case.get("fma_sensitive") and nofma and all(a["ok"] and a.get("bit_exact") == a["elements"] for a in nofma):
        bad = [a for a in arrays if not a["ok"]]
        return "PASS*", "with FMA: " + ", ".join(f"arg {a['arg']} {a['mismatches']}/{a['elements']} differ (max {a['max_abs']:g})" for a in bad) + "; no-FMA variant bit-exact"
    bad = [a for a in arrays if not a["ok"]]
    return "FAIL", ", ".join(f"arg {a['arg']} {a['type']}: {a['mismatches']}/{a['elements']} differ, max abs {a['max_abs']:g} rel {a['max_rel']:g}" for a in bad)


def case_line(case, res):
    status, detail = verdict(case, res)
    elems = sum(int(np.prod(d)) for (_, e, _, d) in pack(case["args"])[0] if e is not None)
    parts = [f"{case['name']:26}", f"{case['kernel']:13}", f"grid {fmt_grid(case):12}", f"{elems:6} elems", f"{status:5}"]
    if res and "arrays" in res:
        arrays = res["arrays"]
        mabs = max((a["max_abs"] for a in arrays), default=0.0)
        mrel = max((a["max_rel"] for a in arrays), default=0.0)
        exact = sum(a.get("bit_exact", 0) for a in arrays)
        total = sum(a["elements"] for a in arrays)
        parts.append(f"max abs {mabs:.2e} rel {mrel:.2e}")
        parts.append(f"bit-exact {exact}/{total}")
        if res.get("fma_count"):
            nf = res.get("nofma")
            if nf is None:
                parts.append(f"no-FMA: {res.get('nofma_error')}")
            else:
                ex = sum(a.get("bit_exact", 0) for a in nf)
                parts.append(f"no-FMA({res['fma_count']} fma) bit-exact {ex}/{total}")
        if res.get("median_ms") is not None:
            parts.append(f"time {res['median_ms'] * 1e3:.1f} us (first {res['first_ms'] * 1e3:.1f} us)")
        if res.get("flag") not in (0, None):
            parts.append(f"exception flag {res['flag']}")
    line = "  ".join(parts)
    if detail:
        line += f"\n    {detail}"
    return status, line


def environment():
    """Lines describing the GPU, driver and CuPy (in a child, like the cases)."""
    lines = []
    for cmd in (["nvidia-smi", "-L"], ["nvidia-smi", "--query-gpu=name,driver_version,compute_cap,memory.total", "--format=csv,noheader"]):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
            lines.append(f"$ {' '.join(cmd)}\n{out}")
        except (OSError, subprocess.SubprocessError) as e:
            lines.append(f"$ {' '.join(cmd)}: {e}")
    code = (
        "import cupy as cp, numpy as np, sys\n"
        "p = cp.cuda.runtime.getDeviceProperties(0)\n"
        "print('python', sys.version.split()[0], '| numpy', np.__version__, '| cupy', cp.__version__,"
        " '| CUDA runtime', cp.cuda.runtime.runtimeGetVersion(), '| driver API', cp.cuda.runtime.driverGetVersion(),"
        " '| GPU', p['name'].decode(), 'sm_%d%d' % (p['major'], p['minor']), p['multiProcessorCount'], 'SMs')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    lines.append((r.stdout + r.stderr).strip())
    return "\n".join(lines)


def dry_run(bundle, data):
    """Everything but the GPU: PTX parsing, packing, ABI check, self-comparison, and
    the no-FMA variants through ptxas when available."""
    ptxas = shutil.which("ptxas")
    failed = 0
    for case in data["cases"]:
        try:
            with open(os.path.join(bundle, case["ptx"])) as f:
                ptx = f.read()
            entry, sizes = parse_entry(ptx)
            values, abi = pack(case["args"])
            check_abi(sizes, abi)
            note = f"entry {entry}, {len(sizes)} params ok"
            if case.get("expect_error"):
                note += f"; expects {case['expect_error']} (native: {case['native_stderr'].splitlines()[1] if case['native_stderr'] else '?'})"
            else:
                want = {k: np.array(list(v.values())[0], dtype=DTYPES[values[k][1]]) for k, v in enumerate(case["expected"]) if values[k][1]}
                cmp = compare_all(values, case["expected"], want)
                if not all(c["ok"] and c["bit_exact"] == c["elements"] for c in cmp):
                    raise ValueError(f"self-comparison failed: {cmp}")
                changed = sum(int(np.sum(values[k][2] != want[k].flatten(order="F"))) for k in want)
                note += f"; {changed} elements change natively"
            nofma, n = without_fma(ptx)
            if n and ptxas:
                with tempfile.NamedTemporaryFile("w", suffix=".ptx", delete=False) as f:
                    f.write(nofma)
                r = subprocess.run([ptxas, "-arch=sm_90", "-o", os.devnull, f.name], capture_output=True, text=True)
                os.unlink(f.name)
                if r.returncode != 0:
                    raise ValueError(f"ptxas rejected the no-FMA variant: {r.stderr}")
                note += f"; no-FMA variant ({n} fma) assembles"
            elif n:
                note += f"; {n} fma (no ptxas to check the no-FMA variant)"
            print(f"{case['name']:26} {case['kernel']:13} grid {fmt_grid(case):12} dry-run ok: {note}")
        except Exception as e:  # noqa: BLE001
            failed += 1
            print(f"{case['name']:26} {case['kernel']:13} dry-run FAIL: {type(e).__name__}: {e}")
    print(f"\ndry run: {len(data['cases']) - failed} of {len(data['cases'])} cases ok")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle")
    ap.add_argument("--dry-run", action="store_true", help="check the bundle without a GPU")
    ap.add_argument("--json", help="write every case's result to this file")
    ap.add_argument("--only", nargs="*", help="run only these cases")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the per-case child
    args = ap.parse_args()
    bundle = os.path.abspath(args.bundle)
    if args.one:
        run_one(bundle, args.one)
        return 0
    with open(os.path.join(bundle, "cases.json")) as f:
        data = json.load(f)
    if args.only:
        data["cases"] = [c for c in data["cases"] if c["name"] in args.only]
    print(f"bundle: {bundle}: {len(data['cases'])} cases, strata {data['strata_commit']}, generated {data['generated']}")
    if args.dry_run:
        return dry_run(bundle, data)

    print(environment())
    print()
    counts, all_results = {}, []
    for case in data["cases"]:
        res = None
        try:
            r = subprocess.run(
                [sys.executable, os.path.abspath(__file__), bundle, "--one", case["name"]],
                capture_output=True, text=True, timeout=300,
            )
            lines = r.stdout.splitlines()
            got = [l for l in lines if l.startswith("RESULT ")]
            if got:
                res = json.loads(got[-1][len("RESULT "):])
                res["printed"] = "\n".join(l for l in lines if not l.startswith("RESULT "))
            else:
                tail = (r.stdout + r.stderr).strip().splitlines()[-6:]
                res = {"crash": f"child exited {r.returncode}: " + " | ".join(tail)}
        except subprocess.TimeoutExpired:
            res = {"crash": "timed out after 300 s"}
        status, line = case_line(case, res)
        counts[status] = counts.get(status, 0) + 1
        print(line, flush=True)
        if res.get("printed") and case.get("expect_error"):
            # Every throwing thread prints the report: show each distinct line once.
            lines = res["printed"].splitlines()
            for l in dict.fromkeys(lines):
                n = lines.count(l)
                print(f"    kernel output: {l}" + (f"   (x{n})" if n > 1 else ""))
        all_results.append({"case": case["name"], "status": status, "result": res})
    total = len(data["cases"])
    print(f"\nsummary: {total} cases: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(all_results, f, indent=1)
    return 1 if counts.get("FAIL") else 0


if __name__ == "__main__":
    sys.exit(main())
