-- The catalog's structure: modules and verticals that products bundle, resources the operator
-- may publish or hide, and service templates (what a new instance gets: modules, resources with
-- included amounts and limits, default settings, demo data) that plans are bound to.
-- products.modules stays, kept equal to the product's product_modules codes (comma-separated)
-- by the catalog editors, because the storefront, portal and REST API still read it; provisioning
-- reads only the plan's template (modules, settings, demo_data). plans.demo_data and
-- plans.included_users stay for display; pricing still reads plan_resource_rates, so a template's
-- allowances are not yet what orders are priced or limited by.
CREATE TABLE modules (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1))
);

CREATE TABLE verticals (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1))
);

CREATE TABLE product_modules (
    product_id INTEGER NOT NULL REFERENCES products (id),
    module_id INTEGER NOT NULL REFERENCES modules (id),
    PRIMARY KEY (product_id, module_id)
);

CREATE TABLE product_verticals (
    product_id INTEGER NOT NULL REFERENCES products (id),
    vertical_id INTEGER NOT NULL REFERENCES verticals (id),
    PRIMARY KEY (product_id, vertical_id)
);

ALTER TABLE resources ADD COLUMN published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1));

CREATE TABLE service_templates (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    demo_data INTEGER NOT NULL CHECK (demo_data IN (0, 1)),
    published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1))
);

CREATE TABLE template_resources (
    template_id INTEGER NOT NULL REFERENCES service_templates (id),
    resource_id INTEGER NOT NULL REFERENCES resources (id),
    included INTEGER NOT NULL CHECK (included >= 0),
    hard_limit INTEGER NOT NULL CHECK (hard_limit >= included),
    PRIMARY KEY (template_id, resource_id)
);

CREATE TABLE template_modules (
    template_id INTEGER NOT NULL REFERENCES service_templates (id),
    module_id INTEGER NOT NULL REFERENCES modules (id),
    PRIMARY KEY (template_id, module_id)
);

CREATE TABLE template_settings (
    template_id INTEGER NOT NULL REFERENCES service_templates (id),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 60),
    value TEXT NOT NULL CHECK (length(value) <= 1000),
    PRIMARY KEY (template_id, key)
);

-- NULL only for plans created before templates existed and not migrated below.
ALTER TABLE plans ADD COLUMN template_id INTEGER REFERENCES service_templates (id);

-- Existing data: one module per distinct code in products.modules, linked to its products.
CREATE TABLE migrating_product_modules (product_id INTEGER NOT NULL, code TEXT NOT NULL);
WITH RECURSIVE split (product_id, code, rest) AS (
    SELECT id, '', modules || ',' FROM products
    UNION ALL
    SELECT product_id, trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
INSERT INTO migrating_product_modules (product_id, code)
    SELECT DISTINCT product_id, code FROM split WHERE code <> '';
INSERT INTO modules (code, name, description, published)
    SELECT DISTINCT code, upper(substr(code, 1, 1)) || replace(substr(code, 2), '_', ' '), '', 1
    FROM migrating_product_modules;
INSERT INTO product_modules (product_id, module_id)
    SELECT m.product_id, x.id FROM migrating_product_modules m JOIN modules x ON x.code = m.code;
DROP TABLE migrating_product_modules;

-- One template per existing plan, so every plan provisions exactly what it did before: its
-- product's modules, its demo-data flag, its resource allowances and included users.
INSERT INTO service_templates (code, name, demo_data, published)
    SELECT 'plan-' || id, name, demo_data, 1 FROM plans;
UPDATE plans SET template_id = (SELECT t.id FROM service_templates t WHERE t.code = 'plan-' || plans.id);
INSERT INTO template_modules (template_id, module_id)
    SELECT p.template_id, pm.module_id FROM plans p JOIN product_modules pm ON pm.product_id = p.product_id;
INSERT INTO template_resources (template_id, resource_id, included, hard_limit)
    SELECT p.template_id, r.resource_id, r.included, r.hard_limit
    FROM plans p JOIN plan_resource_rates r ON r.plan_id = p.id;
INSERT INTO template_resources (template_id, resource_id, included, hard_limit)
    SELECT p.template_id, res.id, p.included_users, p.included_users
    FROM plans p JOIN resources res ON res.code = 'users'
    WHERE NOT EXISTS (SELECT 1 FROM plan_resource_rates r WHERE r.plan_id = p.id AND r.resource_id = res.id);
