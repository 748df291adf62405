//! The portal's billing page, for the tenant's admins and billing contacts: invoices (an open one
//! paid now with a stored or a new card), the cards renewals charge, the payments and credit
//! behind the invoices, and the billing details. Every action is a plain form post.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::billing::{
    billing_overview, AddCard, BillingDetails, BillingInvoice, BillingView, CardView,
    MakeCardDefault, PayInvoice, RemoveCard, UpdateBillingDetails,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::pager::{asked_page, Pager};
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::InvoiceStatus;
use crate::i18n::{money_of, t, t_args};

#[derive(Clone, Copy)]
struct Actions {
    pay: ServerAction<PayInvoice>,
    add: ServerAction<AddCard>,
    default: ServerAction<MakeCardDefault>,
    remove: ServerAction<RemoveCard>,
    details: ServerAction<UpdateBillingDetails>,
}

/// The tenant's billing.
#[component]
pub fn BillingPage() -> impl IntoView {
    let edits = Edits::new();
    let a = Actions {
        pay: edits.action::<PayInvoice, _>(),
        add: edits.action::<AddCard, _>(),
        default: edits.action::<MakeCardDefault, _>(),
        remove: edits.action::<RemoveCard, _>(),
        details: edits.action::<UpdateBillingDetails, _>(),
    };
    let error = edits.error();
    let asked = asked_page();
    let page = Resource::new(
        move || edits.version(),
        move |_| billing_overview(Some(asked)),
    );
    view! {
        <Title text=t("billing-title") />
        <section class="card">
            <h1>{t("billing-heading")}</h1>
            <ErrorBox message=error />
            <Loaded resource=page show=move |v| billing_view(v, a) />
        </section>
    }
}

