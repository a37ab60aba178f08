//! The persistent kernel cache: compiled artifacts kept across processes and shared
//! across machines, keyed by what inference used.
//!
//! ```text
//! CompilerJob ─infer (code cache)→ fingerprint (edges + method contents + types)
//!   ─key (toolchain, token, config, entry, fingerprint)→ memory? → local store? → Redis?
//!   hit: the stored bytes (LLVM never runs)      miss: the pipeline, then store the artifact
//! ```
//!
//! Tiers: the in-memory code cache (inference results, `infer::cache`) → the local
//! store (`local.rs`, on by default, one file per entry) → the shared Redis tier
//! (`remote.rs`, optional, HMAC-authenticated, read-through and write-behind).
//!
//! A hit does the front end and inference (normally served by the code cache), which
//! gives the edges; the fingerprint of their answers *is* the validation of the stored
//! entry against the current tables: a changed, added or deleted method that any lookup
//! of the kernel would see changes an answer, so the key, so the entry is not found.
//! Served bytes are the bytes a fresh compile produced for the same key, and a compile's
//! bytes depend only on the key's inputs (the driver's invariant), so they equal what a
//! fresh compile would produce now.
//!
//! - `key.rs`: the key schema ([`key::SCHEMA_VERSION`]) and its five parts;
//! - `fingerprint.rs`: the semantic fingerprint over inference's edges;
//! - `entry.rs`: the stored format (checksummed);
//! - `local.rs`: the local store (crash-safe, multi-process, LRU, mode 0700);
//! - `remote.rs`: the Redis tier.
//!
//! Errors in the cache are never compile errors: a corrupt entry is dropped and
//! recompiled, an unreachable Redis turns the tier off; both leave a warning in
//! [`Cache::take_warnings`].

pub mod entry;
pub mod fingerprint;
pub mod key;
pub mod local;
pub mod remote;

use crate::driver::{Artifact, CompileError, Compiler, CompilerJob, Timings};
use entry::Entry;
use fingerprint::{EdgeRecord, Fingerprint};
use key::KeyParts;
use local::{LocalStore, Read};
use parking_lot::Mutex;
use remote::{Remote, RemoteRead};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// The default size limit of the local store: 2 GiB.
pub const DEFAULT_MAX_BYTES: u64 = 2 << 30;

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// How to open a [`Cache`].
#[derive(Clone, Debug, Default)]
pub struct CacheConfig {
    /// The local store's directory (`None`: no local store).
    pub dir: Option<PathBuf>,
    /// The local store's size limit in bytes.
    pub max_bytes: u64,
    /// The shared tier's URL (`redis://host:port`, `rediss://…`).
    pub remote: Option<String>,
    /// Never write the shared tier (worker fleets); without a shared tier, never write
    /// the local store either.
    pub read_only: bool,
    /// The fleet secret that signs and verifies shared entries (and export files).
    pub secret: Option<Vec<u8>>,
}

impl CacheConfig {
    /// The local store's default directory: `$STRATA_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/strata`, else `~/.cache/strata` (`None` without a home).
    pub fn default_dir() -> Option<PathBuf> {
        let var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        var("STRATA_CACHE_DIR")
            .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("strata")))
            .or_else(|| var("HOME").map(|h| h.join(".cache").join("strata")))
    }

    /// The fleet secret from `$STRATA_CACHE_SECRET`, else the contents of the file named
    /// by `$STRATA_CACHE_SECRET_FILE` (trailing newline removed).
    pub fn secret_from_env() -> Result<Option<Vec<u8>>, StoreError> {
        if let Some(s) = std::env::var_os("STRATA_CACHE_SECRET").filter(|s| !s.is_empty()) {
            return Ok(Some(s.into_encoded_bytes()));
        }
        if let Some(p) = std::env::var_os("STRATA_CACHE_SECRET_FILE").filter(|s| !s.is_empty()) {
            let mut bytes = std::fs::read(&p).map_err(|e| {
                StoreError::Secret(format!(
                    "reading STRATA_CACHE_SECRET_FILE `{}`: {e}",
                    Path::new(&p).display()
                ))
            })?;
            while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                bytes.pop();
            }
            if bytes.is_empty() {
                return Err(StoreError::Secret(format!(
                    "STRATA_CACHE_SECRET_FILE `{}` is empty",
                    Path::new(&p).display()
                )));
            }
            return Ok(Some(bytes));
        }
        Ok(None)
    }

    /// The default configuration: the default directory, the default size limit
    /// (`$STRATA_CACHE_MAX_BYTES` overrides it), the secret from the environment.
    pub fn from_env() -> Result<CacheConfig, StoreError> {
        let max_bytes = match std::env::var("STRATA_CACHE_MAX_BYTES") {
            Ok(v) => v.trim().parse().map_err(|_| {
                StoreError::Config(format!(
                    "STRATA_CACHE_MAX_BYTES must be a number of bytes, got `{v}`"
                ))
            })?,
            Err(_) => DEFAULT_MAX_BYTES,
        };
        Ok(CacheConfig {
            dir: Self::default_dir(),
            max_bytes,
            remote: None,
            read_only: false,
            secret: Self::secret_from_env()?,
        })
    }

    /// A local store in `dir` with the default limit, nothing else.
    pub fn local(dir: impl Into<PathBuf>) -> CacheConfig {
        CacheConfig {
            dir: Some(dir.into()),
            max_bytes: DEFAULT_MAX_BYTES,
            ..Default::default()
        }
    }
}

