//! Property tests: final statuses stay final and every move changes the status.

use proptest::prelude::*;

use super::*;

fn any_status() -> impl Strategy<Value = OrderStatus> {
    proptest::sample::select(S::ALL.to_vec())
}

fn any_event() -> impl Strategy<Value = OrderEvent> {
    proptest::sample::select(events().to_vec())
}

fn any_context() -> impl Strategy<Value = FlowContext> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(payment_required, flagged, payment_captured)| FlowContext {
            payment_required,
            flagged,
            payment_captured,
        },
    )
}

proptest! {
    #[test]
    fn final_statuses_stay_final_and_moves_always_change_status(
        start in any_status(),
        steps in proptest::collection::vec((any_event(), any_context()), 0..25),
    ) {
        let mut status = start;
        for (event, ctx) in &steps {
            match next(status, event, ctx) {
                Ok(to) => {
                    prop_assert!(!status.is_final());
                    prop_assert_ne!(to, status);
                    prop_assert!(!matches!(to, S::Placed | S::Screening));
                    // Provisioning is only reached once nothing remains to be paid.
                    if to == S::Provisioning && status != S::Provisioning {
                        prop_assert!(
                            ctx.payment_settled() || matches!(event, E::PaymentCaptured),
                            "{} + {} in {:?}", status, event, ctx
                        );
                    }
                    status = to;
                }
                Err(e) => prop_assert!(e.to_string().starts_with("an order that is ")),
            }
        }
    }
}
