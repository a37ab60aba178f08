//! Running a kernel on the native target: the arguments as JSON values, the kernel
//! compiled by the native back-end with a launcher (`runtime::native::add_launcher`),
//! JIT-compiled by LLVM's MCJIT with the host functions mapped
//! (`runtime::host::symbols`), and run over an emulated grid (`runtime::host::launch`).
//!
//! Arguments (the `strata run --args-json` format): a JSON array with one single-key
//! object per kernel argument, the key a Julia type: `{"Float32":2.5}`, `{"Int64":10}`,
//! `{"Bool":true}`, `{"DeviceArray{Float32,1}":[1.0,2.0]}`. An N-d array is nested
//! lists whose outer list runs over the first index (`lists[i][j]` is `a[i+1, j+1]`);
//! storage is column-major, as Julia's. Non-finite floats are the strings `"NaN"`,
//! `"Inf"`, `"-Inf"`. A generic function is `{"typeof(+)":null}` (its singleton type;
//! it occupies no ABI slot). [`args_to_json`] prints the same format.

use super::compile::{guard, Compiler, Timings};
use super::job::{CompilerJob, NativeBackend};
use super::CompileError;
use crate::runtime::host::{self, Grid, LaunchFn};
use crate::runtime::native::{add_launcher, LAUNCH};
use inkwell::values::BasicValue;
use inkwell::OptimizationLevel;
use serde_json::Value;
use std::sync::Arc;

/// The element and scalar types `run` accepts.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// `Bool`.
    Bool,
    /// `Int8`.
    Int8,
    /// `Int16`.
    Int16,
    /// `Int32`.
    Int32,
    /// `Int64`.
    Int64,
    /// `UInt8`.
    UInt8,
    /// `UInt16`.
    UInt16,
    /// `UInt32`.
    UInt32,
    /// `UInt64`.
    UInt64,
    /// `Float32`.
    Float32,
    /// `Float64`.
    Float64,
}

impl Scalar {
    fn parse(name: &str) -> Option<Scalar> {
        use Scalar::*;
        Some(match name {
            "Bool" => Bool,
            "Int8" => Int8,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" | "Int" => Int64,
            "UInt8" => UInt8,
            "UInt16" => UInt16,
            "UInt32" => UInt32,
            "UInt64" | "UInt" => UInt64,
            "Float32" => Float32,
            "Float64" => Float64,
            _ => return None,
        })
    }

    /// The Julia name (`Float32`).
    pub fn name(self) -> &'static str {
        use Scalar::*;
        match self {
            Bool => "Bool",
            Int8 => "Int8",
            Int16 => "Int16",
            Int32 => "Int32",
            Int64 => "Int64",
            UInt8 => "UInt8",
            UInt16 => "UInt16",
            UInt32 => "UInt32",
            UInt64 => "UInt64",
            Float32 => "Float32",
            Float64 => "Float64",
        }
    }

    /// The size in bytes.
    pub fn size(self) -> usize {
        use Scalar::*;
        match self {
            Bool | Int8 | UInt8 => 1,
            Int16 | UInt16 => 2,
            Int32 | UInt32 | Float32 => 4,
            Int64 | UInt64 | Float64 => 8,
        }
    }

    /// The value's bytes (little-endian, `size()` of them) from JSON.
    fn encode(self, v: &Value) -> Result<u64, String> {
        use Scalar::*;
        let bad = || format!("expected a {} value, got {v}", self.name());
        let float = || -> Result<f64, String> {
            match v {
                Value::Number(n) => n.as_f64().ok_or_else(bad),
                Value::String(s) => match s.as_str() {
                    "NaN" => Ok(f64::NAN),
                    "Inf" => Ok(f64::INFINITY),
                    "-Inf" => Ok(f64::NEG_INFINITY),
                    _ => Err(bad()),
                },
                _ => Err(bad()),
            }
        };
        let int = |lo: i128, hi: i128| -> Result<u64, String> {
            let n = match v {
                Value::Number(n) => n
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| n.as_u64().map(i128::from))
                    .ok_or_else(bad)?,
                _ => return Err(bad()),
            };
            if n < lo || n > hi {
                return Err(format!("{n} is out of range for {}", self.name()));
            }
            Ok(n as u64)
        };
        Ok(match self {
            Bool => match v {
                Value::Bool(b) => u64::from(*b),
                _ => return Err(bad()),
            },
            Int8 => int(i8::MIN.into(), i8::MAX.into())? & 0xff,
            Int16 => int(i16::MIN.into(), i16::MAX.into())? & 0xffff,
            Int32 => int(i32::MIN.into(), i32::MAX.into())? & 0xffff_ffff,
            Int64 => int(i64::MIN.into(), i64::MAX.into())?,
            UInt8 => int(0, u8::MAX.into())?,
            UInt16 => int(0, u16::MAX.into())?,
            UInt32 => int(0, u32::MAX.into())?,
            UInt64 => int(0, u64::MAX.into())?,
            Float32 => u64::from((float()? as f32).to_bits()),
            Float64 => float()?.to_bits(),
        })
    }

    fn decode(self, bits: u64) -> Value {
        use Scalar::*;
        let float = |x: f64, shortest: String| -> Value {
            if x.is_nan() {
                Value::from("NaN")
            } else if x.is_infinite() {
                Value::from(if x > 0.0 { "Inf" } else { "-Inf" })
            } else {
                // The shortest decimal that reads back as the same value of its type.
                shortest
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        };
        match self {
            Bool => Value::Bool(bits & 1 != 0),
            Int8 => Value::from(bits as u8 as i8),
            Int16 => Value::from(bits as u16 as i16),
            Int32 => Value::from(bits as u32 as i32),
            Int64 => Value::from(bits as i64),
            UInt8 => Value::from(bits as u8),
            UInt16 => Value::from(bits as u16),
            UInt32 => Value::from(bits as u32),
            UInt64 => Value::from(bits),
            Float32 => {
                let x = f32::from_bits(bits as u32);
                float(f64::from(x), format!("{x:?}"))
            }
            Float64 => {
                let x = f64::from_bits(bits);
                float(x, format!("{x:?}"))
            }
        }
    }
}

