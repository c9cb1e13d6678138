"""Fact-checking any tutorial: read it, find its examples, run them under each start method, judge, page."""
