//! The invoice as a PDF (A4), drawn from the same [`InvoiceView`] as the page, with DejaVu Sans
//! embedded (subset) so every character of names and addresses prints, € and umlauts included.
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document};

use crate::error::{AppError, Result};
use crate::i18n::{tr, tr_args, Locale};
use crate::wire::invoices::{InvoiceView, PaymentView};

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 50.0;
const RIGHT: f32 = WIDTH - 50.0;
const BOTTOM: f32 = HEIGHT - 60.0;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    /// Text with its baseline's left end at (x, y), y from the top.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        text: String,
    },
    /// A thin horizontal rule.
    Rule { y: f32 },
}

/// Lays out text with the font's real advance widths, page by page.
struct Layout {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Result<Layout> {
        let face = |data| ttf_parser::Face::parse(data, 0).map_err(|_| AppError::Internal);
        Ok(Layout {
            regular: face(REGULAR)?,
            bold: face(BOLD)?,
            pages: vec![Vec::new()],
            y: 60.0,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0.0, f32::from)
            })
            .sum();
        units * size / f32::from(face.units_per_em())
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        self.push(Op::Text {
            x,
            y: self.y,
            size,
            bold,
            grey: false,
            text: text.to_string(),
        });
    }

    fn muted(&mut self, x: f32, size: f32, text: &str) {
        self.push(Op::Text {
            x,
            y: self.y,
            size,
            bold: false,
            grey: true,
            text: text.to_string(),
        });
    }

    fn right(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let x = x - self.width(text, size, bold);
        self.text(x, size, bold, text);
    }

    /// Grey text ending at `x`.
    fn right_muted(&mut self, x: f32, size: f32, text: &str) {
        let x = x - self.width(text, size, false);
        self.muted(x, size, text);
    }

    /// Moves down by `dy`, starting a new page when the bottom is reached.
    fn down(&mut self, dy: f32) {
        self.y += dy;
        if self.y > BOTTOM {
            self.pages.push(Vec::new());
            self.y = 60.0;
        }
    }

    fn rule(&mut self) {
        self.push(Op::Rule { y: self.y });
    }

    /// Splits `text` into lines no wider than `max` (at spaces; a longer word stays whole).
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.lines() {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.width(&candidate, size, false) > max {
                    lines.push(std::mem::replace(&mut line, word.to_string()));
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// The PDF of the invoice of the order with this private token, and its file name (the
/// invoice number): the same document the invoice page shows.
pub async fn for_order(
    pool: &sqlx::AnyPool,
    token: &str,
    locale: Locale,
) -> Result<(String, Vec<u8>)> {
    let invoice = super::document::for_order(pool, token, locale).await?;
    file(invoice, locale).await
}

/// A document (an invoice or a credit note) as a PDF file: its name (the document's number) and
/// bytes.
pub async fn file(invoice: InvoiceView, locale: Locale) -> Result<(String, Vec<u8>)> {
    let name = format!("{}.pdf", invoice.number);
    // Shaping and subsetting the font take a few milliseconds of CPU: off the request threads.
    let pdf = tokio::task::spawn_blocking(move || render(&invoice, locale))
        .await
        .map_err(|_| AppError::Internal)??;
    Ok((name, pdf))
}

/// The invoice as PDF bytes, its labels in `locale`.
pub fn render(inv: &InvoiceView, locale: Locale) -> Result<Vec<u8>> {
    draw(&layout(inv, locale)?)
}

fn layout(inv: &InvoiceView, locale: Locale) -> Result<Vec<Vec<Op>>> {
    let mut l = Layout::new()?;
    let m = |key: &str| tr(locale, key);
    let vat_id = |id: &str| tr_args(locale, "invoice-vat-id", &[("vatId", id.to_string())]);
    let s = &inv.seller;
    // Header: the seller on the left, the invoice's number and dates on the right.
    let heading_key = match inv.credit_for {
        Some(_) => "credit-note-heading-number",
        None => "invoice-heading-number",
    };
    let heading = tr_args(locale, heading_key, &[("number", inv.number.clone())]);
    l.text(LEFT, 20.0, true, &heading);
    l.down(28.0);
    let top = l.y;
    l.text(LEFT, 11.0, true, &s.legal_name);
    for line in s
        .address
        .lines()
        .chain(std::iter::once(s.country.as_str()))
        .filter(|t| !t.is_empty())
    {
        l.down(14.0);
        l.text(LEFT, 10.0, false, line);
    }
    if !s.vat_id.is_empty() {
        l.down(14.0);
        l.text(LEFT, 10.0, false, &vat_id(&s.vat_id));
    }
    if !s.registration_number.is_empty() {
        l.down(14.0);
        l.text(LEFT, 10.0, false, &s.registration_number);
    }
    let bottom = l.y;
    l.y = top;
    let state = match &inv.payment {
        PaymentView::Paid { .. } => {
            let day = inv.paid_on.clone().unwrap_or_default();
            tr_args(locale, "invoice-paid-on", &[("day", day)])
        }
        PaymentView::Open { due_on, .. } => {
            tr_args(locale, "invoice-due-on", &[("day", due_on.clone())])
        }
        PaymentView::Void => m("invoice-void"),
        PaymentView::Refunded { .. } => m("credit-note-settled"),
    };
    let credited = inv.credit_for.as_ref().map(|c| c.invoice_number.as_str());
    let number_label = match credited {
        Some(_) => "credit-note-number",
        None => "invoice-number",
    };
    for (label, value) in [
        (number_label, Some(inv.number.as_str())),
        ("credit-note-invoice", credited),
        ("invoice-issued", Some(inv.issued_on.as_str())),
        ("invoice-status", Some(state.as_str())),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, v)))
    {
        l.muted(RIGHT - 200.0, 10.0, &m(label));
        l.right(RIGHT, 10.0, false, value);
        l.down(14.0);
    }
    l.y = bottom.max(l.y);
    l.down(28.0);
    // Billed to.
    l.muted(LEFT, 10.0, &m("invoice-billed-to"));
    for line in inv.bill_to.lines() {
        l.down(14.0);
        l.text(LEFT, 10.0, false, line);
    }
    l.down(14.0);
    l.text(
        LEFT,
        10.0,
        false,
        &format!("{} \u{b7} {}", inv.contact_name, inv.email),
    );
    if !inv.customer_vat_id.is_empty() {
        l.down(14.0);
        l.text(LEFT, 10.0, false, &vat_id(&inv.customer_vat_id));
    }
    l.down(30.0);
    // Lines.
    let (period_x, qty_x, unit_x) = (LEFT + 200.0, LEFT + 355.0, LEFT + 425.0);
    // Numeric columns' headings end where their figures end.
    l.muted(LEFT, 9.0, &m("invoice-description"));
    l.muted(period_x, 9.0, &m("invoice-period"));
    l.right_muted(qty_x, 9.0, &m("invoice-qty"));
    l.right_muted(unit_x, 9.0, &m("invoice-unit"));
    l.right_muted(RIGHT, 9.0, &m("invoice-amount"));
    l.down(6.0);
    l.rule();
    for line in &inv.lines {
        l.down(16.0);
        l.text(period_x, 9.0, false, &line.period);
        l.right(qty_x, 9.0, false, &line.quantity.to_string());
        l.right(unit_x, 9.0, false, &line.unit);
        l.right(RIGHT, 9.0, false, &line.amount);
        for (i, part) in l
            .wrap(&line.description, 9.0, period_x - LEFT - 10.0)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                l.down(12.0);
            }
            l.text(LEFT, 9.0, false, &part);
        }
    }
    l.down(8.0);
    l.rule();
    // Totals: subtotal, one line per tax rate, then the total, largest.
    l.down(18.0);
    l.text(RIGHT - 200.0, 10.0, false, &m("invoice-subtotal"));
    l.right(RIGHT, 10.0, false, &inv.subtotal);
    for tax in &inv.taxes {
        l.down(16.0);
        l.text(RIGHT - 200.0, 10.0, false, &tax.label);
        l.right(RIGHT, 10.0, false, &tax.amount);
    }
    l.down(26.0);
    l.text(RIGHT - 200.0, 16.0, true, &m("invoice-total"));
    l.right(RIGHT, 16.0, true, &inv.total);
    if let Some(note) = &inv.reverse_charge_note {
        l.down(30.0);
        for part in l.wrap(note, 10.0, RIGHT - LEFT) {
            l.text(LEFT, 10.0, true, &part);
            l.down(14.0);
        }
    }
    l.down(30.0);
    match &inv.payment {
        PaymentView::Paid { how } => {
            l.text(
                LEFT,
                10.0,
                false,
                &tr_args(locale, "invoice-paid", &[("how", how.clone())]),
            );
        }
        PaymentView::Open {
            amount,
            due_on,
            account_holder,
            iban,
            bic,
            bank_name,
            reference,
        } => {
            l.text(
                LEFT,
                10.0,
                true,
                &tr_args(
                    locale,
                    "invoice-transfer-to",
                    &[("amount", amount.clone()), ("dueOn", due_on.clone())],
                ),
            );
            for (label, value) in [
                ("bank-account-holder", account_holder),
                ("bank-iban", iban),
                ("bank-bic", bic),
                ("bank-bank", bank_name),
                ("bank-reference", reference),
            ] {
                l.down(14.0);
                l.muted(LEFT, 10.0, &m(label));
                l.text(LEFT + 110.0, 10.0, false, value);
            }
        }
        PaymentView::Void => l.text(LEFT, 10.0, true, &m("invoice-void-text")),
        PaymentView::Refunded { how } => l.text(LEFT, 10.0, false, how),
    }
    if let Some(credit) = &inv.credit_for {
        l.down(14.0);
        let reason = tr_args(
            locale,
            "credit-note-reason",
            &[("reason", credit.reason.clone())],
        );
        for part in l.wrap(&reason, 10.0, RIGHT - LEFT) {
            l.text(LEFT, 10.0, false, &part);
            l.down(14.0);
        }
    }
    Ok(l.pages)
}

