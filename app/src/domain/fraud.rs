//! Configurable fraud screening of new orders: disposable email domains, order
//! velocity per email and per IP address, and billing/IP country mismatch.
//!
//! Screening is pure: the caller gathers the counts and countries, and the result
//! only says whether an operator should review the order and why.

use serde::{Deserialize, Serialize};

pub use super::fraud_rule::FraudRule;
use super::{Actor, Email};

/// Screening configuration. Deserializing fills missing fields from [`Default`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FraudRulesPage {
    /// Email domains of throw-away mailbox services; their subdomains count too.
    /// Entries are compared case-insensitively, ignoring a leading `@` and surrounding dots.
    pub disposable_domains: Vec<String>,
    /// Most orders one email address may place per day; 0 disables the check.
    pub max_orders_per_email_per_day: u32,
    /// Most orders one IP address may place per day; 0 disables the check.
    pub max_orders_per_ip_per_day: u32,
    /// Whether to flag orders whose billing country differs from the IP address's country.
    pub check_country_mismatch: bool,
}

impl FraudRulesPage {
    /// Built-in list of well-known disposable email domains.
    pub const DEFAULT_DISPOSABLE_DOMAINS: [&'static str; 6] = [
        "mailinator.com",
        "guerrillamail.com",
        "10minutemail.com",
        "tempmail.com",
        "yopmail.com",
        "trashmail.com",
    ];

    /// The listed disposable domain that `email`'s domain is or is a subdomain of, if any.
    pub fn disposable_domain_of(&self, email: &Email) -> Option<String> {
        let domain = email.domain();
        self.disposable_domains
            .iter()
            .map(|entry| normalize_domain(entry))
            .filter(|listed| !listed.is_empty())
            .find(|listed| is_same_or_subdomain(domain, listed))
    }
}

impl Default for FraudRulesPage {
    /// The built-in disposable domains, 3 orders per email and 5 per IP address
    /// per day, and the country check on.
    fn default() -> Self {
        FraudRulesPage {
            disposable_domains: Self::DEFAULT_DISPOSABLE_DOMAINS
                .iter()
                .map(|d| (*d).to_owned())
                .collect(),
            max_orders_per_email_per_day: 3,
            max_orders_per_ip_per_day: 5,
            check_country_mismatch: true,
        }
    }
}

/// Facts about an order gathered by the caller for screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningInput {
    /// The customer's email address.
    pub email: Email,
    /// The IP address the order came from.
    pub ip: String,
    /// ISO country code of the billing address, e.g. `"FR"`.
    pub billing_country: Option<String>,
    /// ISO country code the IP address is located in, e.g. `"US"`.
    pub ip_country: Option<String>,
    /// Orders placed today with this email, including the one being screened.
    pub orders_today_by_email: u32,
    /// Orders placed today from this IP address, including the one being screened.
    pub orders_today_by_ip: u32,
}

/// The outcome of screening: whether an operator should review the order, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    /// Whether the order needs an operator's review (any reason was found).
    pub flagged: bool,
    /// Human-readable reasons, empty when the order looks fine.
    pub reasons: Vec<String>,
    /// The rules that gave the reasons, in the same order.
    #[serde(default)]
    pub rules: Vec<FraudRule>,
}

impl Screening {
    /// Who screened, for the audit log: the first rule that flagged the order, else screening
    /// as a whole (`rule:fraud_screening`).
    pub fn actor(&self) -> Actor {
        let name = self
            .rules
            .first()
            .map_or("fraud_screening", |rule| rule.as_str());
        Actor::Rule(name.to_owned())
    }
}

