//! Storage amounts: the catalog's byte units and how a number of bytes is shown.

/// Bytes in one unit of a storage resource (`B`, `KB`, `MB`, `GB`, `TB`, or `KiB`…`TiB`, any
/// case), or `None` when the unit is not a size (users, seats). A kilobyte is 1024 bytes, as
/// database sizes are counted.
pub fn unit_bytes(unit: &str) -> Option<i64> {
    let power = match unit.trim().to_ascii_lowercase().as_str() {
        "b" | "byte" | "bytes" => 0,
        "kb" | "kib" => 1,
        "mb" | "mib" => 2,
        "gb" | "gib" => 3,
        "tb" | "tib" => 4,
        _ => return None,
    };
    Some(1_i64 << (10 * power))
}

/// `bytes` in the largest unit that keeps it at least 1, with one decimal: `7.6 MB`, `812 B`.
pub fn format_bytes(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut unit = 0;
    let mut scale: i64 = 1;
    while unit + 1 < UNITS.len() && bytes.unsigned_abs() >= (scale as u64) * 1024 {
        scale *= 1024;
        unit += 1;
    }
    if unit == 0 {
        return format!("{bytes} B");
    }
    // Tenths, rounded half up, in integers.
    let tenths = (i128::from(bytes) * 10 + i128::from(scale) / 2) / i128::from(scale);
    format!("{}.{} {}", tenths / 10, (tenths % 10).abs(), UNITS[unit])
}
