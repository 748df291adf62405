//! [`stored_names!`]: the string forms of a status enum, written once for every lifecycle.

/// Implements `Display` and `FromStr` for a fieldless enum that has an
/// `ALL` array and a `const fn as_str(self)`; `$what` names it in errors ("order status").
macro_rules! stored_names {
    ($ty:ident, $what:literal) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::domain::DomainError;

            /// Parses the identifier returned by `as_str` (exact match).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::ALL
                    .into_iter()
                    .find(|value| value.as_str() == s)
                    .ok_or_else(|| {
                        $crate::domain::DomainError::invalid(format!(
                            "\"{s}\" is not a known {}",
                            $what
                        ))
                    })
            }
        }
    };
}

pub(crate) use stored_names;

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