fn billing_view(v: BillingView, a: Actions) -> impl IntoView {
    let cards = StoredValue::new(v.cards.clone());
    let (page, pages) = (v.page, v.pages);
    let payable: Vec<BillingInvoice> = v.invoices.iter().filter(|i| i.payable).cloned().collect();
    view! {
        {(!payable.is_empty()).then(|| view! {
            <h2>{t("billing-to-pay")}</h2>
            {payable.into_iter().map(|i| pay_box(i, cards.get_value(), a)).collect_view()}
        })}
        <h2>{t("billing-invoices")}</h2>
        {rows_or(v.invoices, t("billing-no-invoices"), move |invoices| view! {
            <TableBox label=t("billing-invoices")>
                <table class="table invoices">
                    <thead><tr>
                        <th>{t("billing-invoice")}</th><th>{t("billing-issued")}</th><th>{t("billing-due")}</th>
                        <th>{t("billing-status")}</th><th class="num">{t("billing-amount")}</th>
                    </tr></thead>
                    <tbody>{invoices.into_iter().map(invoice_row).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
        <Pager path="/portal/billing" page=page pages=pages />
        <h2>{t("billing-cards")}</h2>
        {cards_view(v.cards, a)}
        <h2>{t("billing-payments")}</h2>
        {rows_or(v.payments, t("billing-no-payments"), |payments| view! {
            <TableBox label=t("billing-payments")>
                <table class="table payments">
                    <thead><tr><th>{t("billing-when")}</th><th>{t("billing-invoice")}</th><th>{t("billing-method")}</th><th>{t("billing-status")}</th><th class="num">{t("billing-amount")}</th></tr></thead>
                    <tbody>{payments.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.at}</td><td>{p.invoice.unwrap_or_default()}</td><td>{p.method}</td>
                            <td>{t(&format!("payment-status-{}", p.status.as_str()))}</td>
                            <td class="num">{money_of(p.amount_minor, &p.currency)}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
        <h2>{t("billing-credit")}</h2>
        <p data-field="credit">{t_args("billing-credit-left", &[("amount", money_of(v.credit_minor, &v.currency))])}</p>
        {rows_or(v.credit, t("billing-no-credit"), |credit| view! {
            <TableBox label=t("billing-credit")>
                <table class="table credit">
                    <thead><tr><th>{t("billing-when")}</th><th>{t("billing-why")}</th><th class="num">{t("billing-amount")}</th></tr></thead>
                    <tbody>{credit.into_iter().map(|c| view! {
                        <tr><td>{c.at}</td><td>{c.note}</td><td class="num">{money_of(c.amount_minor, &c.currency)}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
        <h2>{t("billing-details")}</h2>
        {details_form(v.details, a)}
    }
}

/// An open invoice being dunned, with its payment forms: a stored card, or a new one.
fn pay_box(i: BillingInvoice, cards: Vec<CardView>, a: Actions) -> impl IntoView {
    let amount = money_of(i.total_minor, &i.currency);
    let id = i.id.to_string();
    let id_new = id.clone();
    let pay_label = t_args("billing-pay", &[("amount", amount.clone())]);
    let pay_new_label = pay_label.clone();
    let stored = (!cards.is_empty()).then(|| view! {
        <ActionForm action=a.pay attr:class="form">
            <input type="hidden" name="invoice_id" value=id />
            <label>{t("billing-pay-with")}
                <select name="card_id">
                    {cards.iter().map(|c| view! {
                        <option value=c.id.to_string() selected=c.default>{card_label(c)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="primary">{pay_label}</button>
        </ActionForm>
    });
    view! {
        <div class="pay-box" data-pay=i.number.clone()>
            <p><strong>{i.number.clone()}</strong> " \u{b7} " {amount} " \u{b7} " {t_args("billing-due-on", &[("date", i.due.clone())])}</p>
            {stored}
            <details class="new-card">
                <summary>{t("billing-pay-new-card")}</summary>
                <ActionForm action=a.pay attr:class="form">
                    <input type="hidden" name="invoice_id" value=id_new />
                    {card_fields()}
                    <button type="submit" class="primary">{pay_new_label}</button>
                </ActionForm>
            </details>
        </div>
    }
}

fn invoice_row(i: BillingInvoice) -> impl IntoView {
    let amount = money_of(i.total_minor, &i.currency);
    let status_class = match i.status {
        InvoiceStatus::Paid => "badge active",
        InvoiceStatus::Open => "badge suspended",
        InvoiceStatus::Void => "badge",
    };
    view! {
        <tr data-invoice=i.number.clone()>
            <td><a href=i.url.clone()>{i.number.clone()}</a> " " <a href=format!("{}.pdf", i.url) download>"PDF"</a></td>
            <td>{i.issued.clone()}</td>
            <td>{i.due.clone()}</td>
            <td><span class=status_class data-field="status">{t(&format!("invoice-status-{}", i.status.as_str()))}</span></td>
            <td class="num">{amount}</td>
        </tr>
    }
}

fn card_label(c: &CardView) -> String {
    t_args(
        "billing-card",
        &[
            ("brand", c.brand.clone()),
            ("last4", c.last4.clone()),
            ("expiry", format!("{:02}/{}", c.exp_month, c.exp_year)),
        ],
    )
}

/// The fields of a new card, named as the server function's `card` argument.
fn card_fields() -> impl IntoView {
    view! {
        <label>{t("checkout-card-number")} <input name="card[card_number]" inputmode="numeric" autocomplete="cc-number" required maxlength="23" /></label>
        <span class="row">
            <label>{t("checkout-card-month")} <input name="card[card_exp_month]" inputmode="numeric" autocomplete="cc-exp-month" required maxlength="2" size="3" /></label>
            <label>{t("checkout-card-year")} <input name="card[card_exp_year]" inputmode="numeric" autocomplete="cc-exp-year" required maxlength="4" size="5" /></label>
            <label>{t("checkout-card-cvc")} <input name="card[card_cvc]" inputmode="numeric" autocomplete="cc-csc" required maxlength="4" size="5" /></label>
        </span>
    }
}

fn cards_view(cards: Vec<CardView>, a: Actions) -> impl IntoView {
    let only_one = cards.len() == 1;
    view! {
        {rows_or(cards, t("billing-no-cards"), move |cards| view! {
            <ul class="cards">
                {cards.into_iter().map(|c| {
                    let (id, id_remove) = (c.id.to_string(), c.id.to_string());
                    let question = t_args("billing-remove-question", &[("card", card_label(&c))]);
                    view! {
                        <li data-card=c.last4.clone()>
                            {card_label(&c)}
                            {c.default.then(|| view! { " " <span class="badge active">{t("billing-default")}</span> })}
                            {(!c.default).then(|| view! {
                                <ActionForm action=a.default attr:class="form row-form">
                                    <input type="hidden" name="card_id" value=id />
                                    <button type="submit">{t("billing-make-default")}</button>
                                </ActionForm>
                            })}
                            <ActionForm action=a.remove attr:class="form row-form">
                                <input type="hidden" name="card_id" value=id_remove />
                                <ConfirmSubmit label=t("billing-remove") question=question confirm=t("billing-remove-confirm")>
                                    {only_one.then(|| view! {
                                        <label class="check"><input type="checkbox" name="to_transfer" value="on" />{t("billing-to-transfer")}</label>
                                    })}
                                </ConfirmSubmit>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        <details class="new-card">
            <summary>{t("billing-add-card")}</summary>
            <ActionForm action=a.add attr:class="form">
                {card_fields()}
                <button type="submit" class="primary">{t("billing-add-card-submit")}</button>
            </ActionForm>
        </details>
    }
}

fn details_form(d: BillingDetails, a: Actions) -> impl IntoView {
    view! {
        <p class="muted">{t_args("billing-details-intro", &[("company", d.company.clone())])}</p>
        <ActionForm action=a.details attr:class="form">
            <label>{t("checkout-country")} " " <span class="muted">{t("billing-country-hint")}</span>
                <input name="billing_country" required maxlength="2" size="3" autocomplete="country" value=d.billing_country /></label>
            <label>{t("checkout-billing-address")}
                <textarea name="billing_address" rows="3" maxlength="500" required autocomplete="street-address">{d.billing_address}</textarea></label>
            <label>{t("billing-vat-id")} <input name="vat_id" maxlength="20" value=d.vat_id /></label>
            <button type="submit">{t("billing-details-save")}</button>
        </ActionForm>
    }
}
