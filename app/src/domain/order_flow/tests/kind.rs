//! Order kinds: identifiers and serde.

use super::*;

#[test]
fn kinds_round_trip_through_strings_and_serde() {
    let ids: Vec<_> = OrderKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        ids,
        [
            "new_sale",
            "upgrade",
            "downgrade",
            "renewal",
            "add_on",
            "cancellation"
        ]
    );
    for kind in OrderKind::ALL {
        assert_eq!(kind.as_str().parse::<OrderKind>().unwrap(), kind);
        assert_eq!(kind.to_string(), kind.as_str());
        assert!(!kind.label().is_empty());
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.as_str()));
        assert_eq!(serde_json::from_str::<OrderKind>(&json).unwrap(), kind);
    }
    assert_eq!(
        "AddOn".parse::<OrderKind>().unwrap_err().to_string(),
        "\"AddOn\" is not a known order kind"
    );
}
