"""Lead capture function: leads from the company's site and ad platforms."""