/// One kernel argument.
#[derive(Clone, Debug, PartialEq)]
pub enum ArgValue {
    /// A scalar of type `ty`.
    Scalar {
        /// The scalar's type.
        ty: Scalar,
        /// Its bits, zero-extended to 64.
        bits: u64,
    },
    /// `DeviceArray{elem, dims.len()}`, column-major.
    Array {
        /// The element type.
        elem: Scalar,
        /// The dimensions.
        dims: Vec<usize>,
        /// The elements' bytes, little-endian, column-major.
        data: Vec<u8>,
    },
    /// The generic function `name`, of type `typeof(name)`: zero bytes, no ABI slot.
    Function {
        /// The function's name.
        name: String,
    },
}

impl ArgValue {
    /// The argument's Julia type.
    pub fn type_name(&self) -> String {
        match self {
            ArgValue::Scalar { ty, .. } => ty.name().to_string(),
            ArgValue::Array { elem, dims, .. } => {
                format!("DeviceArray{{{},{}}}", elem.name(), dims.len())
            }
            ArgValue::Function { name } => format!("typeof({name})"),
        }
    }

    /// An array's element `i` (column-major), as raw bits.
    fn element(&self, i: usize) -> u64 {
        let ArgValue::Array { elem, data, .. } = self else {
            return 0;
        };
        let n = elem.size();
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&data[i * n..(i + 1) * n]);
        u64::from_le_bytes(b)
    }
}

/// Why a run failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// The arguments are malformed or do not fit the kernel.
    #[error("bad arguments: {0}")]
    Args(String),
    #[error(transparent)]
    /// The kernel did not compile.
    Compile(#[from] CompileError),
    /// The kernel threw (the report of the first block that did).
    #[error("the kernel threw an exception:\n{0}")]
    Exception(String),
}

/// Parses the JSON argument list (see the module docs).
pub fn parse_args_json(text: &str) -> Result<Vec<ArgValue>, RunError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| RunError::Args(format!("the arguments are not valid JSON: {e}")))?;
    let Value::Array(items) = v else {
        return Err(RunError::Args(
            "expected a JSON array of arguments, e.g. [{\"Float32\":2.5}]".into(),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            parse_arg(item).map_err(|e| RunError::Args(format!("argument {}: {e}", i + 1)))
        })
        .collect()
}

