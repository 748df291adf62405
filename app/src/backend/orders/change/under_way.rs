//! "A change of this tenant is under way", written once: the change form refuses a second
//! change, the renewal run skips the tenant, and the one-open-change index of platform migration
//! 0008 lets the database decide between two that arrive together.
use crate::domain::order_flow::OrderStatus;

/// Whether an order in `status` no longer holds the tenant's one open change: final, or failed
/// (a failed change waits for the operator and must not block the tenant's next one).
fn releases(status: OrderStatus) -> bool {
    status.is_final() || status == OrderStatus::Failed
}

/// The SQL condition on an order (columns prefixed with `prefix`, e.g. `o.` or empty) that it
/// is a change still under way.
pub fn under_way(prefix: &str) -> String {
    let released: Vec<String> = OrderStatus::ALL
        .into_iter()
        .filter(|s| releases(*s))
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!(
        "{prefix}kind <> 'new_sale' AND {prefix}status NOT IN ({})",
        released.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::under_way;

    #[test]
    fn the_index_and_the_queries_say_the_same() {
        for migration in [
            include_str!("../../../../../migrations/platform/sqlite/0008_subscription_changes.sql"),
            include_str!(
                "../../../../../migrations/platform/postgres/0008_subscription_changes.sql"
            ),
        ] {
            assert!(migration.contains(&under_way("")), "{migration}");
        }
        assert_eq!(
            under_way("o."),
            "o.kind <> 'new_sale' AND o.status NOT IN ('completed', 'rejected', 'cancelled', 'failed')"
        );
    }
}
