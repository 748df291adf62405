//! Transition error messages, typical order journeys and refunds.

use super::*;

#[test]
fn error_messages_read_naturally() {
    let ctx = FlowContext::default();
    let msg = |from, event: OrderEvent| next(from, &event, &ctx).unwrap_err().to_string();
    assert_eq!(
        msg(S::Completed, E::Cancel { reason: "x".into() }),
        "an order that is completed cannot be cancelled"
    );
    assert_eq!(
        msg(S::AwaitingPayment, E::Approved),
        "an order that is awaiting payment cannot be approved"
    );
    assert_eq!(
        msg(S::Placed, E::PaymentCaptured),
        "an order that is placed cannot take a payment"
    );
    assert_eq!(
        msg(S::Screening, E::Retry),
        "an order that is being screened cannot be retried"
    );
    assert_eq!(
        msg(S::Provisioning, E::Screened { flagged: true }),
        "an order that is provisioning cannot be screened"
    );
    assert_eq!(
        msg(S::Rejected, E::PaymentOffline),
        "an order that is rejected cannot wait for an offline payment"
    );
    assert_eq!(
        msg(S::Failed, E::PaymentDeclined { reason: "x".into() }),
        "an order that is failed cannot have its payment declined"
    );
    assert_eq!(
        msg(S::AwaitingApproval, E::Provisioned),
        "an order that is awaiting approval cannot be marked as provisioned"
    );
    assert_eq!(
        msg(S::Cancelled, E::ProvisioningFailed { reason: "x".into() }),
        "an order that is cancelled cannot be marked as failed to provision"
    );
    assert_eq!(
        msg(S::Completed, E::Rejected { reason: "x".into() }),
        "an order that is completed cannot be rejected"
    );
}

#[test]
fn typical_journeys() {
    // Paid, clean order: placed → awaiting payment → provisioning → completed.
    let mut ctx = FlowContext {
        payment_required: true,
        ..FlowContext::default()
    };
    let s = next(S::Placed, &E::Screened { flagged: false }, &ctx).unwrap();
    assert_eq!(s, S::AwaitingPayment);
    let s = next(s, &E::PaymentCaptured, &ctx).unwrap();
    assert_eq!(s, S::Provisioning);
    ctx.payment_captured = true;
    let s = next(s, &E::ProvisioningFailed { reason: "x".into() }, &ctx).unwrap();
    assert_eq!(s, S::Failed);
    let s = next(s, &E::Retry, &ctx).unwrap();
    assert_eq!(s, S::Provisioning);
    assert_eq!(next(s, &E::Provisioned, &ctx).unwrap(), S::Completed);

    // Trial: no payment at all.
    let trial = FlowContext::default();
    assert_eq!(
        next(S::Placed, &E::Screened { flagged: false }, &trial).unwrap(),
        S::Provisioning
    );

    // Declined card, retried.
    let ctx = FlowContext {
        payment_required: true,
        ..FlowContext::default()
    };
    let s = next(
        S::AwaitingPayment,
        &E::PaymentDeclined { reason: "x".into() },
        &ctx,
    )
    .unwrap();
    assert_eq!(s, S::Failed);
    assert_eq!(next(s, &E::Retry, &ctx).unwrap(), S::AwaitingPayment);

    // Bank transfer: the operator records the money, then approves.
    let s = next(S::AwaitingPayment, &E::PaymentOffline, &ctx).unwrap();
    assert_eq!(s, S::AwaitingApproval);
    assert_eq!(next(s, &E::Approved, &ctx).unwrap(), S::AwaitingPayment);
    let paid = FlowContext {
        payment_captured: true,
        ..ctx
    };
    assert_eq!(next(s, &E::Approved, &paid).unwrap(), S::Provisioning);

    // Flagged before payment: approval first, then payment, no second approval.
    let flagged = FlowContext {
        payment_required: true,
        flagged: true,
        payment_captured: false,
    };
    let s = next(S::Placed, &E::Screened { flagged: true }, &flagged).unwrap();
    assert_eq!(s, S::AwaitingApproval);
    let s = next(s, &E::Approved, &flagged).unwrap();
    assert_eq!(s, S::AwaitingPayment);
    let approved = FlowContext {
        flagged: false,
        ..flagged
    };
    assert_eq!(
        next(s, &E::PaymentCaptured, &approved).unwrap(),
        S::Provisioning
    );
    // Still flagged (not yet approved) when paying: goes to approval.
    assert_eq!(
        next(S::AwaitingPayment, &E::PaymentCaptured, &flagged).unwrap(),
        S::AwaitingApproval
    );
}

#[test]
fn refunds_are_needed_only_for_captured_payments_that_end_badly() {
    for status in S::ALL {
        assert!(!needs_refund(status, false), "{status}");
        let expected = matches!(status, S::Rejected | S::Cancelled);
        assert_eq!(needs_refund(status, true), expected, "{status}");
    }
}
