//! The one place innodex talks to the network: GET with a timeout, retries with backoff on 429
//! and 5xx (honouring `Retry-After`), a per-service request budget (the OECD's published rate
//! limit), a body read whole and checked against its announced length, and errors that name the
//! URL and the HTTP status. Progress goes to a callback; this module never prints.

use crate::error::{Error, Result};
use std::collections::VecDeque;
use std::io::Read;
use std::time::{Duration, Instant};

/// How patient to be with a server.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    /// Attempts after the first, on 429, 5xx and connection failures.
    pub retries: u32,
    /// First wait between attempts; doubled each time (capped at 60 s) unless the server says
    /// how long with `Retry-After` (capped at 300 s).
    pub backoff: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(2),
        }
    }
}

/// At most `count` requests in any `window` (a sliding window of request start times).
#[derive(Debug, Clone)]
pub struct RateLimit {
    pub count: usize,
    pub window: Duration,
}

/// The OECD Data Explorer API's published limits: 20 queries a minute and 60 data downloads an
/// hour ("API best practices and recommendations", OECD data explainer, 2024-11, as updated).
pub fn oecd_limits() -> Vec<RateLimit> {
    vec![
        RateLimit {
            count: 20,
            window: Duration::from_secs(60),
        },
        RateLimit {
            count: 60,
            window: Duration::from_secs(3600),
        },
    ]
}

/// How long to wait before one more request may start, given the start times of earlier ones.
pub fn wait_needed(starts: &VecDeque<Instant>, limits: &[RateLimit], now: Instant) -> Duration {
    let mut wait = Duration::ZERO;
    for l in limits {
        let recent: Vec<&Instant> = starts
            .iter()
            .filter(|s| now.duration_since(**s) < l.window)
            .collect();
        if l.count > 0 && recent.len() >= l.count {
            // The request that must leave the window first.
            let oldest = recent[recent.len() - l.count];
            let free_at = *oldest + l.window;
            wait = wait.max(free_at.saturating_duration_since(now));
        }
    }
    wait
}

/// What the progress callback is told.
#[derive(Debug, Clone)]
pub enum Progress<'a> {
    /// A request is starting (attempt 1, 2, …).
    Request { url: &'a str, attempt: u32 },
    /// Body bytes received so far, and the announced length.
    Bytes { received: u64, total: Option<u64> },
    /// Waiting before the next attempt, and why.
    Waiting { seconds: f64, why: String },
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub url: String,
    pub body: Vec<u8>,
}

/// A blocking HTTP client with retries and an optional rate limit.
pub struct Client {
    agent: ureq::Agent,
    settings: HttpSettings,
    limits: Vec<RateLimit>,
    starts: VecDeque<Instant>,
    /// Requests made, retries included.
    pub requests: u32,
    /// Attempts that were retried.
    pub retried: u32,
}

/// Bodies larger than this are refused (no indicator download comes near it).
const MAX_BODY: u64 = 512 << 20;

