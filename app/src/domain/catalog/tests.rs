use super::*;

#[test]
fn percentages_become_basis_points() {
    assert_eq!(parse_percent("20"), Ok(2000));
    assert_eq!(parse_percent("19.6"), Ok(1960));
    assert_eq!(parse_percent("7.25 %"), Ok(725));
    assert_eq!(parse_percent("0"), Ok(0));
    assert_eq!(parse_percent("100.00"), Ok(10_000));
    assert_eq!(parse_percent("0.05"), Ok(5));
    for bad in [
        "", "100.01", "101", "-1", "7.255", "abc", "1e2", "7.", ".5", "+5", "5,5",
    ] {
        assert!(parse_percent(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn basis_points_show_with_two_decimals_and_round_trip() {
    assert_eq!(format_basis_points(1960), "19.60");
    assert_eq!(format_basis_points(5), "0.05");
    for bp in [0, 1, 99, 100, 2050, 10_000] {
        assert_eq!(parse_percent(&format_basis_points(bp)), Ok(bp));
    }
}

#[test]
fn codes_are_lowercase_slugs_without_the_version_marker() {
    assert_eq!(parse_code(" erp-pro-2 ").as_deref(), Ok("erp-pro-2"));
    for bad in [
        "",
        "e",
        "ERP",
        "erp pro",
        "erp@v2",
        "2erp",
        "-erp",
        &"a".repeat(41),
    ] {
        assert!(parse_code(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn prices_are_non_negative_and_bounded() {
    let eur = Currency::EUR;
    assert_eq!(parse_price("Price", "49.00", eur), Ok(4900));
    assert_eq!(parse_price("Price", "0", eur), Ok(0));
    assert_eq!(parse_price("Price", "1000000", eur), Ok(MAX_PRICE_MINOR));
    assert!(parse_price("Price", "1000000.01", eur).is_err());
    assert!(parse_price("Price", "-1", eur).is_err());
    assert!(parse_price("Price", "4.999", eur).is_err());
    assert!(
        matches!(parse_price("Price", "abc", eur), Err(e) if e.to_string().starts_with("Price:"))
    );
}

#[test]
fn colours_must_be_six_hex_digits() {
    assert_eq!(parse_color("#2B8A3E").as_deref(), Ok("#2b8a3e"));
    for bad in ["#fff", "2b8a3e", "#2b8a3g", "red", "#2b8a3e;x:y"] {
        assert!(parse_color(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn logos_are_http_addresses_or_nothing() {
    assert_eq!(parse_logo_url("").as_deref(), Ok(""));
    assert_eq!(
        parse_logo_url("https://cdn.example/logo.svg").as_deref(),
        Ok("https://cdn.example/logo.svg")
    );
    for bad in [
        "javascript:alert(1)",
        "data:image/png;base64,xx",
        "ftp://x/y",
        "https://",
        "https://a b",
        "https://x/\"onerror=",
        "//cdn.example/logo.svg",
    ] {
        assert!(parse_logo_url(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn small_fields() {
    assert_eq!(parse_invoice_prefix("US-").as_deref(), Ok("US-"));
    assert!(parse_invoice_prefix("").is_err());
    assert!(parse_invoice_prefix("inv").is_err());
    assert_eq!(parse_trial_end_action("archive"), Ok("archive"));
    assert!(parse_trial_end_action("delete").is_err());
    assert_eq!(parse_count("Users", 3, 1), Ok(3));
    assert!(parse_count("Users", 0, 1).is_err());
    assert!(parse_count("Users", MAX_UNITS + 1, 1).is_err());
    assert_eq!(parse_text("Name", "  Pro ", 100).as_deref(), Ok("Pro"));
    assert!(parse_text("Name", "   ", 100).is_err());
}
