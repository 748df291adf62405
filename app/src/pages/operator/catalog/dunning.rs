//! The part of the storefronts page that edits a storefront's dunning schedule: when a declined
//! renewal is retried, how long the tenant keeps running, when it is archived and its data
//! deleted, and when customers are reminded before a period ends.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::dunning::{DunningForm, UpdateDunningSchedule};

/// The dunning form of storefront `id`, folded away until opened.
pub fn dunning_form(
    id: i64,
    code: &str,
    d: DunningForm,
    action: ServerAction<UpdateDunningSchedule>,
) -> impl IntoView {
    let number = |name: &'static str, label: &'static str, value: u32, min: u32, max: u32| {
        view! {
            <label>{label}
                <input name=format!("form[{name}]") type="number" min=min max=max value=value required />
            </label>
        }
    };
    view! {
        <details class="storefront-dunning" data-storefront=code.to_string()>
            <summary>"Unpaid renewals (dunning)"</summary>
            <ActionForm action=action attr:class="form dunning-form">
                <input type="hidden" name="storefront_id" value=id.to_string() />
                <label>"Retry the card on these days after a declined renewal"
                    <input name="form[retry_days]" value=d.retry_days placeholder="1, 3, 5, 7" />
                </label>
                <label>"Remind the customer this many days before a trial or period ends"
                    <input name="form[reminder_days]" value=d.reminder_days placeholder="7, 3, 1" />
                </label>
                {number("grace_days", "Grace period: days the tenant keeps running unpaid", d.grace_days, 0, 90)}
                {number("archive_after_days", "Archive after this many days suspended", d.archive_after_days, 1, 365)}
                {number("retention_days", "Delete an archived tenant's data after this many days", d.retention_days, 1, 3650)}
                <p class="muted">"A stolen, closed or expired card is never retried, nor is a customer without a card."</p>
                <button type="submit">"Save schedule"</button>
            </ActionForm>
        </details>
    }
}
