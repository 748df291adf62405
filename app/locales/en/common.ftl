# The frame around every page.
meta-description = Tenantry: choose a plan, order your instance and manage your subscription; the operator runs catalog, orders and tenants.
nav-skip = Skip to content
nav-menu = Menu
nav-site = Site
nav-site-menu = Site menu
nav-plans = Plans
nav-my-instance = My instance
nav-my-account = My account
nav-password = Password
nav-operator = Operator
nav-log-in = Log in
nav-log-out = Log out
footer-tagline = Tenantry — run your SaaS business end to end.
footer-support = Support:
footer-language = Language:
loading = Loading…
