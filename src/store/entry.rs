//! One stored artifact, as bytes: the same format in the local store, the Redis tier
//! and export files.
//!
//! ```text
//! "STRATAK\0"  schema: u32 LE  body length: u64 LE  sha256(body): 32 bytes  body
//! body = key: 64 hex digits, symbol length: u32 LE, symbol,
//!        metadata length: u32 LE, metadata (JSON), the artifact's bytes
//! ```
//!
//! A hit reads the key, the symbol and the bytes without parsing the metadata
//! ([`Entry::decode_artifact`]); `ls` and `why-miss` parse all of it ([`Entry::decode`]).
//!
//! The checksum catches truncation and bit rot (a reader drops such an entry and
//! recompiles); it is not authentication: anyone who can write the store can write a
//! matching checksum. Authentication is the Redis tier's HMAC (`remote.rs`).
//! The metadata holds the key, the five key parts (text and digest), the edges of the
//! fingerprint (for `why-miss`), the entry's function and symbol, the emit kind and the
//! target: nothing session-specific.

use super::fingerprint::EdgeRecord;
use super::key::{KeyParts, Part, SCHEMA_VERSION};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"STRATAK\0";
const HEADER: usize = 8 + 4 + 8 + 32;

/// A decoded entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The full key (hex).
    pub key: String,
    /// The key's parts, with what each covers.
    pub parts: KeyParts,
    /// The edges the kernel's fingerprint was computed from.
    pub edges: Vec<EdgeRecord>,
    /// The entry function's name.
    pub func: String,
    /// The entry's symbol in the artifact.
    pub symbol: String,
    /// `llvm`, `asm` or `obj`.
    pub emit: String,
    /// `ptx`, `amdgpu` or `native`.
    pub target: String,
    /// Seconds since the Unix epoch when it was compiled.
    pub created: u64,
    /// The artifact.
    pub bytes: Vec<u8>,
}

/// Why stored bytes are not an entry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Corrupt {
    #[error("truncated ({0} bytes)")]
    /// Fewer bytes than an entry's header (the count).
    Truncated(usize),
    #[error("not a strata cache entry (bad magic)")]
    /// The bytes do not start with the entry magic.
    Magic,
    #[error("entry format {0}, this strata reads {SCHEMA_VERSION}")]
    /// An entry format this strata does not read (the format).
    Schema(u32),
    #[error("checksum mismatch")]
    /// The checksum does not match the bytes.
    Checksum,
    #[error("bad metadata: {0}")]
    /// The metadata does not decode (why).
    Metadata(String),
    #[error("stored under key {stored}, asked for {asked}")]
    /// The entry is stored under another key than the one asked for.
    WrongKey {
        /// The key in the entry.
        stored: String,
        /// The key asked for.
        asked: String,
    },
}

impl Entry {
    /// The entry as bytes.
    pub fn encode(&self) -> Vec<u8> {
        let parts: serde_json::Map<String, Value> = self
            .parts
            .parts()
            .iter()
            .map(|(name, p)| {
                (
                    name.to_string(),
                    json!({"text": p.text, "digest": p.digest}),
                )
            })
            .collect();
        let edges: Vec<Value> = self
            .edges
            .iter()
            .map(|e| json!([e.lookup, e.answer, e.methods]))
            .collect();
        let meta = json!({
            "key": self.key,
            "parts": parts,
            "edges": edges,
            "func": self.func,
            "symbol": self.symbol,
            "emit": self.emit,
            "target": self.target,
            "created": self.created,
        })
        .to_string();
        let mut body = Vec::with_capacity(72 + self.symbol.len() + meta.len() + self.bytes.len());
        body.extend_from_slice(self.key.as_bytes());
        body.extend_from_slice(&(self.symbol.len() as u32).to_le_bytes());
        body.extend_from_slice(self.symbol.as_bytes());
        body.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        body.extend_from_slice(meta.as_bytes());
        body.extend_from_slice(&self.bytes);
        let mut out = Vec::with_capacity(HEADER + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&Sha256::digest(&body));
        out.extend_from_slice(&body);
        out
    }

    /// The symbol and the artifact's bytes of an entry read for `key`, checked
    /// (magic, schema, length, checksum, key) but with the metadata left unparsed.
    pub fn decode_artifact(raw: &[u8], key: &str) -> Result<(String, Vec<u8>), Corrupt> {
        let body = checked_body(raw)?;
        let (stored, symbol, _meta, bytes) = split_body(body, raw.len())?;
        if stored != key.as_bytes() {
            return Err(Corrupt::WrongKey {
                stored: String::from_utf8_lossy(stored).into_owned(),
                asked: key.to_string(),
            });
        }
        Ok((symbol, bytes.to_vec()))
    }

