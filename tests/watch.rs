//! `gpuplan watch` in a real browser: headless Chromium keeps the served page open while the
//! scenario is edited; the page's title, as Chromium's DevTools list reports it, shows the
//! open page reloading itself — to the edited report, to the mistakes of a broken edit, and
//! back to the report once fixed. Without a browser this test fails: it does not skip.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{browser, repo};

/// Kills the child when dropped, so a failed assertion leaves no server or browser behind.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The body of `GET path` at 127.0.0.1:`port`, read to its `Content-Length` (DevTools keeps
/// the connection open).
fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server listens");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 2 {
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
        line.clear();
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    String::from_utf8(body).unwrap()
}

/// The first line of `reader` containing `marker`, read for at most 30 s.
fn line_with(reader: &mut impl BufRead, marker: &str) -> String {
    let start = Instant::now();
    let mut line = String::new();
    while start.elapsed() < Duration::from_secs(30) {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if line.contains(marker) {
            return line;
        }
    }
    panic!("no line with {marker:?}");
}

/// The port in "127.0.0.1:PORT" within `line`.
fn port_in(line: &str) -> u16 {
    let at = line.find("127.0.0.1:").unwrap() + "127.0.0.1:".len();
    let digits: String = line[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

/// Waits (up to 30 s) until the open page's title, as DevTools lists it, contains `text`.
fn title_becomes(devtools: u16, text: &str) {
    let start = Instant::now();
    let mut list = String::new();
    while start.elapsed() < Duration::from_secs(30) {
        list = get(devtools, "/json/list");
        if list.contains(text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the open page's title never showed {text:?}:\n{list}");
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} not in the file");
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_open_page_follows_the_file_through_a_mistake_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("phase1.toml");
    std::fs::copy(repo("scenarios/k-cloud-phase1.toml"), &scenario).unwrap();
    let mut server = Killed(
        Command::new(env!("CARGO_BIN_EXE_gpuplan"))
            .args(["watch", "--port", "0"])
            .arg(&scenario)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut out = BufReader::new(server.0.stdout.take().unwrap());
    let port = port_in(&line_with(&mut out, "Serving"));
    // Its log is read on, so a full pipe never stalls the server.
    std::thread::spawn(move || for _ in out.lines() {});
    assert!(get(port, "/").contains("K-Cloud phase 1 NPU farms"));

    let mut chromium = Killed(
        Command::new(browser())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .arg("--remote-debugging-port=0")
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("http://127.0.0.1:{port}/"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut err = BufReader::new(chromium.0.stderr.take().unwrap());
    let devtools = port_in(&line_with(&mut err, "DevTools listening on ws://"));
    std::thread::spawn(move || for _ in err.lines() {});
    title_becomes(devtools, "K-Cloud phase 1 NPU farms — gpuplan report");

    edit(
        &scenario,
        "name = \"K-Cloud phase 1 NPU farms\"",
        "name = \"Phase 1, edited\"",
    );
    title_becomes(devtools, "Phase 1, edited — gpuplan report");

    // A mistake: the page shows it, at its file, line and column, instead of the report.
    edit(
        &scenario,
        "name = \"Phase 1, edited\"",
        "name = \"Phase 1, edited\"\nmonths = \"many\"",
    );
    title_becomes(devtools, "mistakes to fix");
    let page = get(port, "/");
    let located = format!("{}:18:", scenario.display());
    assert!(page.contains(&located), "no {located:?} in\n{page}");

    edit(&scenario, "\nmonths = \"many\"", "");
    title_becomes(devtools, "Phase 1, edited — gpuplan report");
    drop(chromium);
    drop(server);
}
