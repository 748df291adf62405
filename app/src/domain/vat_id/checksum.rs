//! The check-digit rules member states publish (as documented by the European Commission's VIES
//! algorithms and python-stdnum). States without one here are checked by format only.

/// Whether `number` (well-formed, after the prefix) passes its state's check digits.
pub(super) fn valid(prefix: &str, number: &str) -> bool {
    let d = digits(number);
    match prefix {
        "AT" => austria(&digits(&number[1..])),
        "BE" => belgium(&d),
        "DE" => germany(&d),
        "DK" => weighted(&d, &[2, 7, 6, 5, 4, 3, 2, 1]).is_multiple_of(11),
        "ES" => spain(number),
        "FI" => weighted(&d, &[7, 9, 10, 5, 8, 4, 2, 1]).is_multiple_of(11),
        "FR" => france(number),
        "IE" => ireland(number),
        "IT" => luhn(&d),
        "LU" => value(&d[..6]) % 89 == value(&d[6..]),
        "NL" => netherlands(number),
        "PL" => weighted_mod11_check(&d, &[6, 5, 7, 2, 3, 4, 5, 6, 7]),
        "PT" => portugal(&d),
        "SE" => luhn(&d[..10]),
        _ => true,
    }
}

/// The digits of a string (other characters skipped).
fn digits(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// The number the digits spell.
fn value(d: &[u32]) -> u64 {
    d.iter().fold(0, |acc, &x| acc * 10 + u64::from(x))
}

/// Sum of digits times weights (the shorter of the two decides the length).
fn weighted(d: &[u32], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(x, w)| x * w).sum()
}

/// The last digit is the weighted sum of the others mod 11 (a remainder of 10 is never valid).
fn weighted_mod11_check(d: &[u32], weights: &[u32]) -> bool {
    let Some((&check, body)) = d.split_last() else {
        return false;
    };
    let r = weighted(body, weights) % 11;
    r != 10 && r == check
}

/// The Luhn sum of `digits` in the order given: every second one (from the second) doubled, its
/// digits added.
fn luhn_sum(digits: impl Iterator<Item = u32>) -> u32 {
    digits
        .enumerate()
        .map(|(i, x)| {
            if i % 2 == 1 {
                (x * 2) / 10 + (x * 2) % 10
            } else {
                x
            }
        })
        .sum()
}

/// Luhn over all digits (the last is the check digit).
fn luhn(d: &[u32]) -> bool {
    luhn_sum(d.iter().rev().copied()).is_multiple_of(10)
}

fn austria(d: &[u32]) -> bool {
    let s = luhn_sum(d[..7].iter().copied());
    (10 - (s + 4) % 10) % 10 == d[7]
}

fn belgium(d: &[u32]) -> bool {
    d[0] <= 1 && 97 - value(&d[..8]) % 97 == value(&d[8..])
}

/// ISO 7064 MOD 11,10.
fn germany(d: &[u32]) -> bool {
    let mut p = 10;
    for &x in &d[..8] {
        let mut s = (x + p) % 10;
        if s == 0 {
            s = 10;
        }
        p = (2 * s) % 11;
    }
    (11 - p) % 10 == d[8]
}

fn france(n: &str) -> bool {
    let (key, siren) = n.split_at(2);
    match key.parse::<u64>() {
        Ok(key) => key == (12 + 3 * (value(&digits(siren)) % 97)) % 97,
        // Newer keys hold letters; their rule is not public, the format decides.
        Err(_) => true,
    }
}

fn ireland(n: &str) -> bool {
    let b = n.as_bytes();
    // Old style (1+23456X): the number is 0, digits 3-7, digit 1.
    let (body, check, extra) = if !b[1].is_ascii_digit() {
        (format!("0{}{}", &n[2..7], &n[..1]), b[7], None)
    } else {
        (n[..7].to_string(), b[7], b.get(8).copied())
    };
    let mut sum = weighted(&digits(&body), &[8, 7, 6, 5, 4, 3, 2]);
    if let Some(e) = extra {
        sum += 9 * match e {
            b'W' => 0,
            b'A'..=b'I' => u32::from(e - b'A' + 1),
            _ => return false,
        };
    }
    b"WABCDEFGHIJKLMNOPQRSTUV"[(sum % 23) as usize] == check
}

/// The older mod-11 rule for sole traders' and companies' numbers, or the newer mod-97 one.
fn netherlands(n: &str) -> bool {
    let d = digits(&n[..9]);
    let old = {
        let r = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        r != 10 && r == d[8]
    };
    // "NL" + number with letters as 10..35 (N=23, L=21, B=11), mod 97 must be 1.
    let spelled: String = format!("NL{n}")
        .chars()
        .map(|c| c.to_digit(36).map(|v| v.to_string()).unwrap_or_default())
        .collect();
    let new = spelled
        .bytes()
        .fold(0u32, |acc, c| (acc * 10 + u32::from(c - b'0')) % 97)
        == 1;
    old || new
}

fn portugal(d: &[u32]) -> bool {
    let r = 11 - weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    (if r > 9 { 0 } else { r }) == d[8]
}

/// DNI/NIE (8 digits + letter; X, Y or Z + 7 digits + letter) or company CIF (letter + 7 digits +
/// check digit or letter).
fn spain(n: &str) -> bool {
    const DNI: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let b = n.as_bytes();
    let first = b[0];
    let last = b[8];
    let dni = |num: u64| DNI[(num % 23) as usize] == last;
    if first.is_ascii_digit() {
        return last.is_ascii_uppercase() && dni(value(&digits(&n[..8])));
    }
    let middle = digits(&n[1..8]);
    if middle.len() != 7 {
        return false;
    }
    match first {
        b'X' | b'Y' | b'Z' => {
            let lead = u64::from(first - b'X');
            dni(lead * 10_000_000 + value(&middle))
        }
        // K, L and M are personal numbers checked like DNI on the seven digits.
        b'K' | b'L' | b'M' => dni(value(&middle)),
        b'A'..=b'H' | b'J' | b'N' | b'P'..=b'S' | b'U'..=b'W' => {
            let s: u32 = middle
                .iter()
                .enumerate()
                .map(|(i, &x)| {
                    if i % 2 == 0 {
                        (x * 2) / 10 + (x * 2) % 10
                    } else {
                        x
                    }
                })
                .sum();
            let c = (10 - s % 10) % 10;
            last == b'0' + c as u8 || last == b"JABCDEFGHI"[c as usize]
        }
        _ => false,
    }
}
