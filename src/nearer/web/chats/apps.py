from django.apps import AppConfig


class ChatsConfig(AppConfig):
    name = "nearer.web.chats"
    label = "chats"

    def ready(self) -> None:
        # A server that stopped mid-upload leaves its temporary file behind: remove it now.
        # Only files on disk here; stale rows are failed lazily (no database access at start-up).
        from nearer.web.chats.uploads import sweep_files

        sweep_files()
