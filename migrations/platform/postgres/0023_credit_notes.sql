-- Credit notes: every refund (a rejected order, an operator's goodwill refund, full or partial)
-- and a downgrade's credit is a document numbered without gaps in its own sequence per
-- storefront, referencing the invoice it credits and printed like one.
ALTER TABLE storefronts ADD COLUMN credit_note_prefix TEXT NOT NULL DEFAULT 'CN-';
ALTER TABLE storefronts ADD COLUMN next_credit_note_number BIGINT NOT NULL DEFAULT 1 CHECK (next_credit_note_number >= 1);

-- What credit notes gave back, raised by one conditional UPDATE in the refund's transaction; the
-- CHECKs stop two refunds at once from giving back more than was paid even so.
ALTER TABLE invoices ADD COLUMN credited_minor BIGINT NOT NULL DEFAULT 0 CHECK (credited_minor >= 0 AND credited_minor <= total_minor);
ALTER TABLE payments ADD COLUMN refunded_minor BIGINT NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor);

CREATE TABLE credit_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    storefront_id BIGINT NOT NULL REFERENCES storefronts (id),
    number TEXT NOT NULL,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    -- The order whose page shows it: the invoice's, or the downgrade that granted the credit.
    order_id BIGINT REFERENCES orders (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
    tax_minor BIGINT NOT NULL CHECK (tax_minor >= 0),
    total_minor BIGINT NOT NULL CHECK (total_minor > 0 AND total_minor = subtotal_minor + tax_minor),
    destination TEXT NOT NULL CHECK (destination IN ('card', 'customer_credit')),
    reason TEXT NOT NULL CHECK (length(reason) >= 1),
    -- The payment refunded and the gateway's refund reference (a refund to the card); NULL and
    -- empty for a refund onto the customer's credit.
    payment_id BIGINT REFERENCES payments (id),
    refund_reference TEXT NOT NULL DEFAULT '',
    -- Who issued it: an operator's email, or "system" for a rule.
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    -- Snapshots as on the invoice, so a later edit never changes an issued credit note.
    bill_to TEXT NOT NULL,
    customer_vat_id TEXT NOT NULL,
    reverse_charge BIGINT NOT NULL CHECK (reverse_charge IN (0, 1)),
    tax_basis_points BIGINT NOT NULL,
    seller_legal_name TEXT NOT NULL,
    seller_address TEXT NOT NULL,
    seller_country TEXT NOT NULL,
    seller_vat_id TEXT NOT NULL,
    seller_registration_number TEXT NOT NULL,
    UNIQUE (storefront_id, number)
);
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);
CREATE INDEX credit_notes_by_order ON credit_notes (order_id);

CREATE TABLE credit_note_lines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    credit_note_id BIGINT NOT NULL REFERENCES credit_notes (id),
    description TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL
);
CREATE INDEX credit_note_lines_by_note ON credit_note_lines (credit_note_id);

-- A refund onto the customer's credit has no order of its own: a credit row now comes from an
-- order (a downgrade, a renewal drawing on it) or a credit note, or both.
ALTER TABLE customer_credits ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE customer_credits ADD COLUMN credit_note_id BIGINT UNIQUE REFERENCES credit_notes (id);
ALTER TABLE customer_credits ADD CHECK (order_id IS NOT NULL OR credit_note_id IS NOT NULL);
