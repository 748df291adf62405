//! Twenty replies at once, ten from each side: every one is kept once, the thread is in the
//! order they were taken, and the status and its events follow that order exactly.
use app::backend::db::Engine;
use app::domain::tickets::{TicketSide, TicketStatus};

use super::Desk;
use crate::common::*;

async fn replies_at_once_are_all_kept_in_order(engine: Engine) {
    let d = Desk::new(engine).await;
    let id = d
        .open(&d.acme, "acme", "Busy", "technical", "First.")
        .await
        .body
        .expect("opened");
    let replies = (0..20).map(|i| {
        let d = &d;
        async move {
            let body = format!("reply {i}");
            if i % 2 == 0 {
                d.reply(&d.acme, "acme", id, &body).await
            } else {
                d.answer(id, &body).await
            }
        }
    });
    let answers = futures::future::join_all(replies).await;
    for (i, a) in answers.iter().enumerate() {
        assert!(
            a.body.is_ok(),
            "reply {i}: {} {:?}",
            a.status,
            a.body.as_ref().err()
        );
    }
    let v = d.operator_ticket(id).await;
    assert_eq!(v.messages.len(), 21);
    for i in 0..20 {
        let body = format!("reply {i}");
        assert_eq!(
            v.messages.iter().filter(|m| m.body == body).count(),
            1,
            "{body}"
        );
    }
    // Replaying the thread in order gives the stored status and one event per change.
    let mut status = TicketStatus::Open;
    let mut changes = 0;
    for m in &v.messages[1..] {
        let next = match m.side {
            TicketSide::Tenant => TicketStatus::Open,
            TicketSide::Operator => TicketStatus::WaitingOnCustomer,
        };
        if next != status {
            changes += 1;
            status = next;
        }
    }
    assert_eq!(v.status, status);
    let events = d
        .app
        .count(&format!(
            "SELECT COUNT(*) FROM ticket_events WHERE ticket_id = {id}"
        ))
        .await;
    assert_eq!(events, 1 + changes);
    // Each message mailed the other side once.
    assert_eq!(d.mails_to(OPERATOR_EMAIL).len(), 11);
    assert_eq!(d.mails_to("ada@acme.example").len(), 10);
}

on_both_engines!(replies_at_once_are_all_kept_in_order);
