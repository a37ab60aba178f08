//! The kernel cache in the CLI: the `--cache DIR | --no-cache`, `--cache-remote URL`
//! and `--cache-read-only` options of `strata compile`, and `strata cache stats | ls |
//! clear | why-miss | export | import`.
//!
//! The library does the work (`strata::store`); this file opens the cache from options
//! and the environment, and prints.

use super::compile::{backend, is_kernel, render_error, PipelineArg};
use super::{load, parse_call_sig, split_last, unknown_function, Table};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use strata::driver::{Compiler, CompilerJob, EmitKind};
use strata::store::{Cache, CacheConfig};

/// Where the kernel cache is, for `compile`.
#[derive(clap::Args, Debug, Clone)]
pub struct CacheArgs {
    /// The local kernel cache directory (default: $STRATA_CACHE_DIR, else
    /// $XDG_CACHE_HOME/strata, else ~/.cache/strata).
    #[arg(long = "cache", value_name = "DIR", conflicts_with = "no_cache")]
    pub dir: Option<PathBuf>,
    /// Compile everything; read and write no cache.
    #[arg(long)]
    pub no_cache: bool,
    /// A shared cache on Redis (redis://[user:password@]host:port, rediss:// for TLS),
    /// read-through and written behind; needs STRATA_CACHE_SECRET or
    /// STRATA_CACHE_SECRET_FILE.
    #[arg(long, value_name = "URL", conflicts_with = "no_cache")]
    pub cache_remote: Option<String>,
    /// Never write the shared cache (worker fleets); without --cache-remote, never write
    /// the local cache.
    #[arg(long, conflicts_with = "no_cache")]
    pub cache_read_only: bool,
}

impl CacheArgs {
    /// The cache these options name (`None` with --no-cache, or without a home
    /// directory to put it in).
    pub fn open(&self) -> anyhow::Result<Option<Arc<Cache>>> {
        if self.no_cache {
            return Ok(None);
        }
        let mut config = CacheConfig::from_env()?;
        if let Some(d) = &self.dir {
            config.dir = Some(d.clone());
        }
        config.remote = self.cache_remote.clone();
        config.read_only = self.cache_read_only;
        if config.dir.is_none() && config.remote.is_none() {
            return Ok(None);
        }
        Ok(Some(Cache::open(config)?))
    }
}

/// Prints and forgets the cache's warnings (stderr).
pub fn report_warnings(cache: &Cache) {
    for w in cache.take_warnings() {
        eprintln!("{w}");
    }
}

/// `strata cache …`.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Where the local cache is, how many entries and bytes it holds.
    ///
    /// Example: strata cache stats --cache /tmp/strata-cache
    Stats {
        #[command(flatten)]
        at: DirArg,
    },
    /// One line per entry, most recently used first: key, size, target, emit kind and
    /// the entry it compiles.
    ///
    /// Example: strata cache ls | head
    Ls {
        #[command(flatten)]
        at: DirArg,
    },
    /// Remove every entry of the local cache.
    ///
    /// Example: strata cache clear --cache /tmp/strata-cache
    Clear {
        #[command(flatten)]
        at: DirArg,
    },
    /// Say why a kernel misses: the part of its key that changed since the closest
    /// stored entry (toolchain, token, config, entry, or which lookup of inference
    /// answers differently now).
    ///
    /// Example: strata cache why-miss examples/saxpy.jl 'saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})'
    #[command(
        override_usage = "strata cache why-miss [FILE]... <CALL> [--target ptx|amdgpu|native|host] [--arch A] [--emit llvm|asm|obj]"
    )]
    WhyMiss {
        /// Source files loaded after the prelude, in order, then the kernel's call
        /// with concrete argument types.
        #[arg(required = true, num_args = 1.., value_name = "FILE... CALL")]
        args: Vec<String>,
        #[arg(long, default_value = "ptx", value_name = "TARGET")]
        target: String,
        #[arg(long, value_name = "ARCH")]
        arch: Option<String>,
        /// As for `compile` (whose default is asm).
        #[arg(long, value_enum, default_value = "asm")]
        emit: super::compile::Emit,
        #[arg(long, value_enum, default_value = "strata")]
        pipeline: PipelineArg,
        #[command(flatten)]
        at: DirArg,
    },
    /// Write every local entry to FILE (signed with the fleet secret when one is set),
    /// to ship a pre-warmed cache.
    ///
    /// Example: STRATA_CACHE_SECRET=s3cret strata cache export warm.cache
    Export {
        file: PathBuf,
        #[command(flatten)]
        at: DirArg,
    },
    /// Add the entries of an export FILE to the local cache (with a fleet secret set,
    /// only entries signed with it).
    ///
    /// Example: STRATA_CACHE_SECRET=s3cret strata cache import warm.cache
    Import {
        file: PathBuf,
        #[command(flatten)]
        at: DirArg,
    },
}

