//! The client's address for a request: the TCP peer, or, when the peer is a trusted reverse proxy,
//! the address the proxy's configured header gives. Every place that needs the client's address
//! (login throttling, order screening) asks [`ClientIpConfig::client_ip`].
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use http::HeaderMap;

/// An address or network (`10.0.0.0/8`, `::1`) whose requests may name their client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedNet {
    addr: IpAddr,
    prefix: u8,
}

impl FromStr for TrustedNet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr = addr
            .parse::<IpAddr>()
            .map_err(|_| format!("{s:?} is not an IP address or network"))?
            .to_canonical();
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("{s:?} has an invalid prefix length"))?,
        };
        Ok(TrustedNet { addr, prefix })
    }
}

impl TrustedNet {
    /// Whether `ip` lies in this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        fn masked(bits: u128, prefix: u8, width: u8) -> u128 {
            let keep = u32::from(width - prefix);
            bits.checked_shr(keep).unwrap_or(0)
        }
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                masked(u32::from(net).into(), self.prefix, 32)
                    == masked(u32::from(ip).into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                masked(u128::from(net), self.prefix, 128)
                    == masked(u128::from(ip), self.prefix, 128)
            }
            _ => false,
        }
    }
}

/// Where the client's address comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientIpConfig {
    /// Header in which a trusted proxy gives the client's address (`X-Forwarded-For`,
    /// `X-Real-IP`...); a comma-separated list is read from the right.
    pub header: Option<String>,
    /// The proxies whose header is believed; from anyone else it is ignored.
    pub trusted_proxies: Vec<TrustedNet>,
}

impl ClientIpConfig {
    /// Reads `header` and a comma-separated list of trusted proxies; entries that are not
    /// addresses or networks are logged and left out.
    pub fn parse(header: Option<String>, trusted_proxies: Option<&str>) -> Self {
        let trusted_proxies = trusted_proxies
            .unwrap_or_default()
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .filter_map(|s| {
                s.parse()
                    .map_err(|e: String| tracing::warn!("TENANTRY_TRUSTED_PROXIES: {e}; ignored"))
                    .ok()
            })
            .collect();
        ClientIpConfig {
            header,
            trusted_proxies,
        }
    }

    fn is_trusted(&self, ip: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(ip))
    }

    /// Whether a request from `peer` comes through a trusted proxy, whose headers are believed.
    pub fn trusts(&self, peer: Option<IpAddr>) -> bool {
        peer.is_some_and(|p| self.is_trusted(p))
    }

    /// The client's address for a request from `peer` with these headers. The header counts only
    /// when `peer` is a trusted proxy; then its addresses are read from the right (each proxy
    /// appends the address it saw) and the first one that is not itself a trusted proxy is the
    /// client. A value that is not an address stops the walk at the last trusted hop.
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> String {
        let Some(peer) = peer.map(|p| p.to_canonical()) else {
            return "unknown".into();
        };
        let Some(name) = self.header.as_deref() else {
            return peer.to_string();
        };
        if !self.is_trusted(peer) {
            return peer.to_string();
        }
        let hops: Vec<&str> = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else { break };
            client = ip;
            if !self.is_trusted(ip) {
                break;
            }
        }
        client.to_string()
    }
}

/// An address as proxies write it: bare, bracketed IPv6, or with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            hop.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .and_then(|h| h.parse::<IpAddr>().ok())
        })
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(header: Option<&str>, trusted: &str) -> ClientIpConfig {
        ClientIpConfig::parse(header.map(str::to_string), Some(trusted))
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().expect("header value"));
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().expect("ip"))
    }

    #[test]
    fn networks_parse_and_match() {
        let net: TrustedNet = "10.0.0.0/8".parse().expect("net");
        assert!(net.contains("10.1.2.3".parse().expect("ip")));
        assert!(!net.contains("11.0.0.1".parse().expect("ip")));
        assert!(net.contains("::ffff:10.9.9.9".parse().expect("ip")));
        let v6: TrustedNet = "fd00::/8".parse().expect("net");
        assert!(v6.contains("fd12::1".parse().expect("ip")));
        assert!(!v6.contains("fe80::1".parse().expect("ip")));
        let all: TrustedNet = "0.0.0.0/0".parse().expect("net");
        assert!(all.contains("203.0.113.1".parse().expect("ip")));
        let one: TrustedNet = "::1".parse().expect("net");
        assert!(one.contains("::1".parse().expect("ip")));
        assert!(!one.contains("::2".parse().expect("ip")));
        assert!("10.0.0.0/33".parse::<TrustedNet>().is_err());
        assert!("proxy.local".parse::<TrustedNet>().is_err());
        assert_eq!(
            config(None, "127.0.0.1, nonsense,::1")
                .trusted_proxies
                .len(),
            2
        );
    }

    #[test]
    fn without_a_header_or_a_trusted_peer_the_peer_is_the_client() {
        let h = headers(&["203.0.113.7"]);
        assert_eq!(
            config(None, "127.0.0.1").client_ip(ip("127.0.0.1"), &h),
            "127.0.0.1"
        );
        let untrusted = config(Some("X-Forwarded-For"), "");
        assert_eq!(untrusted.client_ip(ip("127.0.0.1"), &h), "127.0.0.1");
        let other = config(Some("X-Forwarded-For"), "10.0.0.1");
        assert_eq!(other.client_ip(ip("198.51.100.2"), &h), "198.51.100.2");
        assert_eq!(other.client_ip(None, &h), "unknown");
    }

    #[test]
    fn the_rightmost_untrusted_address_is_the_client() {
        let c = config(Some("X-Forwarded-For"), "127.0.0.1,10.0.0.0/8");
        let peer = ip("127.0.0.1");
        // The client forged the first entry; the proxies appended the rest.
        let h = headers(&["1.1.1.1, 203.0.113.7", "10.0.0.5"]);
        assert_eq!(c.client_ip(peer, &h), "203.0.113.7");
        assert_eq!(
            c.client_ip(peer, &headers(&["203.0.113.7:5555"])),
            "203.0.113.7"
        );
        assert_eq!(
            c.client_ip(peer, &headers(&["[2001:db8::1]:443"])),
            "2001:db8::1"
        );
        assert_eq!(
            c.client_ip(peer, &headers(&["::ffff:203.0.113.9"])),
            "203.0.113.9"
        );
        assert_eq!(c.client_ip(peer, &headers(&[])), "127.0.0.1");
        // Every hop trusted: the furthest one is the client.
        assert_eq!(
            c.client_ip(peer, &headers(&["10.0.0.9, 10.0.0.5"])),
            "10.0.0.9"
        );
        // Garbage stops at the last trusted hop rather than believing what lies beyond it.
        assert_eq!(
            c.client_ip(peer, &headers(&["203.0.113.7, junk, 10.0.0.5"])),
            "10.0.0.5"
        );
    }
}