/// Why a cache could not be opened or an operation on it failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("kernel cache: {0}")]
    /// A bad configuration (directory, size, URL); the message says which.
    Config(String),
    #[error("kernel cache: the fleet secret: {0}")]
    /// The fleet secret is missing or unusable.
    Secret(String),
    #[error("kernel cache: {what} `{path}`: {error}")]
    /// A file or directory operation failed.
    Io {
        /// What was being done.
        what: &'static str,
        /// The path.
        path: String,
        /// The operating system's error.
        error: String,
    },
    #[error("kernel cache: `{path}` is not a strata cache export ({why})")]
    /// A file is not a cache export.
    Export {
        /// The file.
        path: String,
        /// What is wrong with it.
        why: String,
    },
    #[error("kernel cache: no local store (run without --no-cache, or give --cache DIR)")]
    /// An operation needs the local store and there is none.
    NoLocal,
}

/// Counters of one [`Cache`] handle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Artifacts served from the local store or the shared tier.
    pub hits: u64,
    /// Of those, served from the shared tier.
    pub remote_hits: u64,
    /// Jobs that were compiled (their keys were not found).
    pub misses: u64,
    /// Artifacts written to the local store.
    pub stored: u64,
    /// Entries dropped because their checksum or format was wrong.
    pub corrupt: u64,
    /// Shared entries rejected (unsigned, or a signature that did not verify).
    pub rejected: u64,
    /// Time spent computing keys (inference included when not cached), in µs.
    pub key_us: u64,
    /// Time spent reading the tiers, in µs.
    pub lookup_us: u64,
    /// Time spent writing the local store, in µs.
    pub store_us: u64,
}

/// A handle on the kernel cache: the local store and the shared tier. Cheap to share
/// between threads; one handle per process is the normal use.
///
/// ```no_run
/// use strata::store::{Cache, CacheConfig};
/// let cache = Cache::open(CacheConfig::local("/tmp/strata-cache")).unwrap();
/// let session = strata::session::Session::with_prelude().unwrap();
/// let compiler = strata::driver::Compiler::new(&session).with_store(Some(cache.clone()));
/// // compiler.compile(&job) now serves and fills the cache.
/// ```
pub struct Cache {
    local: Option<LocalStore>,
    remote: Option<Remote>,
    read_only: bool,
    secret: Option<Vec<u8>>,
    warnings: Arc<Mutex<Vec<String>>>,
    hits: AtomicU64,
    remote_hits: AtomicU64,
    misses: AtomicU64,
    stored: AtomicU64,
    corrupt: AtomicU64,
    rejected: AtomicU64,
    key_us: AtomicU64,
    lookup_us: AtomicU64,
    store_us: AtomicU64,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field(
                "local",
                &self.local.as_ref().map(|l| l.root().to_path_buf()),
            )
            .field("remote", &self.remote.as_ref().map(|r| r.shown.clone()))
            .finish()
    }
}

fn us(d: Duration) -> u64 {
    d.as_micros() as u64
}

