//! Check constraints read the same way on both engines: which of the table's columns they name
//! and which constants they hold. The engines print expressions differently (`IN (...)` against
//! `= ANY (ARRAY[...])`), so the expression itself is not compared.
use std::collections::BTreeSet;

/// `check table(columns) [constants]` for one constraint's expression.
pub fn fact(table: &str, expr: &str, columns: &BTreeSet<String>) -> String {
    let mut named = BTreeSet::new();
    let mut constants = Vec::new();
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            let mut text = String::new();
            while let Some(c) = chars.next() {
                if c == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                    } else {
                        break;
                    }
                }
                text.push(c);
            }
            constants.push(text);
        } else if c.is_ascii_digit() {
            let mut number = c.to_string();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit() || **d == '.') {
                number.push(d);
                chars.next();
            }
            constants.push(number);
        } else if c.is_alphabetic() || c == '_' || c == '"' {
            let mut word = String::from(c).replace('"', "");
            while let Some(&d) = chars
                .peek()
                .filter(|d| d.is_alphanumeric() || **d == '_' || **d == '"')
            {
                if d != '"' {
                    word.push(d);
                }
                chars.next();
            }
            if columns.contains(&word.to_lowercase()) {
                named.insert(word.to_lowercase());
            }
        }
    }
    constants.sort();
    let named: Vec<_> = named.into_iter().collect();
    format!(
        "check {table}({}) [{}]",
        named.join(","),
        constants.join(",")
    )
}

/// The expressions of every `CHECK (...)` in an SQLite `CREATE TABLE` statement.
pub fn expressions_in(sql: &str) -> Vec<String> {
    let upper = sql.to_uppercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = upper[from..].find("CHECK") {
        let start = from + at + "CHECK".len();
        from = start;
        let Some(open) = sql[start..].find('(').map(|o| start + o) else {
            break;
        };
        if !sql[start..open].trim().is_empty() {
            continue;
        }
        let (mut depth, mut quoted) = (0, false);
        for (i, c) in sql[open..].char_indices() {
            match c {
                '\'' => quoted = !quoted,
                '(' if !quoted => depth += 1,
                ')' if !quoted => {
                    depth -= 1;
                    if depth == 0 {
                        found.push(sql[open + 1..open + i].to_string());
                        from = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    found
}
