//! The `strata` command-line tool: argument parsing lives in `cli.rs`, the protocol in
//! the library (`strata::query`). This file only turns an error into an exit status.

mod cli;

fn main() -> std::process::ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
