//! The texts of a ticket: a one-line subject and a message that may span lines. Both are
//! trimmed, non-empty and bounded (the database checks the same limits).

use crate::domain::DomainError;

/// What is wrong with a ticket's text; the backend words it in the page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// Nothing but blanks.
    Empty,
    /// Longer than `max` characters.
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// A control character (or, in a subject, a line break).
    ControlCharacters,
}

impl From<TextProblem> for DomainError {
    fn from(p: TextProblem) -> Self {
        DomainError::invalid(match p {
            TextProblem::Empty => "The text is required.".to_string(),
            TextProblem::TooLong { max } => format!("The text must be at most {max} characters."),
            TextProblem::ControlCharacters => {
                "The text must not contain control characters.".to_string()
            }
        })
    }
}

/// Checks the length of an already trimmed text.
fn bounded(text: &str, max: usize) -> Result<(), TextProblem> {
    if text.is_empty() {
        return Err(TextProblem::Empty);
    }
    if text.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    Ok(())
}

/// A ticket's subject: one trimmed line of 1 to [`TicketSubject::MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketSubject(String);

impl TicketSubject {
    /// Longest subject, in characters.
    pub const MAX: usize = 200;

    /// Trims `input` and checks it.
    pub fn parse(input: &str) -> Result<TicketSubject, TextProblem> {
        let text = input.trim();
        bounded(text, Self::MAX)?;
        if text.chars().any(char::is_control) {
            return Err(TextProblem::ControlCharacters);
        }
        Ok(TicketSubject(text.to_string()))
    }

    /// The subject.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A message: trimmed text of 1 to [`TicketBody::MAX`] characters; line breaks (stored as `\n`)
/// and tabs are kept, other control characters refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketBody(String);

impl TicketBody {
    /// Longest message, in characters.
    pub const MAX: usize = 10_000;

    /// Makes every line break `\n` (browsers send `\r\n`), trims and checks `input`.
    pub fn parse(input: &str) -> Result<TicketBody, TextProblem> {
        let text = input.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.trim();
        bounded(text, Self::MAX)?;
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(TextProblem::ControlCharacters);
        }
        Ok(TicketBody(text.to_string()))
    }

    /// The message.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
