//! HTTP/1.1 framing for one POST and its answer, independent of the socket:
//! the request head written into a reused buffer, the answer read from any
//! [`Wire`] (TLS or plain TCP, or a test double) into a reused buffer.
//!
//! Answers: interim 1xx answers are skipped; the body is framed by
//! `Transfer-Encoding: chunked`, `Content-Length`, or the end of the
//! connection; at most [`MAX_BODY`] bytes are accepted. A connection is
//! reusable only after an HTTP/1.1 answer that was framed exactly, without
//! `Connection: close`, and with nothing left over.

use std::io::{self, Write as _};
use std::time::Instant;

/// Largest response body we read; IOTPay answers are a few KiB.
pub const MAX_BODY: usize = 1 << 20;
/// Largest response head (status line and headers).
const MAX_HEAD: usize = 64 << 10;
/// Most headers an answer may have.
const MAX_HEADERS: usize = 100;
/// Bytes asked from the wire per read (a stack buffer).
const READ_CHUNK: usize = 8 << 10;

/// Where answer bytes come from.
pub trait Wire {
    /// Reads some bytes into `buf` before `deadline`; `Ok(0)` is the end of
    /// the stream. A passed deadline is an error of kind `TimedOut`.
    fn read_some(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize>;
}

/// Why an answer could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The deadline passed.
    Timeout,
    /// The connection ended before the answer was complete.
    Closed,
    /// A socket or TLS error.
    Io(io::Error),
    /// Not HTTP/1.x as we accept it.
    Malformed(&'static str),
    /// The body is larger than [`MAX_BODY`].
    TooLarge,
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ReadError::Timeout,
            io::ErrorKind::UnexpectedEof => ReadError::Closed,
            _ => ReadError::Io(e),
        }
    }
}

pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    /// The connection may carry another request.
    pub reusable: bool,
}

/// The request method: `POST` with a body, or `GET` (query in the target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Post,
    Get,
}

/// Writes a complete POST request (head and body) into `out`, replacing
/// its contents. `host` and `port` make the `Host` header (the port when
/// the URL names it), `target` is the path and query.
#[cfg(test)]
pub fn write_post(
    out: &mut Vec<u8>,
    host: &str,
    port: Option<u16>,
    target: &str,
    content_type: &str,
    body: &[u8],
) {
    write_request(
        out,
        Method::Post,
        host,
        port,
        target,
        &[],
        Some(content_type),
        body,
    );
}

