"""nearer: a private, self-hosted companion for emotional intimacy in couples."""

__version__ = "0.1.0.dev0"
