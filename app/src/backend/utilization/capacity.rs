//! How much storage each tenant database server may hold, for the share the utilization report
//! shows. Nothing in the platform knows a server's disk, so the operator says it in
//! `TENANTRY_DB_SERVER_CAPACITY_GB`: a number of GB for every server (default 100), and/or
//! `id=GB` entries for single servers, comma-separated (`eu-1=500,sqlite=50,200`). SQLite
//! instances, files on the platform's own disk, are the server `sqlite`.

/// The default capacity of a server, in GB, when none is configured.
pub const DEFAULT_CAPACITY_GB: u64 = 100;

/// Each server's capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbCapacity {
    /// GB of a server not named below.
    pub default_gb: u64,
    /// GB of named servers, by id.
    pub per_server: Vec<(String, u64)>,
}

impl Default for DbCapacity {
    fn default() -> Self {
        DbCapacity {
            default_gb: DEFAULT_CAPACITY_GB,
            per_server: Vec::new(),
        }
    }
}

impl DbCapacity {
    /// Reads the setting; entries that are not numbers are ignored (and logged).
    pub fn parse(setting: Option<&str>) -> DbCapacity {
        let mut capacity = DbCapacity::default();
        for entry in setting.unwrap_or_default().split(',') {
            let entry = entry.trim();
            if entry.is_empty() {
                continue;
            }
            let parsed = match entry.rsplit_once('=') {
                Some((id, gb)) => gb
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .map(|gb| capacity.per_server.push((id.trim().to_string(), gb))),
                None => entry.parse::<u64>().ok().map(|gb| capacity.default_gb = gb),
            };
            if parsed.is_none() {
                tracing::warn!(
                    entry,
                    "TENANTRY_DB_SERVER_CAPACITY_GB: not `GB` or `id=GB`; ignored"
                );
            }
        }
        capacity
    }

    /// The capacity of server `id`, in bytes.
    pub fn bytes_of(&self, id: &str) -> i64 {
        let gb = self
            .per_server
            .iter()
            .find(|(server, _)| server == id)
            .map_or(self.default_gb, |(_, gb)| *gb);
        i64::try_from(gb)
            .unwrap_or(i64::MAX >> 30)
            .saturating_mul(1 << 30)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_are_read_per_server_with_a_default() {
        let c = DbCapacity::parse(Some(" eu-1=500, sqlite = 50 ,200, junk"));
        assert_eq!(c.default_gb, 200);
        assert_eq!(c.bytes_of("eu-1"), 500 << 30);
        assert_eq!(c.bytes_of("sqlite"), 50 << 30);
        assert_eq!(c.bytes_of("other"), 200 << 30);
        assert_eq!(DbCapacity::parse(None).bytes_of("x"), 100 << 30);
    }
}
