"""Tests of poolscope_probe (python3 -m unittest discover -s probe/tests -t probe)."""
