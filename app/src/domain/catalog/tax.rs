//! Tax percentages as typed ("19.6") and as stored (basis points, 1960).
use crate::domain::DomainError;

/// Parses a percentage from 0 to 100 with at most two decimals ("20", "19.6", "7.25 %") into
/// basis points (hundredths of a percent).
pub fn parse_percent(input: &str) -> Result<i64, DomainError> {
    let s = input.trim();
    let s = s.strip_suffix('%').map(str::trim_end).unwrap_or(s);
    let invalid = || {
        DomainError::invalid(format!(
            "\"{}\" is not a tax rate; use a percentage from 0 to 100 with at most two decimals, e.g. 19.60",
            input.trim()
        ))
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return Err(invalid());
    }
    if s.ends_with('.') {
        return Err(invalid());
    }
    let whole: i64 = whole.parse().map_err(|_| invalid())?;
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| invalid())?;
    let bp = whole * 100 + frac;
    if bp > 10_000 {
        return Err(invalid());
    }
    Ok(bp)
}

/// Shows basis points as a percentage with two decimals (1960 -> "19.60").
pub fn format_basis_points(bp: i64) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}
