"""The pure rules of nearer: scoring, dyadic comparison, causes, safety, plans.

Nothing here imports Django, Typer or Rich, does I/O or reads the clock: the content, the answers,
today's date and any seed are passed in.
"""
