"""Extract: claims (attribution + certainty), speakers (actors), events and dates from a parsed document."""
