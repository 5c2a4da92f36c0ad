"""`seatsense eval`: labelled datasets (docs/eval-format.md) and scoring.
"""
