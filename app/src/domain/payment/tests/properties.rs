//! Property tests: card numbers never leak, parsing is total, references are stable.

use proptest::prelude::*;

use super::*;

fn valid_number() -> impl Strategy<Value = String> {
    "[0-9]{11,18}".prop_map(|body| with_check_digit(&body))
}

proptest! {
    #[test]
    fn stored_method_never_contains_the_number(number in valid_number()) {
        let gw = gateway();
        let input = card(&number);
        let method = gw.tokenize(&input).unwrap();
        let json = serde_json::to_string(&method).unwrap();
        prop_assert!(!json.contains(&number), "{}", json);
        let method_debug = format!("{method:?}");
        let input_debug = format!("{input:?}");
        prop_assert!(!method_debug.contains(&number));
        prop_assert!(!input_debug.contains(&number));
        prop_assert_eq!(&method.last4, &number[number.len() - 4..]);
    }

    #[test]
    fn parse_never_panics_and_accepts_only_valid_digits(s in "[0-9 \\-a-z]{0,25}|\\PC{0,25}") {
        if let Ok(number) = CardNumber::parse(&s) {
            let digits = number.expose_digits();
            prop_assert!((12..=19).contains(&digits.len()));
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
            prop_assert!(luhn_valid(digits));
        }
    }

    #[test]
    fn separators_do_not_matter(number in valid_number(), sep in "[ \\-]{0,2}") {
        let spaced: String = number
            .chars()
            .enumerate()
            .map(|(i, c)| if i > 0 && i % 4 == 0 { format!("{sep}{c}") } else { c.to_string() })
            .collect();
        prop_assert_eq!(CardNumber::parse(&spaced), CardNumber::parse(&number));
    }

    #[test]
    fn single_digit_errors_are_detected(number in valid_number(), pos in any::<prop::sample::Index>(), delta in 1u8..10) {
        let mut bytes = number.into_bytes();
        let i = pos.index(bytes.len());
        bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
        let typo = String::from_utf8(bytes).unwrap();
        prop_assert!(CardNumber::parse(&typo).is_err());
    }

    #[test]
    fn charge_reference_is_idempotent(key in "\\PC{1,40}", other in "\\PC{1,40}", minor in 1i64..1_000_000) {
        prop_assume!(!key.trim().is_empty() && !other.trim().is_empty());
        let a = charge_card("4242424242424242", &key, minor);
        let b = charge_card("4242424242424242", &key, minor + 1);
        prop_assert!(a.is_captured());
        prop_assert_eq!(a.reference(), b.reference());
        if key != other {
            let c = charge_card("4242424242424242", &other, minor);
            prop_assert_ne!(a.reference(), c.reference());
        }
    }

    #[test]
    fn expiry_never_panics_and_accepts_only_sane_dates(month in any::<u32>(), year in prop_oneof![0u32..3000, any::<u32>()]) {
        if let Ok(expiry) = CardExpiry::parse(month, year, today()) {
            prop_assert!((1..=12).contains(&expiry.month()));
            prop_assert!(!expiry.is_expired_on(today()));
            prop_assert!((2025..=2045).contains(&expiry.year()));
        }
    }
}
