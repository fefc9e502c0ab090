//! The one client of every API family: credentials filled from the
//! configuration, signed body encoded as the family wants it (D4), one
//! transport. The families (`v1`, `v3`, `autodebit`) add their endpoints, rules and
//! answer layers in their own `impl Client` blocks.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::params::{form_encode_into, Params};
use crate::transport::{self, ClientKey, HttpResponse};
use url::Url;

/// An API family: where it lives and how a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// General Order API: `params=<URL-encoded JSON>` (spec §2.6, D4).
    V1,
    /// Credit Card API V3: the JSON object itself (spec §2.6, §15, D4).
    CcV3,
    /// Autodebit (spec §13): encoded as v1, `params=` (§2.6).
    Autodebit,
}

impl Family {
    fn base(self, c: &Config) -> &Url {
        match self {
            Family::V1 => &c.v1_base,
            Family::CcV3 => &c.cc_base,
            Family::Autodebit => &c.autodebit_base,
        }
    }

    /// The signed body, written straight from the fields: the JSON text
    /// (V3), or `params=` and the JSON text form-encoded on the fly (v1).
    fn encode(self, p: &Params, key: &str) -> (&'static str, Vec<u8>) {
        let mut json = Vec::with_capacity(512);
        p.write_signed_json(key, &mut json);
        match self {
            Family::V1 | Family::Autodebit => {
                let mut body = Vec::with_capacity(7 + json.len() * 3 / 2);
                body.extend_from_slice(b"params=");
                form_encode_into(&mut body, &json);
                ("application/x-www-form-urlencoded", body)
            }
            Family::CcV3 => ("application/json;charset=UTF-8", json),
        }
    }
}

pub struct Client {
    config: Config,
}

impl Client {
    pub fn new(config: Config) -> Self {
        Client { config }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Drops empty values, sets `mchId` and the family's login-name field
    /// (`jobNo` or `loginName`) from the configuration; refuses a different
    /// merchant id given by the caller.
    pub(crate) fn prepare(&self, mut p: Params, login_field: Option<&str>) -> Result<Params> {
        p.drop_empty();
        match p.get_str("mchId") {
            Some(m) if m != self.config.mch_id => {
                return Err(Error::validation(
                    "mchId",
                    "differs from the configured merchant id",
                ));
            }
            Some(_) => {}
            None => p.set_str("mchId", &self.config.mch_id),
        }
        if let Some(field) = login_field {
            if p.get(field).is_none() && !self.config.login_name.is_empty() {
                p.set_str(field, &self.config.login_name);
            }
        }
        Ok(p)
    }

    /// Signs `p`, posts it to the family's endpoint and returns the raw
    /// answer; each family reads it with its own `response::parse`.
    pub(crate) fn send(&self, family: Family, endpoint: &str, p: &Params) -> Result<HttpResponse> {
        let url = family
            .base(&self.config)
            .join(endpoint)
            .map_err(|_| Error::Config("cannot join endpoint to base URL".into()))?;
        let (content_type, body) = family.encode(p, self.config.key.expose());
        let key = ClientKey {
            ca_file: self.config.ca_file.clone(),
            connect_timeout: self.config.connect_timeout,
        };
        transport::post(&url, content_type, &body, &key, self.config.timeout)
    }

    /// The answer must be about this merchant.
    pub(crate) fn check_mch_id(&self, answered: Option<&str>) -> Result<()> {
        match answered {
            Some(m) if m != self.config.mch_id => Err(Error::Protocol(
                "answer is about a different merchant".into(),
            )),
            _ => Ok(()),
        }
    }
}
