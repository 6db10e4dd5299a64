"""Quiz and exam questions built from cards (UI-free)."""
