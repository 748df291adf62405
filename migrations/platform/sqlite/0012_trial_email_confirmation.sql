-- A free trial waits until its customer confirms the email address by a mailed link (a setting,
-- on by default): the order keeps the hash of the link's code and when it expires.
ALTER TABLE orders ADD COLUMN confirm_code_hash TEXT;
ALTER TABLE orders ADD COLUMN confirm_by TEXT;
CREATE UNIQUE INDEX orders_confirm_code ON orders (confirm_code_hash) WHERE confirm_code_hash IS NOT NULL;
