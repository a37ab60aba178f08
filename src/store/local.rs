//! The local persistent store: one file per entry under a private directory.
//!
//! Layout: `DIR/v1/entries/<first two key digits>/<key>` holds an encoded entry
//! (`entry.rs`); `DIR/v1/tmp/` holds files being written. Why files and not an embedded
//! database (the README's "Kernel cache" section says it for users):
//!
//! - **crash safety**: an entry is written to a temporary file in the same file
//!   system, then `rename`d over its final name, so no reader ever sees a partial
//!   write. It is not `fsync`ed (that cost more than compiling a small kernel): after a
//!   power loss a renamed file may be empty or torn, and every read checks the entry's
//!   checksum, so such a file (or a bit-rotted one) is dropped with a warning and
//!   recompiled, never served. A crash may also leave a temporary file, removed by
//!   `clear` and by eviction once it is an hour old;
//! - **several processes at once**: `rename` is atomic, and two writers of one key
//!   write the same bytes (the key covers every input), so the last rename wins with
//!   no lock and no reader ever sees a partial file. Embedded databases with one writer
//!   (redb, LMDB, SQLite in WAL mode) serialize writers across processes through a file
//!   lock, and redb's single-process lock makes a second process fail to open the
//!   store at all;
//! - **LRU eviction** without a shared index: a hit sets the file's modification time
//!   (when it is more than a minute old);
//!   when a process has written enough to pass the size limit, it lists the files and
//!   removes the least recently used until the store is under 90 % of the limit.
//!   Processes racing to evict may remove a file another just touched: that entry is
//!   recompiled later, never served wrong;
//! - **private**: directories are created with mode 0700 (files 0600), so only the
//!   user can read or write the store.

