//! ISO 3166-1 alpha-2 country codes.
use crate::domain::DomainError;

/// Every officially assigned ISO 3166-1 alpha-2 code, in order.
const CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// An ISO 3166-1 alpha-2 code in upper case ("FR"); lower case and unknown codes are refused.
pub fn parse_country(input: &str) -> Result<String, DomainError> {
    let code = input.trim();
    let known = code.len() == 2
        && code.chars().all(|c| c.is_ascii_uppercase())
        && CODES.split(' ').any(|c| c == code);
    if known {
        Ok(code.to_string())
    } else {
        Err(DomainError::invalid(format!(
            "\"{code}\" is not an ISO 3166 country code; use two uppercase letters such as FR"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_country, CODES};

    #[test]
    fn the_code_list_is_sorted_complete_and_well_formed() {
        let codes: Vec<&str> = CODES.split(' ').collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        assert!(codes.iter().all(|c| c.len() == 2));
    }

    #[test]
    fn only_known_upper_case_codes_pass() {
        assert_eq!(parse_country(" FR ").as_deref(), Ok("FR"));
        assert!(parse_country("fr").is_err());
        assert!(parse_country("XX").is_err());
        assert!(parse_country("FRA").is_err());
        assert!(parse_country("").is_err());
    }
}
