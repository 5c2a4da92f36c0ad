"""Benchmarks of seatsense, kept out of the shipped package (they need ffmpeg and Debian's
GStreamer RTSP server). Run them from the repository root:

    python -m benchmarks.bench --channels 16 --json
    python -m benchmarks.bench_server --clients 50 --cameras 16 --json

benchmarks/README.md has the method and the numbers.
"""
