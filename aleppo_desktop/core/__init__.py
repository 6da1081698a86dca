"""The Qt-free core: scenario model and loading, control over time, tweening, metrics, playback."""