/// `--cache DIR` for `strata cache …`.
#[derive(clap::Args, Debug)]
pub struct DirArg {
    /// The local kernel cache directory (default: $STRATA_CACHE_DIR, else
    /// $XDG_CACHE_HOME/strata, else ~/.cache/strata).
    #[arg(long = "cache", value_name = "DIR")]
    dir: Option<PathBuf>,
}

impl DirArg {
    fn open(&self) -> anyhow::Result<Arc<Cache>> {
        let mut config = CacheConfig::from_env()?;
        if let Some(d) = &self.dir {
            config.dir = Some(d.clone());
        }
        if config.dir.is_none() {
            anyhow::bail!("no cache directory: set STRATA_CACHE_DIR or HOME, or give --cache DIR");
        }
        Ok(Cache::open(config)?)
    }
}

/// Runs `strata cache ACTION`.
pub fn run(action: Action, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match action {
        Action::Stats { at } => {
            let cache = at.open()?;
            let (n, bytes) = cache.usage()?;
            writeln!(
                out,
                "directory: {}\nentries: {n}\nsize: {bytes} bytes",
                cache.dir().map_or("-".into(), |d| d.display().to_string())
            )?;
            writeln!(
                out,
                "key schema: {}\nsize limit: {} bytes (STRATA_CACHE_MAX_BYTES)",
                strata::store::key::SCHEMA_VERSION,
                CacheConfig::from_env()?.max_bytes
            )?;
        }
        Action::Ls { at } => {
            let cache = at.open()?;
            let (entries, corrupt) = cache.list()?;
            let mut table = Table::new(&["key", "bytes", "target", "emit", "entry"]);
            for l in &entries {
                table.row(vec![
                    l.entry.key[..16].to_string(),
                    l.entry.bytes.len().to_string(),
                    l.entry.target.clone(),
                    l.entry.emit.clone(),
                    l.entry.parts.entry.text.clone(),
                ]);
            }
            table.write(out)?;
            for c in corrupt {
                eprintln!("warning: corrupt entry {c}");
            }
        }
        Action::Clear { at } => {
            let cache = at.open()?;
            let n = cache.clear()?;
            writeln!(out, "removed {n} entries")?;
        }
        Action::Export { file, at } => {
            let n = at.open()?.export(&file)?;
            writeln!(out, "exported {n} entries to {}", file.display())?;
        }
        Action::Import { file, at } => {
            let (n, bad) = at.open()?.import(&file)?;
            writeln!(out, "imported {n} entries from {}", file.display())?;
            if bad > 0 {
                eprintln!("warning: rejected {bad} entries (bad checksum or signature)");
                return Ok(ExitCode::FAILURE);
            }
        }
        Action::WhyMiss {
            args,
            target,
            arch,
            emit,
            pipeline,
            at,
        } => {
            let cache = at.open()?;
            let (files, call) = split_last(args);
            let backend = backend(&target, arch.as_deref())?;
            let Some(session) = load(&files)? else {
                return Ok(ExitCode::FAILURE);
            };
            let engine = session.engine();
            let (spec, sig) = parse_call_sig(engine, &call)?;
            let store = engine.types();
            if !store.is_dispatch_tuple(sig) {
                anyhow::bail!("`{call}`: give concrete argument types");
            }
            if engine.methods_of(spec.name).is_empty() {
                return Err(unknown_function(engine, spec.name));
            }
            let mut job = CompilerJob::kernel(
                spec.name,
                store.params(sig).to_vec(),
                backend,
                engine.world(),
            );
            job.kernel = !job.is_host() && is_kernel(engine, &job);
            job.emit = EmitKind::from(emit);
            job.pipeline = pipeline.into();
            let compiler = Compiler::new(&session);
            match cache.why_miss(&compiler, &job) {
                Ok(w) => write!(out, "{w}")?,
                Err(e) => {
                    eprintln!("error: {}", render_error(engine, &e));
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
