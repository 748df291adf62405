//! Support tickets on both engines: a tenant's admin opens a ticket and the operator answers,
//! each message mailed to the other side and moving the status (open, waiting on the customer,
//! closed, reopened by a reply); the queue filters by status and category. The other files:
//! who may see and write what (access), bad input refused with nothing stored and markup shown
//! as text (input), and replies at once all kept in order (races).
mod access;
mod input;
mod races;

use crate::common::*;
use app::api::tickets::{
    AnswerTicket, CloseTicket, OpenTicket, OperatorTicket, PortalTicket, PortalTickets,
    ReplyToTicket, TicketQueue, TicketRow, TicketView,
};
use app::backend::db::Engine;
use app::domain::tickets::{TicketCategory, TicketSide, TicketStatus};
use reqwest::Client;

/// Two instances with their admins logged in on their hosts, and the operator.
pub struct Desk {
    pub app: TestApp,
    pub acme: Client,
    pub beta: Client,
    pub operator: Client,
}

impl Desk {
    pub async fn new(engine: Engine) -> Desk {
        let app = TestApp::spawn(engine).await;
        for (name, email, key) in [
            ("acme", "ada@acme.example", "k-a"),
            ("beta", "bob@beta.example", "k-b"),
        ] {
            order_trial(&app, name, email, key).await.body.expect(name);
        }
        let (acme, r) = login(&app, Some("acme"), "ada@acme.example", PASSWORD).await;
        r.body.expect("acme's admin");
        let (beta, r) = login(&app, Some("beta"), "bob@beta.example", PASSWORD).await;
        r.body.expect("beta's admin");
        let (operator, r) = login(&app, None, OPERATOR_EMAIL, OPERATOR_PASSWORD).await;
        r.body.expect("operator");
        Desk {
            app,
            acme,
            beta,
            operator,
        }
    }

    /// Opens a ticket as `client` on `instance`'s host.
    pub async fn open(
        &self,
        client: &Client,
        instance: &str,
        subject: &str,
        category: &str,
        body: &str,
    ) -> Reply<i64> {
        let form = [
            ("form[subject]", subject),
            ("form[category]", category),
            ("form[body]", body),
        ];
        self.app
            .call(client, Some(instance), path_of::<OpenTicket>(), &form)
            .await
    }

    /// A reply on ticket `id` as `client` on `instance`'s host.
    pub async fn reply(&self, client: &Client, instance: &str, id: i64, body: &str) -> Reply<()> {
        let id = id.to_string();
        let form = [("ticket_id", id.as_str()), ("body", body)];
        self.app
            .call(client, Some(instance), path_of::<ReplyToTicket>(), &form)
            .await
    }

    /// The operator's reply on ticket `id`.
    pub async fn answer(&self, id: i64, body: &str) -> Reply<()> {
        let id = id.to_string();
        let form = [("ticket_id", id.as_str()), ("body", body)];
        self.app
            .call(&self.operator, None, path_of::<AnswerTicket>(), &form)
            .await
    }

    pub async fn close(&self, id: i64) -> Reply<()> {
        let id = id.to_string();
        let form = [("ticket_id", id.as_str())];
        self.app
            .call(&self.operator, None, path_of::<CloseTicket>(), &form)
            .await
    }

    /// The queue as `client` sees it on the platform's host.
    pub async fn queue(
        &self,
        client: &Client,
        status: &str,
        category: &str,
    ) -> Reply<Vec<TicketRow>> {
        let form = [("status", status), ("category", category)];
        self.app
            .call(client, None, path_of::<TicketQueue>(), &form)
            .await
    }

    /// Ticket `id` as `client` sees it on `instance`'s portal.
    pub async fn portal_ticket(
        &self,
        client: &Client,
        instance: &str,
        id: i64,
    ) -> Reply<TicketView> {
        let id = id.to_string();
        let form = [("ticket_id", id.as_str())];
        self.app
            .call(client, Some(instance), path_of::<PortalTicket>(), &form)
            .await
    }

    pub async fn operator_ticket(&self, id: i64) -> TicketView {
        let id = id.to_string();
        let form = [("ticket_id", id.as_str())];
        self.app
            .call(&self.operator, None, path_of::<OperatorTicket>(), &form)
            .await
            .body
            .expect("the operator's view")
    }

    /// The mails sent to `address`.
    pub fn mails_to(&self, address: &str) -> Vec<String> {
        let to = format!("To: {address}");
        self.app
            .outbox()
            .into_iter()
            .filter(|m| m.contains(&to) && m.contains("/tickets/"))
            .collect()
    }

    /// How many rows of tickets, messages and events there are.
    pub async fn stored(&self) -> [i64; 3] {
        let mut n = [0; 3];
        for (i, table) in ["tickets", "ticket_messages", "ticket_events"]
            .into_iter()
            .enumerate()
        {
            n[i] = self
                .app
                .count(&format!("SELECT COUNT(*) FROM {table}"))
                .await;
        }
        n
    }
}

