"""Where frames come from: RTSP/HTTP/file/image-folder sources and the grabber that keeps the
newest frame. Needs the `detect` extra (PyAV, OpenCV).
"""