/// Writes a complete request into `out`, replacing its contents: the
/// method, `headers` (name, value) after the fixed ones, a `content-type`
/// when given, and a `content-length` and body for a POST. Header values
/// must come from the caller's own code, never from the outside: a CR or
/// LF in one is dropped so that no value can add a header line.
#[allow(clippy::too_many_arguments)]
pub fn write_request(
    out: &mut Vec<u8>,
    method: Method,
    host: &str,
    port: Option<u16>,
    target: &str,
    headers: &[(&str, &str)],
    content_type: Option<&str>,
    body: &[u8],
) {
    out.clear();
    let extra: usize = headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    out.reserve(160 + host.len() + target.len() + extra + body.len());
    out.extend_from_slice(match method {
        Method::Post => b"POST ".as_slice(),
        Method::Get => b"GET ".as_slice(),
    });
    out.extend_from_slice(target.as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\nhost: ");
    out.extend_from_slice(host.as_bytes());
    // Writing into a Vec cannot fail.
    if let Some(p) = port {
        let _ = write!(out, ":{p}");
    }
    out.extend_from_slice(USER_AGENT_LINE.as_bytes());
    out.extend_from_slice(b"accept: */*\r\n");
    for (name, value) in headers {
        header_line(out, name, value);
    }
    if let Some(ct) = content_type {
        header_line(out, "content-type", ct);
    }
    if method == Method::Post {
        let _ = write!(out, "content-length: {}\r\n", body.len());
    }
    out.extend_from_slice(b"\r\n");
    if method == Method::Post {
        out.extend_from_slice(body);
    }
}

fn header_line(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend(name.bytes().filter(|b| !matches!(b, b'\r' | b'\n' | b':')));
    out.extend_from_slice(b": ");
    out.extend(value.bytes().filter(|b| !matches!(b, b'\r' | b'\n')));
    out.extend_from_slice(b"\r\n");
}

const USER_AGENT_LINE: &str = concat!(
    "\r\nuser-agent: iotpay-php/",
    env!("CARGO_PKG_VERSION"),
    "\r\n"
);

/// How the body of an answer is delimited.
enum Framing {
    Length(usize),
    Chunked,
    UntilClose,
}

/// Reads one answer. `buf` is the connection's read buffer: empty on entry,
/// left empty (capacity kept) on success.
pub fn read_answer<W: Wire>(
    wire: &mut W,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<Answer, ReadError> {
    debug_assert!(buf.is_empty());
    loop {
        let (head_len, status, framing, keep_alive) = read_head(wire, buf, deadline)?;
        if (100..200).contains(&status) {
            if status == 101 {
                return Err(ReadError::Malformed("unexpected protocol switch"));
            }
            // An interim answer (e.g. 100 Continue): the real one follows.
            buf.drain(..head_len);
            continue;
        }
        let (body, exact) = match framing {
            Framing::Length(n) => (read_length(wire, buf, head_len, n, deadline)?, true),
            Framing::Chunked => (read_chunked(wire, buf, head_len, deadline)?, true),
            Framing::UntilClose => (read_to_close(wire, buf, head_len, deadline)?, false),
        };
        // Anything left after the answer means we are out of step with the server.
        let reusable = keep_alive && exact && buf.is_empty();
        buf.clear();
        return Ok(Answer {
            status,
            body,
            reusable,
        });
    }
}

/// Reads a proxy's answer to `CONNECT` (head only: a 2xx answer has no
/// body, and the tunnel starts right after it). Returns the status.
pub fn read_tunnel_answer<W: Wire>(
    wire: &mut W,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<u16, ReadError> {
    debug_assert!(buf.is_empty());
    let (head_len, status, _, _) = read_head(wire, buf, deadline)?;
    // Nothing may follow before our TLS hello has been answered.
    let clean = buf.len() == head_len;
    buf.clear();
    if (200..300).contains(&status) && !clean {
        return Err(ReadError::Malformed("bytes after the proxy's answer"));
    }
    Ok(status)
}

/// Reads more bytes onto the end of `buf`; end of stream is `Closed`.
fn fill<W: Wire>(wire: &mut W, buf: &mut Vec<u8>, deadline: Instant) -> Result<(), ReadError> {
    let mut chunk = [0u8; READ_CHUNK];
    match wire.read_some(&mut chunk, deadline)? {
        0 => Err(ReadError::Closed),
        n => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(())
        }
    }
}

fn read_head<W: Wire>(
    wire: &mut W,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<(usize, u16, Framing, bool), ReadError> {
    loop {
        if !buf.is_empty() {
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut resp = httparse::Response::new(&mut headers);
            match resp.parse(buf) {
                Ok(httparse::Status::Complete(n)) => {
                    let status = resp.code.ok_or(ReadError::Malformed("no status code"))?;
                    let http11 = resp.version == Some(1);
                    let (framing, close) = framing(status, resp.headers)?;
                    return Ok((n, status, framing, http11 && !close));
                }
                Ok(httparse::Status::Partial) => {
                    if buf.len() > MAX_HEAD {
                        return Err(ReadError::Malformed("answer head too large"));
                    }
                }
                Err(httparse::Error::TooManyHeaders) => {
                    return Err(ReadError::Malformed("too many headers"))
                }
                Err(_) => return Err(ReadError::Malformed("not an HTTP/1.x answer")),
            }
        }
        fill(wire, buf, deadline)?;
    }
}

/// The body framing and whether the server closes the connection.
fn framing(status: u16, headers: &[httparse::Header<'_>]) -> Result<(Framing, bool), ReadError> {
    let mut length: Option<usize> = None;
    let mut chunked = false;
    let mut other_coding = false;
    let mut close = false;
    for h in headers {
        if h.name.eq_ignore_ascii_case("content-length") {
            let v = std::str::from_utf8(h.value)
                .map_err(|_| ReadError::Malformed("bad Content-Length"))?
                .trim();
            if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ReadError::Malformed("bad Content-Length"));
            }
            // Anything longer than the cap is refused as too large.
            let n = v.parse::<usize>().unwrap_or(usize::MAX);
            if length.is_some_and(|l| l != n) {
                return Err(ReadError::Malformed("conflicting Content-Length"));
            }
            length = Some(n);
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            // Only the last coding decides whether the body is chunked.
            for coding in h.value.split(|b| *b == b',') {
                let c = trim(coding);
                if c.is_empty() {
                    continue;
                }
                chunked = c.eq_ignore_ascii_case(b"chunked");
                other_coding |= !chunked;
            }
        } else if h.name.eq_ignore_ascii_case("connection") {
            close |= h
                .value
                .split(|b| *b == b',')
                .any(|t| trim(t).eq_ignore_ascii_case(b"close"));
        }
    }
    if status == 204 || status == 304 {
        return Ok((Framing::Length(0), close));
    }
    if chunked {
        // RFC 9112 §6.3: Transfer-Encoding wins over Content-Length; such an
        // answer must not leave the connection open for another request.
        return Ok((Framing::Chunked, close || length.is_some() || other_coding));
    }
    if other_coding {
        return Ok((Framing::UntilClose, true));
    }
    match length {
        Some(n) if n > MAX_BODY => Err(ReadError::TooLarge),
        Some(n) => Ok((Framing::Length(n), close)),
        None => Ok((Framing::UntilClose, true)),
    }
}

fn trim(v: &[u8]) -> &[u8] {
    let s = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let e = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(s, |i| i + 1);
    &v[s..e]
}

fn read_length<W: Wire>(
    wire: &mut W,
    buf: &mut Vec<u8>,
    head: usize,
    n: usize,
    deadline: Instant,
) -> Result<Vec<u8>, ReadError> {
    while buf.len() < head + n {
        fill(wire, buf, deadline)?;
    }
    let body = buf[head..head + n].to_vec();
    buf.drain(..head + n);
    Ok(body)
}

fn read_to_close<W: Wire>(
    wire: &mut W,
    buf: &mut Vec<u8>,
    head: usize,
    deadline: Instant,
) -> Result<Vec<u8>, ReadError> {
    loop {
        match fill(wire, buf, deadline) {
            Ok(()) => {}
            Err(ReadError::Closed) => break,
            Err(e) => return Err(e),
        }
        if buf.len() - head > MAX_BODY {
            return Err(ReadError::TooLarge);
        }
    }
    let body = buf[head..].to_vec();
    buf.clear();
    Ok(body)
}

fn read_chunked<W: Wire>(
    wire: &mut W,
    buf: &mut Vec<u8>,
    head: usize,
    deadline: Instant,
) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut pos = head;
    loop {
        // Chunk size line.
        let (line, size) = loop {
            match httparse::parse_chunk_size(&buf[pos..]) {
                Ok(httparse::Status::Complete(v)) => break v,
                Ok(httparse::Status::Partial) => {
                    if buf.len() - pos > 4096 {
                        return Err(ReadError::Malformed("chunk size line too long"));
                    }
                    fill(wire, buf, deadline)?;
                }
                Err(_) => return Err(ReadError::Malformed("bad chunk size")),
            }
        };
        pos += line;
        if size == 0 {
            break;
        }
        let size = usize::try_from(size).map_err(|_| ReadError::TooLarge)?;
        if size > MAX_BODY - body.len() {
            return Err(ReadError::TooLarge);
        }
        while buf.len() < pos + size + 2 {
            fill(wire, buf, deadline)?;
        }
        body.extend_from_slice(&buf[pos..pos + size]);
        if &buf[pos + size..pos + size + 2] != b"\r\n" {
            return Err(ReadError::Malformed("chunk not followed by CRLF"));
        }
        pos += size + 2;
        // Keep the buffer from holding the whole answer twice.
        if pos > READ_CHUNK {
            buf.drain(..pos);
            pos = 0;
        }
    }
    // Trailer fields, then the empty line.
    loop {
        match find_crlf(&buf[pos..]) {
            Some(0) => {
                pos += 2;
                break;
            }
            Some(i) => pos += i + 2,
            None => {
                if buf.len() - pos > MAX_HEAD {
                    return Err(ReadError::Malformed("trailer too large"));
                }
                fill(wire, buf, deadline)?;
            }
        }
    }
    buf.drain(..pos);
    Ok(body)
}

fn find_crlf(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Hands out the given pieces one read at a time, then end of stream.
    struct Pieces(Vec<Vec<u8>>);

    impl Wire for Pieces {
        fn read_some(&mut self, buf: &mut [u8], _: Instant) -> io::Result<usize> {
            if self.0.is_empty() {
                return Ok(0);
            }
            let p = &mut self.0[0];
            let n = p.len().min(buf.len());
            buf[..n].copy_from_slice(&p[..n]);
            p.drain(..n);
            if p.is_empty() {
                self.0.remove(0);
            }
            Ok(n)
        }
    }

    fn read(pieces: &[&[u8]]) -> (Result<Answer, ReadError>, Vec<u8>) {
        let mut w = Pieces(pieces.iter().map(|p| p.to_vec()).collect());
        let mut buf = Vec::new();
        let r = read_answer(&mut w, &mut buf, Instant::now() + Duration::from_secs(5));
        (r, buf)
    }

    fn ok(pieces: &[&[u8]]) -> Answer {
        read(pieces).0.unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn request_head() {
        let mut out = b"stale".to_vec();
        write_post(
            &mut out,
            "h",
            Some(8443),
            "/v1/x?a=b",
            "application/json",
            b"{}",
        );
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("POST /v1/x?a=b HTTP/1.1\r\nhost: h:8443\r\nuser-agent: iotpay-php/"));
        assert!(s.ends_with(
            "\r\naccept: */*\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"
        ));
    }

    #[test]
    fn get_head_with_headers_and_no_body() {
        let mut out = Vec::new();
        write_request(
            &mut out,
            Method::Get,
            "h",
            None,
            "/v1/transaction/query?appId=a",
            &[
                ("authorization", "Bearer k"),
                ("x-evil", "a\r\nx-injected: 1"),
            ],
            None,
            b"ignored",
        );
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("GET /v1/transaction/query?appId=a HTTP/1.1\r\nhost: h\r\n"));
        assert!(s.contains("\r\nauthorization: Bearer k\r\n"));
        // A line break in a value cannot start a header of its own.
        assert!(s.contains("\r\nx-evil: ax-injected: 1\r\n"));
        assert!(!s.contains("content-length"));
        assert!(s.ends_with("\r\n\r\n"));
    }

    #[test]
    fn content_length_in_pieces() {
        let a = ok(&[
            b"HTTP/1.1 200 OK\r\nContent-Le",
            b"ngth: 5\r\n\r\nhe",
            b"llo",
        ]);
        assert_eq!(
            (a.status, a.body.as_slice(), a.reusable),
            (200, &b"hello"[..], true)
        );
    }

    #[test]
    fn connection_close_and_http10_are_not_reused() {
        assert!(
            !ok(&[
                b"HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n"
            ])
            .reusable
        );
        assert!(!ok(&[b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"]).reusable);
    }

    #[test]
    fn chunked_with_extensions_and_trailers() {
        let a = ok(&[
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n",
            b"A\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n",
        ]);
        assert_eq!(a.body, b"abc0123456789");
        assert!(a.reusable);
        let a = ok(&[b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"]);
        assert!(a.body.is_empty() && !a.reusable);
    }

    #[test]
    fn chunked_byte_by_byte() {
        let all = b"HTTP/1.1 500 Oops\r\ntransfer-encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";
        let pieces: Vec<&[u8]> = all.chunks(1).collect();
        let a = ok(&pieces);
        assert_eq!(
            (a.status, a.body.as_slice(), a.reusable),
            (500, &b"hi"[..], true)
        );
    }

    #[test]
    fn until_close() {
        let a = ok(&[b"HTTP/1.1 200 OK\r\n\r\nabc", b"def"]);
        assert_eq!((a.body.as_slice(), a.reusable), (&b"abcdef"[..], false));
    }

    #[test]
    fn interim_answers_are_skipped() {
        let a = ok(&[
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx",
        ]);
        assert_eq!((a.status, a.body.as_slice()), (201, &b"x"[..]));
        assert!(matches!(
            read(&[b"HTTP/1.1 101 Switching\r\n\r\n"]).0,
            Err(ReadError::Malformed(_))
        ));
    }

    #[test]
    fn tunnel_answers() {
        let mut buf = Vec::new();
        let mut w = Pieces(vec![b"HTTP/1.1 200 Connection established\r\n\r\n".to_vec()]);
        let d = Instant::now() + Duration::from_secs(5);
        assert_eq!(read_tunnel_answer(&mut w, &mut buf, d).unwrap(), 200);
        let mut w = Pieces(vec![
            b"HTTP/1.1 407 Auth\r\nContent-Length: 2\r\n\r\nno".to_vec()
        ]);
        assert_eq!(read_tunnel_answer(&mut w, &mut buf, d).unwrap(), 407);
        let mut w = Pieces(vec![b"HTTP/1.1 200 OK\r\n\r\nextra".to_vec()]);
        assert!(matches!(
            read_tunnel_answer(&mut w, &mut buf, d),
            Err(ReadError::Malformed(_))
        ));
    }

    #[test]
    fn no_body_statuses() {
        let a = ok(&[b"HTTP/1.1 204 No Content\r\n\r\n"]);
        assert!(a.body.is_empty() && a.reusable);
    }

    #[test]
    fn leftover_bytes_make_it_unreusable() {
        let a = ok(&[b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1"]);
        assert_eq!(a.body, b"x");
        assert!(!a.reusable);
    }

    #[test]
    fn truncated_answers_are_closed() {
        for p in [
            &b""[..],
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n",
        ] {
            assert!(matches!(read(&[p]).0, Err(ReadError::Closed)), "{p:?}");
        }
    }

    #[test]
    fn malformed_answers() {
        for p in [
            &b"SSH-2.0-OpenSSH\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc",
        ] {
            assert!(
                matches!(read(&[p]).0, Err(ReadError::Malformed(_))),
                "{p:?}"
            );
        }
        let many = format!(
            "HTTP/1.1 200 OK\r\n{}\r\n",
            "a: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert!(matches!(
            read(&[many.as_bytes()]).0,
            Err(ReadError::Malformed(_))
        ));
    }

    #[test]
    fn body_cap() {
        let big = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert!(matches!(
            read(&[big.as_bytes()]).0,
            Err(ReadError::TooLarge)
        ));
        let huge = b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n";
        assert!(matches!(read(&[huge]).0, Err(ReadError::TooLarge)));
        let exact = format!("HTTP/1.1 200 OK\r\nContent-Length: {MAX_BODY}\r\n\r\n");
        let body = vec![b'x'; MAX_BODY];
        assert_eq!(ok(&[exact.as_bytes(), &body]).body.len(), MAX_BODY);
        // Chunked and until-close answers are counted as they arrive.
        let chunk = format!("{:x}\r\n", MAX_BODY / 2 + 1);
        let mut chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for _ in 0..2 {
            chunked.extend_from_slice(chunk.as_bytes());
            chunked.extend_from_slice(&vec![b'y'; MAX_BODY / 2 + 1]);
            chunked.extend_from_slice(b"\r\n");
        }
        assert!(matches!(read(&[&chunked]).0, Err(ReadError::TooLarge)));
        let mut open = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
        open.extend_from_slice(&vec![b'z'; MAX_BODY + READ_CHUNK + 1]);
        assert!(matches!(read(&[&open]).0, Err(ReadError::TooLarge)));
    }
}
