-- Catalog editing: exactly one storefront is the default, also under concurrent edits.
CREATE UNIQUE INDEX storefronts_one_default ON storefronts (is_default) WHERE is_default = 1;
