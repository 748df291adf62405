use super::*;

#[test]
fn steps_are_thirty_seconds_and_the_neighbours_count() {
    assert_eq!(time_step(0), 0);
    assert_eq!(time_step(29), 0);
    assert_eq!(time_step(30), 1);
    assert_eq!(time_step(-1), -1);
    assert_eq!(candidate_steps(95), [3, 2, 4]);
}

#[test]
fn typed_codes_are_read_either_way() {
    assert_eq!(
        SecondFactor::parse(" 123 456 "),
        Ok(SecondFactor::Code("123456".into()))
    );
    assert_eq!(
        SecondFactor::parse("AbCde-12345"),
        Ok(SecondFactor::Recovery("abcde12345".into()))
    );
    for bad in [
        "",
        "12345",
        "1234567",
        "abcde-1234",
        "abcde_12345",
        "ä2345-12345",
    ] {
        assert!(SecondFactor::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_shown_recovery_code_reads_back_as_itself() {
    let shown = show_recovery_code("abcde12345");
    assert_eq!(shown, "abcde-12345");
    assert_eq!(
        SecondFactor::parse(&shown),
        Ok(SecondFactor::Recovery("abcde12345".into()))
    );
}

#[test]
fn states_are_stored_by_name() {
    for s in TwoFactorState::ALL {
        assert_eq!(s.as_str().parse::<TwoFactorState>(), Ok(s));
    }
}
