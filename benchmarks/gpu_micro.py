"""Per-stage costs behind the GPU row: demux, key-frame decode, BGR conversion, the change
gate, Ultralytics preprocessing and the model itself, each timed alone on one core.

    python3 benchmarks/gpu_micro.py CLIP.mp4 MODEL.pt   # from the repository root

Prints one JSON object (milliseconds per item, and what that means per 1080p channel per
3 s cycle). Used by benchmarks/gpu_row.sh; runs on a CPU-only box too (slowly).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import av
import cv2


def _time(fn: Any, repeat: int) -> float:
    fn()
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat * 1000


def main(clip: str, model: str) -> dict[str, Any]:
    """Every stage's cost on `clip` (an .mp4 of the bench scene) with `model` (a .pt)."""
    out, bgr, keyframes = _decode_costs(clip)
    crops = _detector_costs(bgr, model, out)
    out["per_channel_cycle"] = {
        "packets_per_cycle": 75,
        "demux_ms": round(75 * out["demux_ms_per_packet"], 2),
        "decode_and_bgr_ms": round(out["keyframe_decode_ms"] + out["to_bgr_ms"], 2),
        "crops_per_inference": crops,
    }
    out["keyframes_in_clip"] = keyframes
    return out


def _decode_costs(clip: str) -> tuple[dict[str, Any], Any, int]:
    """Demux, key-frame decode, BGR conversion and the gate's thumbnail; also returns a BGR
    frame of the clip and how many key frames it has."""
    out: dict[str, Any] = {}
    container = av.open(clip)
    stream = container.streams.video[0]
    packets = [p for p in container.demux(stream) if p.size]
    keys = [p for p in packets if p.is_keyframe]
    container.close()
    container = av.open(clip)
    stream = container.streams.video[0]
    started = time.perf_counter()
    count = sum(1 for p in container.demux(stream) if p.size)
    out["demux_ms_per_packet"] = round((time.perf_counter() - started) / count * 1000, 4)
    ctx: Any = av.CodecContext.create("h264", "r")  # a video decoder; the stubs say less
    ctx.extradata = stream.codec_context.extradata
    ctx.thread_count = 1
    ctx.skip_frame = "NONKEY"

    def decode_key() -> Any:
        frames = ctx.decode(keys[1])
        frames = frames or ctx.decode(None)
        ctx.flush_buffers()
        return frames[-1]

    frame = decode_key()
    out["keyframe_decode_ms"] = round(_time(decode_key, 30), 2)
    out["to_bgr_ms"] = round(_time(lambda: frame.to_ndarray(format="bgr24"), 30), 2)
    bgr = frame.to_ndarray(format="bgr24")
    out["gate_thumbnail_ms"] = round(
        _time(
            lambda: cv2.resize(
                cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), (96, 54), interpolation=cv2.INTER_AREA
            ),
            30,
        ),
        2,
    )
    container.close()
    return out, bgr, len(keys)


def _detector_costs(bgr: Any, model: str, out: dict[str, Any]) -> int | None:
    """Ultralytics on the bench camera's crops (and the bare network on the GPU) into `out`;
    returns the crops per camera inference (None when the detector could not be loaded)."""
    crops: list[Any] | None = None
    try:
        from benchmarks.scenes import bench_site
        from seatsense.vision.detect import UltralyticsDetector
        from seatsense.vision.tiles import plan_tiles

        site = bench_site(["x"], bgr.shape[1], bgr.shape[0], 3.0, model)
        tiles = plan_tiles(site.cameras[0])
        crops = [bgr[t.y1 : t.y2, t.x1 : t.x2] for t in tiles]
        detector = UltralyticsDetector(model)
        for batch in (4, 64, 256):
            images = (crops * (batch // len(crops) + 1))[:batch]
            detector.detect(images)
            started = time.perf_counter()
            detector.detect(images)
            out[f"detect_ms_per_crop_batch{batch}"] = round(
                (time.perf_counter() - started) / batch * 1000, 3
            )
        _forward_costs(detector, out)
    except Exception as err:  # no Ultralytics or no GPU here
        out["detector_error"] = f"{type(err).__name__}: {str(err)[:200]}"
    return None if crops is None else len(crops)


def _forward_costs(detector: Any, out: dict[str, Any]) -> None:
    """The bare network's fp32 forward pass on the GPU, input already there."""
    try:
        import torch  # type: ignore[import-not-found, unused-ignore]

        net = detector._model.model.to("cuda").eval()
        for batch in (64, 256):
            x = torch.rand(batch, 3, 640, 640, device="cuda")
            with torch.inference_mode():
                net(x)
                torch.cuda.synchronize()
                started = time.perf_counter()
                for _ in range(3):
                    net(x)
                torch.cuda.synchronize()
            out[f"forward_fp32_ms_per_crop_batch{batch}"] = round(
                (time.perf_counter() - started) / 3 / batch * 1000, 3
            )
    except Exception as err:  # no GPU here: the stage is simply not measured
        out["forward_error"] = str(err)[:200]


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])), flush=True)
