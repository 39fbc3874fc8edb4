//! Elastic Compute Service (ECS, API 2014-05-26): the private IPs of a batch's instances, for
//! the check's `RU_INSTANCE_IPS`.
//!
//! DescribeInstances takes `InstanceIds` as one JSON array (at most
//! [`MAX_INSTANCE_IDS_PER_CALL`]) and answers `Instances.Instance[]`. A VPC instance's private
//! address is `VpcAttributes.PrivateIpAddress.IpAddress[]`; a classic-network instance has
//! `InnerIpAddress.IpAddress[]` instead, read as a fallback.

use serde::{Deserialize, Serialize};

use super::response::de;
use super::{ApiRequest, Params, Product};

/// DescribeInstances takes at most this many ids in `InstanceIds`.
pub const MAX_INSTANCE_IDS_PER_CALL: usize = 100;

/// Describes instances by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeInstances {
    /// Region (required).
    pub region_id: String,
    /// The instances, sent as a JSON array (at most 100).
    pub instance_ids: Vec<String>,
    /// Page size, up to 100 (default 10): set it to the number of ids.
    pub page_size: Option<u32>,
    /// Page number, from 1.
    pub page_number: Option<u32>,
}

impl ApiRequest for DescribeInstances {
    type Response = DescribeInstancesResponse;
    const PRODUCT: Product = Product::Ecs;
    const ACTION: &'static str = "DescribeInstances";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .json("InstanceIds", Some(&self.instance_ids))
            .opt("PageSize", self.page_size)
            .opt("PageNumber", self.page_number)
            .finish()
    }
}

/// A list of addresses (`{"IpAddress":[…]}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct IpAddresses {
    /// The addresses.
    #[serde(deserialize_with = "de::list")]
    pub ip_address: Vec<String>,
}

/// The VPC part of an instance.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct VpcAttributes {
    /// Its private addresses.
    pub private_ip_address: IpAddresses,
    /// The VPC.
    #[serde(deserialize_with = "de::opt_string")]
    pub vpc_id: Option<String>,
}

/// One instance in the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Instance {
    /// The instance id.
    #[serde(deserialize_with = "de::string")]
    pub instance_id: String,
    /// `Running`, `Stopped`, ...
    #[serde(deserialize_with = "de::opt_string")]
    pub status: Option<String>,
    /// VPC attributes.
    pub vpc_attributes: VpcAttributes,
    /// Classic-network private addresses.
    pub inner_ip_address: IpAddresses,
}

impl Instance {
    /// The first private address: the VPC one, else the classic one.
    pub fn private_ip(&self) -> Option<&str> {
        let vpc = &self.vpc_attributes.private_ip_address.ip_address;
        vpc.iter()
            .chain(&self.inner_ip_address.ip_address)
            .map(String::as_str)
            .find(|s| !s.is_empty())
    }
}

/// DescribeInstances' response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeInstancesResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The instances found.
    #[serde(deserialize_with = "de::list")]
    pub instances: Vec<Instance>,
    /// How many matched.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_count: Option<i64>,
}

impl DescribeInstancesResponse {
    /// `(instance id, private ip)` of every instance that has one.
    pub fn private_ips(&self) -> Vec<(String, String)> {
        self.instances
            .iter()
            .filter_map(|i| i.private_ip().map(|ip| (i.instance_id.clone(), ip.to_owned())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_response;

    #[test]
    fn instance_ids_are_one_json_array() {
        let req = DescribeInstances {
            region_id: "cn-hangzhou".into(),
            instance_ids: vec!["i-1".into(), "i-2".into()],
            page_size: Some(2),
            ..Default::default()
        };
        let call = req.to_call();
        assert_eq!((call.product, call.action), (Product::Ecs, "DescribeInstances"));
        assert_eq!(call.params[1], ("InstanceIds".to_owned(), r#"["i-1","i-2"]"#.to_owned()));
        assert_eq!(call.params[2], ("PageSize".to_owned(), "2".to_owned()));
    }

    #[test]
    fn private_ips_come_from_the_vpc_then_the_classic_network() {
        let body = br#"{"RequestId":"r","TotalCount":3,"Instances":{"Instance":[
            {"InstanceId":"i-1","Status":"Running",
             "VpcAttributes":{"VpcId":"vpc-1","PrivateIpAddress":{"IpAddress":["172.16.0.11"]}},
             "InnerIpAddress":{"IpAddress":[]}},
            {"InstanceId":"i-2","VpcAttributes":{"PrivateIpAddress":{"IpAddress":[]}},
             "InnerIpAddress":{"IpAddress":["10.0.0.2"]}},
            {"InstanceId":"i-3","VpcAttributes":{"PrivateIpAddress":{"IpAddress":[]}}}]}}"#;
        let resp: DescribeInstancesResponse =
            parse_response(200, &[] as &[(&str, &str)], body).unwrap();
        assert_eq!(resp.total_count, Some(3));
        assert_eq!(
            resp.private_ips(),
            [
                ("i-1".to_owned(), "172.16.0.11".to_owned()),
                ("i-2".to_owned(), "10.0.0.2".to_owned())
            ]
        );
        assert_eq!(resp.instances[0].vpc_attributes.vpc_id.as_deref(), Some("vpc-1"));
    }
}
