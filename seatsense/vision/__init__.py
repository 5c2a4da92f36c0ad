"""From pixels to seat verdicts: detection backends, seat evidence, tiling and the per-camera
pipeline. Needs the `detect` extra (OpenCV, ONNX Runtime).
"""
