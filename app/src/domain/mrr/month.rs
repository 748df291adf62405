//! A calendar month (UTC), as the dashboard's figures are kept: "2026-11".
use std::fmt;

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

const NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Month {
    /// The month `at` falls in.
    pub fn of(at: DateTime<Utc>) -> Month {
        Month {
            year: at.year(),
            month: at.month(),
        }
    }

    /// Reads "2026-11" (the first seven characters of a stored timestamp).
    pub fn parse(s: &str) -> Result<Month, DomainError> {
        let bad = || DomainError::invalid(format!("\"{s}\" is not a month (YYYY-MM)"));
        let (y, m) = s.get(..7).and_then(|p| p.split_once('-')).ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Month { year, month })
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// The month before.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                month: self.month - 1,
                ..self
            }
        }
    }

    /// The `n` months that end with this one, oldest first.
    pub fn last(self, n: usize) -> Vec<Month> {
        let mut months = Vec::with_capacity(n);
        let mut m = self;
        for _ in 0..n {
            months.push(m);
            m = m.previous();
        }
        months.reverse();
        months
    }

    /// "Nov 2026".
    pub fn label(self) -> String {
        let i = usize::try_from(self.month.saturating_sub(1)).unwrap_or(0);
        format!("{} {}", NAMES[i.min(11)], self.year)
    }

    /// "Nov 26", for a chart's axis.
    pub fn short_label(self) -> String {
        let i = usize::try_from(self.month.saturating_sub(1)).unwrap_or(0);
        format!("{} {:02}", NAMES[i.min(11)], self.year.rem_euclid(100))
    }
}

impl fmt::Display for Month {
    /// "2026-11", as stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}
