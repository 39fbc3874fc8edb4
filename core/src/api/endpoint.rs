//! Where a request goes: public, VPC or an explicit endpoint.

use std::fmt;

use super::Product;

/// Which network the default endpoints are on (`ALIBABA_CLOUD_ENDPOINT_TYPE=vpc` selects VPC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EndpointType {
    /// Internet endpoints.
    #[default]
    Public,
    /// VPC endpoints (`oos-vpc.<region>…`, `ess-vpc.<region>…`).
    Vpc,
}

impl EndpointType {
    /// Reads the value of `ALIBABA_CLOUD_ENDPOINT_TYPE` (case-insensitive `vpc`; anything else,
    /// including empty, is public).
    pub fn from_setting(value: &str) -> Self {
        if value.trim().eq_ignore_ascii_case("vpc") {
            EndpointType::Vpc
        } else {
            EndpointType::Public
        }
    }
}

/// A resolved base: scheme and host (with port if any).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// `https` (default) or `http`.
    pub scheme: String,
    /// Host name, with `:port` when given.
    pub host: String,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)
    }
}

/// An endpoint override or region that cannot be used. It reads as its English
/// ([`EndpointError::text`] gives it in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The region id is empty or not made of `a-z 0-9 -`.
    Region(String),
    /// The override is not a host name or an `http(s)://host[:port][/]` URL.
    Override(String),
}

impl EndpointError {
    /// What is wrong, for a person.
    pub fn text(&self) -> crate::i18n::Text {
        match self {
            EndpointError::Region(region) => {
                crate::t!("endpoint.error.region", region = format!("{region:?}"))
            }
            EndpointError::Override(text) => {
                crate::t!("endpoint.error.override", endpoint = format!("{text:?}"))
            }
        }
    }
}

crate::display_as_text!(EndpointError);

impl std::error::Error for EndpointError {}

/// Regions the Auto Scaling SDK maps to the central `ess.aliyuncs.com` host (its endpoint map);
/// every other region uses `ess.<region>.aliyuncs.com`.
pub const ESS_CENTRAL_REGIONS: &[&str] = &[
    "cn-qingdao",
    "cn-beijing",
    "cn-hangzhou",
    "cn-shanghai",
    "cn-shenzhen",
    "cn-hongkong",
    "cn-nanjing",
    "ap-southeast-1",
    "us-east-1",
    "us-west-1",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-beijing-finance-1",
    "cn-hangzhou-finance",
    "cn-north-2-gov-1",
];

impl Endpoint {
    /// The endpoint of `product` in `region`. With `override_endpoint` (a host name such as
    /// `oos.example.com`, or a URL such as `http://127.0.0.1:8080`), every product goes there.
    ///
    /// ```
    /// use rolling_update_core::api::{Endpoint, EndpointType, Product};
    /// let host = |p, r, t| Endpoint::resolve(p, r, t, None).unwrap().host;
    /// assert_eq!(host(Product::Oos, "cn-beijing", EndpointType::Vpc), "oos-vpc.cn-beijing.aliyuncs.com");
    /// assert_eq!(host(Product::Ess, "cn-beijing", EndpointType::Public), "ess.aliyuncs.com");
    /// assert_eq!(host(Product::Ess, "eu-central-1", EndpointType::Public), "ess.eu-central-1.aliyuncs.com");
    /// let local = Endpoint::resolve(Product::Ess, "cn-beijing", EndpointType::Vpc, Some("http://127.0.0.1:8080")).unwrap();
    /// assert_eq!(local.to_string(), "http://127.0.0.1:8080");
    /// ```
    pub fn resolve(
        product: Product,
        region: &str,
        endpoint_type: EndpointType,
        override_endpoint: Option<&str>,
    ) -> Result<Endpoint, EndpointError> {
        if let Some(text) = override_endpoint.map(str::trim).filter(|t| !t.is_empty()) {
            return Endpoint::parse_override(text);
        }
        let region_ok = !region.is_empty()
            && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !region_ok {
            return Err(EndpointError::Region(region.to_owned()));
        }
        let code = product.code();
        let host = match (product, endpoint_type) {
            (_, EndpointType::Vpc) => format!("{code}-vpc.{region}.aliyuncs.com"),
            (Product::Ess, EndpointType::Public) if ESS_CENTRAL_REGIONS.contains(&region) => {
                "ess.aliyuncs.com".to_owned()
            }
            (_, EndpointType::Public) => format!("{code}.{region}.aliyuncs.com"),
        };
        Ok(Endpoint { scheme: "https".to_owned(), host })
    }

