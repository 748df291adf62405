# The checkout (order page).
checkout-pay = Pay { $amount }
