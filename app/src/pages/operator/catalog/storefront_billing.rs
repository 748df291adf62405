//! The part of the storefronts page that edits one storefront's billing details: the seller
//! printed on invoices, the bank account shown to customers who pay by transfer, and test mode.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::catalog::storefronts::UpdateStorefrontBilling;
use crate::wire::catalog::storefront_billing::StorefrontBillingForm;

/// The billing form of storefront `id`, folded away until opened.
pub fn billing_form(
    id: i64,
    code: &str,
    b: StorefrontBillingForm,
    action: ServerAction<UpdateStorefrontBilling>,
) -> impl IntoView {
    let field = |name: &'static str, label: &'static str, value: String, hint: &'static str| {
        view! {
            <label>{label}
                <input name=format!("form[{name}]") value=value placeholder=hint />
            </label>
        }
    };
    view! {
        <details class="storefront-billing" data-storefront=code.to_string()>
            <summary>"Seller, bank account and test mode"</summary>
            <ActionForm action=action attr:class="form billing-form">
                <input type="hidden" name="storefront_id" value=id.to_string() />
                <fieldset>
                    <legend>"Seller (printed on every invoice)"</legend>
                    {field("legal_name", "Legal name", b.legal_name, "Example GmbH")}
                    <label>"Address"
                        <textarea name="form[address]" rows="3" maxlength="500">{b.address}</textarea>
                    </label>
                    {field("country", "Country (two letters; the checkout's default)", b.country, "DE")}
                    {field("vat_id", "VAT ID", b.vat_id, "DE123456788")}
                    {field("registration_number", "Registration", b.registration_number, "HRB 123456, Amtsgericht Berlin")}
                </fieldset>
                <fieldset>
                    <legend>"Bank transfer (offered only with an IBAN)"</legend>
                    {field("account_holder", "Account holder", b.account_holder, "")}
                    {field("iban", "IBAN", b.iban, "DE89 3704 0044 0532 0130 00")}
                    {field("bic", "BIC", b.bic, "COBADEFFXXX")}
                    {field("bank_name", "Bank", b.bank_name, "")}
                    {field("reference_format", "Payment reference ({invoice}, {order})", b.reference_format, "{invoice}")}
                </fieldset>
                <label class="check">
                    <input type="checkbox" name="form[test_mode]" checked=b.test_mode.is_some() />
                    "Test mode: list the test cards and show a banner on the checkout"
                </label>
                <button type="submit">"Save billing details"</button>
            </ActionForm>
        </details>
    }
}