fn ids(rows: &[TicketRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

async fn a_ticket_goes_back_and_forth_with_mail_to_the_other_side(engine: Engine) {
    let d = Desk::new(engine).await;
    let id = d
        .open(
            &d.acme,
            "acme",
            "Invoice twice",
            "billing",
            "We were charged\r\ntwice.",
        )
        .await
        .body
        .expect("opened");
    let v = d
        .portal_ticket(&d.acme, "acme", id)
        .await
        .body
        .expect("thread");
    assert_eq!(
        (v.status, v.category),
        (TicketStatus::Open, TicketCategory::Billing)
    );
    assert_eq!(v.messages.len(), 1);
    assert_eq!(v.messages[0].body, "We were charged\ntwice.");
    assert_eq!(v.messages[0].side, TicketSide::Tenant);
    // The operator hears of it, with the message and where to answer.
    let mails = d.mails_to(OPERATOR_EMAIL);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("We were charged"), "{}", mails[0]);
    assert!(
        mails[0].contains(&format!("{}/operator/tickets/{id}", d.app.url(None, ""))),
        "{}",
        mails[0]
    );
    assert!(d.mails_to("ada@acme.example").is_empty());

    // The operator answers: the ticket waits on the customer, whose admin is mailed.
    d.answer(id, "Refunded the second charge.")
        .await
        .body
        .expect("answered");
    let v = d.operator_ticket(id).await;
    assert_eq!(v.status, TicketStatus::WaitingOnCustomer);
    assert_eq!(v.instance, "acme");
    assert!(v.messages[1]
        .author
        .as_deref()
        .unwrap_or_default()
        .contains(OPERATOR_EMAIL));
    let mails = d.mails_to("ada@acme.example");
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].contains("Refunded the second charge."),
        "{}",
        mails[0]
    );
    assert!(mails[0].contains(&format!(
        "{}/portal/tickets/{id}",
        d.app.url(Some("acme"), "")
    )));
    assert!(d.mails_to("bob@beta.example").is_empty());
    // The tenant is told "support", not who of the staff answered.
    let v = d
        .portal_ticket(&d.acme, "acme", id)
        .await
        .body
        .expect("thread");
    assert_eq!(v.messages[1].author, None);

    // The customer answers: open again, the operator mailed again.
    d.reply(&d.acme, "acme", id, "Thanks, it arrived.")
        .await
        .body
        .expect("replied");
    assert_eq!(d.operator_ticket(id).await.status, TicketStatus::Open);
    assert_eq!(d.mails_to(OPERATOR_EMAIL).len(), 2);

    // Closed; closing again is refused; a customer's reply reopens it.
    d.close(id).await.body.expect("closed");
    assert_eq!(d.operator_ticket(id).await.status, TicketStatus::Closed);
    assert_eq!(d.close(id).await.status, 422);
    assert_eq!(d.mails_to(OPERATOR_EMAIL).len(), 2, "closing mails nobody");
    d.reply(&d.acme, "acme", id, "One more thing.")
        .await
        .body
        .expect("reopened");
    let v = d.operator_ticket(id).await;
    assert_eq!((v.status, v.messages.len()), (TicketStatus::Open, 4));
    let events: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT event, from_status, to_status FROM ticket_events WHERE ticket_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&d.app.pool)
    .await
    .expect("events");
    let events: Vec<String> = events
        .into_iter()
        .map(|(e, from, to)| format!("{e}: {} -> {to}", from.unwrap_or_default()))
        .collect();
    assert_eq!(
        events,
        [
            "opened:  -> open",
            "operator_replied: open -> waiting_on_customer",
            "tenant_wrote: waiting_on_customer -> open",
            "closed: open -> closed",
            "tenant_wrote: closed -> open",
        ]
    );

    // The queue filters by status and category; each tenant lists its own.
    let tech = d
        .open(
            &d.beta,
            "beta",
            "Login slow",
            "technical",
            "It takes a minute.",
        )
        .await
        .body
        .expect("beta's ticket");
    let q = |status: &'static str, category: &'static str| {
        let d = &d;
        async move {
            ids(&d
                .queue(&d.operator, status, category)
                .await
                .body
                .expect("queue"))
        }
    };
    assert_eq!(q("open", "").await, [id, tech]);
    assert_eq!(q("open", "technical").await, [tech]);
    assert_eq!(q("", "billing").await, [id]);
    assert!(q("closed", "").await.is_empty());
    d.answer(tech, "Fixed.").await.body.expect("answered");
    assert_eq!(q("waiting_on_customer", "").await, [tech]);
    assert_eq!(q("open", "").await, [id]);
    assert_eq!(d.queue(&d.operator, "pending", "").await.status, 422);
    assert_eq!(d.queue(&d.operator, "", "sales").await.status, 422);
    let own = |client: &Client, instance: &'static str| {
        let d = &d;
        let client = client.clone();
        async move {
            let rows: Vec<TicketRow> = d
                .app
                .call(&client, Some(instance), path_of::<PortalTickets>(), &[])
                .await
                .body
                .expect("list");
            ids(&rows)
        }
    };
    assert_eq!(own(&d.acme, "acme").await, [id]);
    assert_eq!(own(&d.beta, "beta").await, [tech]);
}

on_both_engines!(a_ticket_goes_back_and_forth_with_mail_to_the_other_side);
