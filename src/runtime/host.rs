//! The native back-end's host side: the `strata_native_*` functions JIT-compiled
//! kernels call (grid indices, the block barrier, the runtime library's reports), and
//! the grid emulation that runs a kernel's launcher for every thread of every block.
//!
//! Each emulated GPU thread's state (its indices, the jump buffer its launcher set,
//! its block's barrier, where reports go) is thread-local. Two ways to run a grid:
//! - sequential (the kernel never calls `sync_threads`): one host thread runs the
//!   blocks, and the threads of each block, in order (x fastest), as loops;
//! - threaded (it does): every block in turn runs its threads as real host threads, so
//!   `sync_threads` is a real barrier ([`BlockBarrier`]); a thread that finishes or
//!   throws leaves the barrier, so the others never wait for it (as on GPUs since Volta).
//!
//! A kernel that throws reports through the runtime library (`gpu_report_*`) into the
//! launch's report, then `gpu_signal_exception` ends its thread with `longjmp` back to
//! its launcher (only JIT-compiled frames are skipped). The launch stops after the
//! first block with an exception, like a trapped GPU kernel.

use parking_lot::{Condvar, Mutex};
use std::cell::RefCell;
use std::ffi::{c_char, CStr};
use std::sync::Arc;

/// A grid's shape: blocks per grid and threads per block, `(x, y, z)`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// Blocks per grid.
    pub blocks: [u32; 3],
    /// Threads per block.
    pub threads: [u32; 3],
}

/// The launcher a kernel module exports: one 8-byte slot per ABI parameter; returns 1
/// when the kernel threw.
pub type LaunchFn = unsafe extern "C" fn(*const u64) -> i32;

/// A jump buffer, larger and more aligned than glibc's `jmp_buf` (200 bytes on x86-64).
#[repr(C, align(16))]
struct JmpBuf([u8; 512]);

struct ThreadState {
    /// threadIdx, blockIdx (1-based), blockDim, gridDim; x, y, z each.
    idx: [i32; 12],
    jmpbuf: Box<JmpBuf>,
    barrier: Option<Arc<BlockBarrier>>,
    report: Option<Arc<Mutex<Vec<String>>>>,
    /// The launch's dynamic shared memory: address and length in bytes.
    dynamic_shared: (usize, usize),
    /// This thread's warp and lane (0-based), when the block runs on host threads.
    warp: Option<(Arc<Warp>, usize)>,
}

/// One warp of an emulated block: its lanes' exchange slots and a barrier over the
/// lanes still running. An exchange writes the lane's slot and marks it present, waits
/// for every live lane, reads the snapshot, waits again (so nobody overwrites a slot
/// before all have read it), then clears its mark (so an exited lane is never read).
pub struct Warp {
    barrier: BlockBarrier,
    slots: Mutex<([u64; 32], u32)>, // (values, present lanes)
}

impl Warp {
    fn new(lanes: usize) -> Self {
        Warp {
            barrier: BlockBarrier::new(lanes),
            slots: Mutex::new(([0; 32], 0)),
        }
    }

    fn exchange(&self, lane: usize, v: u64) -> ([u64; 32], u32) {
        {
            let mut s = self.slots.lock();
            s.0[lane] = v;
            s.1 |= 1 << lane;
        }
        self.barrier.wait();
        let snapshot = *self.slots.lock();
        self.barrier.wait();
        self.slots.lock().1 &= !(1 << lane);
        snapshot
    }
}

/// The warp's exchange for this thread: `None` outside a threaded block.
fn warp_exchange(v: u64) -> Option<(usize, [u64; 32], u32)> {
    let w = STATE.with(|s| s.borrow().warp.clone());
    w.map(|(warp, lane)| {
        let (values, present) = warp.exchange(lane, v);
        (lane, values, present)
    })
}

/// `shfl`: lane `src`'s word (this lane's own when `src` has exited or is outside the warp).
extern "C" fn strata_native_warp_shfl(v: u32, src: u32) -> u32 {
    match warp_exchange(u64::from(v)) {
        Some((_, values, present)) if src < 32 && present & (1 << src) != 0 => {
            values[src as usize] as u32
        }
        _ => v,
    }
}

