"""The chat analyser: one parser per source -> one message table -> signals -> weeks -> report.

Pure like the domain: no Django, Typer or Rich, no file or network I/O, no clock. Callers read the
files and hand over their bytes.
"""
