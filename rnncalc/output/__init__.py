"""The output layer: everything that turns a result into text or a picture, and nothing that computes one.

report      what a view hands over: tables declared once (columns, rows), texts, heatmaps, charts
emit        a report in a format (table, JSON, CSV, Markdown, LaTeX, -q), written to stdout in one piece
render      the table for people (Rich), and its Markdown and LaTeX forms
terminals   what the terminal can show: width, colour, Unicode or ASCII
scale       the glyphs and colours a heatmap or a bar is drawn on
plot        the same report as a PNG, SVG or PDF file (matplotlib, the `plot` extra)
"""
