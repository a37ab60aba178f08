//! The compiler end to end (issue 5): kernels per second to PTX, split by stage, batch
//! scaling, and the LLVM floor.
//!
//! - `ptx/saxpy_cold`: the saxpy example to PTX with a fresh compiler (an empty code
//!   cache: inference runs; the prelude is loaded outside the timing): one kernel.
//! - `ptx/saxpy_warm`: the same with inference cached (codegen + LLVM only).
//! - `ptx/llvm_floor`: the same kernel's final LLVM IR (after linking the runtime
//!   library; a clone of a module parsed once) through the optimize stage (strata's
//!   inlining marks and pass pipeline, `codegen::optimize`) and PTX emission alone:
//!   what LLVM costs whatever strata does. It emits through a reused code-generation
//!   pipeline (`codegen::emitter::Emitter`), as the driver does; `ptx/llvm_floor_capi`
//!   emits through LLVM's C API instead, which builds that pipeline anew per call (what
//!   emission cost before the emitter). `ptx/llvm_floor_o2`: the C API floor through
//!   LLVM's `default<O2>` instead of strata's pipeline (what the optimize stage cost
//!   before it had its own).
//! - `batch/64x{1,2}threads`: 64 distinct saxpy-sized kernels to PTX in one batch with
//!   a fresh compiler, on 1 and 2 worker threads (kernels per second).
//!
//! Before the benchmarks it prints the stage split of one 64-kernel batch (front end:
//! loading the 64 kernels' source into a prelude session; then the driver's stages),
//! and the 2-thread scaling measured in interleaved pairs: criterion runs all samples
//! of one thread count before the other, so on a shared machine whose speed drifts
//! over seconds the ratio of the two `batch` results carries that drift; a 1-thread
//! and a 2-thread batch back to back (order alternating) see the same machine, and the
//! median of the pairs' ratios does not (`STRATA_SCALING_PAIRS`, default 15).
//! - `model/{shmem_reduce,warp_reduce}_64x1thread` (issue 15): 64 distinct block
//!   reductions through static shared memory, and 64 warp-shuffle reductions (with
//!   an atomic), to PTX in one batch with a fresh compiler on one thread.
//! Run: `cargo bench --bench compile -- --warm-up-time 1 --measurement-time 5`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::rc::Rc;
use std::time::Instant;
use strata::codegen::emitter::Emitter;
use strata::codegen::inkwell::context::Context;
use strata::codegen::inkwell::memory_buffer::MemoryBuffer;
use strata::codegen::inkwell::passes::PassBuilderOptions;
use strata::codegen::inkwell::targets::FileType;
use strata::codegen::optimize;
use strata::codegen::TargetKind;
use strata::driver::{backend_for, Compiler, CompilerJob, EmitKind, Target, Timings};
use strata::session::{LoadOptions, Session};

const KERNELS: usize = 64;

/// `n` distinct saxpy-sized kernels (each adds its own constant).
fn source(n: usize) -> String {
    let mut s =
        String::from("@inline gidx() = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x\n");
    for k in 0..n {
        s.push_str(&format!(
            "@kernel function saxpy_{k}(a::Float32, x::DeviceArray{{Float32,1}}, y::DeviceArray{{Float32,1}})\n    i = gidx()\n    if i <= length(y)\n        @inbounds y[i] = a * x[i] + y[i] + {k}f0\n    end\n    return\nend\n"
        ));
    }
    s
}

