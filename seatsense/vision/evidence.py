"""Per-seat evidence from one frame: is a person seated here, are belongings here without one?

Pure numpy/OpenCV: a frame and its detections in, one verdict with scores per seat out.

>>> import numpy as np
>>> from seatsense.core.layout import parse_site
>>> from seatsense.vision.detect import Detections
>>> site = parse_site({"cameras": [{"id": "c", "width": 200, "height": 100, "seats": [
...     {"id": "A", "polygon": [[0, 0], [100, 0], [100, 100], [0, 100]]}]}]})
>>> evidence = CameraEvidence(site.cameras[0])
>>> people = Detections(np.array([[10, 10, 60, 90]], np.float32), np.array([0.9], np.float32),
...                     np.array([0], np.int32))
>>> evidence.assess(np.zeros((100, 200, 3), np.uint8), people)["A"].person
True
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import cv2
import numpy as np
import numpy.typing as npt

from ..core.engine import Observation
from ..core.frame import Frame
from ..core.layout import Camera
from .detect import ITEM_CLASSES, Detections, fit_frame
from .item_finder import SeatItemFinder
from .registration import Features, Registration, find_features, register

LEARN_BELOW_BELONGINGS_SCORE = 0.25
"""A seat's reference learns only while its change is under half the belongings threshold, so
a bag put down on an empty seat is not absorbed before the engine confirms it; a seat that
matches its reference that closely is plainly empty (`CameraEvidence.plainly_decided`)."""

# COCO-17 keypoint indices: the ones that place a seated person.
_SHOULDERS = (5, 6)
_HIPS = (11, 12)
_KNEES = (13, 14)
_HEAD = (0, 1, 2, 3, 4)
_KEYPOINT_WEIGHTS = np.zeros(17, np.float32)
_KEYPOINT_WEIGHTS[list(_HEAD)] = 0.5
_KEYPOINT_WEIGHTS[list(_SHOULDERS)] = 1.0
_KEYPOINT_WEIGHTS[[7, 8]] = 0.5  # elbows
_KEYPOINT_WEIGHTS[[9, 10]] = 0.5  # wrists
_KEYPOINT_WEIGHTS[list(_HIPS)] = 2.0
_KEYPOINT_WEIGHTS[list(_KNEES)] = 1.5


@dataclass(frozen=True)
class EvidenceSettings:
    """Thresholds of the evidence step. Chosen on principle, checked on real footage.

    How seats are tiled for the detector and when inferences are reused are set apart
    (`tiles.TilingSettings`, `gate.GateSettings`).

    >>> EvidenceSettings().detection_conf, EvidenceSettings(figure_conf=0).detection_conf
    (0.01, 0.15)
    """

    person_conf: float = 0.15
    """Lowest detector confidence for a person to be seated."""
    figure_conf: float = 0.01
    """Person detections from this confidence up to `person_conf` are too weak to seat
    anyone, but one that matches a seat where nobody sits says the seat holds *something*:
    a coat over the chair, a bag, or someone asleep under a partition. Such a seat counts as
    belongings ("figure") while it has no reference to compare with. 0.01 was chosen
    leave-one-camera-out over library-kr and aoi-study-hall (every held-out camera chose it
    over 0.015-0.08: a bag or jacket on a seat is the person model's faintest figure); 0
    turns it off."""
    sure_person_conf: float = 0.3
    """From this confidence up a matched person is seated whatever the size of the box.
    Below it (down to `person_conf`) the box must also be person-sized for the seat
    (`person_box_share`): weak boxes on chairs, coats and bags are small for the seat,
    while a seated person's weak box (an SD stream, a far table) is not."""
    person_box_share: float = 0.35
    """Least area of a weak person box (`person_conf` to `sure_person_conf`), as a share of
    the area of the seat it matches, for it to seat a person; 0 takes every such box. 0.35
    was chosen leave-one-camera-out with each camera's sd, dusk and tilt runs pooled once the
    motion cue was in (eight of nine held-out cameras chose it, one 0.25, none the cue off;
    then eight of nine kept `sure_person_conf` at 0.3 over 0.25 and 0.2)."""
    faint_person_conf: float = 0.08
    """Person detections from this confidence up to `person_conf` seat a person where their
    box is as large as a seated person's (`faint_person_box_share`): a low-resolution stream
    gives people such faint boxes, while a coat or bag on a chair gives small ones."""
    faint_person_box_share: float = 0.4
    """Least area of a faint person box, as a share of the area of the seat it matches, for
    it to seat a person; 0 turns the cue off. 0.08 and 0.4 were chosen leave-one-camera-out
    over library-kr and aoi-study-hall with each camera's sd, dusk and tilt runs pooled
    (every held-out camera chose them)."""
    min_match: float = 0.35
    """Lowest person-to-seat match (0-1) for a person to be seated at a seat. Chosen
    leave-one-camera-out over library-kr and aoi-study-hall (benchmarks/accuracy/loco.py)
    with each camera's sd, dusk and tilt runs pooled: with the motion cue every held-out
    camera chose 0.35 over 0.25 and 0.45 (without it, 0.25)."""
    keypoint_conf: float = 0.15
    """Lowest keypoint visibility score for a keypoint to vote in the person-to-seat match.
    A half-hidden, sleeping or SD-sized person's hips and knees score low but still lie where
    they are. 0.15 was chosen leave-one-camera-out over library-kr and aoi-study-hall with
    each camera's sd, dusk and tilt runs pooled (every held-out camera chose it over 0.1, 0.2,
    0.3, 0.5 and 0.7; held out 0.925 / 0.708 against 0.922 / 0.695 at 0.5)."""
    belongings_sensitivity: float = 0.3
    """0 (only large, obvious items) to 1 (the smallest change counts): at 0.3 a fifth of the
    seat (19 %) must differ from its reference. 0.3 was chosen leave-one-camera-out over
    library-kr and aoi-study-hall with each camera's sd, dusk and tilt runs pooled (seven of
    nine held-out cameras chose it over 0.5 and 0.7; it scores at least as well as 0.5 on every
    camera, pooled belongings 0.853 against 0.850)."""
    item_conf: float = 0.3
    """Lowest confidence of an item class (bag, laptop, ...) when the model has them."""
    unseen_item_conf: float = 0.1
    """Lowest score of the bundled item detector (`item_finder.SeatItemFinder`: NanoDet on
    the seat's own crop) for belongings on a seat that nothing else speaks for: nobody seated,
    no captured reference, and no reference at all or a faint figure on it. 0 leaves such
    seats to the other cues. 0.1 and `figure_item_floor` 0.1 were chosen leave-one-camera-out
    over library-kr and aoi-study-hall with each camera's sd, dusk and tilt runs pooled (0-0.25
    and 0-0.15 tried). In the latest round six of nine held-out cameras chose 0.15 and 0.1,
    which held out did worse (belongings 0.849 against 0.853), so 0.1 stays."""
    figure_item_floor: float = 0.1
    """Where the item detector looks (see `unseen_item_conf`) and sees the seat sharply (its
    crop enlarged at most 1.5 times), a faint figure counts as belongings only when the
    detector also scores the seat at least this: an empty chair often reads as a faint
    figure, a bag or a laptop on it reads as an item too. 0 keeps every figure."""
    work_width: int = 320
    """Width the change measure works at: enough for a bag, cheap for 16 cameras."""
    learn_rate: float = 0.1
    """How fast a confirmed-empty seat's reference follows slow lighting changes."""
    motion_share: float = 0.4
    """A faint figure (`figure_conf` up) on a seat where nobody is seated is a person when this
    share of the seat changed since the camera's frame before, if that frame is at most
    `motion_gap_s` old: a seated person shifts from one second to the next while a coat or a
    bag lies still. A pixel counts as changed by more than `MOTION_NOISE_FACTOR` times the
    view's median change, so a noisy stream sets its own bar. The boxes of sure people
    (`sure_person_conf` up) are left out, so someone walking past moves nothing. 0 turns the
    cue off. 0.4 was chosen leave-one-camera-out over library-kr and aoi-study-hall with each
    camera's sd, dusk and tilt runs pooled (0, 0.3, 0.35, 0.5, 0.6 tried): the study hall's
    held-out cameras chose 0.4 twice and 0.3 twice, none the cue off; library-kr's frames are
    too far apart for the cue."""
    motion_gap_s: float = 10.0
    """Oldest previous frame the motion cue compares with; over longer gaps a seat changes
    for many reasons (`seatsense eval` sets whose frames are minutes apart never use it)."""
    recent_half_life_s: float = 6.0
    """A seat's verdict is what its verdicts of the last seconds vote for, each weighted by its
    age, halved every this many seconds (`recent.RecentVerdicts`): the detector flickers from
    frame to frame while a seat's state lasts minutes. 6 s was chosen leave-one-camera-out
    over library-kr and aoi-study-hall with each camera's sd, dusk and tilt runs pooled (eight
    of nine held-out cameras chose it over 0, 1.5, 2, 4, 8 and 12 before the item finder; with
    it, eight chose 8 s, which held out did no better: occupied 0.932 against 0.933);
    library-kr's frames, 20 s and more apart, are never outvoted. 0 turns the vote off."""

    @property
    def looks_for_items(self) -> bool:
        """Whether the item finder looks at seats (`unseen_item_conf` or `figure_item_floor`
        above 0)."""
        return max(self.unseen_item_conf, self.figure_item_floor) > 0

    @property
    def change_share(self) -> float:
        """Share of the visible seat that must differ from its reference for belongings (19 %
        at the default `belongings_sensitivity`)."""
        return 0.25 - 0.2 * float(np.clip(self.belongings_sensitivity, 0.0, 1.0))

    @property
    def detection_conf(self) -> float:
        """The confidence the detector reports down to: weak figures included."""
        return min(self.person_conf, self.figure_conf) if self.figure_conf > 0 else self.person_conf


class SeatMasks:
    """Seat polygons rasterised once per camera at a working scale.

    `bits[y, x]` has bit i set when pixel (x, y) lies in seat i, so "which seats hold this
    point" is one array lookup even where seats overlap; `integrals[i]` answers "how much of
    this box lies in seat i" in four lookups.

    >>> from seatsense.core.layout import parse_site
    >>> camera = parse_site({"cameras": [{"id": "c", "width": 200, "height": 100, "seats": [
    ...     {"id": "A", "polygon": [[0, 0], [100, 0], [100, 100], [0, 100]]}]}]}).cameras[0]
    >>> masks = SeatMasks(camera, scale=0.5)
    >>> masks.seats_at(np.array([[10, 10], [150, 10]], np.float32)).tolist()
    [1, 0]
    >>> masks.box_overlap(np.array([[50, 0, 150, 100]], np.float32)).round(1).tolist()
    [[0.5]]
    """

    def __init__(self, camera: Camera, scale: float) -> None:
        self.scale = scale
        self.width = max(1, round(camera.width * scale))
        self.height = max(1, round(camera.height * scale))
        self.seat_ids = [seat.id for seat in camera.seats]
        if len(self.seat_ids) > 63:
            raise ValueError(f"camera '{camera.id}': at most 63 seats per camera")
        self.bits = np.zeros((self.height, self.width), np.uint64)
        self.masks: list[npt.NDArray[np.bool_]] = []
        integrals = []
        for i, seat in enumerate(camera.seats):
            mask = np.zeros((self.height, self.width), np.uint8)
            points = np.round(np.asarray(seat.polygon, np.float64) * scale).astype(np.int32)
            cv2.fillPoly(mask, [points], 1)
            self.bits[mask > 0] |= np.uint64(1 << i)
            self.masks.append(mask > 0)
            integrals.append(cv2.integral(mask, sdepth=cv2.CV_32S))
        self.integrals = np.stack(integrals) if integrals else np.zeros((0, 1, 1), np.int32)
        self.areas = np.array([m.sum() for m in self.masks], np.float64)

    def seats_at(self, points: npt.NDArray[np.float32]) -> npt.NDArray[np.uint64]:
        """Seat bit sets for points given in camera pixels (N x 2); 0 outside all seats."""
        xs = np.clip(np.floor(points[..., 0] * self.scale).astype(np.int64), -1, self.width)
        ys = np.clip(np.floor(points[..., 1] * self.scale).astype(np.int64), -1, self.height)
        inside = (xs >= 0) & (xs < self.width) & (ys >= 0) & (ys < self.height)
        out = np.zeros(xs.shape, np.uint64)
        out[inside] = self.bits[ys[inside], xs[inside]]
        return out

    def box_overlap(self, boxes: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """Fraction of each box (N x 4, camera pixels) inside each seat: N x seats."""
        if boxes.shape[0] == 0 or not self.seat_ids:
            return np.zeros((boxes.shape[0], len(self.seat_ids)))
        x1 = np.clip(np.round(boxes[:, 0] * self.scale), 0, self.width).astype(np.int64)
        y1 = np.clip(np.round(boxes[:, 1] * self.scale), 0, self.height).astype(np.int64)
        x2 = np.clip(np.round(boxes[:, 2] * self.scale), 0, self.width).astype(np.int64)
        y2 = np.clip(np.round(boxes[:, 3] * self.scale), 0, self.height).astype(np.int64)
        ii = self.integrals
        inside = ii[:, y2, x2] - ii[:, y1, x2] - ii[:, y2, x1] + ii[:, y1, x1]
        area = np.maximum(1, (x2 - x1) * (y2 - y1))
        share: npt.NDArray[np.float64] = (inside / area).T.astype(np.float64)
        return share


@dataclass
class _Reference:
    """A seat's empty picture (working size, in the geometry of the frame it was taken from)
    and the frame's features, which register later frames onto it."""

    image: npt.NDArray[np.float32]
    features: Features
    _edges: npt.NDArray[np.float32] | None = field(default=None, repr=False)

    def edges(self) -> npt.NDArray[np.float32]:
        """The picture's gradient, the change measure's tolerance (kept until it is blended)."""
        if self._edges is None:
            self._edges = _gradient(self.image)
        return self._edges

    def blend(
        self, work: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_], rate: float
    ) -> None:
        """Let the picture follow `work` by `rate` inside `mask`."""
        self.image[mask] = (1 - rate) * self.image[mask] + rate * work[mask]
        self._edges = None


class _FrameView:
    """One frame as references see it: grey, working size, lightly blurred, with its
    features and its registration onto each reference's geometry (computed once)."""

    def __init__(self, frame: Frame, grey: npt.NDArray[np.uint8]) -> None:
        # Weak: knowing which frame this is must not keep a camera's full frame alive.
        self.frame = weakref.ref(frame)
        self.grey = grey
        self.work = np.asarray(cv2.GaussianBlur(grey.astype(np.float32), (0, 0), 1.0), np.float32)
        self._registrations: dict[Features, Registration] = {}

    @cached_property
    def features(self) -> Features:
        """The frame's features (found when a reference first needs them)."""
        return find_features(self.grey)

    def registration(self, reference: _Reference) -> Registration:
        """Where the reference's pixels lie in this frame."""
        found = self._registrations.get(reference.features)
        if found is None:
            found = self._registrations[reference.features] = register(
                reference.image, reference.features, self.work, self.features
            )
        return found

    def new_reference(self, others: Iterable[_Reference]) -> _Reference:
        """A reference taken from this frame. It shares the features of another reference
        taken at the same camera position, so a still camera costs one registration per
        frame however many references it has."""
        features = next(
            (r.features for r in others if not self.registration(r).moved), self.features
        )
        return _Reference(self.work.copy(), features)


class CameraEvidence:
    """Seat verdicts for one camera, with the seats' empty references.

    References are per seat: a grey-level picture of the seat while it is empty and clean.
    `learn` refreshes them while the seat is confirmed empty (and takes one for a seat that
    has none); `set_reference` takes them on demand (staff's "capture baseline"), which makes
    them *captured*: staff saw the seat empty, so a faint figure that is still there is part
    of the seat (a chair). A learned reference cannot vouch for that: a jacket the detector
    missed at that moment may be in it, so such a seat keeps the faint-figure cue. Each frame
    is registered onto each reference before they are compared, so a bumped or hand-held
    camera does not fake a change.

    >>> from seatsense.core.layout import parse_site
    >>> camera = parse_site({"cameras": [{"id": "c", "width": 200, "height": 100, "seats": [
    ...     {"id": "A", "polygon": [[0, 0], [100, 0], [100, 100], [0, 100]]}]}]}).cameras[0]
    >>> evidence = CameraEvidence(camera)
    >>> room = np.full((100, 200, 3), 120, np.uint8)
    >>> evidence.set_reference(room)
    >>> bag = room.copy()
    >>> bag[20:80, 20:80] = 30                                # a bag on the seat
    >>> verdict = evidence.assess(bag, Detections.empty())["A"]
    >>> verdict.belongings, verdict.belongings_reason
    (True, 'change')
    """

    def __init__(
        self,
        camera: Camera,
        settings: EvidenceSettings | None = None,
        items: SeatItemFinder | None = None,
    ) -> None:
        self.camera = camera
        self.settings = settings or EvidenceSettings()
        self.items = items
        """Looks for items on seats that nothing else speaks for (None: nobody looks)."""
        self.masks = SeatMasks(camera, self.settings.work_width / camera.width)
        self._references: dict[str, _Reference] = {}
        self._captured: set[str] = set()
        """The seats whose reference staff captured (`set_reference`), not learned."""
        self._index = {seat_id: i for i, seat_id in enumerate(self.masks.seat_ids)}
        self._view: _FrameView | None = None
        self._previous: tuple[float, npt.NDArray[np.float32]] | None = None
        """The time and working picture of the frame seen last, for the motion cue."""

    # -- references --------------------------------------------------------------------------

    def has_reference(self, seat_id: str) -> bool:
        """Whether a seat has an empty reference to compare against."""
        return seat_id in self._references

    def set_reference(self, frame: Frame, seat_ids: Iterable[str] | None = None) -> None:
        """Take `frame` as the empty, clean picture of these seats (all seats by default)."""
        seat_ids = list(seat_ids) if seat_ids is not None else self.masks.seat_ids
        for seat_id in seat_ids:
            if seat_id not in self._index:
                raise KeyError(f"camera '{self.camera.id}' has no seat '{seat_id}'")
        view = self._frame_view(frame)
        for seat_id in seat_ids:
            self._references[seat_id] = view.new_reference(self._references.values())
        self._captured.update(seat_ids)

    def learn(self, frame: Frame, seat_ids: Iterable[str]) -> None:
        """Blend the current frame into the references of seats confirmed empty.

        Where the camera has moved since a learned reference was taken, the seat's reference is
        taken afresh from this frame instead: the seat is empty now, at the new position. A
        captured one is kept then (registration maps it onto the frame).
        """
        seat_ids = list(seat_ids)
        if not seat_ids:
            return
        view = self._frame_view(frame)
        for seat_id in seat_ids:
            reference = self._references.get(seat_id)
            if reference is None or view.registration(reference).moved:
                # Staff's picture stays: registration maps it onto the moved view, and the seat
                # may hold what the detector misses now.
                if seat_id not in self._captured:
                    self._references[seat_id] = view.new_reference(self._references.values())
                continue
            mask = self.masks.masks[self._index[seat_id]]
            reference.blend(view.work, mask, self.settings.learn_rate)

    def forget_reference(self, seat_id: str) -> None:
        """Drop a seat's reference (it will be learned again while the seat is empty)."""
        self._references.pop(seat_id, None)
        self._captured.discard(seat_id)

    def references_picture(self) -> tuple[npt.NDArray[np.uint8], list[str]] | None:
        """The seats' references as one 8-bit grey picture (working size), each seat's own
        inside its polygon, and the seats it holds; None while no seat has one. Kept across
        a restart (`restore_references`): a seat holding belongings after a restart can only
        be told from an empty one by its empty picture."""
        if not self._references:
            return None
        pictures = {seat: ref.image for seat, ref in self._references.items()}
        composite = next(iter(pictures.values())).copy()
        for seat_id, image in pictures.items():
            mask = self.masks.masks[self._index[seat_id]]
            composite[mask] = image[mask]
        return np.clip(np.round(composite), 0, 255).astype(np.uint8), list(pictures)

    def captured_seats(self) -> list[str]:
        """The seats whose reference staff captured (`set_reference`) rather than learned."""
        return sorted(self._captured)

    def restore_references(
        self, picture: npt.NDArray[np.uint8], seat_ids: Iterable[str], captured: Iterable[str]
    ) -> None:
        """Take back the references kept with `references_picture`, those of `captured` seats
        as captured ones (`captured_seats`); unknown seats are left to learn theirs."""
        if picture.shape != (self.masks.height, self.masks.width):
            raise ValueError(
                f"a reference of {picture.shape}, not {self.masks.height}x{self.masks.width}"
            )
        # A still camera: the references share one set of features, as when they are learned.
        features = find_features(picture)
        restored = [seat_id for seat_id in seat_ids if seat_id in self._index]
        for seat_id in restored:
            self._references[seat_id] = _Reference(picture.astype(np.float32), features)
        self._captured.update(set(captured) & set(restored))

    # -- verdicts ----------------------------------------------------------------------------

    def see(self, frame: Frame, time_s: float) -> None:
        """Keep a frame that is not assessed (its camera's verdicts were reused) as the one
        the next frame's motion is measured against (nothing to keep while the cue is off)."""
        if self.settings.motion_share > 0:
            self._previous = (time_s, self._frame_view(frame).work)

    def assess(
        self, frame: Frame, detections: Detections, time_s: float | None = None
    ) -> dict[str, Observation]:
        """One verdict per seat for this frame and its detections (camera pixels). With the
        frame's time, the frames of a camera given in time order also measure motion."""
        frame = fit_frame(frame, self.camera.width, self.camera.height)
        everyone = detections.people
        motion = self._motion_shares(frame, everyone, time_s)
        seated = self._seated(everyone)
        people = everyone.select(seated)
        match = self.person_match(people)
        assigned = _assign_one_to_one(match, self.settings.min_match)
        figure_scores = self._figure_scores(everyone.select(~seated))
        # A faint figure on a seat that moves since the frame before is a person shifting.
        moving = (figure_scores > 0) & (
            motion >= self.settings.motion_share if motion is not None else False
        )
        item_scores = self._item_scores(detections)
        change_scores = self._change_scores(frame, people)
        # A seat the other cues make belongings even where the finder sees nothing is settled:
        # a look would not change it.
        settled = {
            seat_id
            for i, seat_id in enumerate(self.masks.seat_ids)
            if self._belongings(
                seat_id, item_scores[i], change_scores.get(seat_id), figure_scores[i], 0.0
            )[1]
        }
        unseen = self._unseen_item_scores(frame, assigned, figure_scores, moving, settled)
        verdicts: dict[str, Observation] = {}
        for i, seat_id in enumerate(self.masks.seat_ids):
            person_index = assigned.get(i)
            person_score = (
                float(match[person_index, i] * people.confidence[person_index])
                if person_index is not None
                else float(np.max(match[:, i] * people.confidence))
                if len(people)
                else 0.0
            )
            if person_index is None and moving[i]:
                verdicts[seat_id] = Observation(
                    person=True,
                    person_score=round(float(figure_scores[i] * self.settings.person_conf), 4),
                    person_reason="moving",
                )
                continue
            belongings_score, reason = self._belongings(
                seat_id,
                item_scores[i],
                change_scores.get(seat_id),
                figure_scores[i],
                unseen.get(seat_id),
            )
            verdicts[seat_id] = Observation(
                person=person_index is not None,
                person_score=round(person_score, 4),
                belongings=person_index is None and bool(reason),
                belongings_score=round(float(min(1.0, belongings_score)), 4),
                person_index=person_index,
                person_reason=""
                if person_index is None
                else self._person_reason(float(people.confidence[person_index])),
                belongings_reason=reason if person_index is None else "",
            )
        return verdicts

    def plainly_decided(self, frame: Frame, whole: Detections) -> set[str]:
        """The seats that detections of the whole frame alone settle, so a closer look (a seat
        tile) would not change their verdict: a sure person (`sure_person_conf`) sits there,
        matched one to one; or nothing does, no box from `figure_conf` up lies on the seat,
        and it still matches its reference as closely as a reference learns from
        (`LEARN_BELOW_BELONGINGS_SCORE`), which a person hidden there would not."""
        settings = self.settings
        everyone = whole.people
        match = self.person_match(everyone)
        sure = everyone.confidence >= settings.sure_person_conf
        decided = {
            self.masks.seat_ids[i] for i in _assign_one_to_one(match[sure], settings.min_match)
        }
        seen = everyone.confidence >= settings.figure_conf
        near = match[seen].max(axis=0) if seen.any() else np.zeros(len(self._index))
        # Only the seats nobody is near are compared with their references.
        alone = [
            seat_id
            for seat_id, i in self._index.items()
            if seat_id not in decided and near[i] < settings.min_match
        ]
        people = everyone.select(everyone.confidence >= settings.person_conf)
        for seat_id, change in self._change_scores(frame, people, alone).items():
            if change / (2 * settings.change_share) < LEARN_BELOW_BELONGINGS_SCORE:
                decided.add(seat_id)
        return decided

    def _belongings(
        self,
        seat_id: str,
        item: float,
        change: float | None,
        figure: float,
        unseen_item: float | None,
    ) -> tuple[float, str]:
        """A seat's belongings score and its reason ("" for none) from the cues that speak for
        it: an item class of the detector, the change against its reference, the item finder
        on its own crop (`unseen_item`, None where it did not look), a faint figure."""
        settings = self.settings
        threshold = settings.change_share  # share of the seat changed from its reference
        if item >= settings.item_conf:
            return item, "items"
        if change is not None and change >= threshold:
            return min(1.0, change / (2 * threshold)), "change"
        if unseen_item is not None and 0 < settings.unseen_item_conf <= unseen_item:
            return unseen_item, "finder"
        # A captured reference is the better witness: a chair that always reads as a faint
        # figure looks the same as when staff saw the seat empty. Where the item finder
        # looked and saw the seat sharply, a figure needs an item there too.
        figure_stands = (
            unseen_item is None
            or unseen_item >= settings.figure_item_floor
            or not self._figure_needs_look(seat_id)
        )
        if figure > 0 and seat_id not in self._captured and figure_stands:
            return figure, "figure"
        return max(item, 0.0 if change is None else change / (2 * threshold)), ""

    def _person_reason(self, confidence: float) -> str:
        """How sure a seated person's box is: "sure" from `sure_person_conf`, "weak" from
        `person_conf` (seated only where person-sized), "faint" below (seated only where as
        large as a seated person)."""
        if confidence >= self.settings.sure_person_conf:
            return "sure"
        return "weak" if confidence >= self.settings.person_conf else "faint"

    def _figure_needs_look(self, seat_id: str) -> bool:
        """Whether a faint figure on the seat counts only with an item found there: where the
        item finder sees the seat sharply (an empty chair often reads as a figure), from a
        `figure_item_floor` above 0."""
        return (
            self.items is not None
            and self.settings.figure_item_floor > 0
            and self.items.sees_sharply(self.camera, seat_id)
        )

    def _unseen_item_scores(
        self,
        frame: Frame,
        assigned: dict[int, int],
        figure_scores: npt.NDArray[np.float64],
        moving: npt.NDArray[np.bool_],
        settled: set[str],
    ) -> dict[str, float]:
        """The item finder's scores of the seats that nothing else speaks for: nobody seated
        or moving there, no captured reference, no reference at all or a faint figure on it,
        and not `settled` (belongings by the other cues whatever the finder says)."""
        if self.items is None or not self.settings.looks_for_items:
            return {}
        wanted = [
            seat_id
            for i, seat_id in enumerate(self.masks.seat_ids)
            if assigned.get(i) is None
            and not moving[i]
            and seat_id not in self._captured
            and seat_id not in settled
            and (seat_id not in self._references or figure_scores[i] > 0)
        ]
        return self.items.scores(frame, self.camera, wanted) if wanted else {}

    def person_match(self, people: Detections) -> npt.NDArray[np.float64]:
        """How well each person (rows) sits at each seat (columns), 0-1.

        With keypoints: the weighted share of the person's visible body points (hips and knees
        count most) inside the seat, blended with the share of the box inside it; a seated
        person's box ends under the desk, so the box alone over-reaches. Without keypoints:
        the box share alone.
        """
        overlap = self.masks.box_overlap(people.xyxy)
        if people.keypoints is None or len(people) == 0 or people.keypoints.shape[1] != 17:
            return overlap
        keypoints = people.keypoints
        visible = keypoints[..., 2] >= self.settings.keypoint_conf
        weights = visible * _KEYPOINT_WEIGHTS[None, :]
        bits = self.masks.seats_at(keypoints[..., :2])
        total = weights.sum(axis=1)
        match = overlap.copy()
        for i in range(len(self.masks.seat_ids)):
            inside = (bits & np.uint64(1 << i)) != 0
            share = (weights * inside).sum(axis=1) / np.maximum(total, 1e-6)
            match[:, i] = np.where(total > 0, 0.5 * share + 0.5 * overlap[:, i], overlap[:, i])
        return match

    # -- internals ---------------------------------------------------------------------------

    def _figure_scores(self, people: Detections) -> npt.NDArray[np.float64]:
        """Per seat, the best faint figure (of the person detections `people` that seat
        nobody, one from `figure_conf` up) that matches it as a person would, relative to
        `person_conf`: 1 is a figure just short of a seated person, 0 none."""
        settings = self.settings
        if settings.figure_conf <= 0:
            return np.zeros(len(self.masks.seat_ids))
        # Boxes from `person_conf` up that seat nobody (too small for the seat) are faint too.
        faint = (people.confidence >= settings.figure_conf) & (
            people.confidence < max(settings.person_conf, settings.sure_person_conf)
        )
        figures = people.select(faint)
        if len(figures) == 0:
            return np.zeros(len(self.masks.seat_ids))
        match = self.person_match(figures)
        strength = figures.confidence[:, None] / settings.person_conf
        scores: npt.NDArray[np.float64] = np.max(
            np.where(match >= settings.min_match, strength, 0.0), axis=0
        ).astype(np.float64)
        return np.minimum(scores, 1.0)

    def _seated(self, people: Detections) -> npt.NDArray[np.bool_]:
        """Which person detections may seat someone: the sure ones, the weak ones whose box
        is person-sized for a seat they match (`person_box_share`), and the faint ones whose
        box is as large as a seated person's (`faint_person_box_share`)."""
        settings = self.settings
        seated: npt.NDArray[np.bool_] = people.confidence >= settings.person_conf
        weak = seated & (people.confidence < settings.sure_person_conf)
        faint = (people.confidence >= settings.faint_person_conf) & ~seated
        check_weak = settings.person_box_share > 0 and weak.any()
        check_faint = settings.faint_person_box_share > 0 and faint.any()
        if not check_weak and not check_faint:
            return seated
        matched = self.person_match(people) >= settings.min_match
        x1, y1, x2, y2 = people.xyxy.T
        box_area = np.maximum(0.0, x2 - x1) * np.maximum(0.0, y2 - y1)
        seat_area = np.maximum(self.masks.areas, 1.0) / self.masks.scale**2
        share = box_area[:, None] / seat_area[None, :]
        if check_weak:
            seated &= ~weak | np.any(matched & (share >= settings.person_box_share), axis=1)
        if check_faint:
            seated |= faint & np.any(matched & (share >= settings.faint_person_box_share), axis=1)
        return seated

    def _motion_shares(
        self, frame: Frame, people: Detections, time_s: float | None
    ) -> npt.NDArray[np.float64] | None:
        """Per seat, the share of its pixels that changed since the previous frame, the boxes
        of sure people (`sure_person_conf` up) left out; None without a recent previous frame.
        A pixel changed when it moved `MOTION_NOISE_FACTOR` times more than the view's median
        pixel (and at least `MOTION_LEVELS`). Keeps this frame as the previous one."""
        if time_s is None or self.settings.motion_share <= 0:
            return None
        work = self._frame_view(frame).work
        previous, self._previous = self._previous, (time_s, work)
        if previous is None or not 0 < time_s - previous[0] <= self.settings.motion_gap_s:
            return None
        before = previous[1]
        gain = max(float(np.median(work)), 1.0) / max(float(np.median(before)), 1.0)
        difference = np.abs(work - gain * before)
        noise = float(np.median(difference))
        changed = difference > max(MOTION_LEVELS, MOTION_NOISE_FACTOR * noise)
        sure = people.select(people.confidence >= self.settings.sure_person_conf)
        changed &= ~self._boxes_mask(sure)
        return np.array([changed[mask].mean() for mask in self.masks.masks], np.float64)

    def _boxes_mask(self, people: Detections) -> npt.NDArray[np.bool_]:
        """The working-size pixels under people's boxes, each box grown by 5 %."""
        covered = np.zeros((self.masks.height, self.masks.width), bool)
        scale = self.masks.scale
        for x1, y1, x2, y2 in people.xyxy:
            pad_x, pad_y = 0.05 * (x2 - x1), 0.05 * (y2 - y1)
            covered[
                max(0, int((y1 - pad_y) * scale)) : int((y2 + pad_y) * scale) + 1,
                max(0, int((x1 - pad_x) * scale)) : int((x2 + pad_x) * scale) + 1,
            ] = True
        return covered

    def _item_scores(self, detections: Detections) -> npt.NDArray[np.float64]:
        scores = np.zeros(len(self.masks.seat_ids))
        items = detections.of_class(ITEM_CLASSES)
        if len(items) == 0:
            return scores
        overlap = self.masks.box_overlap(items.xyxy)
        centres = np.stack(
            [(items.xyxy[:, 0] + items.xyxy[:, 2]) / 2, (items.xyxy[:, 1] + items.xyxy[:, 3]) / 2],
            axis=1,
        )
        bits = self.masks.seats_at(centres.astype(np.float32))
        for i in range(len(self.masks.seat_ids)):
            inside = ((bits & np.uint64(1 << i)) != 0) | (overlap[:, i] >= 0.5)
            if inside.any():
                scores[i] = float(items.confidence[inside].max())
        return scores

    def _frame_view(self, frame: Frame) -> _FrameView:
        """The frame prepared for comparing with references; assessing a frame and then
        learning from it prepares it once."""
        frame = fit_frame(frame, self.camera.width, self.camera.height)
        if self._view is not None and self._view.frame() is frame:
            return self._view
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
        small = np.asarray(
            cv2.resize(grey, (self.masks.width, self.masks.height), interpolation=cv2.INTER_AREA),
            np.uint8,
        )
        self._view = _FrameView(frame, small)
        return self._view

    def _change_scores(
        self, frame: Frame, people: Detections, seat_ids: Iterable[str] | None = None
    ) -> dict[str, float]:
        """Per seat with a reference (of `seat_ids`, default all): the share of its visible
        area that differs in structure.

        The reference is first registered onto the frame. Both pictures are matched in
        brightness per seat, so a global brightness or contrast change does not count;
        pixels under people are left out.
        """
        if not self._references:
            return {}
        view = self._frame_view(frame)
        work = view.work
        people_mask = self._boxes_mask(people)
        scores: dict[str, float] = {}
        wanted = self._references.keys() if seat_ids is None else set(seat_ids)
        for seat_id, reference in self._references.items():
            if seat_id not in wanted:
                continue
            region = self.masks.masks[self._index[seat_id]] & ~people_mask
            if region.sum() < 0.3 * self.masks.areas[self._index[seat_id]]:
                continue  # too little of the seat visible to judge
            registration = view.registration(reference)
            before = registration.warp(reference.image)
            # A still camera compares with the reference as it is, and its gradient is kept.
            edges = reference.edges() if registration.motion is None else _gradient(before)
            gamma = _tone_gamma(work, before, people_mask)
            scores[seat_id] = _changed_share(work[region], before[region], edges[region], gamma)
        return scores


def _tone_gamma(
    now: npt.NDArray[np.float32],
    before: npt.NDArray[np.float32],
    people: npt.NDArray[np.bool_],
) -> float:
    """How the tones bent between the reference's frame and this one, over the whole view.

    Daylight and a camera's exposure change the picture's tones as a power law (a gain and a
    gamma), a straight line between log grey levels before and now. Its slope is fitted on
    the view's pixels, people left out: grouped by their grey level in the reference, each
    group's median now, and the median slope between the groups. A bag or a chair moved
    changes a few pixels of each group, which the medians pass over, while the light moves
    them all; a seat's own pixels would let a bag covering much of it match itself away.
    """
    every = GAMMA_SAMPLE_STEP
    keep = ~people[::every, ::every]
    before_log = np.log(np.maximum(before[::every, ::every][keep], 1.0))
    now_log = np.log(np.maximum(now[::every, ::every][keep], 1.0))
    if before_log.size < GAMMA_GROUPS * 10:
        return 1.0
    order = np.argsort(before_log, kind="stable")
    groups = np.array_split(order, GAMMA_GROUPS)
    x = np.array([np.median(before_log[g]) for g in groups])
    y = np.array([np.median(now_log[g]) for g in groups])
    if x[-1] - x[0] < MIN_LOG_SPREAD:
        return 1.0  # a flat view has no spread to measure a gamma on
    i, j = np.triu_indices(GAMMA_GROUPS, k=1)
    apart = (x[j] - x[i]) > MIN_LOG_SPREAD / GAMMA_GROUPS
    if not apart.any():
        return 1.0
    slopes = (y[j] - y[i])[apart] / (x[j] - x[i])[apart]
    return float(np.clip(np.median(slopes), *GAMMA_RANGE))


def _changed_share(
    now: npt.NDArray[np.float32],
    before: npt.NDArray[np.float32],
    edges: npt.NDArray[np.float32],
    gamma: float,
) -> float:
    """Share of a seat's pixels that differ from its reference once the tones are matched.

    The view's tone curve (`_tone_gamma`) is applied about the seat's median, and the seat's
    gain is the ratio of the medians, which an object covering less than half of the seat
    barely moves (a mean or a spread would let the object hide itself). Each pixel may differ
    by its reference's gradient times the shift we tolerate (a camera that moved a pixel or
    two), plus sensor and compression noise, both scaled by how the tones were stretched there.
    """
    now_median = float(np.log(max(float(np.median(now)), 1.0)))
    ref_median = float(np.log(max(float(np.median(before)), 1.0)))
    gain = float(np.clip(now_median - ref_median, -MAX_LOG_GAIN, MAX_LOG_GAIN))
    base = np.maximum(before, 1.0)
    expected = np.exp(ref_median + gain + gamma * (np.log(base) - ref_median))
    stretch = np.clip(gamma * expected / base, 0.25, 4.0)  # d expected / d before
    tolerance = (NOISE_LEVELS + TOLERATED_SHIFT_PX * edges) * stretch
    return float(np.mean(np.abs(now - expected) > tolerance))


GAMMA_RANGE = (0.67, 1.5)
"""How far the tone curve between reference and frame may bend: dusk and auto-exposure stay
inside it; a seat that looks this different is changed, not relit."""
MAX_LOG_GAIN = float(np.log(2.0))
"""Most brightening or darkening (a factor of 2 either way) matched away as lighting."""
MIN_LOG_SPREAD = 0.05
"""Least spread (log grey levels, darkest to brightest group median) of a view to measure a
gamma on."""
GAMMA_SAMPLE_STEP = 4
"""Every 4th pixel each way measures the view's tone curve, which needs no detail."""
GAMMA_GROUPS = 8
"""Grey-level groups of the view's pixels that the tone curve is fitted through."""
NOISE_LEVELS = 12.0
"""Grey levels a pixel may wander with sensor noise and compression."""
MOTION_LEVELS = 6.0
"""Least grey levels (0-255, working size, lightly blurred) a pixel must change by between two
frames to count as moved: above a clean stream's noise, below a shifting sleeve."""
MOTION_NOISE_FACTOR = 3.0
"""A pixel counts as moved only when it changed this many times more than the view's median
pixel did: each frame pair sets its own bar, so the flicker of a noisy, heavily compressed
stream does not read as a seat that moves, nor a change of the whole view (the light, a moved
camera), which raises the median with it."""
TOLERATED_SHIFT_PX = 1.5
"""Residual misalignment (in working pixels) the change measure forgives."""


def _gradient(image: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3) / 8
    return np.asarray(np.sqrt(gx * gx + gy * gy), np.float32)


def _assign_one_to_one(match: npt.NDArray[np.float64], minimum: float) -> dict[int, int]:
    """Greedy best-first matching: each person to at most one seat and back. seat -> person."""
    assigned: dict[int, int] = {}
    if match.size == 0:
        return assigned
    taken_people: set[int] = set()
    order = np.argsort(-match, axis=None, kind="stable")
    for flat in order:
        person, seat = divmod(int(flat), match.shape[1])
        if match[person, seat] < minimum:
            break
        if person in taken_people or seat in assigned:
            continue
        assigned[seat] = person
        taken_people.add(person)
    return assigned
