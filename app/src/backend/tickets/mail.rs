//! Each new message mails the other side: a tenant's goes to the operator's address, an
//! operator's to every admin of the tenant, in their language. Mail goes after the commit; a
//! mail that cannot be sent is logged and the message stays in the thread.
use super::write::Claimed;
use crate::backend::language::tenant_locale_sql;
use crate::backend::state::AppState;
use crate::domain::tickets::TicketSide;
use crate::error::Result;
use crate::i18n::{tr, tr_args, Locale};

/// Mails message `body` of `ticket`, written by `side`, to the other side.
pub async fn message(st: &AppState, ticket: &Claimed, side: TicketSide, body: &str) {
    let sent = match side {
        TicketSide::Tenant => to_operator(st, ticket, body).await,
        TicketSide::Operator => to_tenant_admins(st, ticket, body).await,
    };
    if let Err(e) = sent {
        tracing::error!(ticket_id = ticket.id, error = %e, "ticket mail not sent");
    }
}

async fn instance(st: &AppState, tenant_id: i64) -> Result<String> {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_one(&st.pool)
        .await?;
    Ok(name)
}

/// The operator reads English, as on the operator's pages.
async fn to_operator(st: &AppState, ticket: &Claimed, body: &str) -> Result<()> {
    let en = Locale::En;
    let instance = instance(st, ticket.tenant_id).await?;
    let url = format!(
        "{}/operator/tickets/{}",
        st.config.storefront_url(),
        ticket.id
    );
    let subject = tr_args(
        en,
        "mail-ticket-operator-subject",
        &[
            ("instance", instance.clone()),
            ("subject", ticket.subject.clone()),
        ],
    );
    let text = [
        tr_args(en, "mail-ticket-operator-wrote", &[("instance", instance)]),
        body.to_string(),
        tr_args(en, "mail-ticket-operator-answer", &[("url", url)]),
    ]
    .join("\n\n");
    st.mailer
        .send(
            &st.config.mail_from,
            &st.config.operator_email,
            &subject,
            text,
        )
        .await
}

/// Every admin of the tenant, each in their own language (else the tenant's); one address
/// that fails does not keep the others from their mail.
async fn to_tenant_admins(st: &AppState, ticket: &Claimed, body: &str) -> Result<()> {
    let instance = instance(st, ticket.tenant_id).await?;
    let url = format!(
        "{}/portal/tickets/{}",
        st.config.instance_url(&instance),
        ticket.id
    );
    let admins: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT u.email, COALESCE(u.locale, {}) FROM users u \
         WHERE u.tenant_id = $1 AND u.role = 'tenant_admin' ORDER BY u.id",
        tenant_locale_sql("u.tenant_id")
    ))
    .bind(ticket.tenant_id)
    .fetch_all(&st.pool)
    .await?;
    for (email, tag) in admins {
        let locale = Locale::from_tag(&tag).unwrap_or_default();
        let subject = tr_args(
            locale,
            "mail-ticket-tenant-subject",
            &[("subject", ticket.subject.clone())],
        );
        let text = [
            tr(locale, "mail-hello"),
            tr_args(
                locale,
                "mail-ticket-tenant-replied",
                &[("subject", ticket.subject.clone())],
            ),
            body.to_string(),
            tr_args(locale, "mail-ticket-tenant-read", &[("url", url.clone())]),
            crate::backend::brand::signature_of_tenant(&st.pool, ticket.tenant_id, locale).await,
        ]
        .join("\n\n");
        if let Err(e) = st
            .mailer
            .send(&st.config.mail_from, &email, &subject, text)
            .await
        {
            tracing::error!(ticket_id = ticket.id, error = %e, "ticket mail to an admin not sent");
        }
    }
    Ok(())
}
