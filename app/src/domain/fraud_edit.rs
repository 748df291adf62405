//! Reading the operator's fraud-rule form: daily limits and the list of disposable domains.
use super::fraud::FraudRulesPage;
use super::DomainError;

/// The most a daily limit may be; 0 switches the check off.
pub const MAX_DAILY_LIMIT: u32 = 100_000;

/// The most disposable domains a list may hold.
pub const MAX_DOMAINS: usize = 1_000;

/// A daily order limit typed by the operator (`what` names it in the error).
pub fn parse_limit(what: &str, raw: &str) -> Result<u32, DomainError> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= MAX_DAILY_LIMIT)
        .ok_or_else(|| {
            DomainError::invalid(format!(
                "The {what} must be a whole number from 0 (no limit) to {MAX_DAILY_LIMIT}."
            ))
        })
}

/// One domain per line (or separated by commas or spaces): trimmed, lower-cased, a leading `@`
/// dropped, duplicates removed, each checked to look like a domain.
pub fn parse_domain_list(text: &str) -> Result<Vec<String>, DomainError> {
    let mut domains: Vec<String> = Vec::new();
    for entry in text.split(|c: char| c == ',' || c.is_whitespace()) {
        let domain = entry.trim().trim_start_matches('@').to_ascii_lowercase();
        if domain.is_empty() || domains.contains(&domain) {
            continue;
        }
        let labels_ok = domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if !labels_ok || !domain.contains('.') || domain.len() > 253 {
            return Err(DomainError::invalid(format!(
                "\u{201c}{domain}\u{201d} is not a domain name (e.g. mailinator.com)."
            )));
        }
        domains.push(domain);
    }
    if domains.len() > MAX_DOMAINS {
        return Err(DomainError::invalid(format!(
            "List at most {MAX_DOMAINS} disposable domains."
        )));
    }
    Ok(domains)
}

/// The rules from the form's fields.
pub fn rules_from_form(
    per_email: &str,
    per_ip: &str,
    domains: &str,
    check_country: bool,
) -> Result<FraudRulesPage, DomainError> {
    Ok(FraudRulesPage {
        disposable_domains: parse_domain_list(domains)?,
        max_orders_per_email_per_day: parse_limit("limit per email address", per_email)?,
        max_orders_per_ip_per_day: parse_limit("limit per IP address", per_ip)?,
        check_country_mismatch: check_country,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_whole_numbers_in_range() {
        assert_eq!(parse_limit("x", " 5 "), Ok(5));
        assert_eq!(parse_limit("x", "0"), Ok(0));
        assert_eq!(parse_limit("x", "100000"), Ok(100_000));
        for bad in ["-1", "1.5", "", "100001", "ten"] {
            let e = parse_limit("limit per email address", bad).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("The limit per email address must be"),
                "{bad}"
            );
        }
    }

    #[test]
    fn domain_lists_are_normalised() {
        let list =
            parse_domain_list("Mailinator.com\n@yopmail.com, trash-mail.io  mailinator.com\n\n")
                .unwrap();
        assert_eq!(list, ["mailinator.com", "yopmail.com", "trash-mail.io"]);
        assert_eq!(parse_domain_list("  "), Ok(vec![]));
    }

    #[test]
    fn things_that_are_not_domains_are_refused() {
        for bad in ["localhost", "bad_domain.com", "-x.com", "a..com", "x.com/"] {
            let e = parse_domain_list(bad).unwrap_err().to_string();
            assert!(e.contains("is not a domain name"), "{bad}: {e}");
        }
        let many: String = (0..1001).map(|i| format!("d{i}.com\n")).collect();
        assert!(parse_domain_list(&many).is_err());
    }

    #[test]
    fn the_form_builds_rules() {
        let rules = rules_from_form("3", "10", "yopmail.com", true).unwrap();
        assert_eq!(rules.max_orders_per_email_per_day, 3);
        assert_eq!(rules.max_orders_per_ip_per_day, 10);
        assert_eq!(rules.disposable_domains, ["yopmail.com"]);
        assert!(rules.check_country_mismatch);
    }
}
