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

/// A small text table: a header row and data rows, columns padded to their widest cell.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        Table {
            rows: vec![header.iter().map(|s| s.to_string()).collect()],
        }
    }
    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let n = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..n)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (i, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(s, &w)| format!("{s:<w$}"))
                .collect();
            writeln!(out, "  {}", cells.join("  ").trim_end())?;
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
                writeln!(out, "  {}", rule.join("  "))?;
            }
        }
        writeln!(out)
    }
}

/// The demo: declares a few types, defines methods in the global table and in an overlay
/// table, prints findall/dispatch answers with their world ranges, then redefines a
/// method and shows an old world still seeing the old one.
fn demo(out: &mut impl Write) -> anyhow::Result<()> {
    let engine = strata::Engine::new();
    let types = engine.types();
    let decls = "abstract type Shape end\nstruct Circle <: Shape; r::Float64 end\nstruct Square <: Shape; side::Float64 end";
    types
        .declare(decls)
        .map_err(|e| anyhow::anyhow!("demo declarations: {e}"))?;
    let ty = |src: &str| {
        types
            .parse(src)
            .map_err(|e| anyhow::anyhow!("demo type `{src}`: {e}"))
    };
    let show_method = |m: strata::MethodId| engine.show_method(m).unwrap_or_else(|| format!("{m}"));
    let range = |r: strata::WorldRange| match r.max {
        Some(max) => format!("[{}, {}]", r.min, max),
        None => format!("[{}, ∞)", r.min),
    };

    writeln!(out, "strata demo: Julia-style dispatch on a tiny example\n")?;
    writeln!(out, "Declared types (world {}):", engine.world())?;
    for line in decls.lines() {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;

    let mut defs = Table::new(&["method", "defined as", "table", "visible from world"]);
    for (func, sig, table) in [
        ("area", "Tuple{Shape}", None),
        ("area", "Tuple{Circle}", None),
        ("area", "Tuple{Circle}", Some("GPU")),
        ("combine", "Tuple{Circle, Shape}", None),
        ("combine", "Tuple{Shape, Circle}", None),
    ] {
        let (m, w) = engine.define(func, ty(sig)?, table)?;
        defs.row(vec![
            m.as_u32().to_string(),
            strata::engine::show_call(types, func, ty(sig)?),
            table.unwrap_or("global").to_string(),
            w.to_string(),
        ]);
    }
    writeln!(out, "Definitions (each one bumps the world):")?;
    defs.write(out)?;

    let mut finds = Table::new(&[
        "findall",
        "tables",
        "matches (most specific first)",
        "ambiguous",
        "holds for worlds",
    ]);
    for (func, sig, tables) in [
        ("area", "Tuple{Shape}", &[][..]),
        ("area", "Tuple{Square}", &[][..]),
        ("area", "Tuple{Circle}", &["GPU"][..]),
        ("combine", "Tuple{Circle, Circle}", &[][..]),
    ] {
        let found = engine.findall(func, ty(sig)?, tables, None, None)?;
        let matches = match &found.matches {
            Some(ms) => ms
                .iter()
                .map(|m| m.method.as_u32().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            None => "too many".to_string(),
        };
        let stack = if tables.is_empty() {
            "global".to_string()
        } else {
            format!("{} > global", tables.join(" > "))
        };
        finds.row(vec![
            strata::engine::show_call(types, func, ty(sig)?),
            stack,
            matches,
            found.ambig.to_string(),
            range(found.range),
        ]);
    }
    writeln!(out, "Lookups at the current world {}:", engine.world())?;
    finds.write(out)?;

    let before = engine.world();
    let (new_m, new_w) = engine.define("area", ty("Tuple{Circle}")?, None)?;
    writeln!(
        out,
        "Redefining {} in the global table: method {} from world {new_w}.\n",
        show_method(new_m),
        new_m.as_u32()
    )?;

    let mut calls = Table::new(&["call", "tables", "world", "runs"]);
    let circle = ty("Circle")?;
    let square = ty("Square")?;
    for (func, args, tables, world) in [
        ("area", vec![circle], &[][..], Some(before)),
        ("area", vec![circle], &[][..], None),
        ("area", vec![circle], &["GPU"][..], None),
        ("area", vec![square], &["GPU"][..], None),
        ("combine", vec![circle, square], &[][..], None),
        ("combine", vec![circle, circle], &[][..], None),
        ("area", vec![ty("Int64")?], &[][..], None),
    ] {
        let call = format!(
            "{func}({})",
            args.iter()
                .map(|&a| format!("::{}", types.show(a)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let runs = match engine.dispatch(func, &args, tables, world) {
            Ok(m) => format!("method {}: {}", m.as_u32(), show_method(m)),
            Err(strata::EngineError::Ambiguous { .. }) => "error: ambiguous".to_string(),
            Err(strata::EngineError::NoMethod { .. }) => "error: no method".to_string(),
            Err(e) => format!("error: {e}"),
        };
        let stack = if tables.is_empty() {
            "global".to_string()
        } else {
            format!("{} > global", tables.join(" > "))
        };
        let world = world.unwrap_or(engine.world()).to_string();
        calls.row(vec![call, stack, world, runs]);
    }
    writeln!(
        out,
        "Dispatch (world {before} still sees the old area(::Circle)):"
    )?;
    calls.write(out)?;
    let old = engine.findall("area", ty("Tuple{Circle}")?, &[], Some(before), None)?;
    let old_methods: Vec<String> = old
        .matches
        .iter()
        .flatten()
        .map(|m| m.method.as_u32().to_string())
        .collect();
    writeln!(
        out,
        "findall area(::Circle) at world {before} still answers method {}, for worlds {}: \
         the redefinition closed that answer's range.",
        old_methods.join(", "),
        range(old.range)
    )?;
    Ok(())
}