/// `n` distinct shared-memory block reductions and `n` warp-shuffle reductions.
fn model_source(n: usize) -> String {
    let mut s = String::new();
    for k in 0..n {
        s.push_str(&format!(
            "@kernel function shmem_reduce_{k}(x::DeviceArray{{Float32,1}}, out::DeviceArray{{Float32,1}})
    tid = threadIdx().x
    i = (blockIdx().x - Int32(1)) * blockDim().x + tid
    shared = CuStaticSharedArray(Float32, 256)
    shared[tid] = i <= length(x) ? x[i] + {k}f0 : 0f0
    sync_threads()
    s = blockDim().x ÷ Int32(2)
    while s > Int32(0)
        if tid <= s
            shared[tid] += shared[tid + s]
        end
        sync_threads()
        s = s ÷ Int32(2)
    end
    if tid == Int32(1)
        out[blockIdx().x] = shared[1]
    end
    return
end
@kernel function warp_reduce_{k}(x::DeviceArray{{Float32,1}}, out::DeviceArray{{Float32,1}})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    v = i <= length(x) ? x[i] + {k}f0 : 0f0
    offset = Int32(16)
    while offset > Int32(0)
        v += shfl_down_sync(0xffffffff, v, offset)
        offset = offset ÷ Int32(2)
    end
    if laneid() == Int32(1)
        atomic_add!(pointer(out, 1), v)
    end
    return
end
"
        ));
    }
    s
}

fn session(n: usize) -> (Session, std::time::Duration) {
    let s = Session::with_prelude().expect("the prelude loads");
    let start = Instant::now();
    s.load_source("bench.jl", &source(n), &LoadOptions::default())
        .expect("the kernels load");
    (s, start.elapsed())
}

fn jobs(s: &Session, n: usize, emit: EmitKind, optimize: bool) -> Vec<CompilerJob> {
    let store = s.engine().types();
    let f = store.parse("Float32").unwrap();
    let v = store.parse("DeviceArray{Float32,1}").unwrap();
    let ptx = backend_for(Target::parse("ptx", None).unwrap());
    (0..n)
        .map(|k| {
            let mut job = CompilerJob::kernel(
                &format!("saxpy_{k}"),
                vec![f, v, v],
                ptx.clone(),
                s.engine().world(),
            );
            job.emit = emit;
            job.optimize = optimize;
            job
        })
        .collect()
}

fn print_split() {
    let (s, front_end) = session(KERNELS);
    for threads in [1, 2] {
        let c = Compiler::new(&s);
        let jobs = jobs(&s, KERNELS, EmitKind::Asm, true);
        let start = Instant::now();
        let results = c.compile_batch(&jobs, threads, &|_| {});
        let wall = start.elapsed();
        let mut total = Timings::default();
        for r in &results {
            total.add(&r.as_ref().expect("compiles").timings);
        }
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        eprintln!(
            "{KERNELS} kernels, {threads} thread(s): wall {:.1} ms = {:.0} kernels/s; front end {:.1} ms",
            ms(wall),
            KERNELS as f64 / wall.as_secs_f64(),
            ms(front_end)
        );
        for (stage, d) in total.stages() {
            eprintln!(
                "  {stage:<9} {:>8.2} ms  {:>6.3} ms/kernel",
                ms(d),
                ms(d) / KERNELS as f64
            );
        }
        let llvm = total.optimize + total.emit;
        eprintln!(
            "  front end + infer = {:.1}% of LLVM (optimize + emit)",
            100.0 * (front_end + total.infer).as_secs_f64() / llvm.as_secs_f64()
        );
    }
}