/// Screens an order against `rules`.
///
/// Reasons are listed in a fixed order: disposable email domain, orders per email,
/// orders per IP address, country mismatch. A velocity rule fires when the count
/// exceeds its limit; the country rule fires only when both countries are known and
/// differ (case-insensitively).
pub fn screen(rules: &FraudRulesPage, input: &ScreeningInput) -> Screening {
    let mut reasons = Vec::new();
    let mut rules_fired = Vec::new();
    if let Some(listed) = rules.disposable_domain_of(&input.email) {
        let domain = input.email.domain();
        if domain == listed {
            reasons.push(format!("disposable email domain {domain}"));
        } else {
            reasons.push(format!(
                "disposable email domain {domain} (a subdomain of {listed})"
            ));
        }
        rules_fired.push(FraudRule::DisposableDomain);
    }
    let limit = rules.max_orders_per_email_per_day;
    if limit > 0 && input.orders_today_by_email > limit {
        reasons.push(format!(
            "{} orders from this email today (limit {limit})",
            input.orders_today_by_email
        ));
        rules_fired.push(FraudRule::OrdersPerEmail);
    }
    let limit = rules.max_orders_per_ip_per_day;
    if limit > 0 && input.orders_today_by_ip > limit {
        reasons.push(format!(
            "{} orders from this IP address today (limit {limit})",
            input.orders_today_by_ip
        ));
        rules_fired.push(FraudRule::OrdersPerIp);
    }
    if rules.check_country_mismatch {
        let billing = input.billing_country.as_deref().and_then(normalize_country);
        let located = input.ip_country.as_deref().and_then(normalize_country);
        if let (Some(billing), Some(located)) = (billing, located) {
            if billing != located {
                reasons.push(format!(
                    "billing country {billing} differs from the IP address's country {located}"
                ));
                rules_fired.push(FraudRule::CountryMismatch);
            }
        }
    }
    Screening {
        flagged: !reasons.is_empty(),
        reasons,
        rules: rules_fired,
    }
}

/// Lowercases a configured domain and strips whitespace, a leading `@` and outer dots.
fn normalize_domain(entry: &str) -> String {
    entry
        .trim()
        .trim_start_matches('@')
        .trim_matches('.')
        .to_ascii_lowercase()
}

/// Whether `domain` equals `listed` or ends with `.listed`.
fn is_same_or_subdomain(domain: &str, listed: &str) -> bool {
    match domain.strip_suffix(listed) {
        Some("") => true,
        Some(prefix) => prefix.ends_with('.'),
        None => false,
    }
}

