//! The `innodex` binary: parse the command line, run it, map the error to an exit code.

use std::io::Write;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = innodex::cli::parse();
    if let Err(e) = innodex::cli::run(cli) {
        if let innodex::Error::Io { source, .. } = &e {
            // `innodex rank … | head` closes the pipe early: not an error.
            if source.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
        let _ = writeln!(std::io::stderr(), "innodex: error: {e}");
        std::process::exit(e.exit_code());
    }
}
