//! A ticket's form fields checked, each refusal worded in the reader's language and naming its
//! field, so a form can show it in place.
use crate::domain::tickets::{TextProblem, TicketBody, TicketCategory, TicketSubject};
use crate::error::AppError;
use crate::i18n::{tr, tr_args, Locale};
use crate::wire::tickets::OpenTicketForm;

/// A new ticket, checked.
pub struct NewTicket {
    pub subject: TicketSubject,
    pub category: TicketCategory,
    pub body: TicketBody,
}

/// The refusal of field `field` (its label's key `label`) for `problem`.
fn refused(locale: Locale, field: &str, label: &str, problem: TextProblem) -> AppError {
    let name = tr(locale, label);
    let message = match problem {
        TextProblem::Empty => tr_args(locale, "ticket-error-empty", &[("field", name)]),
        TextProblem::TooLong { max } => tr_args(
            locale,
            "ticket-error-too-long",
            &[("field", name), ("max", max.to_string())],
        ),
        TextProblem::ControlCharacters => {
            tr_args(locale, "ticket-error-control", &[("field", name)])
        }
    };
    AppError::Invalid(message).in_field(field)
}

/// A message's text (form field `body`).
pub fn body(raw: &str, locale: Locale) -> Result<TicketBody, AppError> {
    TicketBody::parse(raw).map_err(|p| refused(locale, "body", "ticket-field-message", p))
}

/// The form that opens a ticket; the first field that is wrong is refused.
pub fn new_ticket(form: &OpenTicketForm, locale: Locale) -> Result<NewTicket, AppError> {
    let subject = TicketSubject::parse(&form.subject)
        .map_err(|p| refused(locale, "subject", "ticket-field-subject", p))?;
    let category = form
        .category
        .trim()
        .parse::<TicketCategory>()
        .map_err(|_| AppError::Invalid(tr(locale, "ticket-error-category")).in_field("category"))?;
    Ok(NewTicket {
        subject,
        category,
        body: body(&form.body, locale)?,
    })
}

/// A filter of the operator's queue: empty for all, else one of `T`'s stored names.
pub fn filter<T: std::str::FromStr>(raw: &str, what: &str) -> Result<Option<T>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        name => name
            .parse()
            .map(Some)
            .map_err(|_| AppError::Invalid(format!("\"{name}\" is not a known {what}."))),
    }
}
