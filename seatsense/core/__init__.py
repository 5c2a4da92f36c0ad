"""Pure seat logic with no OpenCV or ONNX Runtime: layouts, the seat engine, statistics, status
snapshots and camera URLs. Imports nothing from the other folders, so Home Assistant's Alpine images
can load it.
"""
