"""Test support that the benchmarks share: the loopback RTSP server."""
