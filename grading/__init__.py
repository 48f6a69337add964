"""The instructor's side of the course: build releases, grade a class in a sandbox,
flag tampering, write feedback and reports. Nothing here is imported by notebooks;
what students may import lives in ``mlcourse``."""
