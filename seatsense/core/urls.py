"""Source URLs: NVR channel URLs, and credentials put into and scrubbed out of URLs and text.

Only the standard library: the Home Assistant integration needs these on systems where the
capture dependencies (PyAV, OpenCV) are not installed.

>>> nvr_url("hikvision", "192.0.2.10", channel=3, stream="main")
'rtsp://192.0.2.10:554/Streaming/Channels/301'
>>> scrub_credentials(with_credentials("rtsp://192.0.2.10/ch1", "admin", "hunter2"))
'rtsp://192.0.2.10/ch1'
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Literal

Vendor = Literal["hikvision", "dahua", "generic"]
StreamKind = Literal["main", "sub"]

GENERIC_TEMPLATE = "rtsp://{host}:{port}/ch{channel}"

_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/]*@")
_PASSWORD_PARAM = re.compile(r"(?i)([?&;](?:password|passwd|pwd|pass)=)[^&;#\s'\"]*")


def scrub_credentials(text: str) -> str:
    """Remove `user:password@` from every URL in `text`, and the values of password parameters.

    >>> scrub_credentials("cannot open rtsp://admin:hunter2@10.0.0.5:554/ch1")
    'cannot open rtsp://10.0.0.5:554/ch1'
    >>> scrub_credentials("http://cam/snap.cgi?user=admin&password=hunter2&ch=1")
    'http://cam/snap.cgi?user=admin&password=***&ch=1'
    """
    text = _URL_USERINFO.sub(r"\1", text)
    return _PASSWORD_PARAM.sub(r"\1***", text)


def with_credentials(url: str, username: str | None, password: str | None) -> str:
    """`url` with the user name and password (percent-encoded) in it, replacing any there.

    >>> with_credentials("rtsp://10.0.0.5/ch1", "admin", "p@ss:word")
    'rtsp://admin:p%40ss%3Aword@10.0.0.5/ch1'
    """
    if username is None and password is None:
        return url
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    userinfo = urllib.parse.quote(username or "", safe="")
    if password is not None:
        userinfo += ":" + urllib.parse.quote(password, safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{userinfo}@{host}"))


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """`url` without its `user:password@`, and the user name and password that were in it
    (decoded; None where there was none).

    >>> split_credentials("rtsp://admin:p%40ss@10.0.0.5:554/ch1")
    ('rtsp://10.0.0.5:554/ch1', 'admin', 'p@ss')
    >>> split_credentials("rtsp://10.0.0.5/ch1")
    ('rtsp://10.0.0.5/ch1', None, None)
    """
    parts = urllib.parse.urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    if not at:
        return url, None, None
    username, colon, password = userinfo.partition(":")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=host))
    return (
        bare,
        urllib.parse.unquote(username) or None,
        urllib.parse.unquote(password) if colon else None,
    )


def nvr_url(
    vendor: Vendor,
    host: str,
    channel: int,
    stream: StreamKind = "sub",
    port: int = 554,
    username: str | None = None,
    password: str | None = None,
    template: str | None = None,
) -> str:
    """The RTSP URL of one NVR channel.

    Hikvision: `/Streaming/Channels/{channel}0{1 main | 2 sub}`; Dahua:
    `/cam/realmonitor?channel={channel}&subtype={0 main | 1 sub}`; generic: `template`
    (default `rtsp://{host}:{port}/ch{channel}`). A template may use `{host}`, `{port}`,
    `{channel}`, `{stream}` (main/sub), `{stream_id}` (1/2) and `{subtype}` (0/1); one that
    starts with `/` is a path on `rtsp://host:port`.

    >>> nvr_url("dahua", "10.0.0.5", 4)
    'rtsp://10.0.0.5:554/cam/realmonitor?channel=4&subtype=1'
    >>> nvr_url("generic", "10.0.0.5", 2, template="/live/{channel}/{stream}", username="u",
    ...         password="p")
    'rtsp://u:p@10.0.0.5:554/live/2/sub'
    """
    if channel < 1:
        raise ValueError(f"NVR channels count from 1, not {channel}")
    if stream not in ("main", "sub"):
        raise ValueError(f"stream must be 'main' or 'sub', not {stream!r}")
    if template is None:
        if vendor == "hikvision":
            template = "/Streaming/Channels/{channel}0{stream_id}"
        elif vendor == "dahua":
            template = "/cam/realmonitor?channel={channel}&subtype={subtype}"
        elif vendor == "generic":
            template = GENERIC_TEMPLATE
        else:
            raise ValueError(f"unknown NVR vendor {vendor!r}")
    url_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    main = stream == "main"
    url = template.format(
        host=url_host, port=port, channel=channel, stream=stream,
        stream_id=1 if main else 2, subtype=0 if main else 1,
    )
    if "://" not in url:
        url = f"rtsp://{url_host}:{port}/{url.lstrip('/')}"
    return with_credentials(url, username, password)


__all__ = [
    "GENERIC_TEMPLATE",
    "StreamKind",
    "Vendor",
    "nvr_url",
    "scrub_credentials",
    "with_credentials",
]
