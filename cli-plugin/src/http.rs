//! The HTTP transport: sends a request exactly as the core built and signed it.

use std::time::Duration;

/// One response, as plain values for the core to parse.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// The first header with this name (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why no response arrived.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TransportError {
    /// Connecting failed or timed out.
    #[error("cannot connect to {host}: {reason}")]
    Connect { host: String, reason: String },
    /// The connection broke or timed out after the request was sent: it may have been applied.
    #[error("no response from {host}: {reason}")]
    NoResponse { host: String, reason: String },
}

/// A blocking HTTPS client (rustls with the ring provider, system proxy settings honoured).
#[derive(Debug, Clone)]
pub(crate) struct Client {
    inner: reqwest::blocking::Client,
}

impl Client {
    pub(crate) fn new(connect_timeout: Duration, read_timeout: Duration) -> anyhow::Result<Client> {
        // Installing twice is harmless: the first provider stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let inner = reqwest::blocking::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(read_timeout)
            .user_agent(concat!("aliyun-cli-rolling-update/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Client { inner })
    }

    /// Sends the request; the URL and headers go on the wire exactly as given.
    pub(crate) fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Response, TransportError> {
        let host = url.split('/').nth(2).unwrap_or(url).to_owned();
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap_or(reqwest::Method::POST);
        let mut request = self.inner.request(method, url).body(body.to_vec());
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let response = request.send().map_err(|err| {
            let reason = describe(&err);
            if err.is_connect() {
                TransportError::Connect { host: host.clone(), reason }
            } else {
                TransportError::NoResponse { host: host.clone(), reason }
            }
        })?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = response
            .bytes()
            .map_err(|err| TransportError::NoResponse { host, reason: describe(&err) })?
            .to_vec();
        Ok(Response { status, headers, body })
    }
}

/// The error and its causes in one line, without the URL (which carries a signature).
fn describe(err: &reqwest::Error) -> String {
    let mut text = if err.is_timeout() { "timed out".to_owned() } else { String::new() };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    if text.is_empty() { "request failed".to_owned() } else { text }
}
