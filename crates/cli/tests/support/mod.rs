//! Runs the built `bischeduler` binary against a fresh database and talks HTTP to it.

#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_bischeduler");

/// A database for one test: a temporary SQLite file or a new PostgreSQL database (dropped at
/// the end).
pub type TestDb = testdb::TestDatabase;

pub fn sqlite() -> TestDb {
    TestDb::sqlite("data/bischeduler.db")
}

/// None (skip) when BISCHEDULER_TEST_POSTGRES_URL is unset; a failure under CI=true.
pub fn postgres() -> Option<TestDb> {
    TestDb::postgres_blocking("bisch_cli")
}

/// Runs the binary to completion with a clean environment for our variables.
pub fn run(db_url: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("BISCHEDULER_DATABASE_URL", db_url)
        .env_remove("BISCHEDULER_BIND")
        .env_remove("BISCHEDULER_BASE_PATH")
        .output()
        .expect("run bischeduler")
}

/// Runs the binary on the SQLite database `dir/b.db`, for tests that also keep their files in
/// `dir` (RUST_LOG removed so the output is only the command's own).
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env(
            "BISCHEDULER_DATABASE_URL",
            format!("sqlite://{}/b.db", dir.display()),
        )
        .env_remove("RUST_LOG")
        .output()
        .expect("run bischeduler")
}

/// Everything a run printed, stdout then stderr.
pub fn output_text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// A running `bischeduler serve`; stopped with SIGTERM when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    /// Every stdout line printed before the server announced its URL.
    pub banner: Vec<String>,
}

impl Server {
    pub fn start(db_url: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(extra)
            .args(["--bind", "127.0.0.1:0"])
            .env("BISCHEDULER_DATABASE_URL", db_url)
            .env_remove("BISCHEDULER_BASE_PATH")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut banner = Vec::new();
        let mut base = None;
        // The demo import and argon2 in a debug build take a while; allow a minute.
        while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
            if let Some(url) = line.strip_prefix("BiScheduler escuchando en ") {
                base = Some(url.trim().trim_end_matches('/').to_string());
            }
            banner.push(line);
            let demo_done = banner.iter().any(|l| l.contains("contraseña:"));
            if base.is_some() && (!extra.contains(&"--demo") || demo_done) {
                break;
            }
        }
        let base = base.unwrap_or_else(|| {
            let _ = child.kill();
            panic!("the server did not start; it printed: {banner:?}")
        });
        Server {
            child,
            base,
            banner,
        }
    }

    /// The value printed after `label` in the banner (e.g. "contraseña:").
    pub fn banner_value(&self, label: &str) -> String {
        self.banner
            .iter()
            .find_map(|l| l.trim().strip_prefix(label).map(|v| v.trim().to_string()))
            .unwrap_or_else(|| panic!("no «{label}» in {:?}", self.banner))
    }

    /// One HTTP/1.1 request over a real socket; returns (status, body).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> (u16, String) {
        let host = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        if let Some(t) = token {
            req.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        let body = body.unwrap_or("");
        req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
        stream.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let status = raw
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad response: {raw}"));
        let body = raw
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    pub fn json(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> (u16, Value) {
        let (status, text) = self.request(method, path, token, body);
        let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
        (status, v)
    }

    pub fn login(&self, email: &str, password: &str) -> String {
        let body = serde_json::json!({ "email": email, "password": password }).to_string();
        let (status, v) = self.json("POST", "/api/v1/auth/login", None, Some(&body));
        assert_eq!(status, 200, "login: {v}");
        v["token"].as_str().unwrap().to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
