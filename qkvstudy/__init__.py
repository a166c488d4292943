"""qkvstudy: spaced-repetition study of ML-interview notes, with attention drills."""

__version__ = "0.1.0"
