# Die Kasse (Bestellseite).
checkout-pay = { $amount } bezahlen
