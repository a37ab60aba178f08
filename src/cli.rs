//! The `strata` subcommands: `query` (the JSON-lines protocol on stdin/stdout) and `demo`
//! (a short tour of the dispatch core on a built-in example).
//!
//! This is the only place (with `main.rs`) that uses clap and anyhow; the library returns
//! typed errors. `query` is a thin frame around [`strata::query::Session`]: read a line,
//! answer it, write the reply and flush (the protocol is used interactively). Read
//! `src/query.rs` next.

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::io::{BufRead, Write};

/// strata: Julia-grade method-table dispatch (type lattice, world-versioned tables,
/// stacked lookup).
#[derive(Parser, Debug)]
#[command(name = "strata", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Answer JSON-lines requests on stdin, one reply line per request on stdout.
    ///
    /// Example: echo '{"op":"subtype","a":"Int64","b":"Real"}' | strata query
    Query,
    /// Print a short demo of the dispatch core on a built-in example.
    Demo,
}

/// Parses the command line and runs the chosen subcommand.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Query => {
            let stdin = std::io::stdin().lock();
            let stdout = std::io::stdout().lock();
            query(stdin, stdout)
        }
        Command::Demo => {
            let mut stdout = std::io::stdout().lock();
            demo(&mut stdout).context("writing the demo")
        }
    }
}

/// Runs the protocol over `input`/`output` until end of input. A line that is not UTF-8
/// gets an error reply like any other bad request; a closed output ends quietly.
fn query(mut input: impl BufRead, mut output: impl Write) -> anyhow::Result<()> {
    let session = strata::query::Session::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .context("reading a request from stdin")?;
        if n == 0 {
            return Ok(());
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let reply = match std::str::from_utf8(&buf) {
            Ok(line) => session.reply(line),
            Err(e) => Some(format!(
                "{{\"error\":{}}}",
                serde_json::Value::from(format!(
                    "malformed request: the line is not valid UTF-8 ({e}); send UTF-8 JSON"
                ))
            )),
        };
        if let Some(reply) = reply {
            let written = writeln!(output, "{reply}").and_then(|()| output.flush());
            match written {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(e).context("writing a reply to stdout"),
            }
        }
    }
}

/// The demo: declares a few types and prints lattice answers as a table.
fn demo(out: &mut impl Write) -> anyhow::Result<()> {
    let session = strata::query::Session::new();
    let types = session.types();
    types
        .declare("abstract type Shape end; struct Circle <: Shape; r::Float64 end; struct Square <: Shape; side::Float64 end")
        .map_err(|e| anyhow::anyhow!("demo declarations: {e}"))?;
    writeln!(
        out,
        "Types: abstract type Shape end; struct Circle <: Shape; struct Square <: Shape"
    )?;
    writeln!(out)?;
    writeln!(out, "{:<34} {:<34} {:<8}", "a", "b", "a <: b")?;
    for (a, b) in [
        ("Circle", "Shape"),
        ("Shape", "Circle"),
        ("Tuple{Circle, Int64}", "Tuple{Shape, Real}"),
    ] {
        let (ta, tb) = (types.parse(a)?, types.parse(b)?);
        writeln!(out, "{:<34} {:<34} {:<8}", a, b, types.subtype(ta, tb))?;
    }
    Ok(())
}
