"""Running a site continuously: the monitor (sources -> pipeline -> events) and the SQLite event
store.
"""
