//! Running the two sides of a case: one process run and timed ([`Job`]), warm-ups and alternating
//! timed runs ([`alternate`]), and the medians of what was measured ([`Times`]).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Untimed runs of each side before the timed ones.
pub const WARM_UPS: usize = 3;

/// A program with its arguments and working folder, run as a whole process.
pub struct Job {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub dir: PathBuf,
}

impl Job {
    /// Runs once; the wall time, or what went wrong. With `keep`, also returns stdout.
    pub fn run(&self, keep: bool) -> Result<(Duration, String), String> {
        let start = Instant::now();
        let out = Command::new(&self.program)
            .args(&self.args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(if keep { Stdio::piped() } else { Stdio::null() })
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("{}: {e}", self.program.display()))?;
        let elapsed = start.elapsed();
        if !out.status.success() {
            return Err(format!(
                "{} exited with {}: {}",
                self.program.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok((elapsed, String::from_utf8_lossy(&out.stdout).into_owned()))
    }
}

/// Sorted wall times of one side.
pub struct Times(Vec<Duration>);

impl Times {
    fn ms(&self, i: usize) -> f64 {
        self.0[i].as_secs_f64() * 1000.0
    }
    pub fn median(&self) -> f64 {
        let n = self.0.len();
        if n % 2 == 1 {
            self.ms(n / 2)
        } else {
            (self.ms(n / 2 - 1) + self.ms(n / 2)) / 2.0
        }
    }
    pub fn min(&self) -> f64 {
        self.ms(0)
    }
    pub fn max(&self) -> f64 {
        self.ms(self.0.len() - 1)
    }
}

/// Warm-ups, then `runs` alternating timed runs of `a` and (when given) `b`.
pub fn alternate(
    a: &Job,
    b: Option<&Job>,
    runs: usize,
    show: bool,
) -> Result<(Times, Option<Result<Times, String>>), String> {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    let mut b_error = None;
    for i in 0..WARM_UPS + runs {
        let first = i == 0;
        let (t, out) = a.run(first && show)?;
        if first && show {
            println!("--- innodex {}\n{}", a.args.join(" "), head(&out));
        }
        if i >= WARM_UPS {
            ta.push(t);
        }
        if let (Some(b), None) = (b, &b_error) {
            match b.run(first && show) {
                Ok((t, out)) => {
                    if first && show {
                        println!("--- peer\n{}", head(&out));
                    }
                    if i >= WARM_UPS {
                        tb.push(t);
                    }
                }
                Err(e) => b_error = Some(e),
            }
        }
    }
    ta.sort();
    tb.sort();
    let peer = b.map(|_| match b_error {
        Some(e) => Err(e),
        None => Ok(Times(tb)),
    });
    Ok((Times(ta), peer))
}

fn head(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let mut out = lines
        .iter()
        .take(25)
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    if lines.len() > 25 {
        out.push_str(&format!("\n… ({} lines)", lines.len()));
    }
    out
}
