//! The health settings form: how often, and the thresholds; each field says its range and, after
//! a refused save, carries its error.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::health::SaveHealthSettings;
use crate::components::error_box::ErrorBox;
use crate::components::field_errors::{field_id, FieldErrors, FormError};
use crate::domain::health::CHECK_INTERVALS;
use crate::pages::query_param;
use crate::wire::health::HealthSettingsView;

/// The form, filled with the settings in force.
pub fn form(current: HealthSettingsView, save: ServerAction<SaveHealthSettings>) -> impl IntoView {
    let from_query = query_param("error").map(|message| FormError {
        message,
        field: query_param("error_field"),
    });
    let failure = Signal::derive(move || match save.value().get() {
        Some(Err(e)) => Some(FormError::from(&e)),
        Some(Ok(())) => None,
        None => from_query.clone(),
    });
    let errors = FieldErrors::new(failure);
    let message = Signal::derive(move || failure.get().map(|e| e.message));
    let s = current.settings;
    let t = s.thresholds;
    let number = move |name: &'static str, label: &'static str, value: u32, min: u32, max: u32| {
        view! {
            <label for=field_id(name)>{label}</label>
            <input type="number" id=field_id(name) name=name min=min.to_string() max=max.to_string() required
                value=value.to_string() aria-invalid=errors.invalid(name) aria-describedby=errors.described_by(name) />
            {errors.message(name)}
        }
    };
    let rounds = format!(
        "Last round: {}. Next round: {}.",
        current.last_round.unwrap_or_else(|| "none yet".into()),
        current.next_round.unwrap_or_else(|| "at once".into())
    );
    view! {
        <ErrorBox message=message />
        <p class="muted">{rounds}{current.updated.map(|u| format!(" Settings saved {u}."))}</p>
        <ActionForm action=save attr:class="form health-settings" attr:data-form="health-settings">
            <label for=field_id("interval")>"Check every running instance every"</label>
            <select id=field_id("interval") name="interval" aria-invalid=errors.invalid("interval")
                aria-describedby=errors.described_by("interval")>
                {CHECK_INTERVALS.into_iter().map(|m| view! {
                    <option value=m.to_string() selected=m == s.interval_minutes>
                        {if m == 1 { "1 minute".to_string() } else { format!("{m} minutes") }}
                    </option>
                }).collect_view()}
            </select>
            {errors.message("interval")}
            <fieldset>
                <legend>"Storage, in percent of the quota"</legend>
                {number("storage_warning", "Warning from (%)", t.storage_warning_pct, 1, 99)}
                {number("storage_critical", "Critical from (%)", t.storage_critical_pct, 2, 100)}
            </fieldset>
            <fieldset>
                <legend>"Activity and failed jobs (0: never)"</legend>
                {number("inactive_days", "Warning after days without a login or write", t.inactive_days, 0, 3650)}
                {number("failed_warning", "Failed jobs for a warning", t.failed_jobs_warning, 0, 1000)}
                {number("failed_critical", "Failed jobs for critical", t.failed_jobs_critical, 0, 1000)}
            </fieldset>
            <p class="muted">"An instance whose database does not answer (or not within the timeout) is critical."</p>
            <button type="submit" class="primary">"Save settings"</button>
        </ActionForm>
    }
}
