//! A minimal HTTP/1.1 client that signs requests the way Alibaba Cloud SDKs do (V3 and V2),
//! built on the simulator's pinned signing primitives and a raw `TcpStream`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rolling_update_sim::sign::{
    canonical_query, percent_encode, sha256_hex, v2_signature, v2_string_to_sign,
    v3_canonical_request, v3_signature, v3_string_to_sign,
};
use rolling_update_sim::time::format_utc;
use serde_json::Value;

static NONCE: AtomicU64 = AtomicU64::new(1);

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn code(&self) -> &str {
        self.body["Code"].as_str().unwrap_or("")
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    pub addr: SocketAddr,
    pub id: String,
    pub secret: String,
    pub token: Option<String>,
    /// Shifts the client's clock (seconds).
    pub skew_secs: i64,
    /// Reuse this nonce instead of a fresh one.
    pub fixed_nonce: Option<String>,
    pub timeout: Duration,
}

fn now_text(skew: i64) -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 + skew;
    format_utc(now as u64 * 1000)
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

impl Client {
    pub fn new(sim: &rolling_update_sim::SimHandle) -> Client {
        Client {
            addr: sim.addr(),
            id: sim.access_key_id().to_owned(),
            secret: sim.access_key_secret().to_owned(),
            token: None,
            skew_secs: 0,
            fixed_nonce: None,
            timeout: Duration::from_secs(10),
        }
    }

    fn nonce(&self) -> String {
        self.fixed_nonce.clone().unwrap_or_else(|| {
            format!("{:032x}", NONCE.fetch_add(1, Ordering::SeqCst) as u128 * 7919 + 1)
        })
    }

    /// V3: business params in the query, signature in `Authorization`.
    pub fn v3(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
    ) -> std::io::Result<Resp> {
        self.v3_body(version, action, params, b"", None)
    }

    /// V3 with a form body; `claimed_hash` overrides `x-acs-content-sha256`.
    pub fn v3_body(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
        body: &[u8],
        claimed_hash: Option<&str>,
    ) -> std::io::Result<Resp> {
        let query = pairs(params);
        let hash = claimed_hash.map_or_else(|| sha256_hex(body), str::to_owned);
        let host = format!("{}", self.addr);
        let mut headers = pairs(&[
            ("host", &host),
            ("x-acs-action", action),
            ("x-acs-version", version),
            ("x-acs-date", &now_text(self.skew_secs)),
            ("x-acs-signature-nonce", &self.nonce()),
            ("x-acs-content-sha256", &hash),
        ]);
        if let Some(t) = &self.token {
            headers.push(("x-acs-security-token".into(), t.clone()));
        }
        if !body.is_empty() {
            headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
        }
        let signed: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
        let canonical =
            v3_canonical_request("POST", "/", &query, &headers, &signed, &hash).unwrap();
        let sig = v3_signature(&self.secret, &v3_string_to_sign(&canonical));
        headers.push((
            "Authorization".into(),
            format!(
                "ACS3-HMAC-SHA256 Credential={},SignedHeaders={},Signature={sig}",
                self.id,
                signed.join(";")
            ),
        ));
        self.send("POST", &canonical_query(&query), &headers, body)
    }

    fn v2_params(
        &self,
        method: &str,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let mut all = pairs(params);
        all.extend(pairs(&[
            ("Action", action),
            ("Version", version),
            ("Format", "JSON"),
            ("AccessKeyId", &self.id),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("SignatureNonce", &self.nonce()),
            ("Timestamp", &now_text(self.skew_secs)),
        ]));
        if let Some(t) = &self.token {
            all.push(("SecurityToken".into(), t.clone()));
        }
        let sig = v2_signature(&self.secret, &v2_string_to_sign(method, &all));
        all.push(("Signature".into(), sig));
        all
    }

    /// V2: everything in the query.
    pub fn v2(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
    ) -> std::io::Result<Resp> {
        let all = self.v2_params("POST", version, action, params);
        let host = format!("{}", self.addr);
        self.send("POST", &canonical_query(&all), &pairs(&[("host", &host)]), b"")
    }

    /// V2 over GET, everything in the query.
    pub fn v2_get(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
    ) -> std::io::Result<Resp> {
        let all = self.v2_params("GET", version, action, params);
        let host = format!("{}", self.addr);
        self.send("GET", &canonical_query(&all), &pairs(&[("host", &host)]), b"")
    }

    /// V2 with every parameter in a form body.
    pub fn v2_form(
        &self,
        version: &str,
        action: &str,
        params: &[(&str, &str)],
    ) -> std::io::Result<Resp> {
        let all = self.v2_params("POST", version, action, params);
        let body = all
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let host = format!("{}", self.addr);
        self.send(
            "POST",
            "",
            &pairs(&[("host", &host), ("content-type", "application/x-www-form-urlencoded")]),
            body.as_bytes(),
        )
    }

    pub fn send(
        &self,
        method: &str,
        query: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> std::io::Result<Resp> {
        let mut head =
            format!("{method} /{}{query} HTTP/1.1\r\n", if query.is_empty() { "" } else { "?" });
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()));
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body);
        self.raw(&raw)
    }

    pub fn raw(&self, bytes: &[u8]) -> std::io::Result<Resp> {
        let mut stream = TcpStream::connect(self.addr)?;
        stream.set_read_timeout(Some(self.timeout))?;
        stream.write_all(bytes)?;
        // Half-close: the server sees EOF after the request, so it never waits for another.
        stream.shutdown(std::net::Shutdown::Write)?;
        let mut out = Vec::new();
        stream.read_to_end(&mut out)?;
        if out.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed without a response",
            ));
        }
        let text = String::from_utf8_lossy(&out).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Ok(Resp { status, headers, body: serde_json::from_str(body).unwrap_or(Value::Null) })
    }

    pub fn oos(&self, action: &str, params: &[(&str, &str)]) -> Resp {
        self.v3("2019-06-01", action, params).unwrap()
    }

    pub fn ess(&self, action: &str, params: &[(&str, &str)]) -> Resp {
        self.v3("2014-08-28", action, params).unwrap()
    }
}
