use proptest::prelude::*;

use super::treatment::is_eu;
use super::*;

/// Valid numbers from the member states' documentation and python-stdnum's test suite.
const VALID: &[&str] = &[
    "DE136695976",
    "ATU13585627",
    "BE0403019261",
    "DK13585628",
    "ESA13585625",
    "ES54362315K",
    "ESX5253868R",
    "FI20774740",
    "FR40303265045",
    "FR23334175221",
    "IE6433435F",
    "IE6433435OA",
    "IE8D79739I",
    "IT00743110157",
    "LU15027442",
    "NL004495445B01",
    "NL002455799B11",
    "PL8567346215",
    "PT501964843",
    "SE123456789701",
];

#[test]
fn documented_numbers_are_valid() {
    for id in VALID {
        assert!(VatId::parse(id).is_ok(), "{id}: {:?}", VatId::parse(id));
    }
}

#[test]
fn typing_noise_is_ignored() {
    let id = VatId::parse(" fr 40 303.265-045 ").expect("valid");
    assert_eq!(id.as_str(), "FR40303265045");
    assert_eq!(id.country(), "FR");
    assert_eq!(VatId::parse("EL094259216").expect("Greek").country(), "GR");
}

#[test]
fn wrong_check_digits_are_refused_with_the_field_named() {
    for id in [
        "DE136695977",
        "ATU13585628",
        "FR41303265045",
        "IT00743110158",
        "PL8567346216",
    ] {
        let e = VatId::parse(id).expect_err(id);
        assert!(e.message().starts_with("VAT ID"), "{e}");
        assert!(e.message().contains("check digit"), "{e}");
    }
}

#[test]
fn foreign_and_malformed_numbers_are_refused() {
    for id in [
        "",
        "DE",
        "US123456789",
        "GB123456789",
        "DE12345678",
        "ATX13585627",
        "DE13669597\u{e4}",
    ] {
        assert!(VatId::parse(id).is_err(), "{id}");
    }
}

#[test]
fn reverse_charge_is_for_businesses_in_another_member_state() {
    let fr = VatId::parse("FR40303265045").expect("valid");
    let de = VatId::parse("DE136695976").expect("valid");
    let rc = tax_treatment("DE", "FR", Some(&fr), 2000);
    assert_eq!(
        rc,
        TaxTreatment {
            basis_points: 0,
            reverse_charge: true
        }
    );
    assert!(
        !tax_treatment("DE", "DE", Some(&de), 1900).reverse_charge,
        "domestic"
    );
    assert_eq!(
        tax_treatment("DE", "FR", None, 2000).basis_points,
        2000,
        "consumer"
    );
    assert!(
        !tax_treatment("US", "FR", Some(&fr), 2000).reverse_charge,
        "seller outside the EU"
    );
    assert!(
        !tax_treatment("", "FR", Some(&fr), 2000).reverse_charge,
        "seller unknown"
    );
    assert!(
        !tax_treatment("DE", "ES", Some(&fr), 2100).reverse_charge,
        "another country's ID"
    );
    assert!(fr.clone().matching("FR").is_ok());
    assert!(fr
        .matching("ES")
        .expect_err("mismatch")
        .message()
        .starts_with("VAT ID"));
    assert!(is_eu("GR") && is_eu("DE") && !is_eu("EL") && !is_eu("GB"));
}

#[test]
fn the_offline_check_is_the_parser() {
    assert_eq!(optional(&OfflineCheck, "  ").expect("blank"), None);
    assert!(optional(&OfflineCheck, "DE136695976")
        .expect("valid")
        .is_some());
    assert!(optional(&OfflineCheck, "DE1").is_err());
}

proptest! {
    #[test]
    fn parsing_never_panics(raw in "\\PC{0,20}") {
        let _ = VatId::parse(&raw);
    }

    #[test]
    fn a_parsed_id_parses_to_itself(i in 0..VALID.len()) {
        let id = VatId::parse(VALID[i]).expect("valid");
        prop_assert_eq!(VatId::parse(id.as_str()).expect("again"), id);
    }

    /// Luhn, MOD 11,10 and the weighted sums catch every single-digit typo.
    #[test]
    fn a_changed_digit_is_caught(
        id in prop::sample::select(vec!["DE136695976", "IT00743110157", "SE123456789701", "ATU13585627", "DK13585628", "FI20774740", "PL8567346215", "PT501964843", "BE0403019261"]),
        pos in 2usize..14,
        delta in 1u8..10,
    ) {
        let mut b = id.as_bytes().to_vec();
        let pos = pos.min(b.len() - 1);
        prop_assume!(b[pos].is_ascii_digit());
        // SE's fixed "01" suffix is format, not checksum.
        prop_assume!(!(id.starts_with("SE") && pos >= 12));
        b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
        let changed = String::from_utf8(b).expect("ascii");
        prop_assert!(VatId::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn reverse_charge_bills_nothing_and_otherwise_the_rate(rate in 0u32..=10_000, i in 0..VALID.len(), seller in "[A-Z]{2}") {
        let id = VatId::parse(VALID[i]).expect("valid");
        let t = tax_treatment(&seller, id.country(), Some(&id), rate);
        prop_assert_eq!(t.reverse_charge, is_eu(&seller) && seller != id.country());
        prop_assert_eq!(t.basis_points, if t.reverse_charge { 0 } else { rate });
    }
}