impl Client {
    pub fn new(settings: HttpSettings, limits: Vec<RateLimit>) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("innodex/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client {
            agent,
            settings,
            limits,
            starts: VecDeque::new(),
            requests: 0,
            retried: 0,
        }
    }

    /// GETs `url`, retrying on 429, 5xx and failed connections; any other status, a timeout on
    /// the last attempt or a short body is an error naming the URL.
    pub fn get(&mut self, url: &str, progress: &mut dyn FnMut(Progress)) -> Result<Fetched> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let wait = wait_needed(&self.starts, &self.limits, Instant::now());
            if !wait.is_zero() {
                progress(Progress::Waiting {
                    seconds: wait.as_secs_f64(),
                    why: "the service's published rate limit".into(),
                });
                std::thread::sleep(wait);
            }
            self.starts.push_back(Instant::now());
            while self.starts.len() > 1000 {
                self.starts.pop_front();
            }
            self.requests += 1;
            progress(Progress::Request { url, attempt });
            let outcome = self.once(url, progress);
            let last = attempt > self.settings.retries;
            match outcome {
                Ok(f) => return Ok(f),
                Err(Failure::Final(e)) => return Err(e),
                Err(Failure::Retry { message, after }) if !last => {
                    self.retried += 1;
                    let doubled = self
                        .settings
                        .backoff
                        .saturating_mul(1 << (attempt - 1).min(10))
                        .min(Duration::from_secs(60));
                    let wait = after
                        .map(|a| a.min(Duration::from_secs(300)))
                        .unwrap_or(doubled);
                    progress(Progress::Waiting {
                        seconds: wait.as_secs_f64(),
                        why: message,
                    });
                    std::thread::sleep(wait);
                }
                Err(Failure::Retry { message, .. }) => {
                    let tries = if attempt == 1 {
                        String::new()
                    } else {
                        format!(" (gave up after {attempt} attempts)")
                    };
                    return Err(fetch_error(url, &format!("{message}{tries}")));
                }
            }
        }
    }

    fn once(
        &self,
        url: &str,
        progress: &mut dyn FnMut(Progress),
    ) -> std::result::Result<Fetched, Failure> {
        let mut resp = match self.agent.get(url).call() {
            Ok(r) => r,
            Err(e) => {
                let message = transport_message(&e, self.settings.timeout);
                return Err(if retryable_transport(&e) {
                    Failure::Retry {
                        message,
                        after: None,
                    }
                } else {
                    Failure::Final(fetch_error(url, &message))
                });
            }
        };
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
        };
        let retry_after = header("retry-after")
            .and_then(|s| s.parse::<u64>().ok())
            .map(Duration::from_secs);
        if status != 200 {
            let reason = resp
                .status()
                .canonical_reason()
                .map(|r| format!(" {r}"))
                .unwrap_or_default();
            let snippet = read_snippet(resp.body_mut().as_reader());
            let message = format!("HTTP {status}{reason}{snippet}");
            return Err(if status == 429 || (500..600).contains(&status) {
                Failure::Retry {
                    message,
                    after: retry_after,
                }
            } else {
                Failure::Final(fetch_error(url, &message))
            });
        }
        let total = resp.body().content_length();
        let mut reader = resp.body_mut().with_config().limit(MAX_BODY).reader();
        let mut body = Vec::with_capacity(total.unwrap_or(1 << 16).min(MAX_BODY) as usize);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    body.extend_from_slice(&buf[..n]);
                    progress(Progress::Bytes {
                        received: body.len() as u64,
                        total,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let message = format!(
                        "HTTP 200, but the body broke off after {} bytes{} ({e}); nothing was written",
                        body.len(),
                        total.map(|t| format!(" of {t}")).unwrap_or_default()
                    );
                    return Err(Failure::Retry {
                        message,
                        after: None,
                    });
                }
            }
        }
        if let Some(t) = total {
            if body.len() as u64 != t {
                let message = format!(
                    "HTTP 200, but the body has {} bytes of the {t} announced (truncated); nothing was written",
                    body.len()
                );
                return Err(Failure::Retry {
                    message,
                    after: None,
                });
            }
        }
        Ok(Fetched {
            url: url.to_string(),
            body,
        })
    }
}

enum Failure {
    /// Worth another attempt (429, 5xx, connection trouble, a short body): what went wrong.
    Retry {
        message: String,
        after: Option<Duration>,
    },
    /// Retrying cannot help (404, 400, a bad URL).
    Final(Error),
}

/// `GET URL: message` as a data error (exit 1).
pub fn fetch_error(url: &str, message: &str) -> Error {
    Error::DataFile {
        file: format!("GET {url}"),
        message: message.to_string(),
    }
}

fn transport_message(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!(
            "no complete response within the {} s timeout (--timeout)",
            timeout.as_secs_f64()
        ),
        ureq::Error::Io(io) => format!("connection failed: {io}"),
        other => format!("request failed: {other}"),
    }
}

fn retryable_transport(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed
    )
}

/// The start of an error body, on one line, for the message.
fn read_snippet(reader: impl Read) -> String {
    let mut buf = Vec::new();
    let _ = reader.take(300).read_to_end(&mut buf);
    let text: String = String::from_utf8_lossy(&buf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", crate::import::text::quote(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window_waits_for_the_oldest_request_to_leave() {
        let now = Instant::now();
        let limits = vec![RateLimit {
            count: 2,
            window: Duration::from_secs(60),
        }];
        let mut starts = VecDeque::new();
        assert_eq!(wait_needed(&starts, &limits, now), Duration::ZERO);
        starts.push_back(now);
        assert_eq!(wait_needed(&starts, &limits, now), Duration::ZERO);
        starts.push_back(now + Duration::from_secs(10));
        // Two in the window: the third waits until the first is 60 s old.
        let at = now + Duration::from_secs(20);
        assert_eq!(wait_needed(&starts, &limits, at), Duration::from_secs(40));
        assert_eq!(
            wait_needed(&starts, &limits, now + Duration::from_secs(61)),
            Duration::ZERO
        );
    }

    #[test]
    fn oecd_limits_are_the_published_ones() {
        let l = oecd_limits();
        assert_eq!((l[0].count, l[0].window.as_secs()), (20, 60));
        assert_eq!((l[1].count, l[1].window.as_secs()), (60, 3600));
    }
}