fn draw(pages: &[Vec<Op>]) -> Result<Vec<u8>> {
    let font = |data: &'static [u8]| Font::new(Data::from(data), 0).ok_or(AppError::Internal);
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let settings = || PageSettings::from_wh(WIDTH, HEIGHT).ok_or(AppError::Internal);
    let mut doc = Document::new();
    for ops in pages {
        let mut page = doc.start_page_with(settings()?);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    grey,
                    text,
                } => {
                    let shade = if *grey { 110 } else { 0 };
                    surface.set_fill(Some(Fill {
                        paint: rgb::Color::new(shade, shade, shade).into(),
                        ..Fill::default()
                    }));
                    let f = if *b { bold.clone() } else { regular.clone() };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        f,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rule { y } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(LEFT, *y, RIGHT - LEFT, 0.6) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(170, 170, 170).into(),
                            ..Fill::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| {
        tracing::error!(error = ?e, "invoice PDF not rendered");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::InvoiceStatus;
    use crate::wire::invoices::{InvoiceLineView, SellerBlock, TaxLineView};

    fn invoice(lines: usize) -> InvoiceView {
        InvoiceView {
            seller: SellerBlock {
                name: "Demo".into(),
                legal_name: "Tenantry Demo GmbH".into(),
                address: "Friedrichstra\u{df}e 123\n10117 Berlin".into(),
                country: "DE".into(),
                vat_id: "DE136695976".into(),
                registration_number: "HRB 123456 B".into(),
            },
            number: "INV-000001".into(),
            status: InvoiceStatus::Open,
            issued_on: "29 Nov 2026".into(),
            due_on: "29 Dec 2026".into(),
            paid_on: None,
            company: "Acme".into(),
            contact_name: "Ada".into(),
            email: "ada@acme.example".into(),
            bill_to: "Acme\n1 rue\nFR".into(),
            customer_vat_id: String::new(),
            lines: (0..lines)
                .map(|i| InvoiceLineView {
                    description: format!("Line {i} with a rather long description that needs wrapping onto more lines"),
                    period: "29 Nov 2026 \u{2013} 28 Nov 2027".into(),
                    quantity: 1,
                    unit: "1,000.00 EUR".into(),
                    amount: "1,000.00 EUR".into(),
                })
                .collect(),
            subtotal: "1,000.00 EUR".into(),
            taxes: vec![TaxLineView { label: "VAT 20 %".into(), amount: "200.00 EUR".into() }],
            total: "1,200.00 \u{20ac}".into(),
            reverse_charge_note: None,
            payment: PaymentView::Open {
                amount: "1,200.00 EUR".into(),
                due_on: "29 Dec 2026".into(),
                account_holder: "Tenantry Demo GmbH".into(),
                iban: "DE89370400440532013000".into(),
                bic: "COBADEFFXXX".into(),
                bank_name: "Commerzbank".into(),
                reference: "INV-000001".into(),
            },
            credit_for: None,
        }
    }

    #[test]
    fn renders_a_pdf() {
        let pdf = render(&invoice(3), Locale::En).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn long_invoices_break_onto_more_pages_and_stay_inside_them() {
        let pages = layout(&invoice(60), Locale::En).expect("layout");
        assert!(pages.len() > 1);
        for op in pages.iter().flatten() {
            if let Op::Text { x, y, .. } = op {
                assert!(*y <= BOTTOM + 40.0 && *x >= LEFT - 0.1, "{op:?}");
            }
        }
        assert!(render(&invoice(60), Locale::En).is_ok());
    }

    #[test]
    fn amounts_end_at_the_right_margin() {
        let pages = layout(&invoice(1), Locale::En).expect("layout");
        let total = pages
            .iter()
            .flatten()
            .find_map(|op| match op {
                Op::Text { x, size, text, .. } if text.as_str() == "1,200.00 \u{20ac}" => {
                    Some((*x, *size))
                }
                _ => None,
            })
            .expect("total drawn");
        assert!(total.0 > LEFT + 300.0 && total.0 < RIGHT, "{total:?}");
        assert_eq!(total.1, 16.0, "the total is the largest figure");
    }
}
