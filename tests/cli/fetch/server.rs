//! The replaying HTTP server: a `TcpListener` on 127.0.0.1 in a thread, one thread per
//! connection, recorded replies per request target, every target logged.

use super::root;
use std::collections::{HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One recorded reply.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Send only this many body bytes (the Content-Length still announces the whole body).
    pub cut_at: Option<usize>,
}

pub fn ok(body: Vec<u8>) -> Reply {
    Reply {
        status: 200,
        headers: vec![],
        body,
        delay: Duration::ZERO,
        cut_at: None,
    }
}

pub fn status(code: u16, body: &str) -> Reply {
    Reply {
        status: code,
        ..ok(body.as_bytes().to_vec())
    }
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/fetch").join(name)).expect("fixture")
}

pub type Routes = Arc<Mutex<HashMap<String, VecDeque<Reply>>>>;

/// A replaying server on 127.0.0.1: each request target gets its queue's next reply (the last
/// one repeats); unknown targets get 404. Every target asked for is logged.
pub struct Server {
    port: u16,
    routes: Routes,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let routes: Routes = Arc::default();
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h) = (r.clone(), h.clone());
                std::thread::spawn(move || answer(stream, &r, &h));
            }
        });
        Server { port, routes, hits }
    }

    pub fn base(&self, prefix: &str) -> String {
        format!("http://127.0.0.1:{}{prefix}", self.port)
    }

    pub fn route(&self, target: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .expect("routes")
            .insert(target.to_string(), replies.into());
    }

    pub fn hits(&self) -> Vec<String> {
        self.hits.lock().expect("hits").clone()
    }
}

pub fn answer(mut stream: TcpStream, routes: &Routes, hits: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
        // A TLS handshake (0x16) to this plain-HTTP server: answer in plain HTTP, as a
        // misconfigured server would.
        if head == [0x16] {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            return;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let target = text.split_whitespace().nth(1).unwrap_or("").to_string();
    hits.lock().expect("hits").push(target.clone());
    let reply = {
        let mut r = routes.lock().expect("routes");
        match r.get_mut(&target) {
            Some(q) if q.len() > 1 => q.pop_front(),
            Some(q) => q.front().cloned(),
            None => None,
        }
    }
    .unwrap_or_else(|| status(404, "no such route"));
    std::thread::sleep(reply.delay);
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let body = &reply.body[..reply.cut_at.unwrap_or(reply.body.len())];
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}
