"""One module per area of the product, each defining `MESSAGES = {key: (中文, English)}`."""
