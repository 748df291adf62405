//! The catalogue is complete: every message exists in every language, with the same arguments.
use std::collections::BTreeSet;
use std::path::Path;

use super::*;

/// `key -> set of { $arguments }` of every message in a language's files.
fn messages(language: &str) -> Vec<(String, BTreeSet<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(language);
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("locale folder")
        .flatten()
        .collect();
    files.sort_by_key(|f| f.path());
    for file in files {
        let text = std::fs::read_to_string(file.path()).expect("ftl");
        let mut current: Option<(String, BTreeSet<String>)> = None;
        for line in text.lines() {
            let starts_message = line
                .split_once(" =")
                .filter(|(k, _)| !k.is_empty() && !k.starts_with([' ', '#', '.', '*', '[']))
                .map(|(k, _)| k.trim().to_string());
            if let Some(key) = starts_message {
                out.extend(current.take());
                current = Some((key, BTreeSet::new()));
            }
            if let Some((_, args)) = current.as_mut() {
                for piece in line.split("{ $").skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    args.insert(name);
                }
            }
        }
        out.extend(current);
    }
    out
}

#[test]
fn every_message_is_in_english_and_german_with_the_same_arguments() {
    let en = messages("en");
    let de = messages("de");
    assert!(en.len() > 10, "the English catalogue is read");
    let en_keys: BTreeSet<_> = en.iter().map(|(k, _)| k.clone()).collect();
    let de_keys: BTreeSet<_> = de.iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(en_keys.len(), en.len(), "no English key twice");
    assert_eq!(de_keys.len(), de.len(), "no German key twice");
    assert_eq!(
        en_keys.symmetric_difference(&de_keys).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "keys in one language only"
    );
    for (key, args) in &en {
        let (_, de_args) = de.iter().find(|(k, _)| k == key).expect("German");
        assert_eq!(args, de_args, "arguments of {key}");
    }
    for (key, args) in &en {
        let values: Vec<(&'static str, String)> = args
            .iter()
            .map(|a| (&*Box::leak(a.clone().into_boxed_str()), "x".to_string()))
            .collect();
        for locale in Locale::ALL {
            let text = tr_args(locale, key, &values);
            assert!(
                !text.is_empty() && !text.contains("Unknown localization") && !text.contains("{$"),
                "{key} in {locale:?}: {text}"
            );
        }
    }
}

#[test]
fn languages_come_from_tags_and_headers() {
    assert_eq!(Locale::from_tag("de-AT"), Some(Locale::De));
    assert_eq!(Locale::from_tag("EN"), Some(Locale::En));
    assert_eq!(Locale::from_tag("fr"), None);
    assert_eq!(
        Locale::from_accept_language("fr-FR,de;q=0.8,en;q=0.5"),
        Some(Locale::De)
    );
    assert_eq!(
        Locale::from_accept_language("en-US,en;q=0.9,de;q=0.8"),
        Some(Locale::En)
    );
    assert_eq!(Locale::from_accept_language("fr, de;q=0"), None);
    assert_eq!(Locale::from_accept_language(""), None);
}

#[test]
fn arguments_are_filled_in() {
    let en = tr_args(
        Locale::En,
        "checkout-pay",
        &[("amount", "\u{20ac}1.00".into())],
    );
    assert_eq!(en, "Pay \u{20ac}1.00");
    let de = tr_args(
        Locale::De,
        "checkout-pay",
        &[("amount", "1,00\u{a0}\u{20ac}".into())],
    );
    assert_eq!(de, "1,00\u{a0}\u{20ac} bezahlen");
}

#[test]
fn the_switchers_cookie_wins_over_the_browser() {
    assert_eq!(negotiate(["a=1; tenantry_lang=de"], "en-US"), Locale::De);
    assert_eq!(negotiate(["tenantry_lang=xx"], "de-DE,en"), Locale::De);
    assert_eq!(negotiate([], "fr"), Locale::En);
    assert_eq!(negotiate(["x=1", "tenantry_lang=en"], "de"), Locale::En);
}

#[test]
fn every_order_event_has_the_customers_words() {
    for name in crate::domain::order_flow::EVENT_NAMES {
        let key = format!("order-event-{}", name.replace('_', "-"));
        for locale in Locale::ALL {
            let text = tr(locale, &key);
            assert!(
                !text.contains("Unknown localization"),
                "{key} in {locale:?}"
            );
        }
    }
}
