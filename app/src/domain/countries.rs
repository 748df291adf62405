//! Countries by name (customers pick "Germany", not "DE"), and which one a checkout suggests:
//! the region of the visitor's language, else the storefront's own country, else the country of
//! the visitor's language, else the first one sold to.
use super::format::Locale;

/// ISO 3166-1 alpha-2 code, English name, German name.
const NAMES: &[(&str, &str, &str)] = &[
    ("AT", "Austria", "\u{d6}sterreich"),
    ("AU", "Australia", "Australien"),
    ("BE", "Belgium", "Belgien"),
    ("BG", "Bulgaria", "Bulgarien"),
    ("BR", "Brazil", "Brasilien"),
    ("CA", "Canada", "Kanada"),
    ("CH", "Switzerland", "Schweiz"),
    ("CY", "Cyprus", "Zypern"),
    ("CZ", "Czechia", "Tschechien"),
    ("DE", "Germany", "Deutschland"),
    ("DK", "Denmark", "D\u{e4}nemark"),
    ("EE", "Estonia", "Estland"),
    ("ES", "Spain", "Spanien"),
    ("FI", "Finland", "Finnland"),
    ("FR", "France", "Frankreich"),
    ("GB", "United Kingdom", "Vereinigtes K\u{f6}nigreich"),
    ("GR", "Greece", "Griechenland"),
    ("HR", "Croatia", "Kroatien"),
    ("HU", "Hungary", "Ungarn"),
    ("IE", "Ireland", "Irland"),
    ("IN", "India", "Indien"),
    ("IS", "Iceland", "Island"),
    ("IT", "Italy", "Italien"),
    ("JP", "Japan", "Japan"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("LT", "Lithuania", "Litauen"),
    ("LU", "Luxembourg", "Luxemburg"),
    ("LV", "Latvia", "Lettland"),
    ("MT", "Malta", "Malta"),
    ("MX", "Mexico", "Mexiko"),
    ("NL", "Netherlands", "Niederlande"),
    ("NO", "Norway", "Norwegen"),
    ("NZ", "New Zealand", "Neuseeland"),
    ("PL", "Poland", "Polen"),
    ("PT", "Portugal", "Portugal"),
    ("RO", "Romania", "Rum\u{e4}nien"),
    ("SE", "Sweden", "Schweden"),
    ("SG", "Singapore", "Singapur"),
    ("SI", "Slovenia", "Slowenien"),
    ("SK", "Slovakia", "Slowakei"),
    ("US", "United States", "Vereinigte Staaten"),
];

/// The country's name in `locale`, or its code when it is not in the table.
pub fn name(code: &str, locale: Locale) -> String {
    NAMES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, de)| match locale {
            Locale::En => *en,
            Locale::De => *de,
        })
        .unwrap_or(code)
        .to_string()
}

/// The country a language is mostly spoken in, for a tag without a region (`de` → `DE`).
fn home_of(language: &str) -> Option<&'static str> {
    Some(match language {
        "de" => "DE",
        "fr" => "FR",
        "nl" => "NL",
        "es" => "ES",
        "it" => "IT",
        "pt" => "PT",
        "pl" => "PL",
        "sv" => "SE",
        "da" => "DK",
        "fi" => "FI",
        "en" => "GB",
        _ => return None,
    })
}

/// The language tags of an `Accept-Language` header, best first (`q=0` and `*` dropped); the one
/// parser of the header (the page language reads it too).
pub fn preferred_tags(accept_language: &str) -> Vec<String> {
    let mut weighted: Vec<(u32, usize, String)> = accept_language
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim().to_string();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_string))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some(((q * 1000.0) as u32, i, tag))
        })
        .collect();
    weighted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    weighted.into_iter().map(|(_, _, t)| t).collect()
}

/// The billing country a checkout starts with, among `sold` (which must not be empty to
/// suggest anything).
pub fn suggested(accept_language: &str, storefront_country: &str, sold: &[String]) -> String {
    let sells = |c: &str| sold.iter().any(|s| s == c);
    let tags = preferred_tags(accept_language);
    let region = tags.iter().find_map(|t| {
        let region = t.split(['-', '_']).nth(1)?.to_ascii_uppercase();
        sells(&region).then_some(region)
    });
    let language = || {
        tags.iter().find_map(|t| {
            let lang = t.split(['-', '_']).next()?.to_ascii_lowercase();
            home_of(&lang).filter(|c| sells(c)).map(str::to_string)
        })
    };
    region
        .or_else(|| sells(storefront_country).then(|| storefront_country.to_string()))
        .or_else(language)
        .or_else(|| sold.first().cloned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sold() -> Vec<String> {
        ["DE", "ES", "FR", "GB", "NL", "US"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn countries_have_names() {
        assert_eq!(name("DE", Locale::En), "Germany");
        assert_eq!(name("DE", Locale::De), "Deutschland");
        assert_eq!(name("ZZ", Locale::En), "ZZ");
    }

    #[test]
    fn the_visitors_region_comes_first() {
        assert_eq!(suggested("fr-FR,fr;q=0.9", "DE", &sold()), "FR");
        assert_eq!(suggested("en-US,en;q=0.5", "DE", &sold()), "US");
        assert_eq!(suggested("de;q=0.2, nl-NL;q=0.8", "", &sold()), "NL");
    }

    #[test]
    fn then_the_storefront_then_the_language() {
        assert_eq!(suggested("fr", "DE", &sold()), "DE");
        assert_eq!(suggested("fr", "", &sold()), "FR");
        assert_eq!(suggested("en-AU", "", &sold()), "GB");
        assert_eq!(suggested("", "", &sold()), "DE");
        assert_eq!(suggested("xx;q=0, *", "IT", &sold()), "DE");
        assert_eq!(suggested("de", "DE", &[]), "");
    }
}
