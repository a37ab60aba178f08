//! The real `strata` binary: `strata query` over pipes, and `strata demo`.
//!
//! The transcripts in `tests/data/query/*.txt` are sent to one `strata query` process
//! each, and every reply is checked (the same transcripts run through the library in
//! `query.rs`). One test talks to the process a line at a time, which only works if the
//! binary flushes after every reply.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn strata() -> Command {
    Command::new(env!("CARGO_BIN_EXE_strata"))
}

/// Runs `strata query` with `input` on stdin; returns stdout's lines.
fn run_query(input: &str) -> Vec<String> {
    let mut child = strata()
        .arg("query")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("strata starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("strata runs");
    writer.join().unwrap().expect("stdin written");
    assert!(
        out.status.success(),
        "strata query exited with {}",
        out.status
    );
    String::from_utf8(out.stdout)
        .expect("utf-8 replies")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn transcripts_through_the_binary() {
    for t in crate::query::transcripts() {
        let mut input = t.requests.join("\n");
        input.push('\n');
        let got = run_query(&input);
        if crate::query::blessing() {
            continue; // `query.rs` rewrites the files from the library's answers.
        }
        crate::query::compare(&t, &got);
    }
}

#[test]
fn bad_bytes_and_crlf_keep_the_stream_going() {
    let mut input = b"{\"op\":\"subtype\",\"a\":\"Int64\",\"b\":\"Real\"}\r\n".to_vec();
    input.extend_from_slice(b"\xff\xfe not utf-8\n");
    input.extend_from_slice(b"{\"op\":\"subtype\",\"a\":\"Real\",\"b\":\"Int64\"}");
    let got = run_query(&String::from_utf8_lossy(&input));
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], r#"{"result":true}"#);
    assert!(
        got[1].starts_with(r#"{"error":"malformed request"#),
        "{}",
        got[1]
    );
    assert_eq!(
        got[2], r#"{"result":false}"#,
        "a last line without newline is answered"
    );

    // Raw invalid UTF-8 (not the lossy replacement above) is answered too.
    let mut child = strata()
        .arg("query")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\xff\xfe\n{\"op\":\"subtype\",\"a\":\"Int64\",\"b\":\"Any\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("not valid UTF-8"), "{text}");
    assert_eq!(lines[1], r#"{"result":true}"#);
}

#[test]
fn replies_are_flushed_one_at_a_time() {
    let mut child = strata()
        .arg("query")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut reply = String::new();
    for (req, want) in [
        (
            r#"{"op":"declare","src":"abstract type Shape end"}"#,
            r#"{"ok":true}"#,
        ),
        (
            r#"{"op":"subtype","a":"Shape","b":"Any"}"#,
            r#"{"result":true}"#,
        ),
        ("oops", ""),
        (
            r#"{"op":"subtype","a":"Any","b":"Shape"}"#,
            r#"{"result":false}"#,
        ),
    ] {
        writeln!(stdin, "{req}").unwrap();
        stdin.flush().unwrap();
        reply.clear();
        stdout.read_line(&mut reply).unwrap();
        if want.is_empty() {
            assert!(reply.starts_with(r#"{"error":"#), "{reply}");
        } else {
            assert_eq!(reply.trim_end(), want);
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn demo_runs() {
    let out = strata().arg("demo").output().expect("strata demo runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("method 1: area(::Circle)") && text.contains("method 5: area(::Circle)"),
        "{text}"
    );
    assert!(
        text.contains("error: ambiguous") && text.contains("error: no method"),
        "{text}"
    );
}
