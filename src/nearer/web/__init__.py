"""The Django web app two partners share: one app per area, templates and static inside."""
