"""The app's screens, one module each (imported lazily where they are pushed)."""