/// `vote.ballot`: the lanes whose predicate is nonzero.
extern "C" fn strata_native_warp_ballot(p: u32) -> u32 {
    match warp_exchange(u64::from(p != 0)) {
        Some((_, values, present)) => (0..32)
            .filter(|&l| present & (1 << l) != 0 && values[l] != 0)
            .fold(0, |m, l| m | (1 << l)),
        None => u32::from(p != 0),
    }
}

/// `sync_warp`: waits for the warp's live lanes.
extern "C" fn strata_native_warp_sync() {
    let _ = warp_exchange(0);
}

thread_local! {
    static STATE: RefCell<ThreadState> = RefCell::new(ThreadState {
        idx: [1; 12],
        jmpbuf: Box::new(JmpBuf([0; 512])),
        barrier: None,
        report: None,
        dynamic_shared: (0, 0),
        warp: None,
    });
}

/// The dynamic shared memory of a native launch, in bytes (`strata run --shmem`; CUDA's
/// `shmem=` launch parameter). The default is CUDA's 48 KiB without opt-in.
pub static DYNAMIC_SHARED_BYTES: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(48 << 10);

/// Sets [`DYNAMIC_SHARED_BYTES`] for the launches that follow.
pub fn set_dynamic_shared_bytes(bytes: usize) {
    DYNAMIC_SHARED_BYTES.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// The base of the launch's dynamic shared memory when `end` bytes of it fit, else
/// null (the prelude's native `CuDynamicSharedArray` then throws a BoundsError). The
/// blocks of a launch run one after another, so one zeroed buffer per launch is one per
/// block, shared by the block's threads.
extern "C" fn strata_native_dynamic_shared(end: i64) -> *mut u8 {
    STATE.with(|s| {
        let (addr, len) = s.borrow().dynamic_shared;
        if end >= 0 && (end as usize) <= len {
            addr as *mut u8
        } else {
            std::ptr::null_mut()
        }
    })
}

/// `sync_threads` for the threads of one block: the threads still running all wait
/// until every one of them has arrived.
pub struct BlockBarrier {
    state: Mutex<(usize, usize, u64)>, // (live, arrived, generation)
    cv: Condvar,
}

impl BlockBarrier {
    fn new(n: usize) -> Self {
        BlockBarrier {
            state: Mutex::new((n, 0, 0)),
            cv: Condvar::new(),
        }
    }

    fn wait(&self) {
        let mut s = self.state.lock();
        s.1 += 1;
        if s.1 >= s.0 {
            s.1 = 0;
            s.2 += 1;
            self.cv.notify_all();
        } else {
            let generation = s.2;
            while s.2 == generation {
                self.cv.wait(&mut s);
            }
        }
    }

    fn leave(&self) {
        let mut s = self.state.lock();
        s.0 -= 1;
        if s.1 > 0 && s.1 >= s.0 {
            s.1 = 0;
            s.2 += 1;
            self.cv.notify_all();
        }
    }
}

macro_rules! index_fns {
    ($($name:ident = $i:expr;)*) => {
        $(extern "C" fn $name() -> i32 { STATE.with(|s| s.borrow().idx[$i]) })*
        const INDEX_FNS: &[(&str, extern "C" fn() -> i32)] = &[$((stringify!($name), $name)),*];
    };
}

index_fns! {
    strata_native_thread_idx_x = 0; strata_native_thread_idx_y = 1; strata_native_thread_idx_z = 2;
    strata_native_block_idx_x = 3; strata_native_block_idx_y = 4; strata_native_block_idx_z = 5;
    strata_native_block_dim_x = 6; strata_native_block_dim_y = 7; strata_native_block_dim_z = 8;
    strata_native_grid_dim_x = 9; strata_native_grid_dim_y = 10; strata_native_grid_dim_z = 11;
}

fn report(line: String) {
    STATE.with(|s| {
        if let Some(r) = &s.borrow().report {
            r.lock().push(line);
        }
    });
}

/// A C string from the kernel (a constant of the module), lossily.
fn c_str(p: *const c_char) -> String {
    if p.is_null() {
        return "?".into();
    }
    // SAFETY: codegen passes NUL-terminated constants of the module.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn where_am_i() -> String {
    STATE.with(|s| {
        let i = s.borrow().idx;
        format!(
            "thread ({},{},{}) of block ({},{},{})",
            i[0], i[1], i[2], i[3], i[4], i[5]
        )
    })
}

extern "C" fn strata_native_sync_threads() {
    let barrier = STATE.with(|s| s.borrow().barrier.clone());
    if let Some(b) = barrier {
        b.wait();
    }
}

extern "C" fn strata_native_jmpbuf() -> *mut u8 {
    STATE.with(|s| s.borrow_mut().jmpbuf.0.as_mut_ptr())
}

extern "C" fn strata_native_signal_exception() {
    report(format!("(the exception ended {})", where_am_i()));
}

extern "C" fn strata_native_report_exception(ex: *const c_char) {
    report(format!(
        "ERROR: a {} was thrown during kernel execution.",
        c_str(ex)
    ));
}

extern "C" fn strata_native_report_exception_name(ex: *const c_char) {
    report(format!(
        "ERROR: a {} was thrown during kernel execution.\nStacktrace:",
        c_str(ex)
    ));
}

extern "C" fn strata_native_report_exception_frame(
    idx: i32,
    func: *const c_char,
    file: *const c_char,
    line: i32,
) {
    report(format!(
        " [{idx}] {} at {}:{line}",
        c_str(func),
        c_str(file)
    ));
}

extern "C" fn strata_native_report_oom(sz: u64) {
    report(format!(
        "ERROR: Out of dynamic GPU memory (trying to allocate {sz} bytes)"
    ));
}

extern "C" {
    fn malloc(size: usize) -> *mut u8;
    fn _setjmp(env: *mut u8) -> i32;
    fn longjmp(env: *mut u8, val: i32) -> !;
}

extern "C" fn strata_native_malloc(sz: u64) -> *mut u8 {
    // SAFETY: plain C allocation; the memory is never freed (as device `malloc` memory
    // outlives the kernel).
    unsafe { malloc(sz as usize) }
}

/// Every host symbol a native kernel module may call, with its address (for the JIT's
/// global mappings).
pub fn symbols() -> Vec<(&'static str, usize)> {
    let mut v: Vec<(&'static str, usize)> =
        INDEX_FNS.iter().map(|(n, f)| (*n, *f as usize)).collect();
    v.extend([
        (
            "strata_native_sync_threads",
            strata_native_sync_threads as *const () as usize,
        ),
        (
            "strata_native_jmpbuf",
            strata_native_jmpbuf as *const () as usize,
        ),
        (
            "strata_native_signal_exception",
            strata_native_signal_exception as *const () as usize,
        ),
        (
            "strata_native_report_exception",
            strata_native_report_exception as *const () as usize,
        ),
        (
            "strata_native_report_exception_name",
            strata_native_report_exception_name as *const () as usize,
        ),
        (
            "strata_native_report_exception_frame",
            strata_native_report_exception_frame as *const () as usize,
        ),
        (
            "strata_native_report_oom",
            strata_native_report_oom as *const () as usize,
        ),
        (
            "strata_native_malloc",
            strata_native_malloc as *const () as usize,
        ),
        (
            "strata_native_dynamic_shared",
            strata_native_dynamic_shared as *const () as usize,
        ),
        (
            "strata_native_warp_shfl",
            strata_native_warp_shfl as *const () as usize,
        ),
        (
            "strata_native_warp_ballot",
            strata_native_warp_ballot as *const () as usize,
        ),
        (
            "strata_native_warp_sync",
            strata_native_warp_sync as *const () as usize,
        ),
        ("_setjmp", _setjmp as *const () as usize),
        ("longjmp", longjmp as *const () as usize),
    ]);
    v
}

/// Runs `launch` over `grid` with the argument slots `args`. `threaded`: run each
/// block's threads as host threads (the kernel calls `sync_threads`). `Err` carries the
/// report of the first block where a thread threw.
///
/// # Safety
/// `launch` must be a launcher built by `runtime::native::add_launcher` for a kernel
/// whose parameters `args` matches, with every array pointer valid for the kernel's
/// accesses.
pub unsafe fn launch(
    launch: LaunchFn,
    args: &[u64],
    grid: Grid,
    threaded: bool,
) -> Result<(), String> {
    let dims = |i: [u32; 3]| [i[0] as i32, i[1] as i32, i[2] as i32];
    let (b, t) = (dims(grid.blocks), dims(grid.threads));
    let report = Arc::new(Mutex::new(Vec::new()));
    let args_addr = args.as_ptr() as usize;
    // 16-byte aligned, as CUDA's dynamic shared memory.
    let shared_len = DYNAMIC_SHARED_BYTES.load(std::sync::atomic::Ordering::Relaxed);
    let mut shared_buf = vec![0u128; shared_len.div_ceil(16)];
    let shared = (shared_buf.as_mut_ptr() as usize, shared_len);
    for bz in 1..=b[2] {
        for by in 1..=b[1] {
            for bx in 1..=b[0] {
                let block = [bx, by, bz];
                let thrown = if threaded {
                    let n = (t[0] * t[1] * t[2]) as usize;
                    let barrier = Arc::new(BlockBarrier::new(n));
                    let warps: Vec<Arc<Warp>> = (0..n.div_ceil(32))
                        .map(|w| Arc::new(Warp::new((n - 32 * w).min(32))))
                        .collect();
                    std::thread::scope(|scope| {
                        let mut handles = Vec::with_capacity(n);
                        for tz in 1..=t[2] {
                            for ty in 1..=t[1] {
                                for tx in 1..=t[0] {
                                    let (bar, rep) = (barrier.clone(), report.clone());
                                    let linear =
                                        ((tx - 1) + (ty - 1) * t[0] + (tz - 1) * t[0] * t[1])
                                            as usize;
                                    let warp = (warps[linear / 32].clone(), linear % 32);
                                    let h = std::thread::Builder::new()
                                        .stack_size(256 << 10)
                                        .spawn_scoped(scope, move || {
                                            let w = warp.0.clone();
                                            let r = run_thread(
                                                [tx, ty, tz],
                                                block,
                                                t,
                                                b,
                                                Some((bar.clone(), warp)),
                                                &rep,
                                                launch,
                                                args_addr,
                                                shared,
                                            );
                                            bar.leave();
                                            w.barrier.leave();
                                            r
                                        });
                                    match h {
                                        Ok(h) => handles.push(h),
                                        Err(e) => {
                                            report.lock().push(format!(
                                                "cannot start a host thread for the block: {e}"
                                            ));
                                            barrier.leave();
                                        }
                                    }
                                }
                            }
                        }
                        handles
                            .into_iter()
                            .fold(false, |acc, h| h.join().unwrap_or(true) | acc)
                    })
                } else {
                    let mut thrown = false;
                    'block: for tz in 1..=t[2] {
                        for ty in 1..=t[1] {
                            for tx in 1..=t[0] {
                                if run_thread(
                                    [tx, ty, tz],
                                    block,
                                    t,
                                    b,
                                    None,
                                    &report,
                                    launch,
                                    args_addr,
                                    shared,
                                ) {
                                    thrown = true;
                                    break 'block;
                                }
                            }
                        }
                    }
                    thrown
                };
                if thrown || !report.lock().is_empty() {
                    return Err(report.lock().join("\n"));
                }
            }
        }
    }
    Ok(())
}

/// Runs one emulated thread; `true` when it threw.
#[allow(clippy::too_many_arguments)]
fn run_thread(
    tid: [i32; 3],
    bid: [i32; 3],
    bdim: [i32; 3],
    gdim: [i32; 3],
    barrier: Option<(Arc<BlockBarrier>, (Arc<Warp>, usize))>,
    report: &Arc<Mutex<Vec<String>>>,
    launch: LaunchFn,
    args_addr: usize,
    shared: (usize, usize),
) -> bool {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.dynamic_shared = shared;
        let (barrier, warp) = match barrier {
            Some((b, w)) => (Some(b), Some(w)),
            None => (None, None),
        };
        s.warp = warp;
        s.idx = [
            tid[0], tid[1], tid[2], bid[0], bid[1], bid[2], bdim[0], bdim[1], bdim[2], gdim[0],
            gdim[1], gdim[2],
        ];
        s.barrier = barrier;
        s.report = Some(report.clone());
    });
    // SAFETY: see `launch`; the thread-local state is not borrowed across the call
    // (the host functions borrow it briefly), and a `longjmp` only skips frames of
    // JIT-compiled code between the launcher and `gpu_signal_exception`.
    let r = unsafe { launch(args_addr as *const u64) };
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.barrier = None;
        s.report = None;
        s.dynamic_shared = (0, 0);
        s.warp = None;
    });
    r != 0
}
