//! `gpuplan watch`: the report of a scenario served on this machine (127.0.0.1 only) and drawn
//! again whenever the scenario or a file it extends is saved. The open page asks every half
//! second whether it is still current and reloads itself when not; a file with mistakes shows
//! them (at file, line and column) in place of the report until they are fixed.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::analysis::mc::Options;
use crate::export::html::escape;
use crate::lang::{fill, text as text_of};
use crate::load::Checked;

/// How often the files are read for changes.
const POLL: Duration = Duration::from_millis(250);

/// What the page asks for and shows.
#[derive(Default)]
struct Page {
    /// Counts the renders; the open page reloads when it changes.
    version: u64,
    /// The report, or the page of errors.
    html: String,
}

/// Serves the report of the scenario at `path` on 127.0.0.1:`port` (0: any free port), drawing
/// it again when its files change. Runs until stopped.
pub fn run(path: &Path, port: u16, options: Options, stdout: &mut dyn Write) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port} (--port chooses another)"))?;
    let address = listener.local_addr()?;
    let page = Arc::new(Mutex::new(Page::default()));
    let mut watched = vec![path.to_path_buf()];
    let mut seen = fingerprint(&watched);
    render(path, options, &page, &mut watched, stdout)?;
    let serving = fill(
        "watch.serving",
        &[
            ("file", &path.display().to_string()),
            ("address", &address.to_string()),
        ],
    );
    writeln!(stdout, "{serving}")?;
    stdout.flush()?;
    let served = Arc::clone(&page);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let page = Arc::clone(&served);
            std::thread::spawn(move || {
                // A browser that goes away mid-answer is no concern of the next one.
                let _ = answer(stream, &page);
            });
        }
    });
    loop {
        std::thread::sleep(POLL);
        let now = fingerprint(&watched);
        if now != seen {
            let before = watched.clone();
            render(path, options, &page, &mut watched, stdout)?;
            // What was read before drawing, so that a save while drawing is not missed; a
            // different set of files (an `extends` added) is read afresh.
            seen = if watched == before {
                now
            } else {
                fingerprint(&watched)
            };
        }
    }
}

/// Draws the page again: the report, or the scenario's errors. Watches the files it was read
/// from (the last good reading's, when it cannot be read).
fn render(
    path: &Path,
    options: Options,
    page: &Mutex<Page>,
    watched: &mut Vec<PathBuf>,
    stdout: &mut dyn Write,
) -> Result<()> {
    let html = match report(path, options) {
        Ok((html, files)) => {
            *watched = files;
            let file = path.display().to_string();
            writeln!(stdout, "{}", fill("watch.drawn", &[("file", &file)]))?;
            html
        }
        Err(error) => {
            let text = format!("{error:#}");
            let file = path.display().to_string();
            let shown = fill("watch.shown", &[("file", &file)]);
            writeln!(stdout, "{shown}\n{text}")?;
            problems(path, &text)
        }
    };
    stdout.flush()?;
    let mut page = page
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    page.version += 1;
    page.html = with_reload(&html, page.version);
    Ok(())
}

/// The report of the scenario at `path`, and the files it was read from.
fn report(path: &Path, options: Options) -> Result<(String, Vec<PathBuf>)> {
    let checked = Checked::load(path)?;
    if !checked.uncertainty.is_empty() {
        super::fits_in_memory(&checked.scenario, &checked.uncertainty, options, false)?;
    }
    let (html, _) = super::report::render(&checked, options)?;
    let files = checked
        .sources
        .files()
        .iter()
        .map(|f| f.path.clone())
        .collect();
    Ok((html, files))
}

/// The page shown while the scenario has mistakes: each, at its file, line and column (with
/// the embedded font cut to its characters, so names in Hangul draw anywhere).
fn problems(path: &Path, text: &str) -> String {
    let title = fill("watch.title", &[("file", &path.display().to_string())]);
    let (heading, fix) = (text_of("watch.heading"), text_of("watch.fix"));
    let face = crate::export::html::font_face(&format!("{title}{heading}{fix}{text}"));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{} body {{ font-family: NanumGothic, sans-serif; margin: 1rem auto; max-width: 1100px; padding: 1rem; }} pre {{ font-family: monospace, NanumGothic; background: #fff3f3; border-left: 4px solid #c62828; padding: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n<pre id=\"problems\">{}</pre>\n</body>\n</html>\n",
        crate::lang::current().code(),
        escape(&title),
        face,
        escape(heading),
        escape(fix),
        escape(text)
    )
}

/// `html` with the script that reloads it once the page at the server is no longer `version`.
fn with_reload(html: &str, version: u64) -> String {
    let script = format!(
        "<script>setInterval(() => fetch('/version', {{cache: 'no-store'}}).then(r => r.text()).then(v => {{ if (v !== '{version}') location.reload(); }}).catch(() => {{}}), 500);</script>\n"
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

/// The bytes of every watched file (a missing one reads as nothing): any save changes it.
fn fingerprint(files: &[PathBuf]) -> Vec<Option<Vec<u8>>> {
    files.iter().map(|f| std::fs::read(f).ok()).collect()
}

/// Answers one request: `/` the page, `/version` its version, anything else not found.
fn answer(stream: TcpStream, page: &Mutex<Page>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // The rest of the head, up to its blank line.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, kind, body) = {
        let page = page
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match target {
            "/" | "/index.html" => ("200 OK", "text/html; charset=utf-8", page.html.clone()),
            "/version" => ("200 OK", "text/plain", page.version.to_string()),
            _ => ("404 Not Found", "text/plain", "not found".to_string()),
        }
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}
