//! The shared tier: entries in Redis, authenticated with an HMAC.
//!
//! A value is `"SKH1"`, then `HMAC-SHA256(secret, "strata-kernel-cache\0" ‖ key ‖
//! entry)` (32 bytes), then the encoded entry (`entry.rs`). Reads check the tag in
//! constant time before anything else looks at the entry: an unsigned value, or one
//! whose tag does not verify (rewritten by someone without the fleet secret, or stored
//! under another key), is rejected and reported, never served. Keys are
//! `strata:kc:v1:<key>`.
//!
//! - **read-through**: a local miss asks Redis; a verified hit is also written to the
//!   local store;
//! - **write-behind**: a compiled artifact goes to a background thread with its own
//!   connection, so compiling never waits for the network; [`Remote::flush`] waits for
//!   what is queued (the CLI calls it before exiting);
//! - **read-only** (worker fleets): nothing is written;
//! - **outage**: the first error (connecting, a timeout of one second, a refused
//!   command) turns the tier off for the rest of the process with one warning; the
//!   local store goes on. An outage is never an error.
//!
//! The URL is the `redis` crate's: `redis://[user:password@]host:port[/db]`,
//! `rediss://…` for TLS (native-tls, the system's OpenSSL and trust store), and
//! `redis+unix:///path`. AUTH is the URL's user and password.

use hmac::{Hmac, KeyInit, Mac};
use parking_lot::Mutex;
use sha2::Sha256;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

const MAGIC: &[u8; 4] = b"SKH1";
/// How long a connection attempt or a command may take before the tier is off.
pub const TIMEOUT: Duration = Duration::from_secs(1);

/// What a remote read found.
pub enum RemoteRead {
    /// The stored value, verified.
    Hit(Vec<u8>),
    /// No value under the key.
    Miss,
    /// The value is there but unsigned or its tag does not verify.
    Rejected(String),
    /// The tier is off (now or earlier).
    Down,
}

enum Msg {
    Put(String, Vec<u8>),
    Flush(mpsc::Sender<()>),
}

/// A connection to the shared tier.
pub struct Remote {
    /// The URL without its password (for messages).
    pub shown: String,
    client: redis::Client,
    conn: Mutex<Option<redis::Connection>>,
    secret: Vec<u8>,
    read_only: bool,
    down: AtomicBool,
    writer: Mutex<Option<mpsc::Sender<Msg>>>,
    /// Warnings for the cache to report (outage, write failures).
    warnings: std::sync::Arc<Mutex<Vec<String>>>,
    /// Entries the writer stored.
    pub stored: std::sync::Arc<AtomicU64>,
}

/// The URL with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &cred[..c], &url[at..]),
                None => format!("{}***{}", &url[..s + 3], &url[at..]),
            }
        }
        _ => url.to_string(),
    }
}

impl Remote {
    /// A tier at `url` signing with `secret`. Only the URL is checked here; the
    /// connection is made on first use.
    pub fn new(
        url: &str,
        secret: Vec<u8>,
        read_only: bool,
        warnings: std::sync::Arc<Mutex<Vec<String>>>,
    ) -> Result<Remote, String> {
        let client = redis::Client::open(url)
            .map_err(|e| format!("bad Redis URL `{}`: {e}", redact(url)))?;
        Ok(Remote {
            shown: redact(url),
            client,
            conn: Mutex::new(None),
            secret,
            read_only,
            down: AtomicBool::new(false),
            writer: Mutex::new(None),
            warnings,
            stored: Default::default(),
        })
    }

    fn redis_key(key: &str) -> String {
        format!("strata:kc:v1:{key}")
    }

    fn tag(secret: &[u8], key: &str, entry: &[u8]) -> [u8; 32] {
        let mut mac =
            <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(b"strata-kernel-cache\0");
        mac.update(key.as_bytes());
        mac.update(entry);
        mac.finalize().into_bytes().into()
    }

    /// The value stored for an encoded entry.
    pub fn sign(secret: &[u8], key: &str, entry: &[u8]) -> Vec<u8> {
        let mut v = Vec::with_capacity(36 + entry.len());
        v.extend_from_slice(MAGIC);
        v.extend_from_slice(&Self::tag(secret, key, entry));
        v.extend_from_slice(entry);
        v
    }

