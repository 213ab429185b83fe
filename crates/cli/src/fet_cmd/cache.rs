//! `fet bench --fet-cache FILE`: FET's own result per file, kept between benches.
//!
//! FET's run on a file does not change between our commits, and over all official files it
//! costs about an hour at 30 s each, so it is done once. A result is reused only for the same
//! file content, the same time limit and the same `fet-cl --version`; anything else runs FET
//! again. The cache is a TSV a person can read, one line appended per FET run (so a bench that
//! is stopped keeps what it paid for).

use anyhow::Context as _;
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const HEADER: &str =
    "content_hash\ttime_limit_s\tfet_version\tfet_ok\tfet_s\tfet_soft\tfet_peak_kib\tfile";

/// What one FET run on a file gave, as the bench uses it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FetResult {
    pub success: bool,
    pub seconds: f64,
    pub soft_conflicts: Option<f64>,
    pub peak_kib: Option<u64>,
}

/// What makes a FET result reusable: the bytes FET reads, its limit and FET itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct CacheKey {
    pub content_hash: String,
    pub time_limit_s: u64,
    pub fet_version: String,
}

impl CacheKey {
    pub fn new(content: &[u8], time_limit_s: u64, fet_version: &str) -> CacheKey {
        CacheKey {
            content_hash: content_hash(content),
            time_limit_s,
            fet_version: fet_version.to_string(),
        }
    }
}

pub(super) struct FetCache {
    path: PathBuf,
    entries: HashMap<CacheKey, FetResult>,
}

impl FetCache {
    /// Loads `path` (a missing file is an empty cache; a line that does not parse is skipped,
    /// so a line cut short by a stopped bench costs only that file's FET run).
    pub fn open(path: &Path) -> anyhow::Result<FetCache> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| path.display().to_string()),
        };
        let entries = text.lines().skip(1).filter_map(parse_line).collect();
        Ok(FetCache {
            path: path.to_path_buf(),
            entries,
        })
    }

    pub fn get(&self, key: &CacheKey) -> Option<&FetResult> {
        self.entries.get(key)
    }

    /// Remembers a result and appends it to the file at once.
    pub fn put(&mut self, key: CacheKey, result: FetResult, file: &Path) -> anyhow::Result<()> {
        let new = !self.path.exists() || std::fs::metadata(&self.path)?.len() == 0;
        let mut out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .with_context(|| self.path.display().to_string())?;
        let mut line = String::new();
        if new {
            line.push_str(HEADER);
            line.push('\n');
        }
        line.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            key.content_hash,
            key.time_limit_s,
            clean(&key.fet_version),
            result.success,
            result.seconds,
            result.soft_conflicts.map_or("-".into(), |s| s.to_string()),
            result.peak_kib.map_or("-".into(), |k| k.to_string()),
            clean(&file.display().to_string()),
        ));
        out.write_all(line.as_bytes())
            .with_context(|| self.path.display().to_string())?;
        self.entries.insert(key, result);
        Ok(())
    }
}

fn parse_line(line: &str) -> Option<(CacheKey, FetResult)> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() != 8 {
        return None;
    }
    let key = CacheKey {
        content_hash: c[0].to_string(),
        time_limit_s: c[1].parse().ok()?,
        fet_version: c[2].to_string(),
    };
    let result = FetResult {
        success: c[3].parse().ok()?,
        seconds: c[4].parse().ok()?,
        soft_conflicts: optional(c[5])?,
        peak_kib: optional(c[6])?,
    };
    Some((key, result))
}

/// `-` is none; anything else must parse (the outer None rejects the line).
fn optional<T: std::str::FromStr>(s: &str) -> Option<Option<T>> {
    if s == "-" {
        Some(None)
    } else {
        s.parse().ok().map(Some)
    }
}

/// Tabs and line breaks would break the TSV.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// FNV-1a (64 bits) of the content and its length: a fixed, documented function, so a cache
/// written by one build is read by the next (std's hasher makes no such promise). Not a
/// defence against a crafted collision; the cache only saves time on our own benches.
fn content_hash(content: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in content {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}:{}", content.len())
}

/// The first line of `fet-cl --version` ("FET version 6.8.5").
pub(super) fn fet_version() -> anyhow::Result<String> {
    let out = Command::new("fet-cl")
        .arg("--version")
        .output()
        .context("no se pudo ejecutar fet-cl --version; instálelo con «apt-get install fet»")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    anyhow::ensure!(
        !first.is_empty(),
        "fet-cl --version no dijo su versión (estado {})",
        out.status
    );
    Ok(first.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_depends_on_every_byte_and_is_stable() {
        assert_eq!(content_hash(b""), "fnv1a64:cbf29ce484222325:0");
        assert_eq!(content_hash(b"a"), "fnv1a64:af63dc4c8601ec8c:1");
        assert_ne!(content_hash(b"ab"), content_hash(b"ba"));
    }

    #[test]
    fn results_read_back_and_other_keys_miss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.tsv");
        let key = CacheKey::new(b"<fet/>", 30, "FET version 6.8.5");
        let solved = FetResult {
            success: true,
            seconds: 12.25,
            soft_conflicts: Some(8.55),
            peak_kib: Some(40_960),
        };
        let unsolved = FetResult {
            success: false,
            seconds: 40.5,
            soft_conflicts: None,
            peak_kib: None,
        };
        let other = CacheKey::new(b"<fet />", 30, "FET version 6.8.5");
        {
            let mut cache = FetCache::open(&path).unwrap();
            assert_eq!(cache.get(&key), None);
            cache
                .put(key.clone(), solved.clone(), Path::new("a.fet"))
                .unwrap();
            cache
                .put(other.clone(), unsolved.clone(), Path::new("b.fet"))
                .unwrap();
        }
        // A line cut short by a stopped bench is skipped, not an error.
        let mut text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(HEADER));
        text.push_str("fnv1a64:00:1\t30\tFET");
        std::fs::write(&path, text).unwrap();
        let cache = FetCache::open(&path).unwrap();
        assert_eq!(cache.get(&key), Some(&solved));
        assert_eq!(cache.get(&other), Some(&unsolved));
        for miss in [
            CacheKey::new(b"<fet/>", 10, "FET version 6.8.5"),
            CacheKey::new(b"<fet/>", 30, "FET version 7.0.0"),
        ] {
            assert_eq!(cache.get(&miss), None);
        }
    }
}
