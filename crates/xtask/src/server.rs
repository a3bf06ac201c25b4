//! `cargo xtask serve`'s static file server (std only): `dist/` on 127.0.0.1, GET and HEAD,
//! a thread per connection, `/` and folders serve `index.html`, nothing outside the folder.
//! Headers as README's hosting notes advise: the page's CSP as a header too (so
//! `frame-ancestors` applies), no caching of `index.html`, a year for the hashed `a/` folder.

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// The content type of a file by its extension.
pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ftl" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The file under `root` for a request path, or `None` when it would leave `root`.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let mut out = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

/// Serves `root` on 127.0.0.1:`port` until the process ends.
pub fn serve(root: &Path, port: u16, csp: &str) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    for stream in listener.incoming().flatten() {
        let root = root.to_path_buf();
        let csp = csp.to_string();
        std::thread::spawn(move || {
            let _ = answer(stream, &root, &csp);
        });
    }
    Ok(())
}

fn answer(mut stream: TcpStream, root: &Path, csp: &str) -> std::io::Result<()> {
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let mut words = line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let found = resolve(root, target).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)));
    let (status, kind, body, cache) = match (method, found) {
        ("GET" | "HEAD", Some((path, body))) => {
            let hashed = target.starts_with("/a/");
            let cache = if hashed {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            ("200 OK", mime(&path), body, cache)
        }
        ("GET" | "HEAD", None) => (
            "404 Not Found",
            "text/plain",
            b"not found".to_vec(),
            "no-store",
        ),
        _ => (
            "405 Method Not Allowed",
            "text/plain",
            Vec::new(),
            "no-store",
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\ncache-control: {cache}\r\n\
         content-security-policy: {csp}\r\nconnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_the_root_only() {
        let root = crate::root().join("www");
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/js/boot.js?x=1"),
            Some(root.join("js/boot.js"))
        );
        assert_eq!(resolve(&root, "/../Cargo.toml"), None);
        assert_eq!(resolve(&root, "/js/../../Cargo.toml"), None);
        assert_eq!(mime(Path::new("a/x.wasm")), "application/wasm");
    }
}
