#!/usr/bin/python3
"""A small RTSP server for tests and benchmarks: `/ch1`..`/chN` from looped H.264 files.

The server process that `tests.support.rtsp_server.RtspServer` starts. It runs with Debian's
system Python (where `python3-gi` and GStreamer's RTSP server live), not the project's venv,
as a script: it is never imported. Every channel is one shared GStreamer pipeline that reads
an Annex-B H.264 file in a loop, re-timestamps it at the stream's own frame rate and
packetises it without re-encoding, so 16 channels cost a few percent of a core.

    /usr/bin/python3 tests/support/gst_rtsp_server.py --file clip.h264 --channels 16 --port 0
    # prints the bound port on stdout as its ready line, then serves until killed

`--file` may be given several times: channel k then serves file (k - 1) mod count, so
channels can show different scenes.

`--user`/`--password` turn on authentication (`--auth basic` or `--auth digest`).
"""

from __future__ import annotations

import argparse
import signal
import sys

import gi  # type: ignore[import-not-found, unused-ignore]

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import (  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
    GLib,
    Gst,
    GstRtsp,
    GstRtspServer,
)

ROLE = "user"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file",
        required=True,
        action="append",
        help="Annex-B H.264 elementary stream without B-frames (.h264); repeat for several",
    )
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--fps", type=int, default=25, help="frame rate of the file")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--auth", choices=("basic", "digest"), default="basic")
    return parser.parse_args(argv)


def launch_line(path: str, fps: int) -> str:
    # multifilesrc hands out the whole file per buffer, again and again; h264parse splits it
    # into access units and, with the frame rate given, interpolates continuous decode
    # timestamps across the loops: an endless live-like stream without re-encoding.
    location = path.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f'( multifilesrc location="{location}" loop=true '
        f'caps="video/x-h264,stream-format=byte-stream,framerate={fps}/1" '
        "! h264parse name=parse ! rtph264pay name=pay0 pt=96 config-interval=0 )"
    )


def copy_dts_to_pts(_pad: Gst.Pad, info: Gst.PadProbeInfo) -> Gst.PadProbeReturn:
    # h264parse only interpolates DTS for a bare elementary stream; rtph264pay stamps RTP
    # packets with the PTS. The test clips have no B-frames, so PTS == DTS.
    buffer = info.get_buffer()
    buffer.pts = buffer.dts
    return Gst.PadProbeReturn.OK


def on_media_configure(
    _factory: GstRtspServer.RTSPMediaFactory, media: GstRtspServer.RTSPMedia
) -> None:
    parse = media.get_element().get_by_name("parse")
    parse.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, copy_dts_to_pts)


def make_auth(args: argparse.Namespace) -> GstRtspServer.RTSPAuth:
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, ROLE)
    if args.auth == "digest":
        auth.add_digest(args.user, args.password, token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    else:
        basic = GstRtspServer.RTSPAuth.make_basic(args.user, args.password)
        auth.add_basic(basic, token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
    return auth


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    secured = args.user is not None
    if secured:
        server.set_auth(make_auth(args))
    mounts = server.get_mount_points()
    for channel in range(1, args.channels + 1):
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch_line(args.file[(channel - 1) % len(args.file)], args.fps))
        factory.set_shared(True)
        factory.connect("media-configure", on_media_configure)
        if secured:
            factory.add_role_from_structure(
                Gst.Structure.new_from_string(
                    f"{ROLE}, media.factory.access=(boolean)true, "
                    "media.factory.construct=(boolean)true"
                )
            )
        mounts.add_factory(f"/ch{channel}", factory)
    if server.attach(None) == 0:
        print(f"cannot listen on {args.host}:{args.port}", file=sys.stderr)
        return 1
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    print(server.get_bound_port(), flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