fn parse_arg(item: &Value) -> Result<ArgValue, String> {
    let obj = item.as_object().filter(|o| o.len() == 1).ok_or_else(|| {
        format!("expected an object with one key, the type, e.g. {{\"Int64\":10}}; got {item}")
    })?;
    let (ty, value) = obj.iter().next().expect("one key");
    let ty = ty.replace(' ', "");
    if let Some(name) = ty.strip_prefix("typeof(").and_then(|s| s.strip_suffix(')')) {
        if name.is_empty() || !value.is_null() {
            return Err(format!(
                "a function argument is `{{\"typeof(f)\":null}}` with a function name; got {item}"
            ));
        }
        return Ok(ArgValue::Function {
            name: name.to_string(),
        });
    }
    if let Some(inner) = ty
        .strip_prefix("DeviceArray{")
        .and_then(|s| s.strip_suffix('}'))
    {
        let (elem, n) = inner
            .rsplit_once(',')
            .ok_or_else(|| format!("bad array type `{ty}`: expected DeviceArray{{T,N}}"))?;
        let elem =
            Scalar::parse(elem).ok_or_else(|| format!("unsupported element type `{elem}`"))?;
        let n: usize = n
            .parse()
            .ok()
            .filter(|n| (1..=8).contains(n))
            .ok_or_else(|| format!("bad array rank `{n}` in `{ty}`"))?;
        // Shape: the outer list runs over the first index.
        let mut dims = Vec::with_capacity(n);
        let mut v = value;
        for _ in 0..n {
            let list = v
                .as_array()
                .ok_or_else(|| format!("`{ty}` needs {n} levels of nested lists"))?;
            dims.push(list.len());
            match list.first() {
                Some(first) => v = first,
                None => {
                    while dims.len() < n {
                        dims.push(0);
                    }
                    break;
                }
            }
        }
        let total: usize = dims.iter().product();
        let mut data = vec![0u8; total * elem.size()];
        // Walk every index tuple, column-major offsets.
        let mut idx = vec![0usize; n];
        for _ in 0..total {
            let mut v = value;
            for (d, &i) in idx.iter().enumerate() {
                let list = v.as_array().filter(|l| l.len() == dims[d]).ok_or_else(|| {
                    format!("`{ty}`: the nested lists are not rectangular ({dims:?})")
                })?;
                v = &list[i];
            }
            let mut off = 0;
            for d in (0..n).rev() {
                off = off * dims[d] + idx[d];
            }
            let bits = elem.encode(v)?;
            let s = elem.size();
            data[off * s..(off + 1) * s].copy_from_slice(&bits.to_le_bytes()[..s]);
            // Next index, first fastest (any order visits every element once).
            for d in 0..n {
                idx[d] += 1;
                if idx[d] < dims[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
        // Leaves below the last level must be scalars, not lists.
        return Ok(ArgValue::Array { elem, dims, data });
    }
    let scalar = Scalar::parse(&ty).ok_or_else(|| {
        format!("unsupported argument type `{ty}`: use a number type, Bool or DeviceArray{{T,N}}")
    })?;
    Ok(ArgValue::Scalar {
        ty: scalar,
        bits: scalar.encode(value)?,
    })
}

/// Prints the arguments as `{"args":[…]}` (see the module docs).
pub fn args_to_json(args: &[ArgValue]) -> String {
    let items: Vec<Value> = args
        .iter()
        .map(|a| {
            let v = match a {
                ArgValue::Scalar { ty, bits } => ty.decode(*bits),
                ArgValue::Array { elem, dims, .. } => nested(a, *elem, dims, 0, 0, 1),
                ArgValue::Function { .. } => Value::Null,
            };
            let mut m = serde_json::Map::new();
            m.insert(a.type_name(), v);
            Value::Object(m)
        })
        .collect();
    let mut m = serde_json::Map::new();
    m.insert("args".into(), Value::Array(items));
    Value::Object(m).to_string()
}

/// The nested lists of dimension `d` onwards, at column-major offset `base` with
/// `stride` the product of the earlier dimensions.
fn nested(
    a: &ArgValue,
    elem: Scalar,
    dims: &[usize],
    d: usize,
    base: usize,
    stride: usize,
) -> Value {
    if d == dims.len() {
        return elem.decode(a.element(base));
    }
    Value::Array(
        (0..dims[d])
            .map(|i| nested(a, elem, dims, d + 1, base + i * stride, stride * dims[d]))
            .collect(),
    )
}

impl Compiler {
    /// Compiles kernel `func` for the native back-end with the argument types of `args`
    /// and runs it over `grid`; arrays are updated in place. Returns the compile
    /// timings.
    pub fn run_native(
        &self,
        func: &str,
        args: &mut [ArgValue],
        grid: Grid,
    ) -> Result<Timings, RunError> {
        let store = self.engine.types();
        let mut argtypes = Vec::with_capacity(args.len());
        for a in args.iter() {
            let name = a.type_name();
            argtypes.push(
                store
                    .parse(&name)
                    .map_err(|e| RunError::Args(format!("type `{name}`: {}", e.message)))?,
            );
        }
        check_grid(grid)?;
        let job = CompilerJob::kernel(
            func,
            argtypes,
            Arc::new(NativeBackend::default()),
            self.engine.world(),
        );
        let mut timings = Timings::default();
        super::compile::with_context(&super::compile::CONTEXT_FOR_RUN, |ctx| {
            let (module, entry) = guard(|| self.build(ctx, &job, &mut timings, add_launcher_hook))?;
            launch_module(&module, &entry, func, args, grid)
        })?;
        Ok(timings)
    }

    /// Runs a kernel module generated elsewhere (codegen's contract: `entry_symbol` is
    /// the kernel-ABI wrapper) on the native target over `grid`: the pipeline from
    /// linking on, then the JIT. For tests and front ends with their own code generator.
    pub fn run_emitted<'ctx>(
        &self,
        ctx: &'ctx inkwell::context::Context,
        emitted: crate::codegen::Emitted<'ctx>,
        args: &mut [ArgValue],
        grid: Grid,
    ) -> Result<Timings, RunError> {
        check_grid(grid)?;
        let func = emitted.entry_symbol.clone();
        let job = CompilerJob::kernel(
            &func,
            Vec::new(),
            Arc::new(NativeBackend::default()),
            self.engine.world(),
        );
        let mut timings = Timings::default();
        let (module, entry) = guard(|| {
            let target = job.backend.target();
            let spec = target
                .with_machine(|tm| target.spec(tm))
                .map_err(super::compile::internal("target machine"))?;
            self.finish(ctx, emitted, &job, &spec, &mut timings, add_launcher_hook)
        })?;
        launch_module(&module, &entry, &func, args, grid)?;
        Ok(timings)
    }
}

fn check_grid(grid: Grid) -> Result<(), RunError> {
    let threads = grid.threads.iter().map(|&t| t as u64).product::<u64>();
    if grid.threads.contains(&0) || grid.blocks.contains(&0) {
        return Err(RunError::Args("the grid has an empty dimension".into()));
    }
    if threads > 1024 {
        return Err(RunError::Args(format!(
            "{threads} threads per block: at most 1024, as on GPUs"
        )));
    }
    Ok(())
}

/// The `before_internalize` hook of a native run: adds the launcher, keeps it external.
fn add_launcher_hook(
    m: &inkwell::module::Module<'_>,
    entry: &str,
) -> Result<Vec<String>, CompileError> {
    let f = m
        .get_function(entry)
        .ok_or_else(|| CompileError::Internal {
            stage: "launcher",
            message: format!("the entry `{entry}` is not in the module"),
        })?;
    add_launcher(m, f).map_err(super::compile::internal("launcher"))?;
    Ok(vec![LAUNCH.to_string()])
}

/// JIT-compiles an optimized module with its launcher and runs it over `grid`.
fn launch_module(
    module: &inkwell::module::Module<'_>,
    entry: &str,
    func: &str,
    args: &mut [ArgValue],
    grid: Grid,
) -> Result<(), RunError> {
    // The ABI slots: scalars by value, arrays as a pointer then their lengths,
    // functions (singletons) nothing.
    let mut slots: Vec<u64> = Vec::new();
    for a in args.iter_mut() {
        match a {
            ArgValue::Function { .. } => {}
            ArgValue::Scalar { bits, .. } => slots.push(*bits),
            ArgValue::Array { dims, data, .. } => {
                slots.push(data.as_mut_ptr() as u64);
                slots.extend(dims.iter().map(|&d| d as u64));
            }
        }
    }
    let f = module
        .get_function(entry)
        .ok_or_else(|| CompileError::Internal {
            stage: "launcher",
            message: format!("the entry `{entry}` is not in the module"),
        })?;
    if f.count_params() as usize != slots.len() {
        return Err(RunError::Args(format!(
            "kernel `{func}` takes {} ABI parameters; the arguments give {}",
            f.count_params(),
            slots.len()
        )));
    }
    // Barriers and warp operations need every thread of a block on its own host thread.
    let threaded = [
        "strata_native_sync_threads",
        "strata_native_warp_shfl",
        "strata_native_warp_ballot",
        "strata_native_warp_sync",
    ]
    .iter()
    .any(|name| {
        module.get_function(name).is_some_and(|f| {
            f.as_global_value()
                .as_pointer_value()
                .get_first_use()
                .is_some()
        })
    });
    crate::codegen::fatal::set_stage(func, "JIT compilation");
    let ee = module
        .create_jit_execution_engine(OptimizationLevel::Default)
        .map_err(|e| CompileError::Internal {
            stage: "JIT",
            message: e.to_string(),
        })?;
    for (name, addr) in host::symbols() {
        if let Some(decl) = module.get_function(name) {
            ee.add_global_mapping(&decl, addr);
        }
    }
    let addr = ee
        .get_function_address(LAUNCH)
        .map_err(|e| CompileError::Internal {
            stage: "JIT",
            message: format!("{e:?}"),
        })?;
    // SAFETY: `addr` is the launcher built for this kernel, whose ABI the slots match
    // (checked above); array pointers point into `args`' buffers, which outlive the
    // launch; the kernel's own bounds checks guard its accesses (`@inbounds` code is
    // trusted, as on a GPU).
    let launch: LaunchFn = unsafe { std::mem::transmute::<usize, LaunchFn>(addr) };
    unsafe { host::launch(launch, &slots, grid, threaded) }.map_err(RunError::Exception)
}
