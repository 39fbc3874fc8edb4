//! HTTP transport: sends a signed request as it is and reports whether a failure happened
//! before the request left (safe to resend) or after (it may have been applied).

use std::time::Duration;

use rolling_update_core::i18n::Text;
use rolling_update_core::t;

/// A response: status, headers (lowercase names) and body.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// A header's value by name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why no response arrived. Its `Display` is the English of [`SendError::text`].
#[derive(Debug)]
pub(crate) enum SendError {
    /// The request never left (no connection): resending is always safe.
    Connect { host: String, reason: String },
    /// The request may have arrived but no answer came back (a dropped connection).
    NoResponse { host: String, reason: String },
    /// The endpoint accepted the connection but sent no answer in time. Not retried: an
    /// endpoint that said nothing for the whole read timeout rarely answers the next time, and
    /// the user should hear about it within one timeout, not four.
    TimedOut { host: String, seconds: u64, reason: String },
    /// The request could not be built (e.g. an endpoint URL no HTTP client accepts). Never
    /// retried: it would fail the same way every time.
    Build { host: String, reason: String },
}

rolling_update_core::display_as_text!(SendError);

impl std::error::Error for SendError {}

impl SendError {
    /// The error for a person, in any language (the reason, the HTTP client's, stays as it
    /// is).
    pub(crate) fn text(&self) -> Text {
        match self {
            SendError::Connect { host, reason } => {
                t!("plugin.send.connect", host = host, reason = reason)
            }
            SendError::NoResponse { host, reason } => {
                t!("plugin.send.no_response", host = host, reason = reason)
            }
            SendError::TimedOut { host, seconds, reason } => {
                t!("plugin.send.timed_out", host = host, seconds = seconds, reason = reason)
            }
            SendError::Build { host, reason } => {
                t!("plugin.send.build", host = host, reason = reason)
            }
        }
    }

    /// Whether sending again may succeed. `resend_safe`: whether the request may be applied
    /// twice without harm (it may have been applied when no answer came back).
    pub(crate) fn retryable(&self, resend_safe: bool) -> bool {
        match self {
            SendError::Connect { .. } => true,
            SendError::NoResponse { .. } => resend_safe,
            SendError::TimedOut { .. } | SendError::Build { .. } => false,
        }
    }
}

/// A blocking client with connect and read timeouts.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    inner: reqwest::blocking::Client,
    /// Connect plus read timeout: the longest one attempt takes.
    limit: Duration,
    /// Why https cannot be verified here (a machine without CA certificates, such as a bare
    /// container), when it cannot; plain http to a loopback simulator still works there.
    no_tls: Option<String>,
}

impl Client {
    /// A client with these timeouts.
    pub(crate) fn new(
        connect: Duration,
        read: Duration,
        user_agent: &str,
    ) -> anyhow::Result<Client> {
        // rustls needs a process-wide crypto provider; installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let builder = || {
            reqwest::blocking::Client::builder()
                .tls_backend_rustls()
                .connect_timeout(connect)
                .timeout(read + connect)
                .user_agent(user_agent)
                .redirect(reqwest::redirect::Policy::none())
        };
        match builder().build() {
            Ok(inner) => Ok(Client { inner, limit: read + connect, no_tls: None }),
            Err(err) => {
                // Without the system's CA certificates no https call can be trusted; an http
                // call (the simulator, `demo`) needs none, so only https is refused, per call.
                let reason = describe(&err);
                let inner = builder().tls_certs_only(Vec::new()).build().map_err(|_| err)?;
                Ok(Client { inner, limit: read + connect, no_tls: Some(reason) })
            }
        }
    }

    /// Sends one request.
    pub(crate) fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Response, SendError> {
        let host =
            url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or(url).to_owned();
        if let Some(reason) = self.no_tls.as_ref().filter(|_| url.starts_with("https://")) {
            return Err(SendError::Connect {
                host,
                reason: t!("plugin.send.no_tls", reason = reason)
                    .render(crate::lang::current())
                    .into_owned(),
            });
        }
        let method =
            reqwest::Method::from_bytes(method.as_bytes()).unwrap_or(reqwest::Method::POST);
        let mut request = self.inner.request(method, url);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if !body.is_empty() {
            request = request.body(body.to_vec());
        }
        let response = request.send().map_err(|err| {
            let reason = describe(&err);
            if err.is_builder() {
                SendError::Build { host: host.clone(), reason }
            } else if err.is_connect() {
                SendError::Connect { host: host.clone(), reason }
            } else if err.is_timeout() {
                SendError::TimedOut { host: host.clone(), seconds: self.limit.as_secs(), reason }
            } else {
                SendError::NoResponse { host: host.clone(), reason }
            }
        })?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())
            })
            .collect();
        let body = response
            .bytes()
            .map_err(|err| {
                let reason = describe(&err);
                if err.is_timeout() {
                    SendError::TimedOut { host, seconds: self.limit.as_secs(), reason }
                } else {
                    SendError::NoResponse { host, reason }
                }
            })?
            .to_vec();
        Ok(Response { status, headers, body })
    }
}

/// The error and its causes on one line, without the URL (which carries the signature).
fn describe(err: &reqwest::Error) -> String {
    let mut text = if err.is_timeout() { "timed out".to_owned() } else { String::new() };
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(cause) = source {
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    if text.is_empty() { "request failed".to_owned() } else { text }
}

#[cfg(test)]
mod tests {
    use rolling_update_core::i18n::Lang;

    use super::*;

    #[test]
    fn a_send_error_reads_in_english_and_in_chinese() {
        let host = || "oos.cn-hangzhou.aliyuncs.com".to_owned();
        let reason = || "connection refused".to_owned();
        let cases = [
            (
                SendError::Connect { host: host(), reason: reason() },
                "cannot connect to oos.cn-hangzhou.aliyuncs.com: connection refused",
                "无法连接到 oos.cn-hangzhou.aliyuncs.com：connection refused",
            ),
            (
                SendError::NoResponse { host: host(), reason: reason() },
                "no response from oos.cn-hangzhou.aliyuncs.com: connection refused",
                "oos.cn-hangzhou.aliyuncs.com 没有响应：connection refused",
            ),
            (
                SendError::TimedOut { host: host(), seconds: 40, reason: reason() },
                "no answer from oos.cn-hangzhou.aliyuncs.com within 40 s: it accepted the \
                 connection but sent nothing (connection refused)",
                "oos.cn-hangzhou.aliyuncs.com 在 40 秒内没有应答",
            ),
            (
                SendError::Build { host: host(), reason: reason() },
                "cannot build the request to oos.cn-hangzhou.aliyuncs.com: connection refused",
                "无法构建发往 oos.cn-hangzhou.aliyuncs.com 的请求",
            ),
        ];
        for (err, english, chinese) in cases {
            assert_eq!(err.to_string(), english, "Display stays English");
            assert_eq!(err.text().render(Lang::En), english);
            let text = err.text();
            let zh = text.render(Lang::ZhCn);
            assert!(zh.starts_with(chinese), "{zh}");
        }
    }
}
