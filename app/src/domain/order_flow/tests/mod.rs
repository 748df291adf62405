//! Tests of the order workflow, by topic, with the events and contexts they share.

mod event;
mod kind;
mod properties;
mod status;
mod table;
mod transitions;

use super::*;
use OrderEvent as E;
use OrderStatus as S;

fn events() -> [OrderEvent; 11] {
    [
        E::Screened { flagged: false },
        E::Screened { flagged: true },
        E::PaymentCaptured,
        E::PaymentOffline,
        E::PaymentDeclined {
            reason: "card expired".into(),
        },
        E::Approved,
        E::Rejected {
            reason: "stolen card".into(),
        },
        E::Provisioned,
        E::ProvisioningFailed {
            reason: "disk full".into(),
        },
        E::Retry,
        E::Cancel {
            reason: "changed my mind".into(),
        },
    ]
}

/// All eight combinations of the context flags.
fn contexts() -> Vec<FlowContext> {
    let mut all = Vec::new();
    for payment_required in [false, true] {
        for flagged in [false, true] {
            for payment_captured in [false, true] {
                all.push(FlowContext {
                    payment_required,
                    flagged,
                    payment_captured,
                });
            }
        }
    }
    all
}