impl Cache {
    /// Opens the tiers `config` names. A shared tier needs a fleet secret.
    pub fn open(config: CacheConfig) -> Result<Arc<Cache>, StoreError> {
        let warnings: Arc<Mutex<Vec<String>>> = Default::default();
        let local = match &config.dir {
            Some(dir) => Some(LocalStore::open(dir, config.max_bytes.max(1)).map_err(|e| {
                StoreError::Io {
                    what: "creating the local store",
                    path: dir.display().to_string(),
                    error: e.to_string(),
                }
            })?),
            None => None,
        };
        let remote = match &config.remote {
            Some(url) => {
                let Some(secret) = config.secret.clone() else {
                    return Err(StoreError::Secret(format!(
                        "the shared cache at {} needs a fleet secret to sign and verify entries: \
                         set STRATA_CACHE_SECRET, or STRATA_CACHE_SECRET_FILE to a file holding it",
                        remote::redact(url)
                    )));
                };
                Some(
                    Remote::new(url, secret, config.read_only, warnings.clone())
                        .map_err(StoreError::Config)?,
                )
            }
            None => None,
        };
        Ok(Arc::new(Cache {
            read_only: config.read_only && config.remote.is_none(),
            local,
            remote,
            secret: config.secret,
            warnings,
            hits: AtomicU64::new(0),
            remote_hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            stored: AtomicU64::new(0),
            corrupt: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            key_us: AtomicU64::new(0),
            lookup_us: AtomicU64::new(0),
            store_us: AtomicU64::new(0),
        }))
    }

    /// The local store's directory, if there is one.
    pub fn dir(&self) -> Option<&Path> {
        self.local
            .as_ref()
            .map(|l| l.root().parent().unwrap_or(l.root()))
    }

    /// The counters so far.
    pub fn stats(&self) -> CacheStats {
        let l = |a: &AtomicU64| a.load(Ordering::Relaxed);
        CacheStats {
            hits: l(&self.hits),
            remote_hits: l(&self.remote_hits),
            misses: l(&self.misses),
            stored: l(&self.stored),
            corrupt: l(&self.corrupt),
            rejected: l(&self.rejected),
            key_us: l(&self.key_us),
            lookup_us: l(&self.lookup_us),
            store_us: l(&self.store_us),
        }
    }

