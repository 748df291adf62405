-- White label: a storefront's support address, shown with its name, colour and logo on the portal,
-- the login page and the mails of the tenants bought from it (empty: the platform's own).
ALTER TABLE storefronts ADD COLUMN support_email TEXT NOT NULL DEFAULT '' CHECK (length(support_email) <= 254);
