"""Each command's result as a Report: tables and text for people, data for scripts. Views only render."""