    /// The warnings so far (corrupt entries, rejected shared entries, an outage), each
    /// once.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock())
    }

    fn warn(&self, w: String) {
        self.warnings.lock().push(w);
    }

    /// Waits for the shared tier's queued writes.
    pub fn flush(&self) {
        if let Some(r) = &self.remote {
            r.flush();
        }
    }

    /// Whether the shared tier was configured and is now off after an error.
    pub fn remote_down(&self) -> bool {
        self.remote.as_ref().is_some_and(|r| r.is_down())
    }

    /// The symbol and bytes stored under `key`, and whether they came from the shared
    /// tier. A corrupt local entry is removed; a rejected shared entry is reported.
    pub fn get(&self, key: &str) -> Option<(String, Vec<u8>, bool)> {
        if let Some(local) = &self.local {
            match local.read(key, |raw| Entry::decode_artifact(raw, key)) {
                Read::Hit((symbol, bytes)) => return Some((symbol, bytes, false)),
                Read::Miss => {}
                Read::Corrupt(c) => {
                    self.corrupt.fetch_add(1, Ordering::Relaxed);
                    self.warn(format!(
                        "warning: dropped a corrupt kernel cache entry {key} ({c}); recompiling it"
                    ));
                }
            }
        }
        let remote = self.remote.as_ref()?;
        match remote.get(key) {
            RemoteRead::Hit(raw) => match Entry::decode_artifact(&raw, key) {
                Ok((symbol, bytes)) => {
                    if let Some(local) = &self.local {
                        if local.write(key, &raw).is_ok() {
                            self.stored.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Some((symbol, bytes, true))
                }
                Err(c) => {
                    self.rejected.fetch_add(1, Ordering::Relaxed);
                    self.warn(format!(
                        "warning: rejected shared kernel cache entry {key} from {}: signed but \
                         not a valid entry ({c})",
                        remote.shown
                    ));
                    None
                }
            },
            RemoteRead::Rejected(why) => {
                self.rejected.fetch_add(1, Ordering::Relaxed);
                self.warn(format!(
                    "warning: rejected shared kernel cache entry {key} from {}: {why}; it was \
                     not served (was it written without the fleet secret?)",
                    remote.shown
                ));
                None
            }
            RemoteRead::Miss | RemoteRead::Down => None,
        }
    }

    /// Stores an entry in the local store and queues it for the shared tier.
    pub fn put(&self, entry: &Entry) {
        if self.read_only {
            return;
        }
        let raw = entry.encode();
        if let Some(local) = &self.local {
            match local.write(&entry.key, &raw) {
                Ok(()) => {
                    self.stored.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => self.warn(format!(
                    "warning: could not write the kernel cache entry {} under {}: {e}",
                    entry.key,
                    local.root().display()
                )),
            }
        }
        if let Some(remote) = &self.remote {
            remote.put(&entry.key, &raw);
        }
    }

    /// Compiles `job` through the cache: computes its key, serves a stored artifact, or
    /// runs `fresh` and stores what it produced. Errors are never stored.
    pub(crate) fn compile_through(
        &self,
        compiler: &Compiler,
        job: &CompilerJob,
        fresh: impl FnOnce() -> Result<Artifact, CompileError>,
    ) -> Result<Artifact, CompileError> {
        let start = Instant::now();
        // A job that cannot be keyed fails in the pipeline, which says why.
        let Ok((parts, fp)) = key_for(compiler, job) else {
            return fresh();
        };
        let key = parts.key();
        let keyed = start.elapsed();
        self.key_us.fetch_add(us(keyed), Ordering::Relaxed);
        let looked = Instant::now();
        let found = self.get(&key);
        self.lookup_us
            .fetch_add(us(looked.elapsed()), Ordering::Relaxed);
        if let Some((symbol, bytes, remote)) = found {
            self.hits.fetch_add(1, Ordering::Relaxed);
            if remote {
                self.remote_hits.fetch_add(1, Ordering::Relaxed);
            }
            return Ok(Artifact {
                func: job.func.clone(),
                symbol,
                target: job.backend.target().clone(),
                emit: job.emit,
                bytes,
                timings: Timings {
                    infer: start.elapsed(),
                    ..Timings::default()
                },
            });
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let mut art = fresh()?;
        art.timings.infer += keyed;
        let stored = Instant::now();
        self.put(&Entry {
            key,
            parts,
            edges: fp.edges,
            func: art.func.clone(),
            symbol: art.symbol.clone(),
            emit: emit_name(art.emit).into(),
            target: art.target.name().into(),
            created: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            bytes: art.bytes.clone(),
        });
        self.store_us
            .fetch_add(us(stored.elapsed()), Ordering::Relaxed);
        Ok(art)
    }

    /// Every decoded entry of the local store, most recently used first, and the keys
    /// of corrupt files (left in place: `ls` only reads).
    pub fn list(&self) -> Result<(Vec<Listed>, Vec<String>), StoreError> {
        let local = self.local.as_ref().ok_or(StoreError::NoLocal)?;
        let (good, bad) = local.entries();
        let mut out: Vec<Listed> = good
            .into_iter()
            .map(|(f, e)| Listed {
                size: f.size,
                used: f.used,
                entry: e,
            })
            .collect();
        out.sort_by(|a, b| b.used.cmp(&a.used).then(a.entry.key.cmp(&b.entry.key)));
        Ok((
            out,
            bad.into_iter().map(|(k, c)| format!("{k}: {c}")).collect(),
        ))
    }

    /// Removes every entry of the local store; returns how many.
    pub fn clear(&self) -> Result<usize, StoreError> {
        Ok(self.local.as_ref().ok_or(StoreError::NoLocal)?.clear())
    }

    /// The local store's entry count and size in bytes.
    pub fn usage(&self) -> Result<(usize, u64), StoreError> {
        let files = self.local.as_ref().ok_or(StoreError::NoLocal)?.files();
        Ok((files.len(), files.iter().map(|f| f.size).sum()))
    }

    /// Writes every local entry to `path` (signed when a fleet secret is set); returns
    /// how many.
    pub fn export(&self, path: &Path) -> Result<usize, StoreError> {
        let local = self.local.as_ref().ok_or(StoreError::NoLocal)?;
        let mut files = local.files();
        files.sort_by(|a, b| a.key.cmp(&b.key));
        let mut out = Vec::new();
        out.extend_from_slice(EXPORT_MAGIC);
        out.push(self.secret.is_some() as u8);
        let mut n = 0u32;
        let mut body = Vec::new();
        for f in files {
            let Some(raw) = local.read_raw(&f.key) else {
                continue;
            };
            if Entry::decode_artifact(&raw, &f.key).is_err() {
                continue;
            }
            let value = match &self.secret {
                Some(s) => Remote::sign(s, &f.key, &raw),
                None => raw,
            };
            body.extend_from_slice(&(f.key.len() as u32).to_le_bytes());
            body.extend_from_slice(f.key.as_bytes());
            body.extend_from_slice(&(value.len() as u64).to_le_bytes());
            body.extend_from_slice(&value);
            n += 1;
        }
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&body);
        let tmp = path.with_extension("partial");
        std::fs::write(&tmp, &out)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| StoreError::Io {
                what: "writing the export",
                path: path.display().to_string(),
                error: e.to_string(),
            })?;
        Ok(n as usize)
    }

    /// Reads an export into the local store. With a fleet secret set, every entry must
    /// be signed with it; entries that fail a check are skipped and counted. Returns
    /// (imported, rejected).
    pub fn import(&self, path: &Path) -> Result<(usize, usize), StoreError> {
        let local = self.local.as_ref().ok_or(StoreError::NoLocal)?;
        let raw = std::fs::read(path).map_err(|e| StoreError::Io {
            what: "reading the export",
            path: path.display().to_string(),
            error: e.to_string(),
        })?;
        let bad = |why: &str| StoreError::Export {
            path: path.display().to_string(),
            why: why.into(),
        };
        if raw.len() < EXPORT_MAGIC.len() + 5 || &raw[..EXPORT_MAGIC.len()] != EXPORT_MAGIC {
            return Err(bad("bad header"));
        }
        let signed = raw[EXPORT_MAGIC.len()] == 1;
        if self.secret.is_some() && !signed {
            return Err(bad(
                "its entries are unsigned and a fleet secret is set: export it with the secret",
            ));
        }
        let mut at = EXPORT_MAGIC.len() + 1;
        let mut take = |n: usize| -> Result<&[u8], StoreError> {
            let s = raw.get(at..at + n).ok_or_else(|| bad("truncated"))?;
            at += n;
            Ok(s)
        };
        let count = u32::from_le_bytes(take(4)?.try_into().unwrap());
        let (mut imported, mut rejected) = (0, 0);
        for _ in 0..count {
            let klen = u32::from_le_bytes(take(4)?.try_into().unwrap()) as usize;
            let key = String::from_utf8_lossy(take(klen)?).into_owned();
            let vlen = u64::from_le_bytes(take(8)?.try_into().unwrap()) as usize;
            let value = take(vlen)?;
            let entry = match (&self.secret, signed) {
                (Some(s), _) => Remote::verify(s, &key, value).ok(),
                (None, true) => value.get(36..).map(|e| e.to_vec()),
                (None, false) => Some(value.to_vec()),
            };
            let ok = entry.filter(|e| Entry::decode(e, Some(&key)).is_ok());
            match ok {
                Some(e) if key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    if local.write(&key, &e).is_ok() {
                        imported += 1;
                    }
                }
                _ => rejected += 1,
            }
        }
        Ok((imported, rejected))
    }

    /// Why `job` misses: the parts of its key that differ from the closest stored entry
    /// of the same entry function (or that it hits).
    pub fn why_miss(
        &self,
        compiler: &Compiler,
        job: &CompilerJob,
    ) -> Result<WhyMiss, CompileError> {
        let (parts, fp) = key_for(compiler, job)?;
        let key = parts.key();
        let (entries, _) = self.list().map_err(|e| CompileError::Job(e.to_string()))?;
        if entries.iter().any(|l| l.entry.key == key) {
            return Ok(WhyMiss {
                key,
                closest: None,
                changes: Vec::new(),
                hit: true,
            });
        }
        // Closest: the most parts in common among entries of the same function (or
        // the same entry signature), most recently used first on ties.
        let same = |l: &&Listed| l.entry.func == job.func || l.entry.parts.entry == parts.entry;
        let score = |e: &Entry| -> usize {
            e.parts
                .parts()
                .iter()
                .zip(parts.parts().iter())
                .filter(|((_, a), (_, b))| a.digest == b.digest)
                .count()
        };
        let mut best: Option<&Listed> = None;
        for l in entries.iter().filter(same) {
            if best.is_none_or(|b| score(&l.entry) > score(&b.entry)) {
                best = Some(l);
            }
        }
        let Some(best) = best else {
            return Ok(WhyMiss {
                key,
                closest: None,
                changes: vec![format!(
                    "no stored entry for `{}`: it was never compiled with this cache (or was \
                     evicted)",
                    job.func
                )],
                hit: false,
            });
        };
        let mut changes = Vec::new();
        for ((name, old), (_, new)) in best.entry.parts.parts().iter().zip(parts.parts().iter()) {
            if old.digest == new.digest {
                continue;
            }
            if *name == "fingerprint" {
                changes.extend(edge_changes(&best.entry.edges, &fp));
                if changes.is_empty() {
                    changes
                        .push("fingerprint: the type declarations the kernel uses changed".into());
                }
            } else {
                changes.push(format!("{name}: was `{}`, now `{}`", old.text, new.text));
            }
        }
        Ok(WhyMiss {
            key,
            closest: Some(best.entry.key.clone()),
            changes,
            hit: false,
        })
    }
}