use super::entry::{Corrupt, Entry};
use std::fs;
use std::io::{Read as _, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The store's directory layout version (changes with the entry format).
const LAYOUT: &str = "v1";

/// A hit updates an entry's time of last use only when it is at least this old.
pub const TOUCH_AFTER: Duration = Duration::from_secs(60);

/// What a read found.
pub enum Read<T> {
    /// The entry.
    Hit(T),
    /// No entry under the key.
    Miss,
    /// The file was there but not a good entry; it has been removed.
    Corrupt(Corrupt),
}

/// A local store rooted at a directory.
pub struct LocalStore {
    root: PathBuf,
    max_bytes: u64,
    /// Bytes this process wrote since the last size check.
    written: AtomicU64,
    /// The store's size at the last check (`u64::MAX`: not checked yet).
    size: AtomicU64,
}

/// One file of the store, for `ls` and eviction.
#[derive(Clone, Debug)]
pub struct FileInfo {
    /// The entry's key.
    pub key: String,
    /// The file.
    pub path: PathBuf,
    /// The file's size in bytes.
    pub size: u64,
    /// Last use (a hit or the write).
    pub used: SystemTime,
}

impl LocalStore {
    /// Opens (creating, mode 0700) the store under `dir`.
    pub fn open(dir: &Path, max_bytes: u64) -> std::io::Result<LocalStore> {
        let root = dir.join(LAYOUT);
        for d in [
            dir.to_path_buf(),
            root.clone(),
            root.join("entries"),
            root.join("tmp"),
        ] {
            make_private_dir(&d)?;
        }
        Ok(LocalStore {
            root,
            max_bytes,
            written: AtomicU64::new(0),
            size: AtomicU64::new(u64::MAX),
        })
    }

    /// The directory the entries live in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> PathBuf {
        self.root
            .join("entries")
            .join(key.get(..2).unwrap_or("xx"))
            .join(key)
    }

    /// The entry for `key`, decoded by `decode` (an entry it rejects is removed).
    pub fn read<T>(&self, key: &str, decode: impl FnOnce(&[u8]) -> Result<T, Corrupt>) -> Read<T> {
        let path = self.path(key);
        let Ok(mut f) = fs::File::open(&path) else {
            return Read::Miss;
        };
        let mut raw = Vec::new();
        if f.read_to_end(&mut raw).is_err() {
            return Read::Miss;
        }
        let value = match decode(&raw) {
            Ok(v) => v,
            Err(c) => {
                let _ = fs::remove_file(&path);
                return Read::Corrupt(c);
            }
        };
        // LRU: a hit is a use. The time is set through the open file, and only when it
        // is older than [`TOUCH_AFTER`] (a minute's resolution is plenty for LRU, and
        // an inode update per hit is most of a hit's cost on some file systems).
        let now = SystemTime::now();
        let stale = f.metadata().and_then(|m| m.modified()).map_or(true, |t| {
            now.duration_since(t).unwrap_or_default() >= TOUCH_AFTER
        });
        if stale {
            let _ = f.set_modified(now);
        }
        Read::Hit(value)
    }

    /// Writes an encoded entry: temporary file, fsync, rename.
    pub fn write(&self, key: &str, raw: &[u8]) -> std::io::Result<()> {
        let path = self.path(key);
        let dir = path.parent().expect("entries have a parent");
        make_private_dir(dir)?;
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let tmp = self.root.join("tmp").join(format!(
            "{key}.{}.{}.{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        ));
        let result = (|| {
            let mut f = fs::File::options()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&tmp)?;
            f.write_all(raw)?;
            // No fsync: a crash may leave the renamed file empty or torn, and the
            // checksum then drops it on the next read (a miss, never a wrong hit).
            // An fsync per entry cost more than compiling a small kernel on the
            // development VM.
            fs::rename(&tmp, &path)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        let written =
            self.written.fetch_add(raw.len() as u64, Ordering::Relaxed) + raw.len() as u64;
        let size = self.size.load(Ordering::Relaxed);
        // Check the size on the first write of the process, then every tenth of the limit.
        if size == u64::MAX
            || size.saturating_add(written) > self.max_bytes
            || written > self.max_bytes / 10
        {
            self.written.store(0, Ordering::Relaxed);
            let now = self.evict(self.max_bytes);
            self.size.store(now, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Every entry file (no particular order).
    pub fn files(&self) -> Vec<FileInfo> {
        let mut out = Vec::new();
        let Ok(shards) = fs::read_dir(self.root.join("entries")) else {
            return out;
        };
        for shard in shards.flatten() {
            let Ok(rd) = fs::read_dir(shard.path()) else {
                continue;
            };
            for e in rd.flatten() {
                let Ok(md) = e.metadata() else { continue };
                if !md.is_file() {
                    continue;
                }
                out.push(FileInfo {
                    key: e.file_name().to_string_lossy().into_owned(),
                    path: e.path(),
                    size: md.len(),
                    used: md.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                });
            }
        }
        out
    }

    /// The raw bytes of one listed file.
    pub fn read_raw(&self, key: &str) -> Option<Vec<u8>> {
        fs::read(self.path(key)).ok()
    }

    /// Removes least recently used entries until the store is at most 90 % of
    /// `limit` when it was over `limit`; removes temporary files older than an hour.
    /// Returns the size left.
    pub fn evict(&self, limit: u64) -> u64 {
        self.remove_stale_tmp(Duration::from_secs(3600));
        let mut files = self.files();
        let mut total: u64 = files.iter().map(|f| f.size).sum();
        if total <= limit {
            return total;
        }
        files.sort_by_key(|f| f.used);
        let target = limit / 10 * 9;
        for f in files {
            if total <= target {
                break;
            }
            if fs::remove_file(&f.path).is_ok() {
                total -= f.size;
            }
        }
        total
    }

    fn remove_stale_tmp(&self, age: Duration) {
        let Ok(rd) = fs::read_dir(self.root.join("tmp")) else {
            return;
        };
        let now = SystemTime::now();
        for e in rd.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .map(|t| now.duration_since(t).unwrap_or_default() >= age)
                .unwrap_or(true);
            if old {
                let _ = fs::remove_file(e.path());
            }
        }
    }

    /// Removes every entry and temporary file; returns how many entries went.
    pub fn clear(&self) -> usize {
        let files = self.files();
        let n = files
            .iter()
            .filter(|f| fs::remove_file(&f.path).is_ok())
            .count();
        self.remove_stale_tmp(Duration::ZERO);
        self.size.store(0, Ordering::Relaxed);
        n
    }

    /// Decoded entries (corrupt ones are skipped and reported by key).
    pub fn entries(&self) -> (Vec<(FileInfo, Entry)>, Vec<(String, Corrupt)>) {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for f in self.files() {
            let Ok(raw) = fs::read(&f.path) else { continue };
            match Entry::decode(&raw, Some(&f.key)) {
                Ok(e) => good.push((f, e)),
                Err(c) => bad.push((f.key, c)),
            }
        }
        (good, bad)
    }
}

/// Creates `dir` (and its parents) with mode 0700; an existing directory is left as
/// it is.
fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}
