//! The dashboard's charts, drawn on the server as SVG with charts-rs, so they show without
//! JavaScript. Each has a table of the same numbers beside it on the page.
use charts_rs::{BarChart, Color, LineChart, Series};

use crate::domain::mrr::Month;
use crate::domain::TenantState;
use crate::wire::dashboard::{Chart, Revenue, StateMonth, TrialCohort};

const WIDTH: f32 = 640.0;
const HEIGHT: f32 = 280.0;

fn major(minor: i64) -> f32 {
    // Shown to the cent at most; a chart's precision is the pixel.
    (minor as f64 / 100.0) as f32
}

fn axis(months: &[Month]) -> Vec<String> {
    months.iter().map(|m| m.short_label()).collect()
}

fn stacked(name: &str, data: Vec<f32>, stack: &str) -> Series {
    let mut s = Series::new(name.to_string(), data);
    s.stack = Some(stack.to_string());
    s
}

fn colours(hex: &[&str]) -> Vec<Color> {
    hex.iter().map(|h| Color::from(*h)).collect()
}

fn finish(key: &str, title: String, svg: Result<String, impl std::fmt::Display>) -> Option<Chart> {
    match svg {
        Ok(svg) => Some(Chart {
            key: key.to_string(),
            title,
            svg,
        }),
        Err(e) => {
            tracing::error!(chart = key, error = %e, "chart not drawn");
            None
        }
    }
}

/// MRR at each month's end, a line.
pub fn mrr(r: &Revenue) -> Option<Chart> {
    let months: Vec<Month> = r.months.iter().filter_map(|m| m.month).collect();
    let data = r.months.iter().map(|m| major(m.closing_minor)).collect();
    let mut c = LineChart::new(
        vec![Series::new(format!("MRR ({})", r.currency), data)],
        axis(&months),
    );
    c.width = WIDTH;
    c.height = HEIGHT;
    c.series.colors = colours(&["#1d4ed8"]);
    c.series.fill = true;
    finish(
        "mrr",
        format!("MRR at each month's end ({})", r.currency),
        c.svg(),
    )
}

/// The movements of each month: gains stacked up, losses down.
pub fn movements(r: &Revenue) -> Option<Chart> {
    let months: Vec<Month> = r.months.iter().filter_map(|m| m.month).collect();
    let series = |name: &str, f: fn(&crate::domain::mrr::MonthFigures) -> i64| {
        stacked(
            name,
            r.months.iter().map(|m| major(f(m))).collect(),
            "movements",
        )
    };
    let mut c = BarChart::new(
        vec![
            series("New", |m| m.new_minor),
            series("Expansion", |m| m.expansion_minor),
            series("Reactivation", |m| m.reactivation_minor),
            series("Contraction", |m| m.contraction_minor),
            series("Churn", |m| m.churn_minor),
        ],
        axis(&months),
    );
    c.width = WIDTH;
    c.height = HEIGHT;
    c.series.colors = colours(&["#15803d", "#4ade80", "#0e7490", "#f59e0b", "#b91c1c"]);
    finish(
        "movements",
        format!("MRR movements per month ({})", r.currency),
        c.svg(),
    )
}

/// Tenants by state at each month's end, stacked bars.
pub fn tenants(history: &[StateMonth]) -> Option<Chart> {
    let months: Vec<Month> = history.iter().map(|m| m.month).collect();
    let states: Vec<TenantState> = history
        .first()
        .map(|m| m.counts.iter().map(|c| c.state).collect())
        .unwrap_or_default();
    let series = states
        .iter()
        .map(|&state| {
            let data = history
                .iter()
                .map(|m| {
                    m.counts
                        .iter()
                        .find(|c| c.state == state)
                        .map_or(0.0, |c| c.count as f32)
                })
                .collect();
            stacked(state.label(), data, "tenants")
        })
        .collect();
    let mut c = BarChart::new(series, axis(&months));
    c.width = WIDTH;
    c.height = HEIGHT;
    c.series.colors = colours(&[
        "#7c3aed", "#15803d", "#f59e0b", "#b91c1c", "#6b7280", "#0e7490",
    ]);
    finish(
        "tenants",
        "Tenants by state at each month's end".into(),
        c.svg(),
    )
}

/// Trials started per month and how many of them became paid.
pub fn trials(cohorts: &[TrialCohort]) -> Option<Chart> {
    let months: Vec<Month> = cohorts.iter().map(|m| m.month).collect();
    let started = cohorts.iter().map(|c| c.started as f32).collect();
    let converted = cohorts.iter().map(|c| c.converted as f32).collect();
    let mut c = BarChart::new(
        vec![
            Series::new("Trials started".into(), started),
            Series::new("Became paid".into(), converted),
        ],
        axis(&months),
    );
    c.width = WIDTH;
    c.height = HEIGHT;
    c.series.colors = colours(&["#7c3aed", "#15803d"]);
    finish(
        "trials",
        "Trial conversion by the month the trial started".into(),
        c.svg(),
    )
}