const EXPORT_MAGIC: &[u8; 8] = b"STRATAEX";

fn emit_name(e: crate::driver::EmitKind) -> &'static str {
    match e {
        crate::driver::EmitKind::Llvm => "llvm",
        crate::driver::EmitKind::Asm => "asm",
        crate::driver::EmitKind::Obj => "obj",
    }
}

/// The fingerprint's lookups that answer differently now, or that appear or vanish.
fn edge_changes(old: &[EdgeRecord], new: &Fingerprint) -> Vec<String> {
    let mut out = Vec::new();
    for o in old {
        match new.edges.iter().find(|n| n.lookup == o.lookup) {
            Some(n) if n.answer != o.answer => out.push(format!(
                "fingerprint: `{}` resolved to [{}], now to [{}] (a method's code or signature changed)",
                o.lookup,
                o.methods.join("; "),
                n.methods.join("; ")
            )),
            Some(_) => {}
            None => out.push(format!("fingerprint: inference no longer looks up `{}`", o.lookup)),
        }
    }
    for n in &new.edges {
        if !old.iter().any(|o| o.lookup == n.lookup) {
            out.push(format!(
                "fingerprint: inference now also looks up `{}`",
                n.lookup
            ));
        }
    }
    out
}

/// An entry of the local store, as listed.
#[derive(Clone, Debug)]
pub struct Listed {
    /// The entry's file size in bytes.
    pub size: u64,
    /// Last use (a hit or the write).
    pub used: SystemTime,
    /// The decoded entry.
    pub entry: Entry,
}

