"""The sales funnel: stages, the card of each client, moves and stalled opportunities."""
