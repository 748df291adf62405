# Der Rahmen jeder Seite.
meta-description = Tenantry: Tarif wählen, Instanz bestellen und das Abonnement verwalten; der Betreiber führt Katalog, Bestellungen und Mandanten.
nav-skip = Zum Inhalt springen
nav-menu = Menü
nav-site = Website
nav-site-menu = Website-Menü
nav-plans = Tarife
nav-my-instance = Meine Instanz
nav-my-account = Mein Konto
nav-password = Passwort
nav-operator = Betreiber
nav-log-in = Anmelden
nav-log-out = Abmelden
footer-tagline = Tenantry — Ihr SaaS-Geschäft von Anfang bis Ende.
footer-support = Support:
footer-language = Sprache:
loading = Wird geladen…
