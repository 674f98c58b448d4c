"""Training code for the PlateStream recognition models (detector, recogniser with colour head)."""
