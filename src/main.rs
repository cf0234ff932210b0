//! The `gpuplan` binary: runs the command line and maps the outcome to an exit code
//! (0 success, 1 invalid input or failed run, 2 usage error — the last from clap).

use std::io::{self, ErrorKind};
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = io::stdout();
    match gpuplan::cli::run(&mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        // `gpuplan run … | head` closing the pipe early is not a failure.
        Err(error)
            if error
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}