/// What `why-miss` found.
#[derive(Clone, Debug)]
pub struct WhyMiss {
    /// The job's key now.
    pub key: String,
    /// The job's key is stored.
    pub hit: bool,
    /// The closest stored entry's key.
    pub closest: Option<String>,
    /// What changed, one line each.
    pub changes: Vec<String>,
}

impl std::fmt::Display for WhyMiss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.hit {
            return writeln!(f, "hit: {} is stored", self.key);
        }
        match &self.closest {
            Some(c) => writeln!(f, "miss: key {}\nclosest stored entry: {c}", self.key)?,
            None => writeln!(f, "miss: key {}", self.key)?,
        }
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        Ok(())
    }
}

/// The key parts and fingerprint of `job` (inference runs, or is served by the code
/// cache). An error is what the pipeline would report first.
pub fn key_for(
    compiler: &Compiler,
    job: &CompilerJob,
) -> Result<(KeyParts, Fingerprint), CompileError> {
    let engine = compiler.engine();
    let ijob = job.infer_job();
    for t in ijob.tables.iter() {
        if engine.table_id(t).is_none() {
            return Err(CompileError::Job(format!(
                "method table `{t}` does not exist"
            )));
        }
    }
    let mi = crate::infer::interp::entry(engine, &ijob, &job.func, &job.argtypes)?;
    let fp = fingerprint::fingerprint(
        engine,
        compiler.cache(),
        &ijob,
        &job.func,
        &job.argtypes,
        &mi,
        compiler.files(),
        compiler.memo(),
    );
    let store = engine.types();
    let entry = crate::engine::show_call(store, &job.func, store.tuple(&job.argtypes));
    Ok((key::key_parts(job, entry, &fp), fp))
}