    /// Decodes and checks bytes read for `key` (`None`: any key, as for `ls`).
    pub fn decode(raw: &[u8], key: Option<&str>) -> Result<Entry, Corrupt> {
        let body = checked_body(raw)?;
        let (_stored, symbol, meta, bytes) = split_body(body, raw.len())?;
        let bytes = bytes.to_vec();
        let meta: Value =
            serde_json::from_slice(meta).map_err(|e| Corrupt::Metadata(e.to_string()))?;
        let s = |v: &Value, f: &str| -> Result<String, Corrupt> {
            v.get(f)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| Corrupt::Metadata(format!("field `{f}` missing")))
        };
        let part = |name: &str| -> Result<Part, Corrupt> {
            let p = meta
                .get("parts")
                .and_then(|ps| ps.get(name))
                .ok_or_else(|| Corrupt::Metadata(format!("part `{name}` missing")))?;
            Ok(Part {
                text: s(p, "text")?,
                digest: s(p, "digest")?,
            })
        };
        let parts = KeyParts {
            toolchain: part("toolchain")?,
            token: part("token")?,
            config: part("config")?,
            entry: part("entry")?,
            fingerprint: part("fingerprint")?,
        };
        let mut edges = Vec::new();
        for e in meta
            .get("edges")
            .and_then(Value::as_array)
            .ok_or_else(|| Corrupt::Metadata("field `edges` missing".into()))?
        {
            let bad = || Corrupt::Metadata("bad edge".into());
            let e = e.as_array().ok_or_else(bad)?;
            let (Some(lookup), Some(answer), Some(methods)) = (
                e.first().and_then(Value::as_str),
                e.get(1).and_then(Value::as_str),
                e.get(2).and_then(Value::as_array),
            ) else {
                return Err(bad());
            };
            edges.push(EdgeRecord {
                lookup: lookup.to_string(),
                answer: answer.to_string(),
                methods: methods
                    .iter()
                    .filter_map(|m| m.as_str().map(str::to_string))
                    .collect(),
            });
        }
        let entry = Entry {
            key: s(&meta, "key")?,
            parts,
            edges,
            func: s(&meta, "func")?,
            symbol,
            emit: s(&meta, "emit")?,
            target: s(&meta, "target")?,
            created: meta.get("created").and_then(Value::as_u64).unwrap_or(0),
            bytes,
        };
        // The key must be the one its parts give (else the metadata lies about them).
        if entry.parts.key() != entry.key {
            return Err(Corrupt::Metadata("key does not match its parts".into()));
        }
        if let Some(asked) = key {
            if asked != entry.key {
                return Err(Corrupt::WrongKey {
                    stored: entry.key,
                    asked: asked.to_string(),
                });
            }
        }
        Ok(entry)
    }
}

/// The body of an entry, after checking magic, schema, length and checksum.
fn checked_body(raw: &[u8]) -> Result<&[u8], Corrupt> {
    if raw.len() < HEADER {
        return Err(Corrupt::Truncated(raw.len()));
    }
    if &raw[..8] != MAGIC {
        return Err(Corrupt::Magic);
    }
    let schema = u32::from_le_bytes(raw[8..12].try_into().unwrap());
    if schema != SCHEMA_VERSION {
        return Err(Corrupt::Schema(schema));
    }
    let len = u64::from_le_bytes(raw[12..20].try_into().unwrap()) as usize;
    let body = &raw[HEADER..];
    if body.len() != len {
        return Err(Corrupt::Truncated(raw.len()));
    }
    if Sha256::digest(body).as_slice() != &raw[20..52] {
        return Err(Corrupt::Checksum);
    }
    Ok(body)
}

/// (key, symbol, metadata, bytes) of a checked body.
fn split_body(body: &[u8], n: usize) -> Result<(&[u8], String, &[u8], &[u8]), Corrupt> {
    let short = || Corrupt::Truncated(n);
    let key = body.get(..64).ok_or_else(short)?;
    let u32_at = |at: usize| -> Result<usize, Corrupt> {
        let b = body.get(at..at + 4).ok_or_else(short)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let slen = u32_at(64)?;
    let symbol = body.get(68..68 + slen).ok_or_else(short)?;
    let symbol = String::from_utf8(symbol.to_vec())
        .map_err(|_| Corrupt::Metadata("symbol is not UTF-8".into()))?;
    let at = 68 + slen;
    let mlen = u32_at(at)?;
    let meta = body.get(at + 4..at + 4 + mlen).ok_or_else(short)?;
    Ok((key, symbol, meta, &body[at + 4 + mlen..]))
}
