//! A plan's description may not promise a module its template does not install: the storefront
//! lists what is included from the template, and the free text must not contradict that list.
use crate::domain::DomainError;

/// Whether `needle` occurs in `text` as whole words (case-insensitive).
fn mentions(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.to_lowercase(), needle.trim().to_lowercase());
    if needle.is_empty() {
        return false;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(&needle).any(|(at, _)| {
        boundary(text[..at].chars().next_back())
            && boundary(text[at + needle.len()..].chars().next())
    })
}

/// Refuses a description naming (by name or code) one of `missing`: the modules the plan's
/// template does not install, as `(code, name)`.
pub fn check_description(
    description: &str,
    missing: &[(String, String)],
) -> Result<(), DomainError> {
    let named: Vec<&str> = missing
        .iter()
        .filter(|(code, name)| mentions(description, name) || mentions(description, code))
        .map(|(_, name)| name.as_str())
        .collect();
    if named.is_empty() {
        Ok(())
    } else {
        Err(DomainError::invalid(format!(
            "The description mentions {}, which this plan does not install. Change the description or add the module to the plan's template.",
            named.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing() -> Vec<(String, String)> {
        vec![
            ("manufacturing".into(), "Manufacturing".into()),
            ("knowledge-base".into(), "Knowledge base".into()),
        ]
    }

    #[test]
    fn a_description_may_not_promise_a_missing_module() {
        let e = check_description("All modules, manufacturing included.", &missing());
        assert!(e.unwrap_err().to_string().contains("Manufacturing"));
        assert!(check_description("With a Knowledge Base.", &missing()).is_err());
        assert!(check_description("knowledge-base and more", &missing()).is_err());
    }

    #[test]
    fn words_that_merely_contain_a_name_are_fine() {
        assert!(check_description("Sales, purchase and accounting.", &missing()).is_ok());
        assert!(check_description("For manufacturingco only", &missing()).is_ok());
        assert!(check_description("", &missing()).is_ok());
        assert!(check_description("Anything", &[]).is_ok());
    }
}