/// The 2-thread speed-up over 1 thread, from `pairs` interleaved batches.
fn print_scaling(pairs: usize) {
    let (s, _) = session(KERNELS);
    let jobs = jobs(&s, KERNELS, EmitKind::Asm, true);
    let time = |threads: usize| {
        let c = Compiler::new(&s);
        let start = Instant::now();
        black_box(c.compile_batch(&jobs, threads, &|_| {}));
        drop(c);
        start.elapsed().as_secs_f64()
    };
    time(1);
    time(2);
    let (mut one, mut two, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for p in 0..pairs {
        let (a, b) = if p % 2 == 0 {
            let a = time(1);
            (a, time(2))
        } else {
            let b = time(2);
            (time(1), b)
        };
        one.push(a);
        two.push(b);
        ratio.push(a / b);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (m1, m2, mr) = (median(&mut one), median(&mut two), median(&mut ratio));
    eprintln!(
        "scaling, {pairs} interleaved pairs of {KERNELS}-kernel batches: 1 thread median {:.1} ms ({:.0} kernels/s), 2 threads {:.1} ms ({:.0} kernels/s); median ratio {mr:.2}x (range {:.2}x to {:.2}x)",
        m1 * 1e3,
        KERNELS as f64 / m1,
        m2 * 1e3,
        KERNELS as f64 / m2,
        ratio[0],
        ratio[pairs - 1]
    );
}

fn bench(c: &mut Criterion) {
    print_split();
    let pairs = std::env::var("STRATA_SCALING_PAIRS")
        .ok()
        .and_then(|p| p.parse().ok())
        .filter(|&p| p > 0)
        .unwrap_or(15);
    print_scaling(pairs);
    let (s, _) = session(KERNELS);
    let one = jobs(&s, 1, EmitKind::Asm, true);
    let mut g = c.benchmark_group("ptx");
    g.throughput(Throughput::Elements(1));
    g.bench_function("saxpy_cold", |b| {
        b.iter(|| {
            let c = Compiler::new(&s);
            black_box(c.compile(&one[0]).unwrap())
        })
    });
    let warm = Compiler::new(&s);
    warm.compile(&one[0]).unwrap();
    g.bench_function("saxpy_warm", |b| {
        b.iter(|| black_box(warm.compile(&one[0]).unwrap()))
    });
    // The LLVM floor: the linked, unoptimized module through O2 and PTX emission.
    let raw = warm
        .compile(&jobs(&s, 1, EmitKind::Llvm, false)[0])
        .unwrap()
        .bytes;
    let tm = Rc::new(strata::codegen::ptx::target_machine(&Default::default()).unwrap());
    let mut emitter = Emitter::new(tm.clone(), FileType::Assembly).unwrap();
    let ctx = Context::create();
    let buf = MemoryBuffer::create_from_memory_range_copy(&raw, "saxpy");
    let base = ctx.create_module_from_ir(buf).unwrap();
    for (name, o2, reuse) in [
        ("llvm_floor", false, true),
        ("llvm_floor_capi", false, false),
        ("llvm_floor_o2", true, false),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let m = base.clone();
                let passes = if o2 {
                    "default<O2>".to_string()
                } else {
                    let shape = optimize::mark_inlining(&m);
                    optimize::pipeline(TargetKind::Ptx, &shape)
                };
                m.run_passes(&passes, &tm, PassBuilderOptions::create())
                    .unwrap();
                if reuse {
                    black_box(emitter.emit(&m).len());
                } else {
                    black_box(tm.write_to_memory_buffer(&m, FileType::Assembly).unwrap());
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(KERNELS as u64));
    g.sample_size(10);
    let all = jobs(&s, KERNELS, EmitKind::Asm, true);
    for threads in [1, 2] {
        g.bench_function(format!("{KERNELS}x{threads}threads"), |b| {
            b.iter(|| {
                let c = Compiler::new(&s);
                black_box(c.compile_batch(&all, threads, &|_| {}))
            })
        });
    }
    g.finish();

    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source("model.jl", &model_source(KERNELS), &LoadOptions::default())
        .expect("the kernels load");
    let store = s.engine().types();
    let v = store.parse("DeviceArray{Float32,1}").unwrap();
    let ptx = backend_for(Target::parse("ptx", None).unwrap());
    let mut g = c.benchmark_group("model");
    g.throughput(Throughput::Elements(KERNELS as u64));
    g.sample_size(10);
    for family in ["shmem_reduce", "warp_reduce"] {
        let jobs: Vec<CompilerJob> = (0..KERNELS)
            .map(|k| {
                let mut job = CompilerJob::kernel(
                    &format!("{family}_{k}"),
                    vec![v, v],
                    ptx.clone(),
                    s.engine().world(),
                );
                job.emit = EmitKind::Asm;
                job
            })
            .collect();
        g.bench_function(format!("{family}_{KERNELS}x1thread"), |b| {
            b.iter(|| {
                let c = Compiler::new(&s);
                let r = c.compile_batch(&jobs, 1, &|_| {});
                assert!(r.iter().all(|r| r.is_ok()));
                black_box(r)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
