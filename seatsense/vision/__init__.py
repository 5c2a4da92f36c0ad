"""From pixels to seat verdicts. Needs the `detect` extra (OpenCV, ONNX Runtime).

`detect` (one module per backend), `evidence` (per-seat verdicts against empty references),
`registration` (frame onto reference), `tiles` (seat tiles and the merge of their detections),
`gate` (reuse of an inference while the seats look the same), `pipeline` (`Pipeline` and one
`CameraPipeline` per camera), `draw` (annotated frames).
"""
