"""`seatsense serve` (HTTP + WebSocket), its Python client and the MQTT publisher.

The client imports only `core`, so remote mode works without the `detect` extra.
"""
