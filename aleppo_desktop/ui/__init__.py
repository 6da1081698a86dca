"""Qt widgets and graphics items; they read core objects and follow the playback clock."""