    /// Parses an explicit endpoint: `host[:port]` (https) or `http(s)://host[:port][/]`.
    pub fn parse_override(text: &str) -> Result<Endpoint, EndpointError> {
        let bad = || EndpointError::Override(text.to_owned());
        let (scheme, rest) = match text.split_once("://") {
            Some((s, rest)) if s.eq_ignore_ascii_case("https") => ("https", rest),
            Some((s, rest)) if s.eq_ignore_ascii_case("http") => ("http", rest),
            Some(_) => return Err(bad()),
            None => ("https", text),
        };
        let host = rest.strip_suffix('/').unwrap_or(rest);
        let host_ok = !host.is_empty()
            && host.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'[' | b']')
            });
        if !host_ok {
            return Err(bad());
        }
        Ok(Endpoint { scheme: scheme.to_owned(), host: host.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_defaults_and_overrides() {
        let r = |p, reg, t, o| Endpoint::resolve(p, reg, t, o).map(|e| e.to_string());
        use EndpointType::{Public, Vpc};
        assert_eq!(
            r(Product::Oos, "cn-hangzhou", Public, None).unwrap(),
            "https://oos.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Ess, "cn-hangzhou", Public, None).unwrap(),
            "https://ess.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Ess, "cn-hangzhou", Vpc, None).unwrap(),
            "https://ess-vpc.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Ess, "ap-southeast-8", Public, None).unwrap(),
            "https://ess.ap-southeast-8.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Cms, "cn-hangzhou", Public, None).unwrap(),
            "https://metrics.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Ecs, "cn-hangzhou", Public, None).unwrap(),
            "https://ecs.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Ecs, "cn-hangzhou", Vpc, None).unwrap(),
            "https://ecs-vpc.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            r(Product::Oos, "x", Public, Some("oos.example.com")).unwrap(),
            "https://oos.example.com"
        );
        assert_eq!(
            r(Product::Oos, "x", Public, Some("HTTP://localhost:9/")).unwrap(),
            "http://localhost:9"
        );
        assert_eq!(r(Product::Oos, "x", Public, Some("  ")).unwrap(), "https://oos.x.aliyuncs.com");
        assert!(r(Product::Oos, "x", Public, Some("ftp://a")).is_err());
        assert!(r(Product::Oos, "x", Public, Some("http://a/b")).is_err());
        assert!(r(Product::Oos, "cn hangzhou", Public, None).is_err());
        assert!(r(Product::Oos, "", Public, None).is_err());
        assert_eq!(EndpointType::from_setting("VPC"), Vpc);
        assert_eq!(EndpointType::from_setting(""), Public);
    }

    #[test]
    fn errors_read_in_chinese() {
        use crate::i18n::Lang;
        let err = Endpoint::parse_override("ftp://x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid endpoint \"ftp://x\": expected a host name or http(s)://host[:port]"
        );
        assert_eq!(
            err.text().render(Lang::ZhCn),
            "接入地址 \"ftp://x\" 无效：应为主机名或 http(s)://host[:port]"
        );
        let err =
            Endpoint::resolve(Product::Oos, "Hang Zhou", EndpointType::Public, None).unwrap_err();
        assert_eq!(err.to_string(), "invalid region id \"Hang Zhou\"");
        assert_eq!(err.text().render(Lang::ZhCn), "地域 ID \"Hang Zhou\" 无效");
    }
}
