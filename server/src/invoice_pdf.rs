//! `GET /orders/{token}/invoice.pdf`: an order's invoice as a PDF, and
//! `GET /orders/{token}/credit-notes/{number}/pdf` one of its credit notes. The order's private
//! token is the key, as for the pages.
use app::backend::credit_notes;
use app::backend::invoices::pdf;
use app::backend::state::AppState;
use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{header, Extensions, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The PDF, served for download under the invoice number's name, in the request's language.
pub async fn invoice_pdf(
    State(st): State<AppState>,
    Path(token): Path<String>,
    extensions: Extensions,
) -> Response {
    // Decided by the language middleware (the visitor's choice, browser, storefront default).
    let locale = extensions.get::<Locale>().copied().unwrap_or_default();
    download(pdf::for_order(&st.pool, &token, locale).await)
}

/// A credit note's PDF, laid out like the invoice, in the request's language.
pub async fn credit_note_pdf(
    State(st): State<AppState>,
    Path((token, number)): Path<(String, String)>,
    extensions: Extensions,
) -> Response {
    let locale = extensions.get::<Locale>().copied().unwrap_or_default();
    let document = credit_notes::document::for_order(&st.pool, &token, &number, locale).await;
    match document {
        Ok(doc) => download(pdf::file(doc, locale).await),
        Err(e) => download(Err(e)),
    }
}

/// The PDF as a download named after the document's number, or the error's status.
fn download(file: app::error::Result<(String, Vec<u8>)>) -> Response {
    match file {
        Ok((name, bytes)) => {
            // Numbers are a prefix and digits; anything else is dropped.
            let safe: String = name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .collect();
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/pdf"),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, no-store"),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.to_string()).into_response()
        }
    }
}
