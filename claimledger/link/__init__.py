"""Link: the same proposition across articles — who affirms, who denies, independent origins, timelines."""
