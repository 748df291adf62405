//! The message catalogue: every customer-facing text (storefront, checkout, order page, invoice,
//! portal, mails) is a Fluent message in `app/locales/<language>/*.ftl`, complete in English and
//! German and compiled into the binary (the browser's WASM too). A page asks [`t`] for a
//! message in the request's language ([`Locale`]), which the shell provides to every view: the
//! visitor's choice (a cookie set by the switcher), else their browser's `Accept-Language`, else
//! the storefront's default language (decided per request by the server's `language`
//! middleware). Amounts and dates are formatted per locale by [`crate::domain::format`].
use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, static_loader, LanguageIdentifier, Loader};
use leptos::prelude::*;

pub use crate::domain::format::Locale;

static_loader! {
    static MESSAGES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: the texts are plain, mostly left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static DE: LanguageIdentifier = langid!("de");

/// The cookie that keeps a visitor's choice of language.
pub const COOKIE: &str = "tenantry_lang";

fn language(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::En => &EN,
        Locale::De => &DE,
    }
}

impl Locale {
    /// Every language the catalogue is complete in.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::De];

    /// The locale of a language tag (`de`, `de-AT`, `en-US`); unsupported ones are `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "de" => Some(Locale::De),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, by preference.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        crate::domain::countries::preferred_tags(header)
            .iter()
            .find_map(|tag| Locale::from_tag(tag))
    }

    /// The language's own name, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
        }
    }
}

/// The language a visitor asks for: the switcher's cookie (in any of the `Cookie` headers), else
/// the browser's `Accept-Language`; `None` when neither names a language of the catalogue (the
/// storefront's default language then applies).
pub fn asked_for<'a>(
    cookie_headers: impl IntoIterator<Item = &'a str>,
    accept_language: &str,
) -> Option<Locale> {
    cookie_headers
        .into_iter()
        .flat_map(|header| header.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| Locale::from_tag(value)).flatten()
        })
        .or_else(|| Locale::from_accept_language(accept_language))
}

/// The language of a request with no storefront to ask: [`asked_for`], else English.
pub fn negotiate<'a>(
    cookie_headers: impl IntoIterator<Item = &'a str>,
    accept_language: &str,
) -> Locale {
    asked_for(cookie_headers, accept_language).unwrap_or_default()
}

/// Message `key` in `locale`.
pub fn tr(locale: Locale, key: &str) -> String {
    MESSAGES.lookup(language(locale), key)
}

/// Message `key` in `locale` with its arguments (texts, already formatted for people).
pub fn tr_args(locale: Locale, key: &str, args: &[(&'static str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
        .collect();
    MESSAGES.lookup_with_args(language(locale), key, &args)
}

/// The language of the page being rendered.
pub fn locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Message `key` in the page's language.
pub fn t(key: &str) -> String {
    tr(locale(), key)
}

/// Message `key` with arguments in the page's language.
pub fn t_args(key: &str, args: &[(&'static str, String)]) -> String {
    tr_args(locale(), key, args)
}

/// An amount in the page's language (`€1,157.87`, `1.157,87 €`).
pub fn money(m: &crate::domain::Money) -> String {
    crate::domain::format::money(m, locale())
}

/// An amount given in minor units of currency `code`, in the page's language (the code itself
/// when it is not a currency).
pub fn money_of(minor: i64, code: &str) -> String {
    crate::domain::format::money_of(minor, code, locale())
}

/// A day in words in the page's language.
pub fn date(day: chrono::NaiveDate) -> String {
    crate::domain::format::date(day, locale())
}

/// The language the browser renders: the one the server wrote into `<html lang>`.
#[cfg(feature = "hydrate")]
pub fn document_locale() -> Locale {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|lang| Locale::from_tag(&lang))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
