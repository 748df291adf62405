//! The checkout's errors in the customer's language. English keeps the exact message the rule
//! gave ("Instance name must be at least 3 characters"); in another language an error about a
//! field says what that field needs, from the catalogue (`checkout-error-<field>`). Errors about no
//! field (a price changed meanwhile, too many orders) stay as the rule wrote them.
use crate::error::AppError;
use crate::i18n::{tr, tr_args, Locale};

/// `error` as the customer reads it in `locale`, still said of its field.
pub fn localized(error: AppError, locale: Locale, instance_name: &str) -> AppError {
    if locale == Locale::En {
        return error;
    }
    let Some(field) = error.field().map(str::to_string) else {
        return error;
    };
    let message = match (field.as_str(), error.without_field()) {
        ("instance_name", AppError::Conflict(_)) => tr_args(
            locale,
            "checkout-error-instance-name-taken",
            &[("name", instance_name.trim().to_lowercase())],
        ),
        (
            "company" | "contact_name" | "email" | "password" | "instance_name" | "period_months"
            | "extra_users" | "billing_country" | "billing_address" | "vat_id" | "payment_method"
            | "card_number" | "card_exp_month" | "card_exp_year" | "card_cvc" | "idempotency_key",
            _,
        ) => tr(
            locale,
            &format!("checkout-error-{}", field.replace('_', "-")),
        ),
        _ => return error,
    };
    let inner = match error.without_field() {
        AppError::Conflict(_) => AppError::Conflict(message),
        AppError::TooManyRequests {
            retry_after_secs, ..
        } => AppError::TooManyRequests {
            message,
            retry_after_secs: *retry_after_secs,
        },
        _ => AppError::Invalid(message),
    };
    inner.in_field(&field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_keeps_the_rules_words_and_german_gets_the_fields() {
        let short = AppError::Invalid("Instance name must be at least 3 characters".into())
            .in_field("instance_name");
        assert_eq!(localized(short.clone(), Locale::En, "ab"), short);
        let de = localized(short, Locale::De, "ab");
        assert_eq!(de.field(), Some("instance_name"));
        assert_eq!(de.status(), 422);
        assert!(de.to_string().contains("Buchstaben"), "{de}");

        let taken = AppError::Conflict("taken".into()).in_field("instance_name");
        let de = localized(taken, Locale::De, " ACME ");
        assert_eq!(de.status(), 409);
        assert!(de.to_string().contains("acme"), "{de}");

        let unfielded = AppError::Invalid("The total changed".into());
        assert_eq!(localized(unfielded.clone(), Locale::De, ""), unfielded);
    }
}
