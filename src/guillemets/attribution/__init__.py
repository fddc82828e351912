"""Learned attribution: who said what, from the dependency parse and a small scorer shipped as data.

``en`` holds the English extractor learned from PolNeAR TRAIN (see docs/english.md).
"""
