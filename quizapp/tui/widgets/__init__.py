"""Widgets that display cards, grades and counts; screens own the flow."""
