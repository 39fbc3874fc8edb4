//! Typed OOS (2019-06-01), ESS (2014-08-28), CloudMonitor (2019-01-01) and ECS (2014-05-26)
//! requests and responses.
//!
//! A caller builds a request struct (e.g. [`oos::ListExecutions`]), turns it into a [`Call`]
//! (action, product, query parameters), resolves an [`Endpoint`], signs the result with
//! [`crate::sign::sign`], sends the [`crate::sign::SignedRequest`] and hands status, headers and
//! body to [`parse_response`] with the request's [`ApiRequest::Response`] type:
//!
//! ```
//! use rolling_update_core::api::{oos, parse_response, ApiRequest, Endpoint, EndpointType, Product};
//! use rolling_update_core::sign::{sign, Credentials, SigningSettings, UtcTime};
//!
//! let request = oos::ListExecutions {
//!     execution_id: Some("exec-123".into()),
//!     ..oos::ListExecutions::new("cn-hangzhou")
//! };
//! let call = request.to_call();
//! let endpoint = Endpoint::resolve(call.product, "cn-hangzhou", EndpointType::Public, None).unwrap();
//! let time = UtcTime::from_unix_seconds(1_735_689_600).unwrap();
//! let signed = sign(&call.signable(&endpoint), &Credentials::new("id", "secret"), time, "n1",
//!     &SigningSettings::default()).unwrap();
//! assert!(signed.request.url.starts_with("https://oos.cn-hangzhou.aliyuncs.com/?ExecutionId=exec-123"));
//!
//! let body = br#"{"RequestId":"r1","Executions":[{"ExecutionId":"exec-123","Status":"Running"}]}"#;
//! let page: oos::ListExecutionsResponse = parse_response(200, &[] as &[(&str, &str)], body).unwrap();
//! assert!(!page.executions[0].status.is_terminal());
//! assert!(!page.has_next_page());
//! ```

pub mod cms;
pub mod ecs;
mod endpoint;
pub mod error;
pub mod ess;
pub mod oos;
pub mod paging;
pub mod refresh;
pub mod response;

pub use endpoint::{ESS_CENTRAL_REGIONS, Endpoint, EndpointError, EndpointType};
pub use error::{ApiError, ErrorClass, ResponseError, parse_response};

use serde::de::DeserializeOwned;

use crate::sign::{Method, SignableRequest};

/// The API a request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Product {
    /// CloudOps Orchestration Service, API version 2019-06-01.
    Oos,
    /// Auto Scaling, API version 2014-08-28.
    Ess,
    /// CloudMonitor, API version 2019-01-01 (the health gates' alarms).
    Cms,
    /// Elastic Compute Service, API version 2014-05-26 (the health gates' private IPs).
    Ecs,
}

impl Product {
    /// The API version string.
    pub const fn version(self) -> &'static str {
        match self {
            Product::Oos => "2019-06-01",
            Product::Ess => "2014-08-28",
            Product::Cms => "2019-01-01",
            Product::Ecs => "2014-05-26",
        }
    }

    /// The product code used in host names: `oos`, `ess`, `metrics` (CloudMonitor) or `ecs`.
    pub const fn code(self) -> &'static str {
        match self {
            Product::Oos => "oos",
            Product::Ess => "ess",
            Product::Cms => "metrics",
            Product::Ecs => "ecs",
        }
    }
}

/// A request reduced to what the wire needs: action, product and query parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The product (and so the version).
    pub product: Product,
    /// The action name.
    pub action: &'static str,
    /// Business parameters in a stable order (`RegionId` first); signing sorts them.
    pub params: Vec<(String, String)>,
    /// Whether sending it again is harmless when an earlier send may have been applied (the
    /// request type's [`ApiRequest::resend_safe`]).
    pub resend_safe: bool,
}

impl Call {
    /// The request to sign for `endpoint` (method `POST`, everything in the query).
    pub fn signable(&self, endpoint: &Endpoint) -> SignableRequest {
        SignableRequest {
            method: Method::Post,
            scheme: endpoint.scheme.clone(),
            host: endpoint.host.clone(),
            action: self.action.to_owned(),
            version: self.product.version().to_owned(),
            params: self.params.clone(),
        }
    }
}

/// A typed request of one action.
pub trait ApiRequest {
    /// What a successful call returns.
    type Response: DeserializeOwned;
    /// The product.
    const PRODUCT: Product;
    /// The action name.
    const ACTION: &'static str;

    /// The business parameters, in a stable order.
    fn params(&self) -> Vec<(String, String)>;

    /// Whether sending this request again after a send that may already have been applied
    /// (a lost response, a server fault) is harmless: reads are; a change is only when the
    /// service deduplicates it or doing it twice changes nothing. Throttled sends were never
    /// applied and may always be sent again.
    fn resend_safe(&self) -> bool;

    /// The call: action, product and parameters.
    fn to_call(&self) -> Call {
        Call {
            product: Self::PRODUCT,
            action: Self::ACTION,
            params: self.params(),
            resend_safe: self.resend_safe(),
        }
    }
}

/// Builds an ordered parameter list, skipping `None`s.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn new(region_id: &str) -> Self {
        Params(vec![("RegionId".to_owned(), region_id.to_owned())])
    }

    pub(crate) fn put(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        self.0.push((key.to_owned(), value.into()));
        self
    }

    pub(crate) fn opt<V: ToString>(&mut self, key: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.0.push((key.to_owned(), v.to_string()));
        }
        self
    }

    /// A JSON value as its compact text (`Tags`, `TaskExecutionIds`, `RdFolderIds`).
    pub(crate) fn json<T: serde::Serialize>(&mut self, key: &str, value: Option<&T>) -> &mut Self {
        if let Some(v) = value {
            // Maps of strings and lists of strings always serialize.
            if let Ok(text) = serde_json::to_string(v) {
                self.0.push((key.to_owned(), text));
            }
        }
        self
    }

    /// ESS list flattening: `Key.1=a&Key.2=b`.
    pub(crate) fn list<V: ToString>(&mut self, key: &str, values: &[V]) -> &mut Self {
        for (i, v) in values.iter().enumerate() {
            self.0.push((format!("{key}.{}", i + 1), v.to_string()));
        }
        self
    }

    pub(crate) fn finish(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.0)
    }
}
