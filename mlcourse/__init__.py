"""Shared code of the ML exercise course: data generators, checks with helpful
failure messages, plotting helpers, and the instructor pipeline (`python -m mlcourse`).
It holds no reference solutions: anything a student can import, a student can read."""
