//! Routing by the Host header: the storefront's own host or one instance's subdomain.

/// What a request's host names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKind {
    /// The storefront and operator side (`<base>`, `127.0.0.1`, anything unknown).
    Platform,
    /// An instance: `<name>.<base>`.
    Instance(String),
}

/// Classifies a Host header value against the configured base domain.
pub fn classify(host: &str, base_domain: &str) -> HostKind {
    let host = host.trim().to_ascii_lowercase();
    let without_port = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h.to_string(),
        _ => host,
    };
    let suffix = format!(".{}", base_domain.to_ascii_lowercase());
    match without_port.strip_suffix(&suffix) {
        Some(label) if !label.is_empty() && !label.contains('.') => {
            HostKind::Instance(label.to_string())
        }
        _ => HostKind::Platform,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_hosts_are_recognised_with_or_without_port() {
        assert_eq!(
            classify("acme.localhost:3000", "localhost"),
            HostKind::Instance("acme".into())
        );
        assert_eq!(
            classify("ACME.example.com", "example.com"),
            HostKind::Instance("acme".into())
        );
    }

    #[test]
    fn other_hosts_are_the_platform() {
        assert_eq!(classify("localhost:3000", "localhost"), HostKind::Platform);
        assert_eq!(classify("127.0.0.1:3000", "localhost"), HostKind::Platform);
        assert_eq!(classify("a.b.localhost", "localhost"), HostKind::Platform);
        assert_eq!(classify("evil-localhost", "localhost"), HostKind::Platform);
        assert_eq!(classify("", "localhost"), HostKind::Platform);
    }
}
