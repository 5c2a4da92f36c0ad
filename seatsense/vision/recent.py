"""A seat's verdicts of the last few seconds settle the verdict of its newest frame.

The detector flickers on a seat from one frame to the next: a coat on a chair is a faint
figure in one frame and nothing in the next, a half-hidden student is found every other
frame, a neighbour's arm reaches over for a moment. A seat's state lasts minutes. So each
seat's verdict is the state its recent verdicts vote for, each vote weighted by its age (half
the weight every `half_life_s`), the frame's own verdict winning ties. As for the seat engine,
whether someone is seated comes first (occupied against belongings and empty together), then
belongings against empty. Votes older than four half-lives are dropped.

A new state that lasts takes over within seconds: at the default 6 s half-life, after six
frames 1 s apart, three frames 2 s apart, or two frames 3-5 s apart; frames 10 s or more
apart always keep their own verdict. A lone frame's flicker at those cadences is outvoted.

>>> from seatsense.core.engine import Observation
>>> recent = RecentVerdicts(half_life_s=3.0)
>>> coat = Observation(person=False, belongings=True, belongings_reason="figure")
>>> nothing = Observation(person=False)
>>> [recent.settle({"A": seen}, t)["A"].belongings for t, seen in
...  [(0.0, coat), (1.0, coat), (2.0, nothing), (3.0, coat), (4.0, nothing), (5.0, nothing)]]
[True, True, True, True, True, False]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import replace

from ..core.engine import Observation

HORIZON_HALF_LIVES = 4.0
"""Votes older than this many half-lives weigh under 1/16 and are dropped."""


def predicted_state(verdict: Observation) -> str:
    """What a verdict says of its seat, as `seatsense eval` scores it: occupied, belongings
    or empty."""
    if verdict.person:
        return "occupied"
    if verdict.belongings:
        return "belongings"
    return "empty"


class RecentVerdicts:
    """Each seat's verdicts of the last `half_life_s` x 4 seconds, for one camera.

    `half_life_s` 0 turns the vote off: every frame keeps its own verdict.
    """

    def __init__(self, half_life_s: float) -> None:
        self.half_life_s = half_life_s
        self._seen: dict[str, deque[tuple[float, Observation]]] = {}

    def settle(self, verdicts: Mapping[str, Observation], time_s: float) -> dict[str, Observation]:
        """The verdicts of a frame at `time_s`, each replaced by what its seat's recent
        verdicts vote for where they outvote it. A vote for another state takes the newest
        verdict of that state (its scores and reason; no person index, which named a person
        of an earlier frame). `since_s` tells when the seat's frames began to show the state,
        so the seat engine dates its events from the frames, not from the vote."""
        if self.half_life_s <= 0:
            return dict(verdicts)
        settled: dict[str, Observation] = {}
        for seat_id, verdict in verdicts.items():
            seen = self._seen.setdefault(seat_id, deque())
            if seen and seen[-1][0] > time_s:  # time went back (a replay restarted)
                seen.clear()
            while seen and time_s - seen[0][0] > HORIZON_HALF_LIVES * self.half_life_s:
                seen.popleft()
            seen.append((time_s, verdict))
            settled[seat_id] = self._vote(seen)
        return settled

    def _vote(self, seen: deque[tuple[float, Observation]]) -> Observation:
        """The settled verdict of the newest of `seen`."""
        time_s, verdict = seen[-1]
        states = [predicted_state(earlier) for _, earlier in seen]
        weights: dict[str, float] = {}
        for (seen_at, _), state in zip(seen, states, strict=True):
            weight = 0.5 ** ((time_s - seen_at) / self.half_life_s)
            weights[state] = weights.get(state, 0.0) + weight
        own = states[-1]
        winner = _winner(weights, own)
        # The newest verdict of the winning state, and the first of its run: when the seat
        # began to show that state.
        newest = max(i for i, state in enumerate(states) if state == winner)
        first = newest
        while first > 0 and states[first - 1] == winner:
            first -= 1
        began = seen[first][0]
        if winner == own:
            return verdict if began == time_s else replace(verdict, since_s=began)
        return replace(seen[newest][1], person_index=None, since_s=began)


def _winner(weights: Mapping[str, float], own: str) -> str:
    """Someone seated or not first, then belongings or empty: the state the votes elect,
    the frame's own state winning ties."""

    def ahead(one: float, other: float, state: str) -> bool:
        return one > other or (one == other and own == state)

    seated = weights.get("occupied", 0.0)
    belongings, empty = weights.get("belongings", 0.0), weights.get("empty", 0.0)
    if ahead(seated, belongings + empty, "occupied"):
        return "occupied"
    return "belongings" if ahead(belongings, empty, "belongings") else "empty"
