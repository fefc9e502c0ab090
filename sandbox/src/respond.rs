//! Response helpers shared by every provider: the request-log fields an
//! endpoint attaches to its response, a JSON answer (whole, or cut in half by
//! the `malformed_json` fault), and the HTML 5xx page a reverse proxy would
//! serve.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Fields for the single request log line, attached to the response.
#[derive(Debug, Clone, Default)]
pub struct LogInfo {
    pub endpoint: &'static str,
    pub mch_id: Option<String>,
    pub outcome: &'static str,
    pub fault: Option<&'static str>,
}

/// Attaches the request-log fields to a response.
pub fn with_info(mut resp: Response, info: LogInfo) -> Response {
    resp.extensions_mut().insert(info);
    resp
}

/// An HTML 5xx page like a reverse proxy would serve (D8: outcome unknown).
pub fn html_error(code: u16) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    let html = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html")
        .body(Body::from(html))
        .unwrap_or_else(|_| status.into_response())
}

/// A JSON API answer; with the `malformed_json` fault, cut at half its length
/// (on a character boundary), as a connection dropped mid-body would leave it.
pub fn json_answer(mut text: String, malformed: bool) -> Response {
    if malformed {
        let cut = text
            .char_indices()
            .map(|(i, _)| i)
            .take_while(|i| *i <= text.len() / 2)
            .last()
            .unwrap_or(0);
        text.truncate(cut);
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        text,
    )
        .into_response()
}
