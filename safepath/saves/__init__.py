"""What stays on the laptop: profiles, progress, settings and the anonymous results log (``storage``),
written through one atomic, checksummed, recoverable file format (``savefile``)."""
