//! A generated service under test: started on a free port, spoken to in HTTP/1.1 over a
//! plain TCP socket, stopped when dropped.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::workspace::shared_target;

/// A running service, stopped when dropped.
pub struct Service {
    child: Child,
    pub port: u16,
}

impl Service {
    /// Starts the service binary `binary` (built into the shared target) on a free port.
    pub fn start(binary: &str) -> Self {
        Self::start_with(binary, &[])
    }

    /// [`Service::start`] with extra environment variables.
    pub fn start_with(binary: &str, environment: &[(&str, &str)]) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(shared_target().join("debug").join(binary))
            .env("PORT", port.to_string())
            .env("HOST", "127.0.0.1")
            .envs(environment.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the service starts");
        let service = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the service did not listen on port {port} within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        service
    }

    /// Sends one request and returns the status, headers (lowercased names) and body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Answer {
        send(self.port, method, path, headers, body)
    }

    /// Asks the service to stop, as a process manager does.
    pub fn send_sigterm(&self) {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM could not be sent");
    }

    /// Waits for the service to exit; answers whether it exited cleanly.
    pub fn wait_for_exit(&mut self) -> bool {
        self.child.wait().expect("the service exits").success()
    }

    /// Waits up to `limit` for the service to exit; its exit status, or `None` if it is
    /// still running.
    pub fn wait_for_exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self
                .child
                .try_wait()
                .expect("the service can be waited for")
            {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn json(&self, method: &str, path: &str, body: &str) -> Answer {
        self.request(
            method,
            path,
            &[("content-type", "application/json")],
            body.as_bytes(),
        )
    }
}

/// Sends one request to the service listening on `port`, as [`Service::request`] does;
/// for a thread that must not borrow the service.
pub fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).expect("the service accepts a connection");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a read timeout can be set");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .expect("the request head is sent");
    // A server may answer (413) before reading the whole body and close the socket.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    Answer::parse(&raw)
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    fn parse(raw: &[u8]) -> Self {
        // Split as bytes: a chunk's size counts bytes, which text that is no UTF-8 changes.
        let end = raw.windows(4).position(|window| window == b"\r\n\r\n");
        let (head, body) = match end {
            Some(end) => (&raw[..end], &raw[end + 4..]),
            None => (raw, &[][..]),
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        let chunked = headers
            .iter()
            .any(|(name, value)| name == "transfer-encoding" && value.contains("chunked"));
        let body = if chunked {
            String::from_utf8_lossy(&dechunk(body)).into_owned()
        } else {
            String::from_utf8_lossy(body).into_owned()
        };
        Self {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", self.body))
    }

    /// The (`type`, `loc`) of every error of a 422 answer, in order.
    pub fn issues(&self) -> Vec<(String, Value)> {
        assert_eq!(
            self.status, 422,
            "expected a 422 answer, got {}: {}",
            self.status, self.body
        );
        self.json()["detail"]
            .as_array()
            .expect("a 422 answer lists its errors")
            .iter()
            .map(|issue| {
                (
                    issue["type"].as_str().unwrap_or_default().to_owned(),
                    issue["loc"].clone(),
                )
            })
            .collect()
    }
}

/// The content of a chunked body (`Transfer-Encoding: chunked`): its chunks joined.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut rest = body;
    let mut out = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|window| window == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end])
            .ok()
            .and_then(|size| usize::from_str_radix(size.trim(), 16).ok());
        let after = &rest[line_end + 2..];
        let Some(size) = size.filter(|size| *size > 0 && after.len() >= *size) else {
            break;
        };
        out.extend_from_slice(&after[..size]);
        rest = after[size..]
            .strip_prefix(b"\r\n")
            .unwrap_or(&after[size..]);
    }
    out
}

/// `(type, loc)` pairs written compactly: `issue("missing", json!(["body", "age"]))`.
pub fn issue(kind: &str, loc: Value) -> (String, Value) {
    (kind.to_owned(), loc)
}