/// Trims and uppercases a country code; `None` when blank.
fn normalize_country(code: &str) -> Option<String> {
    let code = code.trim();
    (!code.is_empty()).then(|| code.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(email: &str) -> ScreeningInput {
        ScreeningInput {
            email: Email::parse(email).unwrap(),
            ip: "203.0.113.7".into(),
            billing_country: Some("FR".into()),
            ip_country: Some("FR".into()),
            orders_today_by_email: 1,
            orders_today_by_ip: 1,
        }
    }

    fn reasons(rules: &FraudRulesPage, input: &ScreeningInput) -> Vec<String> {
        let result = screen(rules, input);
        assert_eq!(result.flagged, !result.reasons.is_empty());
        assert_eq!(result.rules.len(), result.reasons.len());
        result.reasons
    }

    #[test]
    fn defaults_are_sensible() {
        let rules = FraudRulesPage::default();
        assert_eq!(
            rules.disposable_domains,
            [
                "mailinator.com",
                "guerrillamail.com",
                "10minutemail.com",
                "tempmail.com",
                "yopmail.com",
                "trashmail.com"
            ]
        );
        assert_eq!(rules.max_orders_per_email_per_day, 3);
        assert_eq!(rules.max_orders_per_ip_per_day, 5);
        assert!(rules.check_country_mismatch);
    }

    #[test]
    fn clean_order_is_not_flagged() {
        let result = screen(&FraudRulesPage::default(), &input("alice@example.com"));
        assert_eq!(result, Screening::default());
        assert!(!result.flagged);
    }

    #[test]
    fn disposable_domains_and_their_subdomains_are_flagged() {
        let rules = FraudRulesPage::default();
        for domain in FraudRulesPage::DEFAULT_DISPOSABLE_DOMAINS {
            assert_eq!(
                reasons(&rules, &input(&format!("x@{domain}"))),
                [format!("disposable email domain {domain}")]
            );
        }
        assert_eq!(
            reasons(&rules, &input("Bob@X.Mailinator.COM")),
            ["disposable email domain x.mailinator.com (a subdomain of mailinator.com)"]
        );
        assert_eq!(
            reasons(&rules, &input("bob@a.b.yopmail.com")),
            ["disposable email domain a.b.yopmail.com (a subdomain of yopmail.com)"]
        );
        // Look-alikes that merely end with the same letters are fine.
        for fine in [
            "bob@notmailinator.com",
            "bob@mailinator.com.example.org",
            "bob@mailinator.co",
            "bob@yopmail.net",
        ] {
            assert!(reasons(&rules, &input(fine)).is_empty(), "{fine}");
        }
    }

    #[test]
    fn configured_domains_are_normalised() {
        let rules = FraudRulesPage {
            disposable_domains: vec![
                "  @Spam.Example. ".into(),
                String::new(),
                "   ".into(),
                ".".into(),
            ],
            ..FraudRulesPage::default()
        };
        assert_eq!(
            reasons(&rules, &input("a@spam.example")),
            ["disposable email domain spam.example"]
        );
        // Blank entries never match everything.
        assert!(reasons(&rules, &input("a@example.com")).is_empty());
        assert!(reasons(&rules, &input("a@mailinator.com")).is_empty());
        let rules = FraudRulesPage {
            disposable_domains: vec!["mailinator.com".into(), "x.mailinator.com".into()],
            ..FraudRulesPage::default()
        };
        // Only one reason even if several entries match.
        assert_eq!(reasons(&rules, &input("a@x.mailinator.com")).len(), 1);
        assert_eq!(
            rules.disposable_domain_of(&Email::parse("a@x.mailinator.com").unwrap()),
            Some("mailinator.com".to_owned())
        );
    }

    #[test]
    fn orders_per_email_over_the_limit_are_flagged() {
        let rules = FraudRulesPage::default();
        let mut i = input("alice@example.com");
        i.orders_today_by_email = 3;
        assert!(reasons(&rules, &i).is_empty());
        i.orders_today_by_email = 4;
        assert_eq!(
            reasons(&rules, &i),
            ["4 orders from this email today (limit 3)"]
        );
        let off = FraudRulesPage {
            max_orders_per_email_per_day: 0,
            ..FraudRulesPage::default()
        };
        i.orders_today_by_email = u32::MAX;
        assert!(reasons(&off, &i).is_empty());
    }

    #[test]
    fn orders_per_ip_over_the_limit_are_flagged() {
        let rules = FraudRulesPage::default();
        let mut i = input("alice@example.com");
        i.orders_today_by_ip = 5;
        assert!(reasons(&rules, &i).is_empty());
        i.orders_today_by_ip = 6;
        assert_eq!(
            reasons(&rules, &i),
            ["6 orders from this IP address today (limit 5)"]
        );
        let off = FraudRulesPage {
            max_orders_per_ip_per_day: 0,
            ..FraudRulesPage::default()
        };
        assert!(reasons(&off, &i).is_empty());
    }

    #[test]
    fn country_mismatch_is_flagged_when_both_are_known() {
        let rules = FraudRulesPage::default();
        let mut i = input("alice@example.com");
        i.billing_country = Some("FR".into());
        i.ip_country = Some("US".into());
        assert_eq!(
            reasons(&rules, &i),
            ["billing country FR differs from the IP address's country US"]
        );
        i.billing_country = Some(" us ".into());
        assert!(
            reasons(&rules, &i).is_empty(),
            "case and spaces are ignored"
        );
        i.billing_country = Some("de".into());
        assert_eq!(
            reasons(&rules, &i),
            ["billing country DE differs from the IP address's country US"]
        );
        for (billing, located) in [
            (None, Some("US")),
            (Some("FR"), None),
            (None, None),
            (Some(""), Some("US")),
            (Some("FR"), Some("  ")),
        ] {
            i.billing_country = billing.map(str::to_owned);
            i.ip_country = located.map(str::to_owned);
            assert!(reasons(&rules, &i).is_empty(), "{billing:?} {located:?}");
        }
        let off = FraudRulesPage {
            check_country_mismatch: false,
            ..FraudRulesPage::default()
        };
        i.billing_country = Some("FR".into());
        i.ip_country = Some("US".into());
        assert!(reasons(&off, &i).is_empty());
    }

    #[test]
    fn all_reasons_are_listed_in_order() {
        let mut i = input("x@sub.trashmail.com");
        i.orders_today_by_email = 10;
        i.orders_today_by_ip = 20;
        i.billing_country = Some("GB".into());
        i.ip_country = Some("NG".into());
        let result = screen(&FraudRulesPage::default(), &i);
        assert!(result.flagged);
        assert_eq!(
            result.reasons,
            [
                "disposable email domain sub.trashmail.com (a subdomain of trashmail.com)",
                "10 orders from this email today (limit 3)",
                "20 orders from this IP address today (limit 5)",
                "billing country GB differs from the IP address's country NG",
            ]
        );
        // Two rules at once.
        let mut i = input("x@example.com");
        i.orders_today_by_email = 4;
        i.ip_country = Some("US".into());
        assert_eq!(
            reasons(&FraudRulesPage::default(), &i),
            [
                "4 orders from this email today (limit 3)",
                "billing country FR differs from the IP address's country US",
            ]
        );
    }

    #[test]
    fn serde_round_trips_and_fills_defaults() {
        let rules = FraudRulesPage::default();
        let json = serde_json::to_string(&rules).unwrap();
        assert_eq!(
            serde_json::from_str::<FraudRulesPage>(&json).unwrap(),
            rules
        );
        let partial: FraudRulesPage =
            serde_json::from_str(r#"{"max_orders_per_ip_per_day": 10}"#).unwrap();
        assert_eq!(
            partial,
            FraudRulesPage {
                max_orders_per_ip_per_day: 10,
                ..FraudRulesPage::default()
            }
        );
        let i = input("alice@example.com");
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(serde_json::from_str::<ScreeningInput>(&json).unwrap(), i);
        assert!(serde_json::from_str::<ScreeningInput>(
            &json.replace("alice@example.com", "not an email")
        )
        .is_err());
        let s = screen(&FraudRulesPage::default(), &input("a@yopmail.com"));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"flagged":true,"reasons":["disposable email domain yopmail.com"],"rules":["disposable_domain"]}"#
        );
        assert_eq!(s.actor().to_string(), "rule:disposable_domain");
        assert_eq!(
            Screening::default().actor().to_string(),
            "rule:fraud_screening"
        );
    }

    fn any_input() -> impl Strategy<Value = ScreeningInput> {
        (
            "[a-z]{1,8}",
            proptest::sample::select(vec![
                "example.com",
                "mailinator.com",
                "x.yopmail.com",
                "notyopmail.com",
                "tempmail.com.example.org",
            ]),
            proptest::option::of("[A-Za-z]{2}"),
            proptest::option::of("[A-Za-z]{2}"),
            0u32..10,
            0u32..10,
        )
            .prop_map(|(local, domain, billing, located, by_email, by_ip)| {
                ScreeningInput {
                    email: Email::parse(&format!("{local}@{domain}")).unwrap(),
                    ip: "198.51.100.1".into(),
                    billing_country: billing,
                    ip_country: located,
                    orders_today_by_email: by_email,
                    orders_today_by_ip: by_ip,
                }
            })
    }

    proptest! {
        #[test]
        fn flagged_iff_there_are_reasons(i in any_input(), limit in 0u32..6, country in any::<bool>()) {
            let rules = FraudRulesPage {
                max_orders_per_email_per_day: limit,
                max_orders_per_ip_per_day: limit,
                check_country_mismatch: country,
                ..FraudRulesPage::default()
            };
            let result = screen(&rules, &i);
            prop_assert_eq!(result.flagged, !result.reasons.is_empty());
            prop_assert!(result.reasons.len() <= 4);
        }

        #[test]
        fn disabled_rules_never_flag(i in any_input()) {
            let off = FraudRulesPage {
                disposable_domains: vec![],
                max_orders_per_email_per_day: 0,
                max_orders_per_ip_per_day: 0,
                check_country_mismatch: false,
            };
            prop_assert_eq!(screen(&off, &i), Screening::default());
        }

        #[test]
        fn more_orders_never_remove_reasons(i in any_input(), extra in 0u32..5) {
            let rules = FraudRulesPage::default();
            let before = screen(&rules, &i);
            let mut busier = i.clone();
            busier.orders_today_by_email += extra;
            busier.orders_today_by_ip += extra;
            let after = screen(&rules, &busier);
            prop_assert!(after.reasons.len() >= before.reasons.len());
            prop_assert!(!before.flagged || after.flagged);
        }
    }
}