    /// The entry inside a value, if its tag verifies.
    pub fn verify(secret: &[u8], key: &str, value: &[u8]) -> Result<Vec<u8>, String> {
        if value.len() < 36 || &value[..4] != MAGIC {
            return Err("unsigned (no strata HMAC header)".into());
        }
        let entry = &value[36..];
        let mut mac =
            <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(b"strata-kernel-cache\0");
        mac.update(key.as_bytes());
        mac.update(entry);
        mac.verify_slice(&value[4..36])
            .map_err(|_| "its HMAC does not verify with this fleet secret".to_string())?;
        Ok(entry.to_vec())
    }

    fn connect(&self) -> redis::RedisResult<redis::Connection> {
        let c = self.client.get_connection_with_timeout(TIMEOUT)?;
        c.set_read_timeout(Some(TIMEOUT))?;
        c.set_write_timeout(Some(TIMEOUT))?;
        Ok(c)
    }

    fn went_down(&self, what: &str, e: &dyn std::fmt::Display) {
        if !self.down.swap(true, Ordering::SeqCst) {
            self.warnings.lock().push(format!(
                "warning: the shared kernel cache at {} is unavailable ({what}: {e}); \
                 continuing with the local cache only",
                self.shown
            ));
        }
    }

    /// Whether the tier is off after an error.
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::SeqCst)
    }

    /// Reads and verifies the entry for `key`.
    pub fn get(&self, key: &str) -> RemoteRead {
        if self.is_down() {
            return RemoteRead::Down;
        }
        let mut slot = self.conn.lock();
        if slot.is_none() {
            match self.connect() {
                Ok(c) => *slot = Some(c),
                Err(e) => {
                    self.went_down("connecting", &e);
                    return RemoteRead::Down;
                }
            }
        }
        let conn = slot.as_mut().expect("connected above");
        let r: redis::RedisResult<Option<Vec<u8>>> =
            redis::cmd("GET").arg(Self::redis_key(key)).query(conn);
        match r {
            Ok(None) => RemoteRead::Miss,
            Ok(Some(value)) => match Self::verify(&self.secret, key, &value) {
                Ok(entry) => RemoteRead::Hit(entry),
                Err(why) => RemoteRead::Rejected(why),
            },
            Err(e) => {
                *slot = None;
                self.went_down("reading", &e);
                RemoteRead::Down
            }
        }
    }

    /// Queues an encoded entry for the background writer (nothing in read-only mode or
    /// while the tier is off).
    pub fn put(&self, key: &str, entry: &[u8]) {
        if self.read_only || self.is_down() {
            return;
        }
        let value = Self::sign(&self.secret, key, entry);
        let mut w = self.writer.lock();
        if w.is_none() {
            *w = Some(self.spawn_writer());
        }
        let _ = w
            .as_ref()
            .expect("spawned above")
            .send(Msg::Put(key.to_string(), value));
    }

    fn spawn_writer(&self) -> mpsc::Sender<Msg> {
        let (tx, rx) = mpsc::channel::<Msg>();
        let client = self.client.clone();
        let warnings = self.warnings.clone();
        let stored = self.stored.clone();
        let shown = self.shown.clone();
        std::thread::Builder::new()
            .name("strata-cache-writer".into())
            .spawn(move || {
                let mut conn: Option<redis::Connection> = None;
                let mut failed = false;
                for msg in rx {
                    match msg {
                        Msg::Flush(done) => {
                            let _ = done.send(());
                        }
                        Msg::Put(_, _) if failed => {}
                        Msg::Put(key, value) => {
                            let r = (|| -> redis::RedisResult<()> {
                                if conn.is_none() {
                                    let c = client.get_connection_with_timeout(TIMEOUT)?;
                                    c.set_read_timeout(Some(TIMEOUT))?;
                                    c.set_write_timeout(Some(TIMEOUT))?;
                                    conn = Some(c);
                                }
                                redis::cmd("SET")
                                    .arg(Self::redis_key(&key))
                                    .arg(value)
                                    .query::<()>(conn.as_mut().expect("connected above"))
                            })();
                            match r {
                                Ok(()) => {
                                    stored.fetch_add(1, Ordering::Relaxed);
                                }
                                Err(e) => {
                                    failed = true;
                                    warnings.lock().push(format!(
                                        "warning: writing to the shared kernel cache at {shown} \
                                         failed ({e}); later artifacts stay local"
                                    ));
                                }
                            }
                        }
                    }
                }
            })
            .expect("spawning the cache writer thread");
        tx
    }

    /// Waits until every queued write has been sent.
    pub fn flush(&self) {
        let w = self.writer.lock();
        if let Some(tx) = w.as_ref() {
            let (done_tx, done_rx) = mpsc::channel();
            if tx.send(Msg::Flush(done_tx)).is_ok() {
                let _ = done_rx.recv();
            }
        }
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.flush();
    }
}
