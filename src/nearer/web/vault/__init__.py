"""Encryption at rest: private text under each person's own key, shared content under the
server's key, every ciphertext bound to its row and field. See crypto.py for the primitives."""
